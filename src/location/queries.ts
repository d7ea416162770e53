import { sql, type SQL } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import type { StreetQuery } from './parse.js';
import { suffixWord } from './usps.js';

/**
 * The gazetteer's hot queries. Each lookup is one round trip with bound parameters, which
 * postgres.js turns into a named prepared statement on first use (its default `prepare: true`).
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

function streetScored(q: StreetQuery, skipFuzzyIf: SQL = sql`false`): SQL {
  const typeWord = q.type ? suffixWord(q.type) : '';
  const scored = (where: SQL) => sql`select s.id, s.search, s.kinds, s.segments, s.min_address, s.max_address, s.lat, s.lon,
      greatest(similarity(s.core, ${q.core}), similarity(s.plain, ${q.plain}), similarity(s.search, ${q.search}))
      + case when ${q.dir}::text = '' then 0 when lower(s.dir_pre) = ${q.dir}::text then 0.1 else -0.1 end
      + case when ${typeWord}::text = '' then 0 when s.plain like ('% ' || ${typeWord}::text) then 0.05 else -0.05 end
      + case when s.kinds = 'Alley' then -0.2 else 0 end
      + least(0.08, ln(s.segments + 1) * 0.015) as score
    from streets s where ${where}`;
  // An exact name skips the trigram scan (a few milliseconds on PGlite): the planner turns the
  // uncorrelated NOT EXISTS into a one-time filter, so the fuzzy branch runs only when needed.
  return sql`${scored(sql`s.core = ${q.core}`)}
    union all
    ${scored(sql`s.core % ${q.core} and not exists (select 1 from streets e where e.core = ${q.core}) and not (${skipFuzzyIf})`)}`;
}

const numbers = <T extends object>(rows: T[]): T[] =>
  rows.map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const [k, v] of Object.entries(out)) if (typeof v === 'string' && /^(score|lat|lon|lo_|hi_)/.test(k)) out[k] = Number(v);
    return out as T;
  });

/** Streets named like the query, each with the nearest known address points below and above `houseNumber`. */
export async function streetsForAddress(db: DbOrTx, q: StreetQuery, houseNumber: number): Promise<AnchoredStreetRow[]> {
  return numbers(
    await executeRows<AnchoredStreetRow>(
      db,
      sql`select c.*, lo.house_number as lo_n, lo.lat as lo_lat, lo.lon as lo_lon,
            hi.house_number as hi_n, hi.lat as hi_lat, hi.lon as hi_lon
          from (select * from (${streetScored(q)}) u order by score desc limit 12) c
          left join lateral (select house_number, lat, lon from address_points a
            where a.street = c.search and a.house_number <= ${houseNumber} order by a.house_number desc limit 1) lo on true
          left join lateral (select house_number, lat, lon from address_points a
            where a.street = c.search and a.house_number >= ${houseNumber} order by a.house_number asc limit 1) hi on true
          order by c.score desc`,
    ),
  );
}

/** Named intersections where a street like `a` meets a street like `b`, best pair first. */
export async function intersectionsOf(db: DbOrTx, a: StreetQuery, b: StreetQuery): Promise<IntersectionRow[]> {
  return numbers(
    await executeRows<IntersectionRow>(
      db,
      sql`with a as (select * from (${streetScored(a)}) u order by score desc limit 10),
               b as (select * from (${streetScored(b)}) u order by score desc limit 10)
          select * from (select p.id, p.name, p.lat, p.lon, p.streets,
            (select max(score) from a where a.search = any(p.streets)) as score_a,
            (select max(score) from b where b.search = any(p.streets)) as score_b
          from places p
          where p.kind = 'intersection'
            and p.streets && (select coalesce(array_agg(search), '{}') from a)
            and p.streets && (select coalesce(array_agg(search), '{}') from b)) x
          order by score_a + score_b desc, cardinality(streets) asc
          limit 5`,
    ),
  );
}

const kindBonus = sql`case p.kind when 'park' then 0.06 when 'landmark' then 0.05 when 'rec-center' then 0.03
  when 'transit' then 0.03 when 'neighborhood' then 0.04 else 0 end`;

function placesScored(name: string, skipFuzzyIf: SQL = sql`false`): SQL {
  return sql`select p.id, p.kind, p.name, p.address, p.lat, p.lon, p.extra,
      max(similarity(n.search, ${name})) + ${kindBonus} as score
    from (select place_id, search from place_names where search = ${name}
          union all
          select place_id, search from place_names
          where search % ${name} and not exists (select 1 from place_names e where e.search = ${name})
            and not (${skipFuzzyIf})) n
      join places p on p.id = n.place_id
    group by p.id
    order by score desc
    limit 5`;
}

/**
 * Places and streets named like the words, in one round trip. An exact place name skips the
 * fuzzy street scan; when the caller said a street, an exact street name skips the fuzzy place scan.
 */
export async function placesAndStreets(
  db: DbOrTx,
  name: string,
  street: StreetQuery,
  saidAsStreet: boolean,
): Promise<{ places: PlaceRow[]; streets: StreetRow[] }> {
  const exactPlace = sql`exists (select 1 from place_names x where x.search = ${name})`;
  const exactStreet = saidAsStreet ? sql`exists (select 1 from streets x where x.core = ${street.core})` : sql`false`;
  const [row] = await executeRows<{ places: unknown; streets: unknown }>(
    db,
    sql`select (select json_agg(x) from (${placesScored(name, exactStreet)}) x) as places,
               (select json_agg(y) from (select * from (${streetScored(street, exactPlace)}) u
                 order by score desc limit 5) y) as streets`,
  );
  const parse = <T>(v: unknown): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : ((v as T[] | null) ?? []));
  return { places: numbers(parse<PlaceRow>(row?.places)), streets: numbers(parse<StreetRow>(row?.streets)) };
}
