/**
 * npm run restore -- FILE [--force]: puts a backup made by `npm run backup` into DATA_DIR. Refuses
 * a DATA_DIR that already holds a database unless --force, and always while a service runs on it.
 * On PostgreSQL use pg_restore.
 */
import { readFileSync } from 'node:fs';
import { restorePglite, RestoreRefusedError } from '../db/backup.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { loadConfig } from '../src/config.js';

async function main(argv: string[]): Promise<number> {
  const force = argv.includes('--force');
  const [file, ...rest] = argv.filter((a) => a !== '--force');
  if (!file || rest.length || file.startsWith('-')) {
    console.error('usage: npm run restore -- FILE [--force]');
    return 2;
  }
  const config = loadConfig();
  if (config.DATABASE_URL) {
    console.error('DATABASE_URL is set: restore PostgreSQL with pg_restore (pg_restore --dbname="$DATABASE_URL" FILE).');
    return 2;
  }
  const started = performance.now();
  try {
    const { requests } = await restorePglite({ dataDir: config.DATA_DIR, archive: new Blob([readFileSync(file)]), force });
    console.log(`restored ${file} into ${config.DATA_DIR}: ${requests} service requests (${Math.round(performance.now() - started)} ms)`);
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefusedError || err instanceof DataDirLockedError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
