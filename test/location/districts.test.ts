import { describe, expect, it } from 'vitest';
import { districtsFor } from '../../src/location/districts.js';
import { locationHints } from '../../src/location/hints.js';
import { databaseKinds, useGazetteer } from './gazetteer-database.js';

describe.each(databaseKinds)('districts and hints on %s', (kind) => {
  const database = useGazetteer(kind);

  it('finds the districts of a known point: City Hall is Downtown, council district 11, Central police', async () => {
    // Baltimore City Hall, 100 N Holliday St, as the heritage landmarks file places it.
    expect(await districtsFor(database.current.db, 39.290769, -76.610611)).toEqual({
      neighborhood: 'Downtown',
      councilDistrict: '11',
      policeDistrict: 'Central',
    });
  });

  it('names the park a point lies in', async () => {
    const found = await districtsFor(database.current.db, 39.289096, -76.580259);
    expect(found.park?.name).toBe('Patterson Park');
  });

  it('finds no neighbourhood for a point outside the city', async () => {
    expect((await districtsFor(database.current.db, 39.496273, -76.654291)).neighborhood).toBeUndefined();
  });

  it('offers at most 500 recogniser hints of at most 100 characters, streets said in full', async () => {
    const hints = await locationHints(database.current.db);
    expect(hints.length).toBeGreaterThan(300);
    expect(hints.length).toBeLessThanOrEqual(500);
    expect(hints.every((h) => h.length <= 100)).toBe(true);
    expect(hints).toContain('North Charles Street');
    expect(hints).toContain('Druid Hill Park');
  });
});
