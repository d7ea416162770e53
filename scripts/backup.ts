/**
 * npm run backup -- FILE [--force]: a consistent copy of the embedded database (a gzipped tar of
 * DATA_DIR's PGlite folder), taken through the running service (GET /ops/backup on this machine)
 * or, when no service is running, by opening DATA_DIR directly. FILE is replaced only with
 * --force. On PostgreSQL use pg_dump.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dumpPglite } from '../db/backup.js';
import { openDatabase } from '../db/client.js';
import { loadConfig, type Config } from '../src/config.js';

const USAGE = 'usage: npm run backup -- FILE [--force]';

/** The service's own address on this machine (a wildcard listen address is reached on loopback). */
function serviceUrl(config: Pick<Config, 'HOST' | 'PORT'>): string {
  const host = ['0.0.0.0', '::', 'localhost'].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}/ops/backup`;
}

async function throughService(config: Config): Promise<Buffer | undefined> {
  let response: Response;
  try {
    response = await fetch(serviceUrl(config), { signal: AbortSignal.timeout(120_000) });
  } catch (err) {
    // Nothing listening: the service is not running, so DATA_DIR may be opened directly.
    if ((err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return undefined;
    throw err;
  }
  if (!response.ok) throw new Error(`the service refused the backup (${response.status}): ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

async function directly(config: Config): Promise<Buffer> {
  // Takes DATA_DIR's lock: refused if a service we could not reach holds it.
  const database = await openDatabase({ dataDir: config.DATA_DIR, timeoutMs: 30_000 });
  try {
    return Buffer.from(await (await dumpPglite(database.pglite!)).arrayBuffer());
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const force = argv.includes('--force');
  const [file, ...rest] = argv.filter((a) => a !== '--force');
  if (!file || rest.length || file.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (config.DATABASE_URL) {
    console.error('DATABASE_URL is set: back PostgreSQL up with pg_dump (pg_dump --format=custom --file=FILE "$DATABASE_URL").');
    return 2;
  }
  if (existsSync(file) && !force) {
    console.error(`${file} exists; pass --force to replace it.`);
    return 2;
  }
  const started = performance.now();
  const viaService = await throughService(config);
  const archive = viaService ?? (await directly(config));
  // Written aside and renamed, so FILE is never a half-written backup.
  const aside = `${file}.partial`;
  try {
    writeFileSync(aside, archive);
    renameSync(aside, file);
  } finally {
    rmSync(aside, { force: true });
  }
  const how = viaService ? 'through the running service' : `from ${config.DATA_DIR} (no service running)`;
  console.log(`backed up ${archive.length} bytes ${how} to ${file} in ${Math.round(performance.now() - started)} ms`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
