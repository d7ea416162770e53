import type { FastifyInstance } from 'fastify';
import { currentCatalogue } from './intake/catalogue-cache.js';
import { loadAreas } from './location/districts.js';
import { gazetteerIndex } from './location/gazetteer-index.js';
import { locationHints } from './location/hints.js';

/**
 * Loads the per-process caches (gazetteer index, district outlines, recogniser hints, service
 * catalogue) before the server takes calls, so the first caller after a restart does not wait
 * for them. Awaited before listening: a load started on the pool while a call's PGlite
 * transaction is open would wait for that transaction, which would be waiting for the load.
 */
export async function warmUp(app: FastifyInstance): Promise<number> {
  const started = performance.now();
  await gazetteerIndex(app.db);
  await loadAreas(app.db);
  await locationHints(app.db);
  await currentCatalogue(app.db);
  return Math.round(performance.now() - started);
}
