import type { FastifyInstance } from 'fastify';
import { dumpPglite } from '../../db/backup.js';
import { fromThisMachine } from './loopback.js';

/**
 * GET /ops/backup: a consistent copy of the embedded database while the service runs, for
 * `npm run backup`. Only to this machine (the copy holds callers' numbers and words): the
 * connection's own address must be loopback. On PostgreSQL, 409: back up with pg_dump.
 */
export default async function backupRoutes(app: FastifyInstance) {
  app.get('/ops/backup', async (request, reply) => {
    if (!fromThisMachine(request)) {
      return reply.code(403).type('text/plain').send('Forbidden: backups are taken only on this machine (npm run backup)');
    }
    const { pglite } = app.database;
    if (!pglite) {
      return reply.code(409).type('text/plain').send('This service runs on PostgreSQL: back it up with pg_dump');
    }
    const started = performance.now();
    const dump = await dumpPglite(pglite);
    const body = Buffer.from(await dump.arrayBuffer());
    request.log.info({ bytes: body.length, ms: Math.round(performance.now() - started) }, 'database backup taken');
    return reply
      .type('application/gzip')
      .header('content-disposition', 'attachment; filename="b311-pglite-backup.tar.gz"')
      .header('cache-control', 'no-store')
      .send(body);
  });
}
