import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import { cookieOptions, cookiesSecure, requireRole, sameToken, sessionCookieName, sessionOf, SIGN_IN_PATH } from '../auth.js';
import { dummyHash, verifyPassword } from '../passwords.js';
import { createSession, deleteSession, randomToken } from '../sessions.js';
import { beginSignIn, isRefusal, signInFailed, signInSucceeded } from '../throttle.js';
import { findUser } from '../users.js';
import { signInPage } from '../pages/sign-in.js';

// Guards the sign-in form itself (login CSRF) before any session exists: a double-submit token.
const SIGN_IN_COOKIE = 'b311_signin';

/** Only a path inside the console: never another site, never "//host". */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(\/[\w\-./?=&%]*)?$/.test(next) && !next.startsWith('//') ? next : '/admin/flow';
}

export default async function signInRoutes(app: FastifyInstance) {
  const { config } = app;
  const secure = cookiesSecure(config);
  const sessionCookie = sessionCookieName(secure);

  const showForm = (reply: FastifyReply, status: number, options: { next: string; error?: string; username?: string; notice?: string }) => {
    const csrf = randomToken();
    reply.setCookie(SIGN_IN_COOKIE, csrf, { ...cookieOptions(secure), path: SIGN_IN_PATH, maxAge: 1800 });
    return reply.code(status).type('text/html; charset=utf-8').send(signInPage({ csrf, ...options }));
  };

  app.get('/sign-in', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const next = safeNext(query.next);
    if (await sessionOf(request)) return reply.redirect(next, 303);
    return showForm(reply, 200, { next, ...(query.notice ? { notice: query.notice } : {}) });
  });

  app.post('/sign-in', async (request: FastifyRequest, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    const cookie = request.cookies[SIGN_IN_COOKIE];
    if (!cookie || !sameToken(typeof body._csrf === 'string' ? body._csrf : undefined, cookie)) {
      return showForm(reply, 403, { next, error: 'The sign-in form expired; please try again.' });
    }
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    const ip = request.ip;
    const limits = {
      perUser: config.ADMIN_SIGNIN_MAX_FAILURES,
      perAddress: config.ADMIN_SIGNIN_MAX_FAILURES_PER_IP,
      perAccount: config.ADMIN_SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      windowMinutes: config.ADMIN_SIGNIN_WINDOW_MIN,
      lockoutMinutes: config.ADMIN_SIGNIN_LOCKOUT_MIN,
    };
    // The attempt is counted before the password is checked, so parallel guesses cannot race
    // past the limit; a locked account is refused without its password ever being looked at.
    const attempt = await beginSignIn(app.db, ip, username, limits);
    if (isRefusal(attempt)) {
      const error =
        attempt.refused === 'account'
          ? `This account is locked after too many failed sign-ins. Try again in ${attempt.minutes} minute${attempt.minutes === 1 ? '' : 's'}.`
          : `Too many failed sign-ins. Wait ${attempt.minutes} minutes and try again.`;
      return showForm(reply, 429, { next, username, error });
    }
    const user = username ? await findUser(app.db, username) : undefined;
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    // A disabled account is refused exactly as a wrong password is: nothing says it exists.
    if (!user || !ok || user.disabledAt) {
      await signInFailed(app.db, attempt, limits);
      await audit(app.db, { actor: username || '(blank)', action: 'sign-in-failed', subject: username || '(blank)', detail: { ip } });
      return showForm(reply, 401, { next, username, error: 'Wrong username or password.' });
    }
    await signInSucceeded(app.db, attempt);
    // A fresh token at every sign-in; any session the browser still carried is ended.
    const previous = await sessionOf(request);
    if (previous) await deleteSession(app.db, previous.tokenHash);
    const session = await createSession(app.db, user.id, config.ADMIN_SESSION_HOURS);
    await audit(app.db, { actor: user.username, action: 'sign-in', subject: user.username, detail: { ip } });
    reply.setCookie(sessionCookie, session.token, cookieOptions(secure, session.expiresAt));
    reply.clearCookie(SIGN_IN_COOKIE, { path: SIGN_IN_PATH });
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const session = request.adminSession!;
    await deleteSession(app.db, session.tokenHash);
    await audit(app.db, { actor: session.username, action: 'sign-out', subject: session.username });
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.redirect(`${SIGN_IN_PATH}?notice=signed-out`, 303);
  });
}
