import type { FastifyError, FastifyInstance } from 'fastify';
import { isApiRequest, requireRole } from '../admin/auth.js';
import { errorPage } from '../admin/pages/layout.js';
import { statsAsset } from './assets.js';
import { toCsv } from './csv.js';
import { StatsErrors } from './errors.js';
import { cityStat, FIGURES, isFigure } from './figures.js';
import { parseFilter } from './filter.js';
import { areaOutlines } from './map.js';
import { statsPage } from './page.js';
import { CONSOLE_CSP } from '../admin/plugin.js';
import { loggableError } from '../lib/loggable-error.js';

// The console's own policy; chart.js styles its canvas through the CSSOM, which style-src allows.

/**
 * CityStat for signed-in console users (viewers and supervisors): the page at /admin/stats, all
 * figures at /admin/stats.json, each figure at /admin/stats/{figure}.csv, with the same
 * from / to / line parameters; the map's outlines at /admin/stats/areas.json.
 */
export default async function statsRoutes(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', CONSOLE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (!request.url.startsWith('/admin/stats/assets/')) reply.header('cache-control', 'private, no-store');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: loggableError(error), route: request.routeOptions.url }, 'CityStat request failed');
    const message = status >= 500 ? 'Something went wrong on our side; the error is logged.' : error.message;
    if (isApiRequest(request) || /\.(json|csv)(\?|$)/.test(request.url)) {
      return reply.code(status).send({ statusCode: status, code: status >= 500 ? 'STATS_INTERNAL' : error.code ?? 'STATS_ERROR', message });
    }
    return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, message, request.adminSession));
  });

  const signedIn = { preHandler: requireRole('viewer') };

  app.get('/admin/stats', signedIn, async (request, reply) => {
    const stat = await cityStat(app.db, parseFilter(request.query as Record<string, unknown>));
    return reply.type('text/html; charset=utf-8').send(statsPage(request.adminSession!, stat));
  });

  app.get('/admin/stats.json', signedIn, async (request) => cityStat(app.db, parseFilter(request.query as Record<string, unknown>)));

  app.get('/admin/stats/areas.json', signedIn, async (_request, reply) => {
    // The outlines are seed data: the browser may keep them for the session's day.
    reply.header('cache-control', 'private, max-age=86400');
    return areaOutlines(app.db);
  });

  app.get('/admin/stats/assets/:name', async (request, reply) => {
    const file = statsAsset((request.params as { name: string }).name);
    if (!file) return reply.code(404).send({ statusCode: 404, code: 'STATS_NOT_FOUND', message: 'No such file' });
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(file.type).send(file.body);
  });

  app.get('/admin/stats/:file', signedIn, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const name = file.endsWith('.csv') ? file.slice(0, -4) : '';
    if (!isFigure(name)) throw new StatsErrors.unknownFigure(file.slice(0, 40));
    const filter = parseFilter(request.query as Record<string, unknown>);
    const figure = FIGURES[name];
    const rows = await figure.rows(app.db, filter);
    const line = filter.line === 'both' ? 'both-lines' : filter.line;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="citystat-${name}-${filter.from}-${filter.to}-${line}.csv"`)
      .send(toCsv(figure.columns, rows));
  });
}
