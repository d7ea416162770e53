/**
 * Applies the committed migrations (and, with --seed, the seed data) to the configured database:
 * PostgreSQL when DATABASE_URL is set, else the embedded one in DATA_DIR. Exits non-zero on failure,
 * so a deploy pipeline can stop before starting new instances.
 */
import { openDatabase } from '../db/client.js';
import { seed } from '../db/seed/index.js';
import { loadConfig } from '../src/config.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const started = performance.now();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    timeoutMs: Math.max(config.DB_TIMEOUT_MS, 30_000),
    poolSize: 1,
  });
  try {
    await database.migrate();
    console.log(`migrated ${database.kind} database in ${Math.round(performance.now() - started)} ms`);
    if (process.argv.includes('--seed')) {
      for (const unit of await seed(database.db)) {
        console.log(`seed ${unit.name}: ${unit.skipped ? 'already loaded' : `${unit.rows} rows`} (${unit.ms} ms)`);
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
