import type { FastifyInstance } from 'fastify';

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

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
