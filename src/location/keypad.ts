import type { GazetteerIndex, IndexedPlace, IndexedStreet } from './gazetteer-index.js';

/**
 * Street and place names keyed on a phone's keypad (2 = ABC … 9 = WXYZ): the way a caller who
 * cannot or will not speak gives a place. Every name is turned into its key digits once, and the
 * keys are kept sorted, so a lookup is two binary searches and a walk over what they enclose.
 */

const LETTERS = ['', '', 'abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'] as const;
const KEY_OF = new Map<string, string>(LETTERS.flatMap((letters, key) => [...letters].map((l) => [l, String(key)] as const)));

/** "Charles" → "2427537"; digits key as themselves ("33rd" → "3373"); anything else is skipped. */
export function keypadDigits(text: string): string {
  let out = '';
  for (const c of text.toLowerCase().normalize('NFD')) {
    if (c >= '0' && c <= '9') out += c;
    else {
      const key = KEY_OF.get(c);
      if (key) out += key;
    }
  }
  return out;
}

interface Keyed {
  key: string;
  /** The street's position in `index.streets`, or the place's id. */
  ref: number;
}

export interface KeypadIndex {
  streets: Keyed[];
  places: Keyed[];
  /** Each place's own name keyed, with and without a leading "the". */
  ownNames: Map<number, string[]>;
}

const byKey = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.ref - b.ref);

function build(index: GazetteerIndex): KeypadIndex {
  const streets: Keyed[] = [];
  index.streets.forEach((s, i) => {
    const key = keypadDigits(s.core);
    if (key) streets.push({ key, ref: i });
  });
  const places: Keyed[] = [];
  const seen = new Set<string>();
  for (const name of index.names) {
    // "The Walters Art Museum" is keyed from "Walters": nobody starts with the article.
    for (const form of [name.search, name.search.replace(/^the /, '')]) {
      const key = keypadDigits(form);
      const id = `${key}|${name.placeId}`;
      if (!key || seen.has(id)) continue;
      seen.add(id);
      places.push({ key, ref: name.placeId });
    }
  }
  const ownNames = new Map<number, string[]>();
  for (const place of index.places.values()) {
    ownNames.set(place.id, [keypadDigits(place.name), keypadDigits(place.name.replace(/^the /i, ''))]);
  }
  return { streets: streets.sort(byKey), places: places.sort(byKey), ownNames };
}

const built = new WeakMap<GazetteerIndex, KeypadIndex>();

/** The keypad keys of the gazetteer's streets and place names, built once per index. */
export function keypadIndex(index: GazetteerIndex): KeypadIndex {
  let keys = built.get(index);
  if (!keys) {
    keys = build(index);
    built.set(index, keys);
  }
  return keys;
}

/** The entries whose key starts with `prefix`: they sit together in the sorted list. */
function* withPrefix(list: Keyed[], prefix: string): Generator<Keyed> {
  const lower = (bound: string) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.key < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // ':' sorts right after '9': every key with the prefix lies before prefix + ':'.
  const end = lower(`${prefix}:`);
  for (let i = lower(prefix); i < end; i++) yield list[i]!;
}

/** The `size` best items offered, by rank (compared element by element, lower first). */
class TopK<T> {
  private readonly kept: { item: T; rank: number[] }[] = [];
  constructor(private readonly size: number) {}

  offer(item: T, rank: number[]): void {
    const kept = this.kept;
    if (kept.length >= this.size && !before(rank, kept[kept.length - 1]!.rank)) return;
    let at = kept.length;
    while (at > 0 && before(rank, kept[at - 1]!.rank)) at--;
    kept.splice(at, 0, { item, rank });
    if (kept.length > this.size) kept.pop();
  }

  items(): T[] {
    return this.kept.map((k) => k.item);
  }
}

function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

const onlyDigits = (keyed: string) => keyed.replace(/[^0-9]/g, '');

export interface LetterOptions {
  /** A house number already keyed: only streets whose address range holds it are offered. */
  houseNumber?: number;
  /** The search form of a street already chosen: only streets that meet it at a corner are offered. */
  meets?: string;
  /** How many to offer (default 3). */
  limit?: number;
}

/**
 * The streets whose name starts with the keyed letters, most likely first: a name keyed whole
 * before longer ones, then longer streets (more centerline segments) before short ones. Alleys
 * named for their neighbours are never offered; nor, with a house number, streets whose range
 * does not hold it, nor, with `meets`, streets that do not cross the chosen one.
 */
export function streetsByLetters(index: GazetteerIndex, digits: string, options: LetterOptions = {}): IndexedStreet[] {
  const prefix = onlyDigits(digits);
  if (!prefix) return [];
  const { houseNumber, meets, limit = 3 } = options;
  const crossing = meets === undefined ? undefined : new Set((index.corners.get(meets) ?? []).flatMap((c) => c.streets));
  const best = new TopK<IndexedStreet>(limit);
  for (const { key, ref } of withPrefix(keypadIndex(index).streets, prefix)) {
    const street = index.streets[ref]!;
    if (street.alleyOnly) continue;
    if (crossing && (!crossing.has(street.search) || street.search === meets)) continue;
    if (houseNumber !== undefined && !holds(street, houseNumber)) continue;
    best.offer(street, [key === prefix ? 0 : 1, -street.segments, ref]);
  }
  return best.items();
}

function holds(street: IndexedStreet, houseNumber: number): boolean {
  return street.minAddress !== null && street.maxAddress !== null && houseNumber >= street.minAddress && houseNumber <= street.maxAddress;
}

/** Kinds callers name as a place, before the historic properties most of the names belong to. */
const kindRank: Record<string, number> = { park: 0, landmark: 1, 'rec-center': 2, transit: 3, neighborhood: 4 };

/**
 * Parks and landmarks whose name (or another name they go by) starts with the keyed letters:
 * those keyed by their own name first, then parks before landmarks before the historic
 * properties most names belong to, shorter names first. One place per name said back.
 */
export function placesByLetters(index: GazetteerIndex, digits: string, options: { limit?: number } = {}): IndexedPlace[] {
  const prefix = onlyDigits(digits);
  if (!prefix) return [];
  const keys = keypadIndex(index);
  const limit = options.limit ?? 3;
  // Namesakes (a park, its landmark and its neighbourhood) share a name: keep a few spare.
  const best = new TopK<IndexedPlace>(limit * 4);
  const seen = new Set<number>();
  for (const { ref } of withPrefix(keys.places, prefix)) {
    const place = index.places.get(ref);
    if (!place || seen.has(ref)) continue;
    seen.add(ref);
    const own = keys.ownNames.get(ref)?.some((k) => k.startsWith(prefix)) ? 0 : 1;
    best.offer(place, [own, kindRank[place.kind] ?? 5, place.name.length, place.id]);
  }
  const out: IndexedPlace[] = [];
  const names = new Set<string>();
  for (const place of best.items()) {
    const name = place.name.toLowerCase();
    if (names.has(name)) continue;
    names.add(name);
    out.push(place);
    if (out.length >= limit) break;
  }
  return out;
}
