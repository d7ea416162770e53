import { describe, expect, it } from 'vitest';
import { resolveKeyed, resolveLocation, type KeyedPlace } from '../../src/location/resolve.js';
import { databaseKinds, useGazetteer } from './gazetteer-database.js';

describe.each(databaseKinds)('resolveLocation on %s', (kind) => {
  const database = useGazetteer(kind);
  const resolve = (text: string, opts?: { houseNumber?: string }) => resolveLocation(database.current.db, text, opts);

  it('finds "1200 North Charles Street" as an address in Mid-Town Belvedere', async () => {
    expect(await resolve('1200 North Charles Street')).toMatchObject({
      kind: 'resolved',
      precision: 'address',
      label: '1200 North Charles Street',
      addressString: '1200 N Charles St, Baltimore, MD',
      neighborhood: 'Mid-Town Belvedere',
    });
  });

  it('finds the same address said as "twelve hundred north charles"', async () => {
    expect(await resolve('twelve hundred north charles')).toMatchObject({ precision: 'address', label: '1200 North Charles Street' });
  });

  it('finds "the corner of North Avenue and Charles" at the named intersection', async () => {
    const found = await resolve('the corner of North Avenue and Charles');
    expect(found).toMatchObject({ kind: 'resolved', precision: 'intersection', label: 'East North Avenue and North Charles Street' });
    if (found.kind !== 'resolved') return;
    expect(found.lat).toBeCloseTo(39.3111, 3);
    expect(found.long).toBeCloseTo(-76.6166, 3);
  });

  it('finds "North and Charles" at the same corner', async () => {
    expect(await resolve('North and Charles')).toMatchObject({ precision: 'intersection', label: 'East North Avenue and North Charles Street' });
  });

  it('finds "Patterson Park by the pagoda" as the park with the detail said back', async () => {
    expect(await resolve('Patterson Park by the pagoda')).toMatchObject({
      precision: 'park',
      label: 'Patterson Park, by the pagoda',
      neighborhood: 'Patterson Park',
    });
  });

  it('keeps the caller\'s own words and the near-detail', async () => {
    expect(await resolve('inside Druid Hill Park near the reservoir')).toMatchObject({
      precision: 'park',
      label: 'Druid Hill Park, near the reservoir',
      addressString: 'Druid Hill Park, near the reservoir, Baltimore, MD',
      detail: 'near the reservoir',
      words: 'inside Druid Hill Park near the reservoir',
    });
  });

  it('finds "behind Lexington Market" as the landmark, behind it', async () => {
    expect(await resolve('behind Lexington Market')).toMatchObject({
      precision: 'landmark',
      label: 'behind Lexington Market',
      detail: 'behind',
      neighborhood: 'Downtown',
    });
  });

  it('finds "in front of 3400 Greenmount" on Greenmount Avenue', async () => {
    expect(await resolve('in front of 3400 Greenmount')).toMatchObject({
      precision: 'address',
      label: 'in front of 3400 Greenmount Avenue',
    });
  });

  it('keeps the apartment of "2100 Eastern Avenue apartment 3B"', async () => {
    expect(await resolve('2100 Eastern Avenue apartment 3B')).toMatchObject({
      precision: 'address',
      label: '2100 Eastern Avenue, apartment 3B',
      addressString: '2100 Eastern Ave APT 3B, Baltimore, MD',
    });
  });

  it('hears "Patterson Parks" as Patterson Park', async () => {
    expect(await resolve('Patterson Parks')).toMatchObject({ precision: 'park', label: 'Patterson Park' });
  });

  it('hears "thirty four hundred Greenmont" as 3400 Greenmount Avenue', async () => {
    expect(await resolve('thirty four hundred Greenmont')).toMatchObject({ precision: 'address', label: '3400 Greenmount Avenue' });
  });

  it('takes a street alone, "Greenmount Avenue", at street precision', async () => {
    expect(await resolve('Greenmount Avenue')).toMatchObject({ precision: 'street', label: 'Greenmount Avenue' });
  });

  it('takes a neighbourhood, "Hampden", as a location', async () => {
    expect(await resolve('Hampden')).toMatchObject({ precision: 'neighborhood', label: 'Hampden', neighborhood: 'Hampden' });
  });

  it('finds the famous places that the city files leave out', async () => {
    expect(await resolve('Camden Yards')).toMatchObject({ label: 'Oriole Park at Camden Yards', policeDistrict: 'Southern' });
    expect(await resolve('M and T Bank Stadium')).toMatchObject({ label: 'M&T Bank Stadium' });
    expect(await resolve('the aquarium')).toMatchObject({ label: 'National Aquarium', neighborhood: 'Inner Harbor' });
  });

  it('refuses a house number beyond the street\'s range', async () => {
    expect(await resolve('9000 North Charles Street')).toMatchObject({
      kind: 'outside-range',
      street: 'North Charles Street',
      houseNumber: 9000,
      minAddress: 1,
      maxAddress: 6109,
    });
  });

  it('says a place outside the city is outside', async () => {
    expect(await resolve('Hunt Valley light rail station')).toMatchObject({ kind: 'outside-city', name: 'Hunt Valley Light Rail Station' });
  });

  it('uses a house number keyed on the keypad with a spoken street', async () => {
    expect(await resolve('north charles street', { houseNumber: '1200' })).toMatchObject({
      precision: 'address',
      label: '1200 North Charles Street',
    });
  });

  it('answers unresolved to words that name nothing in Baltimore', async () => {
    expect(await resolve('zzyzx qqq')).toMatchObject({ kind: 'unresolved', words: 'zzyzx qqq' });
  });

  // Regressions from real calls: these read back an alley called "Alley" and an MIHP property
  // called "Warehouse" as if the caller had named them.
  it.each([
    'the alley behind my house',
    'behind the old blue warehouse by the tracks',
    'the alley',
    'my house',
    'in front of the school',
    'by the church',
    'down the street',
    'my street',
    'the back alley',
    'the garage',
    'row houses',
    'in the parking lot',
    'behind the gas station',
    'the playground',
    'the vacant house next door',
  ])('answers unresolved to "%s", which names no place', async (words) => {
    expect(await resolve(words)).toEqual({ kind: 'unresolved', words });
  });

  it('still finds streets and places whose names are common words: Church Street, Front Street, Avenue Market', async () => {
    expect(await resolve('Church Street')).toMatchObject({ precision: 'street', label: 'Church Street' });
    expect(await resolve('Front Street')).toMatchObject({ precision: 'street', label: 'North Front Street' });
    expect(await resolve('the Avenue Market')).toMatchObject({ precision: 'landmark', label: 'Avenue Market' });
  });

  it('finds "the alley behind 2100 Eastern Avenue" at the address, the alley said back', async () => {
    expect(await resolve('the alley behind 2100 Eastern Avenue')).toMatchObject({
      precision: 'address',
      label: 'alley behind 2100 Eastern Avenue',
      addressString: 'alley behind 2100 Eastern Ave, Baltimore, MD',
      detail: 'alley behind',
    });
  });

  it('finds "the corner store at North and Charles" at the corner', async () => {
    expect(await resolve('the corner store at North and Charles')).toMatchObject({
      precision: 'intersection',
      label: 'corner store at East North Avenue and North Charles Street',
    });
  });

  it('keeps an apartment and a near-detail together', async () => {
    expect(await resolve('2100 Eastern Avenue apartment 3B near the back door')).toMatchObject({
      precision: 'address',
      label: '2100 Eastern Avenue, apartment 3B, near the back door',
      addressString: '2100 Eastern Ave APT 3B, near the back door, Baltimore, MD',
    });
  });

  it("keeps the caller's own words on a place outside the city", async () => {
    expect(await resolve('Hunt Valley light rail station')).toMatchObject({ kind: 'outside-city', words: 'Hunt Valley light rail station' });
  });

  it('takes a house number as said on a street the city gives no address range', async () => {
    expect(await resolve('100 Aldershot Road')).toMatchObject({ kind: 'resolved', precision: 'address', label: '100 Aldershot Road' });
  });
});

describe('resolveKeyed: a place chosen on the keypad', () => {
  const database = useGazetteer('pglite');
  const resolve = (text: string) => resolveLocation(database.current.db, text);
  const keyed = (place: KeyedPlace, words = 'keyed') => resolveKeyed(database.current.db, place, words);

  it('places a keyed house number on the chosen street exactly where the spoken address lands', async () => {
    const spoken = await resolve('1200 North Charles Street');
    expect(await keyed({ kind: 'address', street: 'n charles st', houseNumber: 1200 }, '1200 North Charles Street')).toEqual(spoken);
  });

  it('places two chosen streets at their named corner', async () => {
    const found = await keyed({ kind: 'corner', streetA: 'n charles st', streetB: 'e north ave' });
    expect(found).toMatchObject({ kind: 'resolved', precision: 'intersection', label: 'North Charles Street and East North Avenue', addressString: 'N Charles St & E North Ave, Baltimore, MD' });
    if (found.kind !== 'resolved') return;
    expect(found.lat).toBeCloseTo(39.3111, 3);
    expect(found.long).toBeCloseTo(-76.6166, 3);
  });

  it('places a chosen park by its id', async () => {
    const park = await resolve('Druid Hill Park');
    if (park.kind !== 'resolved' || park.placeId === undefined) throw new Error('Druid Hill Park not found');
    expect(await keyed({ kind: 'place', placeId: park.placeId }, 'Druid Hill Park')).toEqual(park);
  });

  it('finds nothing for a street or corner the gazetteer does not have', async () => {
    expect(await keyed({ kind: 'address', street: 'no such st', houseNumber: 1 })).toEqual({ kind: 'unresolved', words: 'keyed' });
    expect(await keyed({ kind: 'corner', streetA: 'n charles st', streetB: 'eastern ave' })).toEqual({ kind: 'unresolved', words: 'keyed' });
    expect(await keyed({ kind: 'place', placeId: -1 })).toEqual({ kind: 'unresolved', words: 'keyed' });
  });
});
