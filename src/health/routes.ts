import type { FastifyInstance } from 'fastify';
import { withTimeout } from '../lib/with-timeout.js';

/** Liveness and readiness for load balancers and orchestrators. */
export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const timeout = app.config.DB_TIMEOUT_MS;
    try {
      await withTimeout(app.database.ping(), timeout);
      return { status: 'ready', database: app.database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: app.database.kind });
    }
  });
}
