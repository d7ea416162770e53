import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { requestReports, requestUpdates, serviceRequests } from '../../db/schema/index.js';
import { OPEN_STATUSES } from './queries.js';

/** Precisions whose point is only a street's or a neighbourhood's middle: never "close by". */
const VAGUE_PRECISIONS = new Set(['street', 'neighborhood']);
const EARTH_RADIUS_M = 6_371_000;
const METRES_PER_DEGREE = 111_320;
// Open requests of one type near one spot are few; this bounds a pathological case.
const MAX_CANDIDATES = 1000;

export interface DuplicateQuery {
  serviceCode: string;
  lat: number | null;
  long: number | null;
  placeId: number | null;
  precision: string | null;
  addressString: string | null;
  distanceM: number;
}

export interface OpenDuplicate {
  id: number;
  confirmation: string;
  reportCount: number;
  addressString: string | null;
}

/**
 * An open request of the same type at the same spot: the same landmark or park, a point within
 * `distanceM`, or an address on the same block ("1234 N Charles St" and "1260 N Charles St" are
 * both the 1200 block). When several match, the same place wins, then the nearest, then the
 * newest. One query on (service_code, status), narrowed by place, bounding box and street.
 */
export async function findOpenDuplicate(tx: DbOrTx, q: DuplicateQuery): Promise<OpenDuplicate | undefined> {
  const point = hasPoint(q) ? { lat: q.lat!, long: q.long! } : undefined;
  const block = q.precision === null || q.precision === 'address' ? blockOf(q.addressString) : undefined;
  const near: SQL[] = [];
  if (q.placeId !== null) near.push(eq(serviceRequests.placeId, q.placeId));
  if (point) {
    const dLat = q.distanceM / METRES_PER_DEGREE;
    const dLong = q.distanceM / (METRES_PER_DEGREE * Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01));
    near.push(
      and(
        gte(serviceRequests.lat, point.lat - dLat),
        lte(serviceRequests.lat, point.lat + dLat),
        gte(serviceRequests.long, point.long - dLong),
        lte(serviceRequests.long, point.long + dLong),
      )!,
    );
  }
  // strpos, not LIKE: the street name needs no escaping. The block itself is checked below.
  if (block) near.push(sql`strpos(lower(${serviceRequests.addressString}), ${block.street.toLowerCase()}) > 0`);
  if (!near.length) return undefined;

  const rows = await tx
    .select({
      id: serviceRequests.id,
      confirmation: serviceRequests.confirmation,
      reportCount: serviceRequests.reportCount,
      addressString: serviceRequests.addressString,
      lat: serviceRequests.lat,
      long: serviceRequests.long,
      placeId: serviceRequests.placeId,
      precision: serviceRequests.precision,
      requestedAt: serviceRequests.requestedAt,
    })
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.serviceCode, q.serviceCode),
        inArray(serviceRequests.status, OPEN_STATUSES),
        or(...near),
      ),
    )
    // No ORDER BY: with a LIMIT it tempts the planner into walking the requested_at index over
    // every request ever made (measured 300 ms on 300,000 rows); ties are settled below.
    .limit(MAX_CANDIDATES);

  let best: { row: (typeof rows)[number]; rank: number } | undefined;
  for (const row of rows) {
    const rank = rankOf(q, point, block, row);
    if (rank === undefined) continue;
    const newer = best && rank === best.rank && row.requestedAt > best.row.requestedAt;
    if (!best || rank < best.rank || newer) best = { row, rank };
  }
  if (!best) return undefined;
  const { id, confirmation, reportCount, addressString } = best.row;
  return { id, confirmation, reportCount, addressString };
}

/** Lower is better: 0 for the same place, the distance in metres (plus 1) for points, then the block. */
function rankOf(
  q: DuplicateQuery,
  point: { lat: number; long: number } | undefined,
  block: Block | undefined,
  row: { lat: number | null; long: number | null; placeId: number | null; precision: string | null; addressString: string | null },
): number | undefined {
  if (q.placeId !== null && row.placeId === q.placeId) return 0;
  if (point && hasPoint(row)) {
    const d = distanceM(point.lat, point.long, row.lat!, row.long!);
    if (d <= q.distanceM) return 1 + d;
  }
  if (block && (row.precision === null || row.precision === 'address')) {
    const other = blockOf(row.addressString);
    if (other && other.hundred === block.hundred && other.street.toLowerCase() === block.street.toLowerCase()) {
      return 1 + q.distanceM + 1;
    }
  }
  return undefined;
}

function hasPoint(r: { lat: number | null; long: number | null; precision: string | null }): boolean {
  return r.lat !== null && r.long !== null && !(r.precision !== null && VAGUE_PRECISIONS.has(r.precision));
}

/** Great-circle distance in metres (haversine); exact enough at a city's scale. */
export function distanceM(lat1: number, long1: number, lat2: number, long2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLong = (long2 - long1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Block {
  /** 1200 for 1200–1299. */
  hundred: number;
  /** The postal street, "N Charles St". */
  street: string;
  /** "1200 block of N Charles St". */
  label: string;
}

const UNIT = /\s+(?:APT|STE|UNIT|FL|RM|BLDG|BSMT|REAR|FRNT|UPPR|LOWR|PH|#)\b.*$|\s+#.*$/i;

/**
 * The hundred-block of an address_string: "1234 N Charles St APT 2, Baltimore, MD" → 1200 block
 * of N Charles St. A relation the caller said ("near 1234 …") is skipped; no house number, no block.
 */
export function blockOf(addressString: string | null): Block | undefined {
  const first = addressString?.split(',')[0]?.trim();
  if (!first) return undefined;
  const m = /^(?:[a-z]+ )*(\d+)[A-Za-z]?(?:-\d+)?\s+(.+)$/.exec(first);
  if (!m) return undefined;
  const street = m[2]!.replace(UNIT, '').replace(/\s+/g, ' ').trim();
  if (!street || /^\d/.test(street)) return undefined;
  const hundred = Math.floor(Number(m[1]) / 100) * 100;
  return { hundred, street, label: `${hundred} block of ${street}` };
}

export interface NeighbourReport {
  callerNumber: string | null;
  words: string;
  callSid: string | null;
  idempotencyKey: string;
  wantsText: boolean;
}

/**
 * Merges a neighbour's report into an open request: a request_reports row (once per key), the
 * report count raised once, and a note the department sees. A retried webhook changes nothing
 * and gets the same count back.
 */
export async function addNeighbourReport(
  tx: DbOrTx,
  requestId: number,
  r: NeighbourReport,
): Promise<{ reportCount: number; confirmation: string }> {
  const [added] = await tx
    .insert(requestReports)
    .values({
      requestId,
      callerNumber: r.callerNumber,
      words: r.words,
      callSid: r.callSid,
      idempotencyKey: r.idempotencyKey,
      wantsText: r.wantsText,
    })
    .onConflictDoNothing({ target: requestReports.idempotencyKey })
    .returning({ id: requestReports.id });
  if (!added) {
    const [row] = await tx
      .select({ reportCount: serviceRequests.reportCount, confirmation: serviceRequests.confirmation })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, requestId));
    if (!row) throw new Error(`request ${requestId} not found`);
    return row;
  }
  const [row] = await tx
    .update(serviceRequests)
    .set({ reportCount: sql`${serviceRequests.reportCount} + 1`, updatedAt: sql`now()` })
    .where(eq(serviceRequests.id, requestId))
    .returning({ reportCount: serviceRequests.reportCount, confirmation: serviceRequests.confirmation });
  if (!row) throw new Error(`request ${requestId} not found`);
  await tx
    .insert(requestUpdates)
    .values({
      requestId,
      kind: 'note',
      note: r.words ? `Another resident reported this: ${r.words}` : 'Another resident reported this.',
      author: 'system',
      idempotencyKey: `${r.idempotencyKey}:note`,
    })
    .onConflictDoNothing({ target: requestUpdates.idempotencyKey });
  return row;
}
