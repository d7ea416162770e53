import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { ensureDefaultFlow } from './revisions.js';

/** Publishes flows/main.json as the first revision on a fresh database. */
async function flowPlugin(app: FastifyInstance) {
  const loaded = await ensureDefaultFlow(app.db);
  app.log.info({ revision: loaded.revisionId, version: loaded.version }, 'live flow');
}

export default fp(flowPlugin, { name: 'flow', dependencies: ['database'] });
