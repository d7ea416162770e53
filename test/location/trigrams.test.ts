import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows, openDatabase, type Database } from '../../db/client.js';
import { similarity, TrigramIndex, trigrams } from '../../src/location/trigrams.js';
import { databaseKinds } from './gazetteer-database.js';

const pairs: [string, string][] = [
  ['greenmont', 'greenmount'],
  ['n charles st', 'charles street'],
  ['dok', 'dock'],
  ['gwyns falls trl', 'gwynns falls'],
  ['m and t bank stadium', 'mt bank stadium'],
  ['school # 100', 'school'],
  ['33rd', '33rd st'],
  ['a', 'ab'],
];

describe.each(databaseKinds)('trigram similarity on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({
      dataDir: '',
      inMemory: true,
      timeoutMs: 5000,
      ...(kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL } : {}),
    });
    await database.migrate();
  }, 60_000);
  afterAll(async () => database?.close());

  it.each(pairs)('scores "%s" against "%s" exactly as pg_trgm does', async (a, b) => {
    const [row] = await executeRows<{ s: number }>(database.db, sql`select similarity(${a}, ${b}) as s`);
    expect(similarity(trigrams(a), trigrams(b))).toBeCloseTo(Number(row!.s), 6);
  });
});

describe('trigram index', () => {
  it('finds the names at least 0.3 similar, as pg_trgm\'s % does, and no others', () => {
    const names = ['greenmount', 'green', 'charles', 'greenspring'];
    const index = new TrigramIndex();
    for (const n of names) index.add(trigrams(n));
    const query = trigrams('greenmont');
    const found = index.similar(query).map((m) => names[m.entry]).sort();
    expect(found).toEqual(names.filter((n) => similarity(trigrams(n), query) >= 0.3).sort());
    expect(found).toContain('greenmount');
    expect(found).not.toContain('charles');
  });
});
