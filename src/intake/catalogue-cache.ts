import type { DbOrTx } from '../../db/client.js';
import { loadCatalogue, type Catalogue, type CatalogueEntry } from './catalogue.js';
import { buildClassifier, type Classifier } from './classify.js';

export interface LoadedCatalogue extends Catalogue {
  classifier: Classifier;
  byCode: Map<string, CatalogueEntry>;
}

/**
 * Supervisors edit the catalogue on any instance; every instance reloads it after this long.
 * The classifier index is rebuilt only then, never on the hot path of a call.
 */
export const CATALOGUE_TTL_MS = 10_000;

let cached: { at: number; value: Promise<LoadedCatalogue> } | undefined;

export function currentCatalogue(db: DbOrTx, now = Date.now()): Promise<LoadedCatalogue> {
  if (cached && now - cached.at < CATALOGUE_TTL_MS) return cached.value;
  const value = loadCatalogue(db).then((catalogue) => ({
    ...catalogue,
    classifier: buildClassifier(catalogue.services),
    byCode: new Map(catalogue.services.map((s) => [s.code, s])),
  }));
  cached = { at: now, value };
  // A failed load must not stick: the next call tries again.
  value.catch(() => {
    if (cached?.value === value) cached = undefined;
  });
  return value;
}

/** Drops the cached catalogue (after a supervisor's edit on this instance, and in tests). */
export function forgetCatalogue(): void {
  cached = undefined;
}
