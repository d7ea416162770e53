import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { addressPoints, placeNames, places, streets } from '../../db/schema/index.js';
import { TrigramIndex, trigrams, type Trigrams } from './trigrams.js';

export interface IndexedStreet {
  id: number;
  search: string;
  core: string;
  plain: string;
  /** Lower case: "n". */
  dirPre: string;
  kinds: string;
  segments: number;
  minAddress: number | null;
  maxAddress: number | null;
  lat: number;
  lon: number;
  /** Only ever an alley in the centerline file: callers name these by their neighbours. */
  alleyOnly: boolean;
  grams: { core: Trigrams; plain: Trigrams; search: Trigrams };
}

export interface IndexedPlace {
  id: number;
  kind: string;
  name: string;
  address: string | null;
  lat: number;
  lon: number;
  extra: Record<string, unknown>;
}

export interface IndexedName {
  placeId: number;
  search: string;
  grams: Trigrams;
}

export interface AddressPoint {
  houseNumber: number;
  lat: number;
  lon: number;
}

export interface Corner {
  id: number;
  name: string;
  lat: number;
  lon: number;
  streets: string[];
}

export interface GazetteerIndex {
  streets: IndexedStreet[];
  streetsByCore: Map<string, IndexedStreet[]>;
  /** Over `streets[i].grams.core`, as the SQL matched `core % query`. */
  streetCores: TrigramIndex;
  places: Map<number, IndexedPlace>;
  names: IndexedName[];
  namesBySearch: Map<string, IndexedName[]>;
  nameGrams: TrigramIndex;
  /** Known address points per street search form, by house number ascending. */
  points: Map<string, AddressPoint[]>;
  /** Named intersections per street search form. */
  corners: Map<string, Corner[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function load(db: DbOrTx): Promise<GazetteerIndex> {
  // Raw rows with only the columns used, corners' streets as one string: drizzle's row mapping
  // and postgres.js' array parsing were most of the load time. One statement after another: a
  // transaction (and PGlite) answers one at a time anyway.
  const streetRows = await executeRows<{
    id: number; search: string; core: string; plain: string; dir_pre: string; kinds: string; segments: number;
    min_address: number | null; max_address: number | null; lat: number; lon: number;
  }>(db, sql`select id, search, core, plain, dir_pre, kinds, segments, min_address, max_address, lat, lon
    from ${streets} order by id`);
  const placeRows = await executeRows<{
    id: number; kind: string; name: string; address: string | null; lat: number; lon: number; extra: unknown;
  }>(db, sql`select id, kind, name, address, lat, lon, extra from ${places} where kind <> 'intersection' order by id`);
  const cornerRows = await executeRows<{ id: number; name: string; lat: number; lon: number; streets: string }>(
    db,
    sql`select id, name, lat, lon, array_to_string(streets, '|') as streets from ${places} where kind = 'intersection' order by id`,
  );
  const nameRows = await executeRows<{ place_id: number; search: string }>(
    db,
    sql`select place_id, search from ${placeNames} order by id`,
  );
  const pointRows = await executeRows<{ street: string; house_number: number; lat: number; lon: number }>(
    db,
    sql`select street, house_number, lat, lon from ${addressPoints} order by street, house_number`,
  );

  const index: GazetteerIndex = {
    streets: [],
    streetsByCore: new Map(),
    streetCores: new TrigramIndex(),
    places: new Map(),
    names: [],
    namesBySearch: new Map(),
    nameGrams: new TrigramIndex(),
    points: new Map(),
    corners: new Map(),
  };
  for (const s of streetRows) {
    const street: IndexedStreet = {
      id: s.id,
      search: s.search,
      core: s.core,
      plain: s.plain,
      dirPre: s.dir_pre.toLowerCase(),
      kinds: s.kinds,
      segments: s.segments,
      minAddress: s.min_address,
      maxAddress: s.max_address,
      lat: Number(s.lat),
      lon: Number(s.lon),
      alleyOnly: s.kinds.split('|').every((k) => k === 'Alley'),
      grams: { core: trigrams(s.core), plain: trigrams(s.plain), search: trigrams(s.search) },
    };
    index.streets.push(street);
    push(index.streetsByCore, street.core, street);
    index.streetCores.add(street.grams.core);
  }
  for (const p of placeRows) {
    // postgres.js parses jsonb; PGlite may hand it back as text.
    const extra = (typeof p.extra === 'string' ? JSON.parse(p.extra) : p.extra) as Record<string, unknown>;
    index.places.set(p.id, { id: p.id, kind: p.kind, name: p.name, address: p.address, lat: Number(p.lat), lon: Number(p.lon), extra });
  }
  for (const c of cornerRows) {
    const corner = { id: c.id, name: c.name, lat: Number(c.lat), lon: Number(c.lon), streets: c.streets.split('|') };
    for (const s of new Set(corner.streets)) push(index.corners, s, corner);
  }
  for (const n of nameRows) {
    const name = { placeId: n.place_id, search: n.search, grams: trigrams(n.search) };
    index.names.push(name);
    push(index.namesBySearch, name.search, name);
    index.nameGrams.add(name.grams);
  }
  for (const a of pointRows) push(index.points, a.street, { houseNumber: a.house_number, lat: Number(a.lat), lon: Number(a.lon) });
  return index;
}

// The gazetteer is seed data that never changes while the service runs, and small (about eight
// thousand streets, five thousand place names, ten thousand corners: a few megabytes). Matching
// names in process takes well under a millisecond where pg_trgm's scans took tens (PGlite twice
// that). One index per process, as for the district outlines: steps read through a new
// transaction object on every webhook.
let cached: Promise<GazetteerIndex> | undefined;

/** The gazetteer's names, loaded on first use and kept for the life of the process. */
export function gazetteerIndex(db: DbOrTx): Promise<GazetteerIndex> {
  let loading = cached;
  if (!loading) {
    loading = load(db);
    const settled = loading.then(
      (index) => {
        // An unseeded database must not pin an empty index for the rest of the process.
        if (index.streets.length === 0 && cached === loading) cached = undefined;
      },
      () => {
        if (cached === loading) cached = undefined;
      },
    );
    void settled;
    cached = loading;
  }
  return loading;
}

/** Drops the cached index (after reseeding the gazetteer in a running process). */
export function forgetGazetteerIndex(): void {
  cached = undefined;
}
