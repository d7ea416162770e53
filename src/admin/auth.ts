import { timingSafeEqual } from 'node:crypto';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AdminErrors } from './errors.js';
import { findSession, type AdminSession } from './sessions.js';
import type { Role } from './users.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireRole: who is signed in. */
    adminSession?: AdminSession;
  }
}

export const SIGN_IN_PATH = '/admin/sign-in';
const RANK: Record<Role, number> = { viewer: 1, supervisor: 2 };
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/**
 * Whether the console's cookies are Secure (and the session's "__Host-" prefixed): whenever the
 * service is reached over https (PUBLIC_BASE_URL), or ADMIN_COOKIE_SECURE says so behind a
 * proxy that ends TLS for an http PUBLIC_BASE_URL.
 */
export function cookiesSecure(config: { ADMIN_COOKIE_SECURE: boolean; PUBLIC_BASE_URL: string }): boolean {
  return config.ADMIN_COOKIE_SECURE || /^https:/i.test(config.PUBLIC_BASE_URL);
}

/** The session cookie; "__Host-" (Secure, no Domain, Path=/) whenever cookies are Secure. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-b311_admin' : 'b311_admin';
}

export function cookieOptions(secure: boolean, expires?: Date) {
  return { path: '/', httpOnly: true, secure, sameSite: 'strict' as const, ...(expires ? { expires } : {}) };
}

/** The signed-in session of a request, looked up once per request. */
export async function sessionOf(request: FastifyRequest): Promise<AdminSession | undefined> {
  if (request.adminSession) return request.adminSession;
  const name = sessionCookieName(cookiesSecure(request.server.config));
  const token = request.cookies?.[name];
  if (!token || token.length > 100) return undefined;
  const session = await findSession(request.server.db, token);
  if (session) request.adminSession = session;
  return session;
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The synchronizer token sent with a state-changing request: a header (fetch) or a form field. */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** API routes answer 401; pages send the browser to the sign-in form and back. */
export function isApiRequest(request: FastifyRequest): boolean {
  return /\/api(\/|$|\?)/.test(request.url) || !(request.headers.accept ?? '').includes('text/html');
}

/**
 * A preHandler admitting only signed-in users of at least `role` (supervisor > viewer), and,
 * for POST/PUT/PATCH/DELETE, only with the session's CSRF token. Reusable by any console page
 * (e.g. /admin/stats): it needs only the app's `db` and `config` decorations and @fastify/cookie,
 * which the admin plugin registers for the whole app.
 */
export function requireRole(role: Role): preHandlerAsyncHookHandler {
  return async function checkRole(request: FastifyRequest, reply: FastifyReply) {
    const session = await sessionOf(request);
    if (!session) {
      if (!isApiRequest(request)) {
        return reply.redirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new AdminErrors.notSignedIn();
    }
    if (STATE_CHANGING.has(request.method) && !sameToken(csrfTokenOf(request), session.csrfToken)) {
      throw new AdminErrors.badCsrf();
    }
    if (RANK[session.role] < RANK[role]) throw new AdminErrors.forbidden(session.role);
  };
}

export function can(session: AdminSession | undefined, role: Role): boolean {
  return !!session && RANK[session.role] >= RANK[role];
}
