import { openDatabase, type Db } from '../db/client.js';
import { loadConfig } from '../src/config.js';

/**
 * Runs one account or key command against the service's own database (DATABASE_URL or
 * DATA_DIR), migrated first, and exits with the code `work` returns: 1 with the message when it
 * throws. The database is closed whatever happens.
 */
export async function runWithDatabase(work: (db: Db) => Promise<number>): Promise<never> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, timeoutMs: 10_000 });
  let exitCode: number;
  try {
    await database.migrate();
    exitCode = await work(database.db);
  } catch (err) {
    console.error((err as Error).message);
    exitCode = 1;
  } finally {
    await database.close();
  }
  process.exit(exitCode);
}
