import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { StatementPGlite } from './pglite-statements.js';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repository functions take either, so a webhook step can commit its whole effect at once. */
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance when embedded (tests clone it), undefined on PostgreSQL. */
  pglite?: PGlite;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Statement and connect timeout, so a sick database fails fast instead of hanging a call. */
  timeoutMs: number;
  poolSize?: number;
  /** Named prepared statements on PostgreSQL for runStatement (default true). */
  prepare?: boolean;
  /** Start PGlite from a dump instead of a folder (tests clone one seeded database). */
  pgliteLoadDataDir?: Blob | File;
  /** Keep PGlite in memory (tests). */
  inMemory?: boolean;
}

/** Rows of a raw `db.execute()` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function executeRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/**
 * Runs SQL whose text is fixed when the module loads, with `$1…` parameters, on `db`'s own
 * connection (a transaction's, when given one). For the per-webhook queries: no query builder
 * work per call, and each text prepared once per connection (DB_PREPARE). Parameters go to the
 * driver as they are: pass JSON as a string cast with `::jsonb`. Rows come back as the driver
 * gives them: timestamps are strings on postgres.js and Dates on PGlite.
 */
export async function runStatement<T>(db: DbOrTx, text: string, params: unknown[]): Promise<T[]> {
  for (const param of params) {
    // The same rule on every road: each driver would turn an object into something else.
    if (param !== null && param !== undefined && typeof param === 'object' && !(param instanceof Date)) {
      throw new TypeError('runStatement parameters are strings, numbers, booleans, dates or null: pass JSON as a string cast with ::jsonb');
    }
  }
  const client: unknown = (db._.session as unknown as { client: unknown }).client;
  // PGlite straight, not through drizzle: drizzle hands PGlite a parser table on every query,
  // which PGlite merges into its own ~350 parsers each time (0.33 → 0.19 ms a statement). Inside
  // a transaction this is a prepared statement in one protocol message (db/pglite-statements.ts).
  if (isPgliteClient(client)) return (await client.query<T>(text, params)).rows;
  // A name makes drizzle ask postgres.js to prepare the text (its builder's queries are sent
  // unnamed, parsed and planned each time): measured 0.90-1.01 -> 0.70-0.72 ms of PostgreSQL's
  // CPU per webhook. DB_PREPARE=false turns it off for the whole connection.
  return rowsOf<T>(await db._.session.prepareQuery({ sql: text, params }, undefined, 'fixed', false).execute());
}

/** postgres.js' client is a function (a tagged template); PGlite's and its transactions' are objects. */
function isPgliteClient(client: unknown): client is Pick<PGlite, 'query'> {
  return typeof client === 'object' && client !== null && typeof (client as { query?: unknown }).query === 'function';
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options);
}

function openPostgres(url: string, options: OpenOptions): Database {
  const client = postgres(url, {
    max: options.poolSize ?? 10,
    // Per connection; drizzle asks for it only for runStatement's fixed texts.
    prepare: options.prepare ?? true,
    connect_timeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
    idle_timeout: 30,
    onnotice: () => {},
    connection: { statement_timeout: options.timeoutMs, application_name: 'baltimore-311-voice' },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async ping() {
      await client`select 1`;
    },
    async migrate() {
      await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder });
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (!options.inMemory) {
    dataDir = path.resolve(options.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
    // PGlite has no lock of its own: two processes on one folder silently lose rows.
    lock = lockDataDir(path.resolve(options.dataDir));
  }
  try {
    const pglite = new StatementPGlite({
      ...(dataDir ? { dataDir } : {}),
      ...(options.pgliteLoadDataDir ? { loadDataDir: options.pgliteLoadDataDir } : {}),
      extensions: { pg_trgm },
    });
    await pglite.waitReady;
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      pglite,
      async ping() {
        await pglite.query('select 1');
      },
      async migrate() {
        await migratePglite(drizzlePglite(pglite, { schema }), { migrationsFolder });
      },
      async close() {
        try {
          await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
