import type { DbOrTx } from '../../db/client.js';
import { districtsFor } from './districts.js';
import { isGenericName, isPointingName } from '../../db/names/generic.js';
import { normalizeName } from '../../db/names/normalize.js';
import { gazetteerIndex, type GazetteerIndex } from './gazetteer-index.js';
import { parseLocation, streetQuery, type ParsedLocation, type StreetQuery } from './parse.js';
import {
  intersectionsOf,
  namesStreet,
  placesAndStreets,
  streetsForAddress,
  type AnchoredStreetRow,
  type PlaceRow,
  type StreetRow,
  addressAnchors,
} from './queries.js';
import { postalStreet, spokenStreet, spokenUnit } from './spoken.js';

export type Precision = 'address' | 'intersection' | 'landmark' | 'park' | 'street' | 'neighborhood';

export interface ResolvedLocation {
  kind: 'resolved';
  precision: Precision;
  /** What we say back: "1200 North Charles Street", "Druid Hill Park, near the reservoir". */
  label: string;
  /** Open311 address_string, specific to general: "Druid Hill Park, near the reservoir, Baltimore, MD". */
  addressString: string;
  lat: number;
  long: number;
  neighborhood: string;
  councilDistrict: string;
  policeDistrict: string;
  /** What the caller said around the place: "near the reservoir", "behind". */
  detail?: string;
  /** The caller's own words, unchanged. */
  words: string;
  placeId?: number;
}

export interface OutsideRange {
  kind: 'outside-range';
  /** "North Charles Street" */
  street: string;
  houseNumber: number;
  minAddress: number | null;
  maxAddress: number | null;
  words: string;
}

export interface OutsideCity {
  kind: 'outside-city';
  /** What the caller named: "Hunt Valley Light Rail Station". */
  name: string;
  lat: number;
  long: number;
  words: string;
}

export interface Unresolved {
  kind: 'unresolved';
  words: string;
}

export type LocationResult = ResolvedLocation | OutsideRange | OutsideCity | Unresolved;

export interface ResolveOptions {
  /** A house number keyed on the phone's keypad; it wins over a spoken one. */
  houseNumber?: string;
}

/** Below these scores a match is a guess we would rather ask again about. */
const minStreetScore = 0.45;
const minPlaceScore = 0.45;
/** Streets this close to the best name match may win by having the house number in range. */
const rangeSlack = 0.15;
/**
 * A fuzzy match of words much shorter than the name they match must match what they cover
 * well: "garage" is as similar to "The Hair Garage" as "Greenmont" is to "Greenmount".
 */
const shortQueryRatio = 1.6;
const shortQueryScore = 0.6;

interface Found {
  precision: Precision;
  label: string;
  postal: string;
  lat: number;
  lon: number;
  placeId?: number;
}

/**
 * Resolves what a caller said to a place in Baltimore: an address, a corner, a landmark or park
 * (with any "near…" detail), or a street alone.
 */
export async function resolveLocation(db: DbOrTx, text: string, opts: ResolveOptions = {}): Promise<LocationResult> {
  const words = text.trim();
  const parsed = withKeypadNumber(parseLocation(text), opts.houseNumber);
  const found = await find(db, parsed, words);
  if (!found || 'kind' in found) return found ?? { kind: 'unresolved', words };
  return placed(db, found, parsed, words);
}

/** A place keyed on the keypad: a street chosen for a house number, two streets of a corner, a park or landmark. */
export type KeyedPlace =
  | { kind: 'address'; street: string; houseNumber: number }
  | { kind: 'corner'; streetA: string; streetB: string }
  | { kind: 'place'; placeId: number };

/**
 * Resolves what a caller chose on the keypad (streets by their search form, places by id) to the
 * same result a spoken place gives; `words` is what is kept as the caller's words.
 */
export async function resolveKeyed(db: DbOrTx, keyed: KeyedPlace, words: string): Promise<LocationResult> {
  const index = await gazetteerIndex(db);
  const found = foundKeyed(index, keyed, words);
  if (!found || 'kind' in found) return found ?? { kind: 'unresolved', words };
  return placed(db, found, { kind: 'empty' }, words);
}

function foundKeyed(index: GazetteerIndex, keyed: KeyedPlace, words: string): Found | LocationResult | undefined {
  switch (keyed.kind) {
    case 'address': {
      const street = index.streets.find((s) => s.search === keyed.street);
      if (!street) return undefined;
      const { houseNumber } = keyed;
      const [lat, lon] = addressPoint({ lat: street.lat, lon: street.lon, ...addressAnchors(index, street.search, houseNumber) }, houseNumber);
      return {
        precision: 'address',
        label: `${houseNumber} ${spokenStreet(street.search)}`,
        postal: `${houseNumber} ${postalStreet(street.search)}`,
        lat,
        lon,
      };
    }
    case 'corner': {
      const corner = (index.corners.get(keyed.streetA) ?? []).find((c) => c.streets.includes(keyed.streetB));
      if (!corner) return undefined;
      return {
        precision: 'intersection',
        label: `${spokenStreet(keyed.streetA)} and ${spokenStreet(keyed.streetB)}`,
        postal: `${postalStreet(keyed.streetA)} & ${postalStreet(keyed.streetB)}`,
        lat: corner.lat,
        lon: corner.lon,
        placeId: corner.id,
      };
    }
    case 'place': {
      const place = index.places.get(keyed.placeId);
      return place ? fromPlace(place, words) : undefined;
    }
  }
}

/** A found place with its districts and its label, or outside the city. */
async function placed(db: DbOrTx, found: Found, parsed: ParsedLocation, words: string): Promise<LocationResult> {
  const districts = await districtsFor(db, found.lat, found.lon);
  // The outlines are simplified, so a point on the city's edge can miss every neighbourhood;
  // outside means outside the council districts too. City parks are the city's by definition.
  if (!districts.neighborhood && !districts.councilDistrict && found.precision !== 'park') {
    return { kind: 'outside-city', name: found.label, lat: found.lat, long: found.lon, words };
  }
  const lead = parsed.kind !== 'empty' && parsed.lead ? `${parsed.lead} ` : '';
  const relation = parsed.kind !== 'empty' && parsed.relation ? `${lead}${parsed.relation} ` : '';
  const detail = parsed.kind !== 'empty' ? parsed.detail : undefined;
  const label = [relation + found.label, detail].filter(Boolean).join(', ');
  const postal = [relation + found.postal, detail, 'Baltimore, MD'].filter(Boolean).join(', ');
  return {
    kind: 'resolved',
    precision: found.precision,
    label,
    addressString: postal,
    lat: found.lat,
    long: found.lon,
    neighborhood: districts.neighborhood ?? '',
    councilDistrict: districts.councilDistrict ?? '',
    policeDistrict: districts.policeDistrict ?? '',
    ...(detail || relation ? { detail: [relation.trim(), detail].filter(Boolean).join(', ') } : {}),
    words,
    ...(found.placeId !== undefined ? { placeId: found.placeId } : {}),
  };
}

function withKeypadNumber(parsed: ParsedLocation, houseNumber: string | undefined): ParsedLocation {
  const digits = houseNumber?.replace(/\D/g, '');
  if (!digits) return parsed;
  if (parsed.kind === 'address') return { ...parsed, houseNumber: digits };
  if (parsed.kind === 'street') return { ...parsed, kind: 'address', houseNumber: digits };
  if (parsed.kind === 'place') {
    const { name, ...rest } = parsed;
    return { ...rest, kind: 'address', houseNumber: digits, street: streetQuery(name.split(' ')) };
  }
  return parsed;
}

async function find(db: DbOrTx, parsed: ParsedLocation, words: string): Promise<Found | LocationResult | undefined> {
  switch (parsed.kind) {
    case 'empty':
      return undefined;
    case 'address':
      return findAddress(db, parsed, words);
    case 'intersection': {
      const vague = (await vagueStreet(db, parsed.streetA)) || (await vagueStreet(db, parsed.streetB));
      const corner = vague ? undefined : await findIntersection(db, parsed.streetA, parsed.streetB);
      if (corner) return corner;
      // "Calvert and Federal" may be a park's name rather than a corner.
      const name = normalizeName([parsed.streetA.search, 'and', parsed.streetB.search].join(' '));
      return findPlaceOrStreet(db, name, streetQuery(name.split(' ')), false, words);
    }
    case 'place':
      return findPlaceOrStreet(db, normalizeName(parsed.name), streetQuery(parsed.name.split(' ')), false, words);
    case 'street':
      return findPlaceOrStreet(db, parsed.street.search, parsed.street, true, words);
  }
}

/**
 * A street said only by pointing at it ("my street", "the back alley"), unless a real street
 * has that very name ("Front Street"). "Alley" alone never names one: the centerline file has a
 * road called just that, and callers mean the alley behind their house.
 */
async function vagueStreet(db: DbOrTx, q: StreetQuery): Promise<boolean> {
  if (!isPointingName(q.core)) return false;
  return /\balley/.test(q.core) || !(await namesStreet(db, q.core));
}

/** Exact, or close enough for how much of the name the words cover. */
function trusted(said: string, matched: string, exact: boolean, nameScore: number): boolean {
  return exact || matched.length < shortQueryRatio * said.length || nameScore >= shortQueryScore;
}

async function findAddress(
  db: DbOrTx,
  parsed: Extract<ParsedLocation, { kind: 'address' }>,
  words: string,
): Promise<Found | LocationResult | undefined> {
  const houseNumber = Number(parsed.houseNumber);
  if (await vagueStreet(db, parsed.street)) return undefined;
  const candidates = (await streetsForAddress(db, parsed.street, houseNumber)).filter(
    (s) => s.score >= minStreetScore && trusted(parsed.street.search, s.search, s.exact, s.name_score),
  );
  const best = candidates[0];
  if (!best) return undefined;
  const inRange = (s: StreetRow) =>
    s.min_address !== null && s.max_address !== null && houseNumber >= s.min_address && houseNumber <= s.max_address;
  const close = candidates.filter((s) => s.score >= best.score - rangeSlack);
  // A street the centerline file gives no range cannot refuse a number: take it as said.
  const street = close.find(inRange) ?? close.find((s) => s.min_address === null || s.max_address === null);
  if (!street) {
    return {
      kind: 'outside-range',
      street: spokenStreet(best.search),
      houseNumber,
      minAddress: best.min_address,
      maxAddress: best.max_address,
      words,
    };
  }
  const [lat, lon] = addressPoint(street, houseNumber);
  const unit = parsed.unit;
  return {
    precision: 'address',
    label: `${houseNumber} ${spokenStreet(street.search)}${unit ? `, ${spokenUnit(unit)}` : ''}`,
    postal: `${houseNumber} ${postalStreet(street.search)}${unit ? ` ${unit}` : ''}`,
    lat,
    lon,
  };
}

/** Anchors further than this (in house numbers) from the asked number are not trusted alone. */
const anchorReach = 300;

/**
 * Where a house number lies. The city publishes no address points, so this interpolates between
 * the nearest real addresses with known coordinates on the same street (historic properties,
 * landmarks, rec centres, parks); with one near anchor it uses that one; with none it falls back
 * to the street's median point, which on a long street can be kilometres off.
 */
export function addressPoint(
  street: Pick<AnchoredStreetRow, 'lat' | 'lon' | 'lo_n' | 'lo_lat' | 'lo_lon' | 'hi_n' | 'hi_lat' | 'hi_lon'>,
  houseNumber: number,
): [number, number] {
  const { lo_n, lo_lat, lo_lon, hi_n, hi_lat, hi_lon } = street;
  const lo = lo_n !== null && lo_lat !== null && lo_lon !== null ? { n: lo_n, lat: lo_lat, lon: lo_lon } : undefined;
  const hi = hi_n !== null && hi_lat !== null && hi_lon !== null ? { n: hi_n, lat: hi_lat, lon: hi_lon } : undefined;
  if (lo && hi) {
    if (hi.n === lo.n) return [lo.lat, lo.lon];
    const t = (houseNumber - lo.n) / (hi.n - lo.n);
    return [lo.lat + t * (hi.lat - lo.lat), lo.lon + t * (hi.lon - lo.lon)];
  }
  const near = [lo, hi].find((a) => a && Math.abs(a.n - houseNumber) <= anchorReach);
  if (near) return [near.lat, near.lon];
  return [street.lat, street.lon];
}

async function findIntersection(
  db: DbOrTx,
  a: Extract<ParsedLocation, { kind: 'intersection' }>['streetA'],
  b: Extract<ParsedLocation, { kind: 'intersection' }>['streetB'],
): Promise<Found | undefined> {
  const [best] = await intersectionsOf(db, a, b);
  if (!best || best.score_a < minStreetScore || best.score_b < minStreetScore) return undefined;
  // Name the two streets the caller meant, not every name the corner carries.
  const streetA = pickStreet(best.streets, a.search);
  const streetB = pickStreet(best.streets.filter((s) => s !== streetA), b.search);
  return {
    precision: 'intersection',
    label: `${spokenStreet(streetA)} and ${spokenStreet(streetB)}`,
    postal: `${postalStreet(streetA)} & ${postalStreet(streetB)}`,
    lat: best.lat,
    lon: best.lon,
    placeId: best.id,
  };
}

function pickStreet(streets: string[], wanted: string): string {
  const grams = (s: string) => new Set([...` ${s} `].map((_, i, a) => a.slice(i, i + 3).join('')).filter((g) => g.length === 3));
  const w = grams(wanted);
  let best = streets[0] ?? wanted;
  let bestScore = -1;
  for (const s of streets) {
    const g = grams(s);
    const shared = [...g].filter((x) => w.has(x)).length;
    const score = shared / (g.size + w.size - shared);
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best;
}

const placePrecision = (kind: string): Precision =>
  kind === 'park' ? 'park' : kind === 'neighborhood' ? 'neighborhood' : 'landmark';

async function findPlaceOrStreet(
  db: DbOrTx,
  name: string,
  street: Extract<ParsedLocation, { kind: 'street' }>['street'],
  saidAsStreet: boolean,
  words: string,
): Promise<Found | LocationResult | undefined> {
  // Words that only say what kind of place ("my house", "the old blue warehouse") find a place
  // only by its exact name ("Avenue Market"), and never a street; a street only pointed at
  // ("my street") finds nothing.
  const vague = saidAsStreet ? await vagueStreet(db, street) : isGenericName(name);
  if (vague && saidAsStreet) return undefined;
  const found = await placesAndStreets(db, name, street, saidAsStreet);
  const place = found.places.find((p) => (vague ? p.exact : trusted(name, p.matched, p.exact, p.name_score)));
  const road = vague ? undefined : found.streets.find((s) => trusted(street.search, s.search, s.exact, s.name_score));
  const placeScore = place?.score ?? 0;
  const streetScore = road?.score ?? 0;
  // "Sherwood Gardens", "Gwynns Falls Trail" end in street suffixes but name a place exactly.
  const placeExactOnly = placeScore >= 1 && road?.search !== street.search;
  const preferPlace = saidAsStreet ? placeScore > streetScore + 0.1 || placeExactOnly : placeScore >= streetScore - 0.1;
  if (place && placeScore >= minPlaceScore && (preferPlace || streetScore < minStreetScore)) return fromPlace(place, words);
  if (road && streetScore >= minStreetScore) {
    return {
      precision: 'street',
      label: spokenStreet(road.search),
      postal: postalStreet(road.search),
      lat: road.lat,
      lon: road.lon,
    };
  }
  return undefined;
}

function fromPlace(place: Pick<PlaceRow, 'id' | 'kind' | 'name' | 'lat' | 'lon' | 'extra'>, words: string): Found | OutsideCity {
  const city = place.extra.city;
  if (place.kind === 'transit' && typeof city === 'string' && city !== 'Baltimore') {
    return { kind: 'outside-city', name: place.name, lat: place.lat, long: place.lon, words };
  }
  return {
    precision: placePrecision(place.kind),
    label: place.name,
    postal: place.name,
    lat: place.lat,
    lon: place.lon,
    placeId: place.id,
  };
}
