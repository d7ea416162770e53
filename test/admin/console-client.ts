import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createUser } from '../../src/admin/users.js';
import type { Role } from '../../src/admin/users.js';
import { cookiesSecure, sessionCookieName } from '../../src/admin/auth.js';

/** The session cookie's name on this app: "__Host-b311_admin" when its PUBLIC_BASE_URL is https. */
export function sessionCookieOf(app: FastifyInstance): string {
  return sessionCookieName(cookiesSecure(app.config));
}

export const PASSWORD = 'correct horse battery staple';

/** The cookies a response sets, as name → value. */
export function setCookies(response: LightMyRequestResponse): Map<string, string> {
  const header = response.headers['set-cookie'];
  const list = Array.isArray(header) ? header : header ? [header] : [];
  return new Map(list.map((c) => {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    return [pair!.slice(0, at), pair!.slice(at + 1)];
  }));
}

export function hiddenField(page: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!match) throw new Error(`no ${name} field in the page`);
  return match[1]!;
}

/** Fills and posts the sign-in form as a browser would: its token cookie and hidden field. */
export async function postSignIn(app: FastifyInstance, username: string, password: string, ip = '127.0.0.1', headers: Record<string, string> = {}) {
  const form = await app.inject({ method: 'GET', url: '/admin/sign-in', headers: { accept: 'text/html', ...headers }, remoteAddress: ip });
  const token = setCookies(form).get('b311_signin')!;
  return app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `b311_signin=${token}`, accept: 'text/html', ...headers },
    payload: new URLSearchParams({ _csrf: hiddenField(form.body, '_csrf'), username, password, next: '/admin/flow' }).toString(),
  });
}

/** A signed-in console user talking to the JSON API, CSRF token included. */
export class ConsoleClient {
  constructor(readonly app: FastifyInstance, readonly cookie: string, readonly csrf: string) {}

  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.app.inject({
      method,
      url,
      headers: {
        cookie: this.cookie,
        accept: url.includes('/api/') ? 'application/json' : 'text/html',
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
}

export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<ConsoleClient> {
  const response = await postSignIn(app, username, password);
  if (response.statusCode !== 303) throw new Error(`sign-in answered ${response.statusCode}`);
  const name = sessionCookieOf(app);
  const cookie = `${name}=${setCookies(response).get(name)}`;
  const page = await app.inject({ method: 'GET', url: '/admin/flow', headers: { cookie, accept: 'text/html' } });
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no CSRF token on the page');
  return new ConsoleClient(app, cookie, csrf);
}

export async function addUser(app: FastifyInstance, username: string, role: Role, password = PASSWORD) {
  return createUser(app.db, { username, password, role, actor: 'test' });
}
