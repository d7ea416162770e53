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

/**
 * Requests opened in the period and still open, by type, gathered in map cells: one read of the
 * open requests alone (service_requests_open_requested_idx holds only those).
 */
export async function openRequestMap(db: DbOrTx, filter: StatsFilter): Promise<OpenRequestMap> {
  const rows = await executeRows<{ code: string; service: string; lat: number | null; long: number | null; count: number }>(
    db,
    sql`select r.service_code as code, coalesce(min(sv.names->>'en'), r.service_code) as service,
          round(r.lat / ${CELL_DEGREES}) * ${CELL_DEGREES} as lat, round(r.long / ${CELL_DEGREES}) * ${CELL_DEGREES} as long,
          count(*)::int as count
        from service_requests r left join services sv on sv.code = r.service_code
        where r.closed_at is null and ${within(sql`r.requested_at`, filter)} ${lineOfCall(filter, 'r.call_sid')}
        group by 1, 3, 4`,
  );
  const types = new Map<string, { code: string; service: string; count: number }>();
  let placed = 0;
  for (const r of rows) {
    const type = types.get(r.code) ?? { code: r.code, service: r.service, count: 0 };
    type.count += Number(r.count);
    types.set(r.code, type);
    if (r.lat !== null && r.long !== null) placed += Number(r.count);
  }
  const ranked = [...types.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const shown = new Set(ranked.slice(0, MAP_TYPES).map((t) => t.code));
  const round = (v: number) => Math.round(Number(v) * 1e5) / 1e5;
  const cells = new Map<string, MapCell>();
  for (const r of rows) {
    if (r.lat === null || r.long === null) continue;
    const type = shown.has(r.code) ? r.code : 'other';
    const lat = round(r.lat);
    const long = round(r.long);
    const key = `${lat},${long},${type}`;
    const cell = cells.get(key) ?? { lat, long, type, count: 0 };
    cell.count += Number(r.count);
    cells.set(key, cell);
  }
  return { open: ranked.reduce((s, t) => s + t.count, 0), placed, types: ranked, cells: [...cells.values()] };
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
