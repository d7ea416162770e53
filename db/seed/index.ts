import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { seedRuns } from '../schema/index.js';
import { catalogueSeed } from './catalogue.js';
import { gazetteerSeed } from './gazetteer.js';
import type { SeedUnit } from './unit.js';

export type { SeedUnit } from './unit.js';
export { insertChunked } from './unit.js';

import { seedDir } from './paths.js';
export { seedDir };

export const seedUnits: SeedUnit[] = [catalogueSeed, gazetteerSeed];

export interface SeedResult {
  name: string;
  rows: number;
  skipped: boolean;
  ms: number;
}

function checksum(unit: SeedUnit): string {
  const hash = createHash('sha256').update(`v${unit.version}`);
  for (const file of unit.files) hash.update(readFileSync(path.join(seedDir, file)));
  return hash.digest('hex');
}

/** Loads every unit whose checksum differs from the one recorded; idempotent. */
export async function seed(db: Db, units: SeedUnit[] = seedUnits): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const unit of units) {
    const started = performance.now();
    const sum = checksum(unit);
    const result = await db.transaction(async (tx) => {
      // Serialises concurrent first starts of several instances on one PostgreSQL.
      await tx.execute(sql`select pg_advisory_xact_lock(311, hashtext(${unit.name}))`);
      const [done] = await tx.select().from(seedRuns).where(eq(seedRuns.name, unit.name));
      if (done?.checksum === sum) return { rows: done.rows, skipped: true };
      const rows = await unit.load(tx);
      await tx
        .insert(seedRuns)
        .values({ name: unit.name, checksum: sum, rows })
        .onConflictDoUpdate({ target: seedRuns.name, set: { checksum: sum, rows, appliedAt: new Date() } });
      return { rows, skipped: false };
    });
    results.push({ name: unit.name, ...result, ms: Math.round(performance.now() - started) });
  }
  return results;
}
