import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
// index.js before gazetteer.js: the seed units import insertChunked from index.js (a cycle).
import { seed } from '../../db/seed/index.js';
import { gazetteerSeed } from '../../db/seed/gazetteer.js';

/** PGlite in memory always; PostgreSQL too when DATABASE_URL is set. */
export const databaseKinds = process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

/** Opens, migrates and seeds the gazetteer once for the enclosing describe block. */
export function useGazetteer(kind: 'pglite' | 'postgres'): { current: Database } {
  const holder = {} as { current: Database };
  beforeAll(async () => {
    holder.current = await openDatabase({
      dataDir: '',
      inMemory: true,
      timeoutMs: 5000,
      ...(kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL } : {}),
    });
    await holder.current.migrate();
    await seed(holder.current.db, [gazetteerSeed]);
  }, 60_000);
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}
