import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { services } from '../../db/schema/index.js';
import { CATALOGUE_TTL_MS, currentCatalogue, forgetCatalogue } from '../../src/intake/catalogue-cache.js';
import { createTestDatabase } from '../helpers/database.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  forgetCatalogue();
});
afterAll(async () => database?.close());

describe('the catalogue cache', () => {
  it('keeps the same classifier while the catalogue has not changed', async () => {
    const first = await currentCatalogue(database.db, 1_000);
    const later = await currentCatalogue(database.db, 1_000 + CATALOGUE_TTL_MS * 3);
    expect(later).toBe(first);
  });

  it('rebuilds after an edit made on another instance, once the check is due', async () => {
    const before = await currentCatalogue(database.db, 100_000);
    await database.db
      .update(services)
      .set({ keywords: sql`jsonb_set(keywords, '{en}', (keywords->'en') || '["crater in the road"]'::jsonb)`, updatedAt: sql`now() + interval '1 second'` })
      .where(eq(services.code, 'potholes'));
    expect(await currentCatalogue(database.db, 100_000 + 1)).toBe(before);
    const after = await currentCatalogue(database.db, 100_000 + CATALOGUE_TTL_MS);
    expect(after).not.toBe(before);
    expect(after.byCode.get('potholes')!.keywords.en).toContain('crater in the road');
  });
});
