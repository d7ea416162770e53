import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { withTimeout } from '../lib/with-timeout.js';
import { METRICS_CONTENT_TYPE } from '../plugins/metrics.js';
import { lineGauges } from './line-gauges.js';
import { fromThisMachine } from './loopback.js';

/** How long the gauges read from the database are reused: a scrape costs the line nothing. */
export const GAUGE_MAX_AGE_MS = 5000;

/**
 * Prometheus metrics at /metrics. With METRICS_TOKEN set, only with `Authorization: Bearer
 * <token>`; without it, only to a scraper on this machine. The address is the socket's own, never
 * X-Forwarded-For: behind a proxy every request would otherwise look local, or could claim to be.
 */
export default async function metricsRoutes(app: FastifyInstance) {
  const { config, metrics } = app;
  const gauges = lineGauges(app.db, metrics, GAUGE_MAX_AGE_MS);
  const token = config.METRICS_TOKEN ? Buffer.from(`Bearer ${config.METRICS_TOKEN}`) : undefined;

  const allowed = (request: FastifyRequest): 'ok' | 401 | 403 => {
    if (token) {
      const given = Buffer.from(request.headers.authorization ?? '');
      return given.length === token.length && timingSafeEqual(given, token) ? 'ok' : 401;
    }
    return fromThisMachine(request) ? 'ok' : 403;
  };

  app.get('/metrics', async (request, reply) => {
    const verdict = allowed(request);
    if (verdict === 401) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('Unauthorized: a bearer token is required');
    }
    if (verdict === 403) {
      return reply.code(403).type('text/plain').send('Forbidden: metrics answer only on this machine unless METRICS_TOKEN is set');
    }
    await withTimeout(gauges.refresh(), config.DB_TIMEOUT_MS).catch(() => metrics.databaseUp.set(0));
    return reply.type(METRICS_CONTENT_TYPE).send(await metrics.render());
  });
}
