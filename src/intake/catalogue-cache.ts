import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { loadCatalogue, type Catalogue, type CatalogueEntry } from './catalogue.js';
import { buildClassifier, type Classifier } from './classify.js';

export interface LoadedCatalogue extends Catalogue {
  classifier: Classifier;
  byCode: Map<string, CatalogueEntry>;
}

/**
 * Supervisors edit the catalogue on any instance; every instance checks for a change after this
 * long. The check is one tiny query; the classifier index (some 20 ms of CPU, which would stall
 * every call in flight) is rebuilt only when the catalogue really changed.
 */
export const CATALOGUE_TTL_MS = 10_000;

interface Cached {
  at: number;
  version: string;
  value: Promise<LoadedCatalogue>;
}

let cached: Cached | undefined;

async function catalogueVersion(db: DbOrTx): Promise<string> {
  const [row] = await executeRows<{ version: string }>(
    db,
    sql`select concat(count(*), '/', coalesce(max(updated_at)::text, ''), '/', (select count(*) from departments)) as version from services`,
  );
  return row?.version ?? '';
}

export async function currentCatalogue(db: DbOrTx, now = Date.now()): Promise<LoadedCatalogue> {
  const hit = cached;
  if (hit && now - hit.at < CATALOGUE_TTL_MS) return hit.value;
  const version = await catalogueVersion(db);
  if (hit && hit.version === version && cached === hit) {
    hit.at = now;
    return hit.value;
  }
  const value = loadCatalogue(db).then((catalogue) => ({
    ...catalogue,
    classifier: buildClassifier(catalogue.services),
    byCode: new Map(catalogue.services.map((s) => [s.code, s])),
  }));
  const entry: Cached = { at: now, version, value };
  cached = entry;
  // A failed load must not stick: the next call tries again.
  value.catch(() => {
    if (cached === entry) cached = undefined;
  });
  return value;
}

/** Drops the cached catalogue (after a supervisor's edit on this instance, and in tests). */
export function forgetCatalogue(): void {
  cached = undefined;
}
