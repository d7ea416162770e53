import { readCsv } from '../seed/csv.js';

/**
 * USPS Publication 28 tables (appendix C1 street suffixes, C2 unit designators), read once.
 * Suffixes map both ways: any spoken or written variant to the standard abbreviation
 * ("avenue", "av", "aven" → "ave"), and the abbreviation back to the word said aloud.
 */
const toAbbreviation = new Map<string, string>();
const toWord = new Map<string, string>();

for (const row of readCsv('usps/usps_pub28_c1_street_suffixes.csv')) {
  const name = row.name?.toLowerCase();
  const alias = row.alias?.toLowerCase();
  const abbreviation = row.abbreviation?.toLowerCase();
  if (!name || !alias || !abbreviation) continue;
  toAbbreviation.set(alias, abbreviation);
  toAbbreviation.set(name, abbreviation);
  if (!toWord.has(abbreviation) || name === abbreviation) toWord.set(abbreviation, name);
}
for (const row of readCsv('usps/usps_pub28_c1_primary_suffixes.csv')) {
  const name = row.name?.toLowerCase();
  const abbreviation = row.Abbreviation?.toLowerCase();
  if (!name || !abbreviation) continue;
  if (!toAbbreviation.has(name)) toAbbreviation.set(name, abbreviation);
  if (!toWord.has(abbreviation)) toWord.set(abbreviation, name);
}
// Codes the city's centerline file uses that Publication 28 does not list.
const cityCodes: Record<string, [string, string]> = {
  al: ['aly', 'alley'],
  grth: ['grth', 'garth'],
  dwy: ['dwy', 'driveway'],
  tun: ['tunl', 'tunnel'],
};
for (const [code, [abbreviation, word]] of Object.entries(cityCodes)) {
  toAbbreviation.set(code, abbreviation);
  toAbbreviation.set(word, abbreviation);
  if (!toWord.has(abbreviation)) toWord.set(abbreviation, word);
}

/** "avenue", "av", "AVE" → "ave"; undefined when the word is no street suffix. */
export function suffixAbbreviation(word: string): string | undefined {
  return toAbbreviation.get(word.toLowerCase());
}

/** "ave" → "avenue": the suffix as a caller says it. */
export function suffixWord(abbreviation: string): string {
  const lower = abbreviation.toLowerCase();
  return toWord.get(lower) ?? toWord.get(toAbbreviation.get(lower) ?? '') ?? lower;
}

const units = new Map<string, string>();
for (const row of readCsv('usps/usps_pub28_c2_secondary_unit_designators.csv')) {
  const description = row.Description?.toLowerCase();
  const abbreviation = row.Abbreviation;
  if (!description || !abbreviation) continue;
  units.set(description, abbreviation);
  units.set(abbreviation.toLowerCase(), abbreviation);
}
units.set('apartment', 'APT');
units.set('#', '#');
units.set('number', '#');

/** Unit designators that need a number or letter after them ("apartment 3B"). */
const unitsWithoutNumber = new Set(['BSMT', 'FRNT', 'LBBY', 'LOWR', 'OFC', 'PH', 'REAR', 'SIDE', 'UPPR']);

/** "apartment" → "APT", "suite" → "STE", "#" → "#"; undefined when not a designator. */
export function unitDesignator(word: string): { abbreviation: string; needsNumber: boolean } | undefined {
  const abbreviation = units.get(word.toLowerCase());
  if (!abbreviation) return undefined;
  return { abbreviation, needsNumber: !unitsWithoutNumber.has(abbreviation) };
}

export const directions: Record<string, string> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  n: 'n',
  s: 's',
  e: 'e',
  w: 'w',
  ne: 'ne',
  nw: 'nw',
  se: 'se',
  sw: 'sw',
};

export const directionWords: Record<string, string> = {
  n: 'North',
  s: 'South',
  e: 'East',
  w: 'West',
  ne: 'Northeast',
  nw: 'Northwest',
  se: 'Southeast',
  sw: 'Southwest',
};
