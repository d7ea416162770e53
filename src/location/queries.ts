import type { DbOrTx } from '../../db/client.js';
import { gazetteerIndex, type GazetteerIndex, type IndexedStreet } from './gazetteer-index.js';
import type { StreetQuery } from './parse.js';
import { similarity, trigrams } from './trigrams.js';
import { suffixWord } from '../../db/names/usps.js';

/**
 * The gazetteer's lookups: streets, places and corners named like what the caller said, scored
 * as pg_trgm would (the same trigrams and similarity), answered from the in-process index
 * (gazetteer-index.ts). They once were SQL; the fuzzy scans cost 10 to 100 ms a lookup.
 */

export interface StreetRow {
  id: number;
  search: string;
  kinds: string;
  segments: number;
  min_address: number | null;
  max_address: number | null;
  lat: number;
  lon: number;
  /** How well the name matches, direction and type included (about 0 to 1.2). */
  score: number;
  /** The name alone, as pg_trgm scores it (0 to 1). */
  name_score: number;
  /** The street's name is exactly the one said (any direction or type). */
  exact: boolean;
}

export interface AnchoredStreetRow extends StreetRow {
  lo_n: number | null;
  lo_lat: number | null;
  lo_lon: number | null;
  hi_n: number | null;
  hi_lat: number | null;
  hi_lon: number | null;
}

export interface PlaceRow {
  id: number;
  kind: string;
  name: string;
  address: string | null;
  lat: number;
  lon: number;
  extra: Record<string, unknown>;
  score: number;
  /** The best of the place's names for the words, and how well it matched (0 to 1). */
  matched: string;
  name_score: number;
  exact: boolean;
}

export interface IntersectionRow {
  id: number;
  name: string;
  lat: number;
  lon: number;
  streets: string[];
  score_a: number;
  score_b: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const bySearch = (a: { score: number; search: string }, b: { score: number; search: string }) =>
  b.score - a.score || a.search.localeCompare(b.search);

/**
 * Streets whose name alone is exactly the query's, else (when no street has that name and
 * `skipFuzzy` is false) those whose name shares enough trigrams with it, best first.
 */
function scoredStreets(index: GazetteerIndex, q: StreetQuery, skipFuzzy = false): StreetRow[] {
  const exact = index.streetsByCore.get(q.core);
  let found: IndexedStreet[];
  if (exact) found = exact;
  else if (skipFuzzy) found = [];
  else {
    // Half the centerline is alleys named for their neighbours ("28th alley harford"): a near
    // miss of a street's name must not land in one unless the caller spoke of an alley.
    const alley = /\balley\b/.test(q.core) || q.type === 'aly';
    found = index.streetCores
      .similar(trigrams(q.core))
      .map((m) => index.streets[m.entry]!)
      .filter((s) => alley || !s.alleyOnly);
  }
  const typeWord = q.type ? suffixWord(q.type) : '';
  const grams = { core: trigrams(q.core), plain: trigrams(q.plain), search: trigrams(q.search) };
  return found
    .map((s) => {
      const name = Math.max(similarity(s.grams.core, grams.core), similarity(s.grams.plain, grams.plain), similarity(s.grams.search, grams.search));
      const dir = q.dir === '' ? 0 : s.dirPre === q.dir ? 0.1 : -0.1;
      const type = typeWord === '' ? 0 : s.plain.endsWith(` ${typeWord}`) ? 0.05 : -0.05;
      const alley = s.kinds === 'Alley' ? -0.2 : 0;
      const size = Math.min(0.08, Math.log(s.segments + 1) * 0.015);
      return {
        id: s.id,
        search: s.search,
        kinds: s.kinds,
        segments: s.segments,
        min_address: s.minAddress,
        max_address: s.maxAddress,
        lat: s.lat,
        lon: s.lon,
        score: round(name + dir + type + alley + size),
        name_score: round(name),
        exact: exact !== undefined,
      };
    })
    .sort(bySearch);
}

/** Streets named like the query, each with the nearest known address points below and above `houseNumber`. */
export async function streetsForAddress(db: DbOrTx, q: StreetQuery, houseNumber: number): Promise<AnchoredStreetRow[]> {
  const index = await gazetteerIndex(db);
  return scoredStreets(index, q).slice(0, 12).map((s) => ({ ...s, ...addressAnchors(index, s.search, houseNumber) }));
}

/** The known address points on either side of a house number, to place it between them. */
export function addressAnchors(index: GazetteerIndex, search: string, houseNumber: number) {
  const points = index.points.get(search) ?? [];
  const lo = points.findLast((p) => p.houseNumber <= houseNumber);
  const hi = points.find((p) => p.houseNumber >= houseNumber);
  return {
    lo_n: lo?.houseNumber ?? null,
    lo_lat: lo?.lat ?? null,
    lo_lon: lo?.lon ?? null,
    hi_n: hi?.houseNumber ?? null,
    hi_lat: hi?.lat ?? null,
    hi_lon: hi?.lon ?? null,
  };
}

/** Named intersections where a street like `a` meets a street like `b`, best pair first. */
export async function intersectionsOf(db: DbOrTx, a: StreetQuery, b: StreetQuery): Promise<IntersectionRow[]> {
  const index = await gazetteerIndex(db);
  const best = (rows: StreetRow[]) => {
    const scores = new Map<string, number>();
    for (const r of rows.slice(0, 10)) scores.set(r.search, Math.max(scores.get(r.search) ?? -Infinity, r.score));
    return scores;
  };
  const scoresA = best(scoredStreets(index, a));
  const scoresB = best(scoredStreets(index, b));
  const maxOf = (streets: string[], scores: Map<string, number>) =>
    Math.max(...streets.map((s) => scores.get(s) ?? -Infinity));
  const seen = new Set<number>();
  const out: IntersectionRow[] = [];
  for (const search of scoresA.keys()) {
    for (const corner of index.corners.get(search) ?? []) {
      if (seen.has(corner.id)) continue;
      seen.add(corner.id);
      const scoreB = maxOf(corner.streets, scoresB);
      if (scoreB === -Infinity) continue;
      out.push({ ...corner, score_a: maxOf(corner.streets, scoresA), score_b: scoreB });
    }
  }
  return out
    .sort((x, y) => y.score_a + y.score_b - (x.score_a + x.score_b) || x.streets.length - y.streets.length || x.id - y.id)
    .slice(0, 5);
}

const kindBonus: Record<string, number> = { park: 0.06, landmark: 0.05, 'rec-center': 0.03, transit: 0.03, neighborhood: 0.04 };

/** Places with a name exactly `name`, else (unless `skipFuzzy`) with names like it, best first. */
function scoredPlaces(index: GazetteerIndex, name: string, skipFuzzy: boolean): PlaceRow[] {
  const exact = index.namesBySearch.get(name);
  const query = trigrams(name);
  const matches = exact
    ? exact.map((n) => ({ name: n, similarity: similarity(n.grams, query) }))
    : skipFuzzy
      ? []
      : index.nameGrams.similar(query).map((m) => ({ name: index.names[m.entry]!, similarity: m.similarity }));
  const best = new Map<number, (typeof matches)[number]>();
  for (const m of matches) {
    const seen = best.get(m.name.placeId);
    if (!seen || m.similarity > seen.similarity) best.set(m.name.placeId, m);
  }
  const out: PlaceRow[] = [];
  for (const [id, m] of best) {
    const place = index.places.get(id);
    if (!place) continue;
    out.push({
      ...place,
      score: round(m.similarity + (kindBonus[place.kind] ?? 0)),
      matched: m.name.search,
      name_score: round(m.similarity),
      exact: exact !== undefined,
    });
  }
  return out.sort((x, y) => y.score - x.score || x.id - y.id).slice(0, 5);
}

/**
 * Places and streets named like the words. An exact place name skips the fuzzy street match;
 * when the caller said a street, an exact street name skips the fuzzy place match.
 */
export async function placesAndStreets(
  db: DbOrTx,
  name: string,
  street: StreetQuery,
  saidAsStreet: boolean,
): Promise<{ places: PlaceRow[]; streets: StreetRow[] }> {
  const index = await gazetteerIndex(db);
  const exactPlace = index.namesBySearch.has(name);
  const exactStreet = saidAsStreet && index.streetsByCore.has(street.core);
  return { places: scoredPlaces(index, name, exactStreet), streets: scoredStreets(index, street, exactPlace).slice(0, 5) };
}

/** Whether a street other than an alley has exactly this name ("front" for Front Street). */
export async function namesStreet(db: DbOrTx, core: string): Promise<boolean> {
  const index = await gazetteerIndex(db);
  return (index.streetsByCore.get(core) ?? []).some((s) => !s.alleyOnly);
}
