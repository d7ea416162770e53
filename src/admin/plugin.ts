import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyError, FastifyInstance } from 'fastify';
import { asset } from './assets.js';
import { cookiesSecure, isApiRequest } from './auth.js';
import { errorPage } from './pages/layout.js';
import auditRoutes from './routes/audit.js';
import catalogueRoutes from './routes/catalogue.js';
import flowRoutes from './routes/flow.js';
import signInRoutes from './routes/sign-in.js';
import { loggableError } from '../lib/loggable-error.js';

/** The console's content security policy: no inline script, nothing from elsewhere. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The console's routes under /admin, with their own headers, errors and not-found page. */
async function adminRoutes(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', CONSOLE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (cookiesSecure(app.config)) reply.header('strict-transport-security', 'max-age=31536000');
    if (!request.url.startsWith('/admin/assets/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error: FastifyError & { problems?: unknown }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: loggableError(error), route: request.routeOptions.url }, 'console request failed');
    const message = status >= 500 ? 'Something went wrong on our side; the error is logged.' : error.message;
    if (isApiRequest(request)) {
      return reply.code(status).send({
        statusCode: status,
        code: status >= 500 ? 'ADMIN_INTERNAL' : error.code ?? 'ADMIN_ERROR',
        message,
        ...(error.problems ? { problems: error.problems } : {}),
      });
    }
    return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, message, request.adminSession));
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRequest(request)) return reply.code(404).send({ statusCode: 404, code: 'ADMIN_NOT_FOUND', message: 'No such page' });
    return reply.code(404).type('text/html; charset=utf-8').send(errorPage(404, 'There is no such page in the console.', request.adminSession));
  });

  app.get('/', async (_request, reply) => reply.redirect('/admin/flow', 303));

  app.get('/assets/:name', async (request, reply) => {
    const file = asset((request.params as { name: string }).name);
    if (!file) return reply.callNotFound();
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(file.type).send(file.body);
  });

  await app.register(signInRoutes);
  await app.register(flowRoutes);
  await app.register(catalogueRoutes);
  await app.register(auditRoutes);
}

/**
 * The supervisor console. @fastify/cookie is registered for the whole app, so other console
 * pages (e.g. /admin/stats) can use requireRole from ./auth.js in their own plugins.
 */
async function adminPlugin(app: FastifyInstance) {
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  await app.register(adminRoutes, { prefix: '/admin' });
}

export default fp(adminPlugin, { name: 'admin-console', dependencies: ['config', 'database', 'flow'] });
