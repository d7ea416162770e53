import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { adminSessions, auditLog } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, ConsoleClient, PASSWORD, postSignIn, sessionCookieOf, setCookies, signIn } from './console-client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addUser(t.app, 'sam', 'supervisor');
  await addUser(t.app, 'vic', 'viewer');
});
afterAll(async () => t?.close());

describe('console sign-in and permissions', () => {
  it('gives nothing without a session: 401 from the API, the sign-in form for pages', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/admin/api/draft' });
    expect(api.statusCode).toBe(401);
    expect(api.json().code).toBe('ADMIN_NOT_SIGNED_IN');
    const page = await t.app.inject({ method: 'GET', url: '/admin/flow', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Fflow');
    const publish = await t.app.inject({ method: 'POST', url: '/admin/api/publish', payload: { message: 'x' } });
    expect(publish.statusCode).toBe(401);
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie whose token is stored only as a hash', async () => {
    const response = await postSignIn(t.app, 'sam', PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/flow');
    const name = sessionCookieOf(t.app);
    const header = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith(`${name}=`))!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    const token = setCookies(response).get(name)!;
    const rows = await t.app.db.select().from(adminSessions).where(eq(adminSessions.tokenHash, createHash('sha256').update(token).digest('hex')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it.each([
    ['PUBLIC_BASE_URL is https', { PUBLIC_BASE_URL: 'https://311.example.org' }],
    ['ADMIN_COOKIE_SECURE is set behind an http PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'http://311.internal:3000', ADMIN_COOKIE_SECURE: 'true' }],
  ])('marks the cookie Secure, with the __Host- prefix, when %s', async (_when, env) => {
    const secure = await createTestApp(env, { database: t.database });
    try {
      const response = await postSignIn(secure.app, 'sam', PASSWORD);
      const header = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('__Host-b311_admin='));
      expect(header).toMatch(/; Secure/);
      expect(header).toMatch(/Path=\//);
      expect(header).not.toMatch(/Domain=/);
      expect(response.headers['strict-transport-security']).toBeDefined();
    } finally {
      await secure.close();
    }
  });

  it('keeps a plain cookie, without Secure, for an http PUBLIC_BASE_URL', async () => {
    const plain = await createTestApp({ PUBLIC_BASE_URL: 'http://localhost:3000' }, { database: t.database });
    try {
      const response = await postSignIn(plain.app, 'sam', PASSWORD);
      const header = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('b311_admin='));
      expect(header).toBeDefined();
      expect(header).not.toMatch(/; Secure/);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('refuses a wrong password and records the failure', async () => {
    const response = await postSignIn(t.app, 'sam', 'not the password at all');
    expect(response.statusCode).toBe(401);
    expect(response.body).toMatch(/Wrong username or password/);
    const failures = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'sign-in-failed'));
    expect(failures.some((f) => f.subject === 'sam')).toBe(true);
  });

  it('refuses a sign-in form posted without its token (login CSRF)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ username: 'sam', password: PASSWORD }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(setCookies(response).has(sessionCookieOf(t.app))).toBe(false);
  });

  it('stops signing in an address and username after five failures, even with the right password', async () => {
    const ip = '203.0.113.7';
    await addUser(t.app, 'rita', 'viewer');
    for (let i = 0; i < 5; i++) expect((await postSignIn(t.app, 'rita', `wrong password ${i}`, ip)).statusCode).toBe(401);
    const blocked = await postSignIn(t.app, 'rita', PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(setCookies(blocked).has(sessionCookieOf(t.app))).toBe(false);
    // The limit is per address and username: the same person elsewhere still gets in.
    expect((await postSignIn(t.app, 'rita', PASSWORD, '198.51.100.9')).statusCode).toBe(303);
  });

  it('refuses a state-changing request with a forged or missing CSRF token', async () => {
    const sam = await signIn(t.app, 'sam');
    const draft = (await sam.get('/admin/api/draft')).json();
    const body = { document: draft.document, expectedVersion: draft.version };
    const forged = await sam.request('PUT', '/admin/api/draft', body, { 'x-csrf-token': 'forged-token' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('ADMIN_BAD_CSRF');
    const missing = await t.app.inject({ method: 'PUT', url: '/admin/api/draft', headers: { cookie: sam.cookie }, payload: body });
    expect(missing.statusCode).toBe(403);
    // Another session's token is not this session's token either.
    const other = await signIn(t.app, 'sam');
    expect((await new ConsoleClient(t.app, sam.cookie, other.csrf).put('/admin/api/draft', body)).statusCode).toBe(403);
    expect((await sam.put('/admin/api/draft', body)).statusCode).toBe(200);
  });

  it('lets a viewer read and try but not edit, publish, roll back or change the catalogue', async () => {
    const vic = await signIn(t.app, 'vic');
    expect((await vic.get('/admin/flow')).statusCode).toBe(200);
    expect((await vic.get('/admin/flow/draft')).statusCode).toBe(200);
    expect((await vic.post('/admin/api/try', {})).statusCode).toBe(200);
    const draft = (await vic.get('/admin/api/draft')).json();
    const edit = await vic.put('/admin/api/draft', { document: draft.document, expectedVersion: draft.version });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().code).toBe('ADMIN_FORBIDDEN');
    expect((await vic.post('/admin/api/publish', { message: 'sneaky' })).statusCode).toBe(403);
    expect((await vic.post('/admin/api/revisions/1/rollback')).statusCode).toBe(403);
    // Nor does the console offer a viewer the controls.
    expect((await vic.get('/admin/flow/draft')).body).not.toContain('data-action="save"');
    expect((await vic.get('/admin/flow/history')).body).not.toContain('Roll back to version');
    expect((await vic.put('/admin/api/catalogue/potholes', { keywords: { en: ['x'], es: [] }, departmentCode: 'x', handling: 'report' })).statusCode).toBe(403);
  });

  it('ends the session at sign-out', async () => {
    const sam = await signIn(t.app, 'sam');
    const out = await sam.request('POST', '/admin/sign-out', {}, { accept: 'text/html' });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/sign-in?notice=signed-out');
    expect((await sam.get('/admin/api/draft')).statusCode).toBe(401);
    const actions = (await t.app.db.select().from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['sign-in', 'sign-out']));
  });

  it('sends pages with a script-only-from-self content security policy', async () => {
    const sam = await signIn(t.app, 'sam');
    const page = await sam.get('/admin/flow/draft');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });
});
