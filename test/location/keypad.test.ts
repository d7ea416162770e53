import { describe, expect, it } from 'vitest';
import { gazetteerIndex } from '../../src/location/gazetteer-index.js';
import { keypadDigits, placesByLetters, streetsByLetters } from '../../src/location/keypad.js';
import { useGazetteer } from './gazetteer-database.js';

describe('keypad digits', () => {
  it('keys letters as a phone does, 2 for A B C to 9 for W X Y Z', () => {
    expect(keypadDigits('Charles')).toBe('2427537');
    expect(keypadDigits('wxyz pqrs')).toBe('99997777');
  });

  it('keys digits as themselves and skips what has no key', () => {
    expect(keypadDigits("33rd St.")).toBe('337378');
    expect(keypadDigits("O'Donnell")).toBe('63666355');
    expect(keypadDigits('Peña')).toBe('7362');
  });
});

describe('streets and places by their first letters', () => {
  const database = useGazetteer('pglite');
  const index = () => gazetteerIndex(database.current.db);
  const searches = (streets: { search: string }[]) => streets.map((s) => s.search);

  it('offers North Charles Street first for C H A R, and at most three', async () => {
    const found = streetsByLetters(await index(), keypadDigits('char'));
    expect(found).toHaveLength(3);
    expect(found[0]!.search).toBe('n charles st');
    expect(searches(found)).toContain('s charles st');
  });

  it('offers only streets whose address range holds a house number keyed first', async () => {
    expect(searches(streetsByLetters(await index(), keypadDigits('eas')))).toContain('n east ave');
    const found = streetsByLetters(await index(), keypadDigits('eas'), { houseNumber: 2100 });
    expect(searches(found)).toEqual(['eastern ave']);
    for (const street of streetsByLetters(await index(), keypadDigits('c'), { houseNumber: 5000, limit: 20 })) {
      expect(street.minAddress).toBeLessThanOrEqual(5000);
      expect(street.maxAddress).toBeGreaterThanOrEqual(5000);
    }
  });

  it('offers for the second street of a corner only streets that cross the first', async () => {
    expect(searches(streetsByLetters(await index(), keypadDigits('cha'), { meets: 'e north ave' }))).toEqual(['n charles st']);
    expect(searches(streetsByLetters(await index(), keypadDigits('key'), { meets: 'light st' }))).toEqual(['key hwy']);
  });

  it('never offers an alley named for its neighbours', async () => {
    for (const street of streetsByLetters(await index(), keypadDigits('2'), { limit: 500 })) expect(street.alleyOnly).toBe(false);
  });

  it('offers nothing for no letters or letters no name starts with', async () => {
    expect(streetsByLetters(await index(), '')).toEqual([]);
    expect(streetsByLetters(await index(), '*#')).toEqual([]);
    expect(streetsByLetters(await index(), keypadDigits('qqqqqq'))).toEqual([]);
  });

  it('finds parks and landmarks by name, the park before its namesakes and each name once', async () => {
    const found = placesByLetters(await index(), keypadDigits('dru'));
    expect(found[0]).toMatchObject({ name: 'Druid Hill Park', kind: 'park' });
    expect(new Set(found.map((p) => p.name)).size).toBe(found.length);
    expect(placesByLetters(await index(), keypadDigits('patt')).map((p) => p.name)).toContain('Patterson Park');
  });

  // How fast a lookup is lives in scripts/bench-keypad.ts (a benchmark prints it; tests are not timed).
  it('offers at most three (places each once) for one to five letters of many names and every filter', async () => {
    const gazetteer = await index();
    for (const name of ['charles', 'eastern', 'druid', 'patterson', 'wolfe', 'york', 'greenmount', 'north', 'light', 'key', 'fort', 'lombard', 'pratt', 'hanover', 'harford', 'belair']) {
      const digits = keypadDigits(name);
      for (let letters = 1; letters <= 5; letters++) {
        const keyed = digits.slice(0, letters);
        for (const found of [
          streetsByLetters(gazetteer, keyed),
          streetsByLetters(gazetteer, keyed, { houseNumber: 1200 }),
          streetsByLetters(gazetteer, keyed, { meets: 'n charles st' }),
        ]) {
          expect(found.length).toBeLessThanOrEqual(3);
        }
        const places = placesByLetters(gazetteer, keyed);
        expect(places.length).toBeLessThanOrEqual(3);
        expect(new Set(places.map((p) => p.name)).size).toBe(places.length);
      }
    }
  });
});
