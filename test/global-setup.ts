import { mkdirSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { seed } from '../db/seed/index.js';
import { pgliteTemplatePath, tmpDir } from './helpers/template-paths.js';

/**
 * Migrates and seeds one template database per run; every test file then clones it
 * (PGlite: a dump loaded in memory; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup() {
  const databaseUrl = process.env.DATABASE_URL;
  const database = await openDatabase({ databaseUrl, dataDir: '', inMemory: true, timeoutMs: 30_000, poolSize: 1 });
  try {
    await database.migrate();
    await seed(database.db);
    if (database.pglite) {
      mkdirSync(tmpDir, { recursive: true });
      const dump = await database.pglite.dumpDataDir('gzip');
      writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
    }
  } finally {
    await database.close();
  }
}
