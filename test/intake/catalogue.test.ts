import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { departments, services } from '../../db/schema/index.js';
import type { CatalogueFile } from '../../db/seed/catalogue.js';
import { catalogueSeed } from '../../db/seed/catalogue.js';
import { seed } from '../../db/seed/index.js';
import { loadCatalogue } from '../../src/intake/catalogue.js';

const catalogue = JSON.parse(readFileSync(new URL('../../db/seed/catalogue.json', import.meta.url), 'utf8')) as CatalogueFile;
const cityTypes = new Set(
  (
    parse(readFileSync(new URL('../../db/seed/baltimore/baltimore_311_srtype_catalog_derived.csv', import.meta.url)), {
      columns: true,
      bom: true,
    }) as { SRType: string }[]
  ).map((row) => row.SRType),
);

describe('the service catalogue', () => {
  it('every service name is a real Baltimore request type', () => {
    const unknown = catalogue.services.filter((s) => !cityTypes.has(s.name)).map((s) => s.name);
    expect(unknown).toEqual([]);
  });

  it('every alias is a real Baltimore request type', () => {
    const unknown = catalogue.services.flatMap((s) => s.aliases ?? []).filter((a) => !cityTypes.has(a));
    expect(unknown).toEqual([]);
  });

  it('gives every service a unique URL-safe code, a known department and a free keypad key 1-9', () => {
    const codes = catalogue.services.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const departmentCodes = new Set(catalogue.departments.map((d) => d.code));
    const keys = new Set<string>();
    for (const s of catalogue.services) {
      expect(departmentCodes).toContain(s.departmentCode);
      expect(s.keypad).toBeGreaterThanOrEqual(1);
      expect(s.keypad).toBeLessThanOrEqual(9);
      const key = `${s.departmentCode}:${s.keypad}`;
      expect(keys).not.toContain(key);
      keys.add(key);
    }
    const departmentKeys = catalogue.departments.map((d) => d.keypad);
    expect(new Set(departmentKeys).size).toBe(departmentKeys.length);
  });

  it('speaks both languages: every service has English and Spanish names and keywords', () => {
    for (const s of catalogue.services) {
      expect(s.names.en && s.names.es, s.code).toBeTruthy();
      expect(s.keywords.en.length, s.code).toBeGreaterThan(0);
      expect(s.keywords.es.length, s.code).toBeGreaterThan(0);
    }
  });

  it('sends police matters live and takes every other report', () => {
    const police = catalogue.services.filter((s) => s.handling === 'police').map((s) => s.code);
    expect(police.sort()).toEqual(['police-noise', 'police-property-damage']);
    expect(catalogue.services.find((s) => s.code === 'noise')?.handling).toBe('report');
  });

  it('seeding twice inserts nothing twice, and never overwrites a supervisor’s edit', async () => {
    const database = await openDatabase({ dataDir: '', inMemory: true, timeoutMs: 5000 });
    try {
      await database.migrate();
      const [first] = await seed(database.db, [catalogueSeed]);
      expect(first).toMatchObject({ skipped: false, rows: catalogue.departments.length + catalogue.services.length });

      await database.db.update(services).set({ description: 'edited by a supervisor' });
      const [second] = await seed(database.db, [catalogueSeed]);
      expect(second?.skipped).toBe(true);
      // A changed loader (or catalogue file) loads again: it must only add what is missing.
      expect(await catalogueSeed.load(database.db as never)).toBe(0);

      const [serviceCount] = await database.db.select({ n: count() }).from(services);
      const [departmentCount] = await database.db.select({ n: count() }).from(departments);
      expect(serviceCount?.n).toBe(catalogue.services.length);
      expect(departmentCount?.n).toBe(catalogue.departments.length);

      const loaded = await loadCatalogue(database.db);
      expect(loaded.services).toHaveLength(catalogue.services.length);
      expect(loaded.services.every((s) => s.description === 'edited by a supervisor')).toBe(true);
      expect(loaded.departments.map((d) => d.keypad)).toEqual(catalogue.departments.map((d) => d.keypad).sort());
    } finally {
      await database.close();
    }
  });

  it('loads only active services', async () => {
    const database = await openDatabase({ dataDir: '', inMemory: true, timeoutMs: 5000 });
    try {
      await database.migrate();
      await seed(database.db, [catalogueSeed]);
      const { eq } = await import('drizzle-orm');
      await database.db.update(services).set({ active: false }).where(eq(services.code, 'potholes'));
      const loaded = await loadCatalogue(database.db);
      expect(loaded.services.map((s) => s.code)).not.toContain('potholes');
      expect(loaded.services).toHaveLength(catalogue.services.length - 1);
    } finally {
      await database.close();
    }
  });
});
