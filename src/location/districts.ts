import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { areas } from '../../db/schema/index.js';

export interface Districts {
  /** Undefined when the point is in no neighbourhood: outside the city (or in the water). */
  neighborhood?: string;
  councilDistrict?: string;
  policeDistrict?: string;
  /** The park the point is in, with its outline id (`places.extra.parkId`). */
  park?: { name: string; id: string };
}

interface Area {
  kind: string;
  name: string;
  code: string | null;
  geometry: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
}

function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  return [w, s, e, n];
}

// The outlines are a few hundred small polygons (under 1 MB) of seed data that never changes
// while the service runs: read once per process and kept. One cache for the process, not per
// handle: steps read through their call's transaction, a new object on every webhook.
let cached: Promise<Area[]> | undefined;

/** Every area, loaded on first use and cached for the life of the process. */
export function loadAreas(db: DbOrTx): Promise<Area[]> {
  let loading = cached;
  if (!loading) {
    loading = db
      .select({ kind: areas.kind, name: areas.name, code: areas.code, geometry: areas.geometry })
      .from(areas)
      .orderBy(asc(areas.id))
      .then((rows) =>
        rows.map((r) => {
          const geometry = r.geometry as Polygon | MultiPolygon;
          return { ...r, geometry, bbox: bboxOf(geometry) };
        }),
      );
    loading.catch(() => {
      if (cached === loading) cached = undefined;
    });
    cached = loading;
  }
  return loading;
}

function contains(area: Area, lon: number, lat: number): boolean {
  const [w, s, e, n] = area.bbox;
  if (lon < w || lon > e || lat < s || lat > n) return false;
  return booleanPointInPolygon([lon, lat], area.geometry);
}

/** The neighbourhood, council district, police district and park a point lies in. */
export async function districtsFor(db: DbOrTx, lat: number, lon: number): Promise<Districts> {
  const out: Districts = {};
  for (const area of await loadAreas(db)) {
    if (area.kind === 'neighborhood' && !out.neighborhood && contains(area, lon, lat)) out.neighborhood = area.name;
    else if (area.kind === 'council' && !out.councilDistrict && contains(area, lon, lat)) {
      out.councilDistrict = area.code ?? area.name;
    } else if (area.kind === 'police' && !out.policeDistrict && contains(area, lon, lat)) out.policeDistrict = area.name;
    else if (area.kind === 'park' && !out.park && contains(area, lon, lat)) out.park = { name: area.name, id: area.code ?? '' };
  }
  return out;
}

/** Whether a point lies inside the outline of the park with this id. */
export async function insidePark(db: DbOrTx, parkId: string, lat: number, lon: number): Promise<boolean> {
  const areasList = await loadAreas(db);
  return areasList.some((a) => a.kind === 'park' && a.code === parkId && contains(a, lon, lat));
}
