import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAudit } from '../audit.js';
import { requireRole } from '../auth.js';
import { auditPage } from '../pages/audit.js';

const PAGE = 100;

function pageOf(request: FastifyRequest) {
  const before = Number((request.query as { before?: string }).before);
  return { limit: PAGE, ...(Number.isSafeInteger(before) && before > 0 ? { before } : {}) };
}

export default async function auditRoutes(app: FastifyInstance) {
  app.get('/audit', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const rows = await listAudit(app.db, pageOf(request));
    const next = rows.length === PAGE ? rows[rows.length - 1]!.id : undefined;
    return reply.type('text/html; charset=utf-8').send(auditPage({ session: request.adminSession!, rows, next }));
  });

  app.get('/api/audit', { preHandler: requireRole('viewer') }, async (request) => ({ entries: await listAudit(app.db, pageOf(request)) }));
}
