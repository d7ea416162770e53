import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { executeRows, openDatabase, type Database } from '../../db/client.js';
import { pgliteTemplatePath } from './template-paths.js';

/**
 * A fresh, migrated and seeded database for one test file. On PGlite it is an in-memory clone of
 * the template the global setup dumped; with DATABASE_URL it is a new PostgreSQL database created
 * from the template database the global setup migrated and seeded. Either way each test file
 * starts from the same state and never sees another file's rows.
 */
export async function createTestDatabase(options: { timeoutMs?: number; prepare?: boolean } = {}): Promise<Database> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const templateUrl = process.env.DATABASE_URL;
  if (!templateUrl) {
    const dump = new Blob([readFileSync(pgliteTemplatePath)]);
    return openDatabase({ dataDir: '', inMemory: true, timeoutMs, pgliteLoadDataDir: dump });
  }
  const url = new URL(templateUrl);
  const template = url.pathname.slice(1);
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = postgres({ ...adminOptions(url), max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', timeoutMs, poolSize: 5, prepare: options.prepare });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const dropper = postgres({ ...adminOptions(url), max: 1, onnotice: () => {} });
    try {
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await dropper.end();
    }
  };
  return database;
}

function adminOptions(url: URL) {
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: 'postgres',
  };
}

/**
 * A second instance's view of a test database: its own pool on PostgreSQL (as another machine
 * behind the load balancer would have), the same embedded database on PGlite. Close it only
 * when it is not the database itself.
 */
export async function secondView(database: Database): Promise<Database> {
  if (database.kind !== 'postgres') return database;
  const [row] = await executeRows<{ name: string }>(database.db, sql`select current_database() as name`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return openDatabase({ databaseUrl: url.toString(), dataDir: '', timeoutMs: 5000, poolSize: 5 });
}
