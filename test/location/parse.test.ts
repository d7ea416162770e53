import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../src/location/parse.js';

describe('parseLocation', () => {
  it('reads "1200 North Charles Street" as an address', () => {
    expect(parseLocation('1200 North Charles Street')).toMatchObject({
      kind: 'address',
      houseNumber: '1200',
      street: { dir: 'n', core: 'charles', type: 'st', search: 'n charles st' },
    });
  });
  it('reads "twelve hundred north charles" as the same address without a suffix', () => {
    expect(parseLocation('twelve hundred north charles')).toMatchObject({
      kind: 'address',
      houseNumber: '1200',
      street: { search: 'n charles' },
    });
  });
  it('reads "the corner of North Avenue and Charles" as an intersection', () => {
    expect(parseLocation('the corner of North Avenue and Charles')).toMatchObject({
      kind: 'intersection',
      streetA: { core: 'north', type: 'ave' },
      streetB: { core: 'charles' },
    });
  });
  it('reads "North and Charles" as an intersection of North Avenue and Charles Street', () => {
    expect(parseLocation('North and Charles')).toMatchObject({ kind: 'intersection', streetA: { core: 'north' }, streetB: { core: 'charles' } });
  });
  it('reads "Patterson Park by the pagoda" as a place with a detail', () => {
    expect(parseLocation('Patterson Park by the pagoda')).toMatchObject({ kind: 'place', name: 'patterson park', detail: 'by the pagoda' });
  });
  it('reads a park named with "and" as a place, not a corner', () => {
    expect(parseLocation('Calvert and Federal Park')).toMatchObject({ kind: 'place' });
  });
  it('reads "2100 Eastern Avenue apartment 3B" as an address with a unit', () => {
    expect(parseLocation('2100 Eastern Avenue apartment 3B')).toMatchObject({ kind: 'address', houseNumber: '2100', unit: 'APT 3B' });
  });
  it('reads "Greenmount Avenue" as a street alone', () => {
    expect(parseLocation('Greenmount Avenue')).toMatchObject({ kind: 'street', street: { core: 'greenmount', type: 'ave' } });
  });
  it('reads "the 1200 block of Charles" as an address', () => {
    expect(parseLocation('the 1200 block of Charles')).toMatchObject({ kind: 'address', houseNumber: '1200' });
  });
});

describe('parseLocation with words that name no place', () => {
  it('reads "the alley behind 2100 Eastern Avenue" as the address, with the alley as the lead', () => {
    expect(parseLocation('the alley behind 2100 Eastern Avenue')).toMatchObject({
      kind: 'address',
      houseNumber: '2100',
      relation: 'behind',
      lead: 'alley',
    });
  });
  it('keeps "Oriole Park at Camden Yards" whole: "at" splits only after words that name nothing', () => {
    expect(parseLocation('Oriole Park at Camden Yards')).toMatchObject({ kind: 'place', name: 'oriole park at camden yards' });
  });
});
