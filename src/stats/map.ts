import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { lineOfCall } from './calls.js';
import { within, type StatsFilter } from './filter.js';

/**
 * Open requests are drawn per cell of this many degrees (about 200 m north–south in Baltimore):
 * a year's open requests become a few thousand dots instead of tens of thousands, and no
 * caller's exact door is shown.
 */
export const CELL_DEGREES = 0.002;
/** Types drawn in their own colour; the rest share one. */
export const MAP_TYPES = 8;

export interface MapCell {
  lat: number;
  long: number;
  /** A service code among `types`, or "other". */
  type: string;
  count: number;
}

export interface OpenRequestMap {
  /** Open requests opened in the period, with or without a place. */
  open: number;
  /** Of those, the ones with coordinates (drawn). */
  placed: number;
  types: { code: string; service: string; count: number }[];
  cells: MapCell[];
}

/** Requests opened in the period and still open, by type, gathered in map cells. */
export async function openRequestMap(db: DbOrTx, filter: StatsFilter): Promise<OpenRequestMap> {
  const where = sql`r.closed_at is null and ${within(sql`r.requested_at`, filter)} ${lineOfCall(filter, 'r.call_sid')}`;
  const types = await executeRows<{ code: string; service: string; count: number; placed: number }>(
    db,
    sql`select r.service_code as code, coalesce(min(sv.names->>'en'), r.service_code) as service, count(*)::int as count,
          count(*) filter (where r.lat is not null and r.long is not null)::int as placed
        from service_requests r left join services sv on sv.code = r.service_code
        where ${where}
        group by 1
        order by 3 desc, 1`,
  );
  const shown = types.slice(0, MAP_TYPES).map((t) => t.code);
  const shownSql = shown.length ? sql.join(shown.map((c) => sql`${c}`), sql`, `) : sql`null`;
  const cells = await executeRows<{ lat: number; long: number; type: string; count: number }>(
    db,
    sql`select round(r.lat / ${CELL_DEGREES}) * ${CELL_DEGREES} as lat, round(r.long / ${CELL_DEGREES}) * ${CELL_DEGREES} as long,
          case when r.service_code in (${shownSql}) then r.service_code else 'other' end as type,
          count(*)::int as count
        from service_requests r
        where ${where} and r.lat is not null and r.long is not null
        group by 1, 2, 3`,
  );
  const round = (v: number) => Math.round(Number(v) * 1e5) / 1e5;
  return {
    open: types.reduce((s, t) => s + Number(t.count), 0),
    placed: types.reduce((s, t) => s + Number(t.placed), 0),
    types: types.map((t) => ({ code: t.code, service: t.service, count: Number(t.count) })),
    cells: cells.map((c) => ({ lat: round(c.lat), long: round(c.long), type: c.type, count: Number(c.count) })),
  };
}

export interface AreaFeature {
  type: 'Feature';
  properties: { kind: string; name: string; code: string | null };
  geometry: unknown;
}

/** The seeded outlines drawn under the dots: parks, council and police districts. */
export const MAP_AREA_KINDS = ['council', 'police', 'park'] as const;

export async function areaOutlines(db: DbOrTx): Promise<{ type: 'FeatureCollection'; features: AreaFeature[] }> {
  const kinds = sql.join(MAP_AREA_KINDS.map((k) => sql`${k}`), sql`, `);
  const rows = await executeRows<{ kind: string; name: string; code: string | null; geometry: unknown }>(
    db,
    sql`select kind, name, code, geometry from areas where kind in (${kinds}) order by kind, name`,
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { kind: r.kind, name: r.name, code: r.code },
      geometry: roundCoordinates(typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry),
    })),
  };
}

/** Five decimals (about a metre) is finer than any screen draws, and halves the download. */
function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e5) / 1e5;
  if (Array.isArray(value)) return value.map(roundCoordinates);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundCoordinates(v)]));
  }
  return value;
}
