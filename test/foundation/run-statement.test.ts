import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows, runStatement, type Database } from '../../db/client.js';
import { createTestDatabase } from '../helpers/database.js';
import { MAX_PREPARED_PARAMS } from '../../db/pglite-statements.js';

// runStatement takes three roads: postgres.js, PGlite's own query() outside a transaction, and a
// named statement in one protocol message inside a PGlite transaction. Each must give the same
// rows, keep its transaction's rules and recover from a failed statement.

const ROW = `select $1::int as n, $2::text as t, $3::jsonb as j, $4::boolean as b, $5::text as missing`;
const PARAMS = [42, "it's \"quoted\" \\ and ü", JSON.stringify({ a: [1, 'two'], b: null }), true, null];
const EXPECTED = { n: 42, t: "it's \"quoted\" \\ and ü", j: { a: [1, 'two'], b: null }, b: true, missing: null };

/** The SQLSTATE of a failed statement, whether the driver's error comes bare or wrapped by drizzle. */
async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    return e.code ?? e.cause?.code;
  }
  return undefined;
}

describe(`runStatement (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(`create table statement_probe (id int primary key, note text not null)`);
  });
  afterAll(() => database.close());

  it('gives the same rows outside and inside a transaction, and again once prepared', async () => {
    expect(await runStatement(database.db, ROW, PARAMS)).toEqual([EXPECTED]);
    for (let i = 0; i < 2; i++) {
      const rows = await database.db.transaction((tx) => runStatement(tx, ROW, PARAMS));
      expect(rows).toEqual([EXPECTED]);
    }
    const many = await database.db.transaction((tx) =>
      runStatement<{ g: number }>(tx, `select g from generate_series(1, $1::int) g`, [3]),
    );
    expect(many).toEqual([{ g: 1 }, { g: 2 }, { g: 3 }]);
  });

  it('answers queries sent at once inside a transaction each with its own rows', async () => {
    const [a, b, c] = await database.db.transaction((tx) =>
      Promise.all([
        runStatement<{ v: string }>(tx, `select $1::text as v`, ['first']),
        runStatement<{ n: number }>(tx, `select count(*)::int as n from generate_series(1, $1::int)`, [7]),
        runStatement<{ v: string }>(tx, `select $1::text as v`, ['third']),
      ]),
    );
    expect([a, b, c]).toEqual([[{ v: 'first' }], [{ n: 7 }], [{ v: 'third' }]]);
  });

  it('prepares its text once on the connection, and reuses it', async () => {
    const text = `select $1::text as probe_prepared`;
    const prepared = await database.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) expect(await runStatement(tx, text, [String(i)])).toEqual([{ probe_prepared: String(i) }]);
      return executeRows<{ n: number }>(tx, sql`select count(*)::int as n from pg_prepared_statements where statement = ${text}`);
    });
    expect(prepared).toEqual([{ n: 1 }]);
  });

  it.skipIf(!process.env.DATABASE_URL)('prepares nothing on PostgreSQL with DB_PREPARE off', async () => {
    const unprepared = await createTestDatabase({ prepare: false });
    try {
      const text = `select $1::text as probe_unprepared`;
      const rows = await unprepared.db.transaction(async (tx) => {
        expect(await runStatement(tx, text, ['x'])).toEqual([{ probe_unprepared: 'x' }]);
        return executeRows<{ n: number }>(tx, sql`select count(*)::int as n from pg_prepared_statements`);
      });
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await unprepared.close();
    }
  });

  it('runs a statement with more parameters than is worth preparing, inside a transaction', async () => {
    const n = MAX_PREPARED_PARAMS + 1;
    const text = `select ${Array.from({ length: n }, (_, i) => `$${i + 1}::int`).join(' + ')} as total`;
    const rows = await database.db.transaction((tx) => runStatement<{ total: number }>(tx, text, Array.from({ length: n }, (_, i) => i + 1)));
    expect(rows).toEqual([{ total: (n * (n + 1)) / 2 }]);
  });

  it('writes inside the transaction and is undone by its rollback', async () => {
    const insert = `insert into statement_probe (id, note) values ($1, $2) returning id`;
    await database.db.transaction(async (tx) => {
      expect(await runStatement(tx, insert, [1, 'kept'])).toEqual([{ id: 1 }]);
    });
    await expect(
      database.db.transaction(async (tx) => {
        await runStatement(tx, insert, [2, 'undone']);
        throw new Error('the step failed');
      }),
    ).rejects.toThrow('the step failed');
    const rows = await runStatement<{ id: number; note: string }>(database.db, `select id, note from statement_probe order by id`, []);
    expect(rows).toEqual([{ id: 1, note: 'kept' }]);
  });

  it('fails a bad statement with the database error, rolls back, and the next ones still work', async () => {
    const insert = `insert into statement_probe (id, note) values ($1, $2)`;
    expect(await sqlState(database.db.transaction((tx) => runStatement(tx, insert, [3, null])))).toBe('23502');
    // The same text again, now valid: a statement that failed at Bind is still usable.
    await database.db.transaction((tx) => runStatement(tx, insert, [3, 'after a failure']));
    // A text that does not parse leaves nothing behind; asking for it again fails the same way.
    for (let i = 0; i < 2; i++) {
      expect(await sqlState(database.db.transaction((tx) => runStatement(tx, `selec nonsense`, [])))).toBe('42601');
    }
    const rows = await database.db.transaction((tx) =>
      runStatement<{ note: string }>(tx, `select note from statement_probe where id = $1`, [3]),
    );
    expect(rows).toEqual([{ note: 'after a failure' }]);
  });

  it('refuses a parameter without one text form instead of guessing', async () => {
    const object = { a: 1 };
    await expect(runStatement(database.db, `select $1::jsonb as j`, [object])).rejects.toThrow(TypeError);
    await expect(database.db.transaction((tx) => runStatement(tx, `select $1::jsonb as j`, [object]))).rejects.toThrow(TypeError);
  });
});
