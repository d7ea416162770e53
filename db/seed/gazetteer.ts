import { sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { addressPoints, areas, placeNames, places, streets } from '../schema/index.js';
// The search columns must hold exactly what the query side computes: the seed and the location
// search share one normaliser (db/names/, no I/O but the USPS tables) rather than two copies.
import { isGenericName } from '../names/generic.js';
import { normalizeName, splitStreet, tokenize } from '../names/normalize.js';
import { suffixWord } from '../names/usps.js';
import { readCsv, readJson } from './csv.js';
import { insertChunked, type SeedUnit } from './unit.js';

const chunk = 300;
const b = (file: string) => `baltimore/${file}`;

interface Feature {
  properties: Record<string, string | number | null>;
  geometry: unknown;
}
interface FamousPlace {
  name: string;
  alt: string[];
  address: string;
  lat: number;
  lon: number;
}
type PlaceRow = typeof places.$inferInsert & { names: string[] };

const num = (v: string | null | undefined) => (v == null || v === '' ? undefined : Number(v));

/** "401-409 Cathedral Street, Baltimore, MD" → { houseNumber: 401, street: "cathedral st" }. */
export function splitAddress(address: string | null | undefined): { houseNumber: number; street: string } | undefined {
  if (!address) return undefined;
  const match = /^\s*(\d+)(?:\s*-\s*\d+)?[a-z]?\s+([^,]+)/i.exec(address);
  if (!match) return undefined;
  const street = normalizeName(match[2]!.replace(/\b(suite|ste|apt|unit|floor|fl)\b.*$/i, ''));
  return street ? { houseNumber: Number(match[1]), street } : undefined;
}

/** Without ", Baltimore, MD 21201" at the end. */
function shortAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  return address.replace(/,?\s*Baltimore\b.*$/i, '').trim() || null;
}

function loadStreets() {
  const merged = new Map<string, typeof streets.$inferInsert>();
  for (const row of readCsv(b('baltimore_street_names.csv'))) {
    const parts = [row.dirpre, row.name, row.type, row.dirsuf].filter((p): p is string => !!p && p !== 'NA');
    const fullName = parts.join(' ').replace(/\s+/g, ' ').trim();
    const search = normalizeName(fullName);
    const lat = num(row.lat);
    const lon = num(row.lon);
    if (!search || lat === undefined || lon === undefined) continue;
    const split = splitStreet(tokenize(fullName));
    const segments = num(row.segments) ?? 1;
    const min = num(row.min_address);
    const max = num(row.max_address);
    const previous = merged.get(search);
    // The centerline file lists a few names twice ("NA EASTERN AVE NA"): one street, merged.
    if (previous) {
      previous.segments += segments;
      if (min !== undefined) previous.minAddress = Math.min(previous.minAddress ?? min, min);
      if (max !== undefined) previous.maxAddress = Math.max(previous.maxAddress ?? max, max);
      previous.kinds = [...new Set([...(previous.kinds ?? '').split('|'), ...(row.kinds ?? '').split('|')])]
        .filter(Boolean)
        .join('|');
      continue;
    }
    merged.set(search, {
      fullName,
      dirPre: row.dirpre && row.dirpre !== 'NA' ? row.dirpre : '',
      name: row.name ?? fullName,
      type: row.type ?? '',
      dirSuf: row.dirsuf && row.dirsuf !== 'NA' ? row.dirsuf : '',
      search,
      core: split.core,
      plain: [split.core, split.type ? suffixWord(split.type) : ''].filter(Boolean).join(' '),
      kinds: row.kinds ?? '',
      segments,
      minAddress: min ?? null,
      maxAddress: max ?? null,
      lat,
      lon,
    });
  }
  return [...merged.values()];
}

function place(kind: string, name: string, lat: number | undefined, lon: number | undefined, more: {
  address?: string | null;
  alt?: (string | null | undefined)[];
  extra?: Record<string, unknown>;
  streets?: string[];
}): PlaceRow | undefined {
  if (lat === undefined || lon === undefined || !name) return undefined;
  const search = normalizeName(name);
  const names = [...new Set([search, ...(more.alt ?? []).filter((a): a is string => !!a).map(normalizeName)])].filter(Boolean);
  return {
    kind,
    name,
    search,
    address: more.address ?? null,
    lat,
    lon,
    streets: more.streets ?? [],
    extra: more.extra ?? {},
    names: kind === 'intersection' ? [] : names,
  };
}

function loadPlaces(): PlaceRow[] {
  const rows: (PlaceRow | undefined)[] = [];
  for (const r of readCsv(b('baltimore_parks.csv'))) {
    // "Gwynns Falls / Leakin Park" answers to either half; alternatives are comma-separated.
    const alt = [...(r.name ?? '').split('/'), ...(r.name_alt ?? '').split(',')].map((s) => s.trim());
    rows.push(place('park', r.name ?? '', num(r.lat), num(r.lon), {
      address: r.address,
      alt,
      extra: {
        parkId: r.id,
        class: r.class,
        acres: num(r.acres) ?? 0,
        bbox: [num(r.bbox_west), num(r.bbox_south), num(r.bbox_east), num(r.bbox_north)],
      },
    }));
  }
  for (const r of readJson<FamousPlace[]>('famous-places.json')) {
    rows.push(place('landmark', r.name, r.lat, r.lon, { address: r.address, alt: r.alt, extra: { famous: true } }));
  }
  for (const r of readCsv(b('baltimore_heritage_landmarks.csv'))) {
    rows.push(place('landmark', r.title ?? '', num(r.lat), num(r.lon), { address: shortAddress(r.address), extra: { heritageId: r.id } }));
  }
  for (const r of readCsv(b('baltimore_rec_centers.csv'))) {
    rows.push(place('rec-center', r.name ?? '', num(r.lat), num(r.lon), {
      address: r.street_address,
      alt: [r.name_short ? `${r.name_short} rec center` : null, r.name?.replace(/\bRec\b/, 'Recreation')],
    }));
  }
  for (const r of readCsv(b('baltimore_transit_stations.csv'))) {
    const short = r.name?.replace(/\s+(Light Rail|Metro Subway|Metro|MARC|Subway)\s+Station$/i, ' Station');
    rows.push(place('transit', r.name ?? '', num(r.lat), num(r.lon), {
      address: r.address,
      alt: [short],
      extra: { city: r.city, mode: r.mode },
    }));
  }
  for (const r of readCsv(b('baltimore_neighborhoods_2020.csv'))) {
    rows.push(place('neighborhood', r.name ?? '', num(r.lat), num(r.lon), { alt: [r.name_alt] }));
  }
  for (const r of readCsv(b('baltimore_mihp_historic_properties.csv'))) {
    const row = place('historic', r.name ?? '', num(r.lat), num(r.lon), {
      address: r.full_address,
      alt: [r.alternate_name],
      extra: { mihp: r.mihp_num },
    });
    // The survey names hundreds of properties for what they are ("House", "Warehouse", "Alley
    // houses", "Map only", "School # 100"): no caller means one of them by those words. The
    // property stays (its address still places house numbers); only such names are not searchable.
    if (row) row.names = row.names.filter((n) => !isGenericName(n));
    rows.push(row);
  }
  for (const r of readCsv(b('baltimore_named_intersections.csv'))) {
    const names = (r.name ?? '').split('&').map((s) => s.trim()).filter(Boolean);
    const streetSearches = [...new Set(names.map(normalizeName))];
    if (streetSearches.length < 2) continue;
    rows.push(place('intersection', r.name ?? '', num(r.lat), num(r.lon), {
      streets: streetSearches,
      extra: { intersectionId: r.id },
    }));
  }
  return rows.filter((r): r is PlaceRow => r !== undefined);
}

function loadAreas(): (typeof areas.$inferInsert)[] {
  const layers: [string, string, (p: Feature['properties']) => { name: string; code: string | null }][] = [
    ['neighborhood', 'baltimore_neighborhoods_2020.geojson', (p) => ({ name: String(p.name), code: null })],
    ['council', 'baltimore_council_districts.geojson', (p) => ({ name: String(p.name), code: String(p.id) })],
    ['police', 'baltimore_police_districts_2023.geojson', (p) => ({ name: String(p.name), code: String(p.name_abb) })],
    ['park', 'baltimore_parks.geojson', (p) => ({ name: String(p.name), code: String(Number(p.id)) })],
  ];
  return layers.flatMap(([kind, file, names]) =>
    readJson<{ features: Feature[] }>(b(file)).features.map((f) => ({ kind, ...names(f.properties), geometry: f.geometry })),
  );
}

/** Places, streets, address points and areas from db/seed/baltimore and famous-places.json. */
export const gazetteerSeed: SeedUnit = {
  name: 'gazetteer',
  files: [
    'famous-places.json',
    'baltimore/baltimore_street_names.csv',
    'baltimore/baltimore_named_intersections.csv',
    'baltimore/baltimore_parks.csv',
    'baltimore/baltimore_parks.geojson',
    'baltimore/baltimore_heritage_landmarks.csv',
    'baltimore/baltimore_mihp_historic_properties.csv',
    'baltimore/baltimore_rec_centers.csv',
    'baltimore/baltimore_transit_stations.csv',
    'baltimore/baltimore_neighborhoods_2020.csv',
    'baltimore/baltimore_neighborhoods_2020.geojson',
    'baltimore/baltimore_council_districts.geojson',
    'baltimore/baltimore_police_districts_2023.geojson',
    'usps/usps_pub28_c1_street_suffixes.csv',
    'usps/usps_pub28_c1_primary_suffixes.csv',
  ],
  // 2: generic historic names are not searchable.
  version: 2,
  async load(tx: Tx) {
    await tx.execute(sql`truncate ${placeNames}, ${places}, ${streets}, ${addressPoints}, ${areas} restart identity`);
    const streetRows = loadStreets();
    let count = await insertChunked(streetRows, (c) => tx.insert(streets).values(c), chunk);
    const known = new Set(streetRows.map((s) => s.search));

    const placeRows = loadPlaces();
    const names: (typeof placeNames.$inferInsert)[] = [];
    await insertChunked(placeRows, async (c) => {
      const ids = await tx.insert(places).values(c.map(({ names: _, ...row }) => row)).returning({ id: places.id });
      c.forEach((row, i) => {
        for (const search of row.names) names.push({ placeId: ids[i]!.id, search });
      });
    }, chunk);
    count += placeRows.length;
    count += await insertChunked(names, (c) => tx.insert(placeNames).values(c), chunk * 2);

    const points = new Map<string, typeof addressPoints.$inferInsert>();
    for (const p of placeRows) {
      const address = splitAddress(p.address);
      if (!address || !known.has(address.street)) continue;
      points.set(`${address.street}|${address.houseNumber}`, { ...address, lat: p.lat, lon: p.lon });
    }
    count += await insertChunked([...points.values()], (c) => tx.insert(addressPoints).values(c), chunk * 2);
    count += await insertChunked(loadAreas(), (c) => tx.insert(areas).values(c), 50);
    // Fresh statistics, or the planner scans instead of using the name indexes.
    await tx.execute(sql`analyze ${streets}, ${places}, ${placeNames}, ${addressPoints}`);
    return count;
  },
};
