/**
 * Fills a database with a year of realistic, made-up 311 traffic for CityStat and its benchmark:
 * hundreds of thousands of calls with their sessions, events, queue waits, call-backs, requests
 * and neighbours' merged reports, shaped like Baltimore's line (busy weekday mornings, quiet
 * nights and Sundays, snow in winter, grass in summer, a few storm days).
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/generate-year.ts --yes [--days 365] [--calls-per-day 900] [--seed 311]
 *
 * It writes a lot, so it refuses to run without --yes. It uses the service's own configuration
 * (DATABASE_URL, or PGlite in DATA_DIR), migrates and seeds first, and adds to what is there:
 * run it on a database made for the purpose. Phone numbers are fictional (555-01xx).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { sql } from 'drizzle-orm';
import { executeRows, openDatabase, type Db } from '../db/client.js';
import {
  areas, callbacks, callEvents, callSessions, departments, queueWaits, requestReports, serviceRequests, services,
} from '../db/schema/index.js';
import { seed } from '../db/seed/index.js';
import { loadConfig } from '../src/config.js';
import { dammDigit } from '../src/requests/confirmation.js';

export interface GenerateOptions {
  /** Days of traffic, ending the day before `end`. */
  days: number;
  /** Calls on an ordinary weekday; weekends, seasons and storms move it. */
  callsPerDay: number;
  /** The generated traffic stops just before this moment (default: now). */
  end?: Date;
  seed?: number;
  log?: (message: string) => void;
}

export interface Generated {
  calls: number;
  events: number;
  waits: number;
  callbacks: number;
  requests: number;
  mergedReports: number;
}

/** A small seeded PRNG (mulberry32): the same seed makes the same year. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1]![0];
    },
    /** Log-normal around a median, spread by `sigma`. */
    lognormal(median: number, sigma: number) {
      const u = Math.max(next(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

/** Share of a day's calls per hour, Baltimore time: a morning peak and a smaller afternoon one. */
const HOURS = [0.4, 0.25, 0.2, 0.2, 0.3, 0.8, 2, 4.5, 7.5, 9, 9, 8.5, 7.5, 7.5, 7.5, 7, 6, 4.5, 3.2, 2.6, 2, 1.6, 1.1, 0.7];
/** Sunday … Saturday. */
const WEEKDAYS = [0.45, 1.25, 1.1, 1.05, 1, 0.95, 0.55];

/** Median days to close per department, as CityStat's charts should show them differ. */
const CLOSE_DAYS: Record<string, number> = {
  'solid-waste': 3, transportation: 9, 'public-works': 4, housing: 28, health: 2, 'rec-parks': 18, 'constituent-services': 6,
};

/** How popular each type is, and in which months it rises. */
function serviceWeight(code: string, month: number): number {
  const base: Record<string, number> = {
    'missed-trash': 12, 'bulk-trash': 9, 'dirty-alley': 8, rats: 9, 'dirty-street': 5, graffiti: 3, 'high-grass': 4,
    potholes: 8, 'street-light-out': 6, 'traffic-signal': 2, 'abandoned-vehicle': 4, 'parking-complaint': 3,
    'water-leak': 7, 'sewer-overflow': 3, 'storm-drain': 3, 'no-water': 1.5, 'illegal-dumping': 6, 'vacant-building': 3,
    'property-sanitation': 4, 'snow-ice': 1, 'stray-animal': 2.5, 'dead-animal': 2, 'noise': 1.5, 'fallen-tree': 2,
    'fallen-limb': 2, 'tree-inspection': 2.5, 'park-maintenance': 1.5, 'constituent-services': 2,
  };
  let w = base[code] ?? 0.6;
  const winter = month === 11 || month <= 1;
  const summer = month >= 5 && month <= 8;
  if (code === 'snow-ice') w *= winter ? 8 : 0.02;
  if (code === 'potholes' && month >= 1 && month <= 3) w *= 2.5;
  if ((code === 'high-grass' || code === 'rats') && summer) w *= 2.2;
  if (code === 'high-grass' && winter) w *= 0.1;
  return w;
}

interface Outline {
  name: string;
  code: string | null;
  geometry: Parameters<typeof booleanPointInPolygon>[1];
  box: [number, number, number, number];
}

function boxOf(geometry: { type: string; coordinates: unknown }): [number, number, number, number] {
  const flat = (geometry.coordinates as unknown[]).flat(3) as number[];
  const lons = flat.filter((_, i) => i % 2 === 0);
  const lats = flat.filter((_, i) => i % 2 === 1);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

function inside(o: Outline, lon: number, lat: number): boolean {
  return lon >= o.box[0] && lon <= o.box[2] && lat >= o.box[1] && lat <= o.box[3] && booleanPointInPolygon([lon, lat], o.geometry);
}

/** Baltimore midnight of a UTC-dated day (handles daylight saving by asking Intl). */
function cityMidnight(day: Date): Date {
  const guess = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 5));
  const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(guess));
  return new Date(guess.getTime() - hour * 3_600_000);
}

interface OpenRequest {
  id: number;
  code: string;
  openUntil: number;
}

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Generates the traffic into `db`; returns what it wrote. */
export async function generateTraffic(db: Db, options: GenerateOptions): Promise<Generated> {
  const rnd = prng(options.seed ?? 311);
  const log = options.log ?? (() => {});
  const end = options.end ?? new Date();
  const catalogue = await db.select({ code: services.code, department: services.departmentCode, handling: services.handling }).from(services);
  const departmentNames = new Map((await db.select({ code: departments.code, name: departments.name }).from(departments)).map((d) => [d.code, d.name]));
  const outlines = (await db.select().from(areas)).map((a) => ({
    kind: a.kind,
    name: a.name,
    code: a.code,
    geometry: a.geometry as Outline['geometry'],
    box: boxOf(a.geometry as { type: string; coordinates: unknown }),
  }));
  const neighbourhoods = outlines.filter((o) => o.kind === 'neighborhood');
  const councils = outlines.filter((o) => o.kind === 'council');
  const police = outlines.filter((o) => o.kind === 'police');
  if (!neighbourhoods.length || !catalogue.length) throw new Error('the database has no gazetteer or catalogue: seed it first');
  const reportTypes = catalogue.filter((s) => s.handling === 'report');
  const policeTypes = catalogue.filter((s) => s.handling === 'police');
  const [revision] = await executeRows<{ id: number }>(db, sql`select coalesce(max(id), 1)::int as id from flow_revisions`);
  const revisionId = revision?.id ?? 1;
  const usedConfirmations = new Set(
    (await executeRows<{ confirmation: string }>(db, sql`select confirmation from service_requests`)).map((r) => r.confirmation),
  );

  const confirmation = () => {
    for (;;) {
      let body = String(1 + rnd.int(9));
      for (let i = 1; i < 8; i++) body += String(rnd.int(10));
      const number = body + String(dammDigit(body));
      if (!usedConfirmations.has(number)) {
        usedConfirmations.add(number);
        return number;
      }
    }
  };

  const place = () => {
    for (;;) {
      const n = rnd.pick(neighbourhoods);
      const lon = n.box[0] + rnd.next() * (n.box[2] - n.box[0]);
      const lat = n.box[1] + rnd.next() * (n.box[3] - n.box[1]);
      if (!inside(n, lon, lat)) continue;
      return {
        lat: Math.round(lat * 1e6) / 1e6,
        long: Math.round(lon * 1e6) / 1e6,
        neighborhood: n.name,
        councilDistrict: councils.find((c) => inside(c, lon, lat))?.code ?? null,
        policeDistrict: police.find((p) => inside(p, lon, lat))?.code ?? null,
      };
    }
  };

  const totals: Generated = { calls: 0, events: 0, waits: 0, callbacks: 0, requests: 0, mergedReports: 0 };
  // Recent requests per type, which a neighbour's report may join.
  const open = new Map<string, OpenRequest[]>();
  const lastDay = cityMidnight(new Date(end.getTime() - 86_400_000));
  // A handful of storm days: twice the calls, and trees down.
  const storms = new Set(Array.from({ length: 5 }, () => rnd.int(options.days)));

  for (let d = options.days - 1; d >= 0; d--) {
    const dayStart = cityMidnight(new Date(lastDay.getTime() - d * 86_400_000 + 12 * 3_600_000));
    const month = new Date(dayStart.getTime() + 12 * 3_600_000).getUTCMonth();
    const weekday = new Date(dayStart.getTime() + 12 * 3_600_000).getUTCDay();
    const storm = storms.has(d);
    const season = 1 + 0.15 * Math.sin(((month - 3) / 12) * 2 * Math.PI);
    const n = Math.round(options.callsPerDay * WEEKDAYS[weekday]! * season * (storm ? 2 : 1) * (0.9 + 0.2 * rnd.next()));
    const types = reportTypes.map((s) => [s, serviceWeight(s.code, month) * (storm && s.code.startsWith('fallen') ? 15 : 1)] as const);

    const sessionRows: (typeof callSessions.$inferInsert)[] = [];
    const eventRows: (typeof callEvents.$inferInsert)[] = [];
    const waitRows: (typeof queueWaits.$inferInsert)[] = [];
    const callbackRows: (typeof callbacks.$inferInsert)[] = [];
    const requestRows: (typeof serviceRequests.$inferInsert)[] = [];
    const mergeRows: (typeof requestReports.$inferInsert)[] = [];

    const newRequest = (code: string, department: string, at: Date, channel: 'phone' | 'open311', callSid: string | null) => {
      const closeAfterMs = rnd.lognormal(CLOSE_DAYS[department] ?? 7, 0.9) * 86_400_000;
      const closedAt = at.getTime() + closeAfterMs < end.getTime() ? new Date(at.getTime() + closeAfterMs) : null;
      requestRows.push({
        confirmation: confirmation(),
        serviceCode: code,
        agency: departmentNames.get(department) ?? department,
        channel,
        callSid,
        status: closedAt ? 'completed' : rnd.weighted([['received', 3], ['assigned', 2], ['in_progress', 2]] as const),
        outcome: closedAt ? 'Work completed.' : null,
        requestedAt: at,
        updatedAt: closedAt ?? at,
        closedAt,
        callerNumber: channel === 'phone' ? `+1410555${String(100 + rnd.int(100)).padStart(4, '0')}` : null,
        ...place(),
      });
    };

    for (let i = 0; i < n; i++) {
      const hour = rnd.weighted(HOURS.map((w, h) => [h, w] as const));
      const at = new Date(dayStart.getTime() + hour * 3_600_000 + rnd.int(3_600_000));
      const sid = `CA${rnd.hex(32)}`;
      const line = rnd.chance(0.12) ? 'outOfArea' : 'main';
      const night = hour < 7 || hour >= 21;
      let outcome = rnd.weighted(
        line === 'outOfArea'
          ? ([['report', 40], ['status', 8], ['police', 5], ['operator', 9], ['abandoned-ivr', 10], ['goodbye', 27], ['emergency', 1]] as const)
          : ([['report', 47], ['status', 12], ['police', 9], ['operator', 10], ['abandoned-ivr', 9], ['goodbye', 6], ['emergency', 1.2], ['transferred', 0.8]] as const),
      ) as string;
      let seconds = 60 + rnd.int(180);

      if (outcome === 'report' || (outcome === 'police' && rnd.chance(0.5))) {
        const service = outcome === 'report' ? rnd.weighted(types) : rnd.pick(policeTypes);
        const path = rnd.weighted([['first-try', 68], ['confirmation', 19], ['keypad', 13]] as const);
        eventRows.push({ callSid: sid, kind: 'issue-classified', detail: { serviceCode: service.code, path, attempts: path === 'first-try' ? 0 : 1 }, at: new Date(at.getTime() + 40_000) });
        if (outcome === 'report') {
          const filedAt = new Date(at.getTime() + 150_000);
          const candidates = (open.get(service.code) ?? []).filter((r) => r.openUntil > filedAt.getTime());
          if (candidates.length && rnd.chance(0.09)) {
            mergeRows.push({ requestId: rnd.pick(candidates).id, callSid: sid, callerNumber: `+1410555${String(100 + rnd.int(100)).padStart(4, '0')}`, createdAt: filedAt });
          } else {
            newRequest(service.code, service.department, filedAt, 'phone', sid);
            eventRows.push({ callSid: sid, kind: 'report-filed', detail: { serviceCode: service.code }, at: filedAt });
          }
        }
      }

      if (outcome === 'police' || outcome === 'operator' || outcome === 'emergency') {
        const queue = outcome === 'operator' ? 'operator' : 'police-non-emergency';
        const joinedAt = new Date(at.getTime() + 60_000);
        const unstaffed = queue === 'police-non-emergency' && night && rnd.chance(0.5);
        if (unstaffed) {
          waitRows.push({ callSid: sid, queue, reason: 'police-queue', joinedAt, endedAt: joinedAt, result: 'unstaffed', queueTimeS: 0 });
          outcome = rnd.chance(0.7) ? 'callback' : 'callback-declined';
        } else {
          const busy = hour >= 9 && hour <= 15 ? 1.6 : 1;
          const wait = Math.round(rnd.lognormal((queue === 'operator' ? 75 : 140) * busy, 0.8));
          const hangup = rnd.chance(Math.min(0.55, wait / 1200));
          const leave = !hangup && rnd.chance(Math.min(0.3, wait / 2000));
          const result = hangup ? 'hangup' : leave ? 'leave' : 'bridged';
          waitRows.push({ callSid: sid, queue, reason: `${queue}-queue`, joinedAt, endedAt: new Date(joinedAt.getTime() + wait * 1000), result, queueTimeS: wait });
          seconds += wait + (result === 'bridged' ? 120 + rnd.int(400) : 0);
          if (leave && outcome !== 'emergency') outcome = 'callback';
        }
        if (outcome === 'callback') {
          const status = at.getTime() > end.getTime() - 3_600_000 ? 'waiting' : rnd.weighted([['answered', 76], ['failed', 16], ['waiting', 1]] as const);
          const attempts = status === 'answered' ? 1 + (rnd.chance(0.2) ? 1 : 0) : status === 'failed' ? 3 : 0;
          callbackRows.push({
            callSid: sid, queue, number: `+1410555${String(100 + rnd.int(100)).padStart(4, '0')}`, reason: '', joinedAt, status, attempts,
            lastResult: status === 'answered' ? 'completed' : status === 'failed' ? 'no-answer' : null,
            answeredAt: status === 'answered' ? new Date(joinedAt.getTime() + rnd.lognormal(1800, 0.7) * 1000) : null,
            createdAt: new Date(joinedAt.getTime() + 30_000),
          });
        }
      }
      if (outcome === 'abandoned-ivr') seconds = 5 + rnd.int(90);

      const endedAt = new Date(at.getTime() + seconds * 1000);
      const ended = endedAt.getTime() < end.getTime();
      sessionRows.push({
        callSid: sid, line, revisionId, language: rnd.chance(0.07) ? 'es' : 'en', step: 'goodbye', phase: 'ended',
        callerNumber: `+1410555${String(100 + rnd.int(100)).padStart(4, '0')}`,
        outcome: ended ? outcome : null, endStatus: ended ? 'completed' : null, durationS: ended ? seconds : null,
        startedAt: at, updatedAt: ended ? endedAt : at, endedAt: ended ? endedAt : null,
      });
    }

    // Requests made on the web and by apps through Open311: about a sixth of all requests.
    const web = Math.round(n * 0.08);
    for (let i = 0; i < web; i++) {
      const service = rnd.weighted(types);
      const hour = rnd.weighted(HOURS.map((w, h) => [h, w + 1] as const));
      newRequest(service.code, service.department, new Date(dayStart.getTime() + hour * 3_600_000 + rnd.int(3_600_000)), 'open311', null);
    }

    await db.transaction(async (tx) => {
      await insertChunks(sessionRows, 2000, (c) => tx.insert(callSessions).values(c));
      await insertChunks(eventRows, 3000, (c) => tx.insert(callEvents).values(c));
      await insertChunks(waitRows, 3000, (c) => tx.insert(queueWaits).values(c));
      await insertChunks(callbackRows, 2000, (c) => tx.insert(callbacks).values(c));
      await insertChunks(requestRows, 1500, async (c) => {
        const ids = await tx.insert(serviceRequests).values(c).returning({ id: serviceRequests.id, code: serviceRequests.serviceCode, closedAt: serviceRequests.closedAt });
        for (const r of ids) {
          const list = open.get(r.code) ?? [];
          list.push({ id: r.id, code: r.code, openUntil: r.closedAt?.getTime() ?? Number.POSITIVE_INFINITY });
          // Only recent requests take neighbours' reports; keeps the candidate search short.
          if (list.length > 200) list.splice(0, list.length - 200);
          open.set(r.code, list);
        }
      });
      await insertChunks(mergeRows, 3000, (c) => tx.insert(requestReports).values(c));
    });

    totals.calls += sessionRows.length;
    totals.events += eventRows.length;
    totals.waits += waitRows.length;
    totals.callbacks += callbackRows.length;
    totals.requests += requestRows.length;
    totals.mergedReports += mergeRows.length;
    if (d % 30 === 0) log(`${dayStart.toISOString().slice(0, 10)}: ${totals.calls} calls, ${totals.requests} requests so far`);
  }

  // Each merged report raised its request's count, as addNeighbourReport does.
  await db.execute(sql`update service_requests r set report_count = 1 + m.n
    from (select request_id, count(*)::int as n from request_reports group by request_id) m
    where r.id = m.request_id and r.report_count <> 1 + m.n`);
  await db.execute(sql`analyze`);
  return totals;
}

async function main() {
  const { values } = parseArgs({
    options: {
      yes: { type: 'boolean', default: false },
      days: { type: 'string', default: '365' },
      'calls-per-day': { type: 'string', default: '900' },
      seed: { type: 'string', default: '311' },
    },
  });
  if (!values.yes) {
    console.error('generate-year writes hundreds of thousands of made-up calls and requests into the configured database\n'
      + '(DATABASE_URL, or PGlite in DATA_DIR). Run it on a database made for the purpose, with --yes:\n'
      + '  DATABASE_URL=postgres://… npx tsx scripts/generate-year.ts --yes [--days 365] [--calls-per-day 900] [--seed 311]');
    process.exit(2);
  }
  const days = Number(values.days);
  const callsPerDay = Number(values['calls-per-day']);
  const seedValue = Number(values.seed);
  if (!Number.isInteger(days) || days < 1 || days > 1000 || !Number.isInteger(callsPerDay) || callsPerDay < 1 || !Number.isInteger(seedValue)) {
    console.error('--days (1–1000), --calls-per-day and --seed must be whole numbers');
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, timeoutMs: 600_000, poolSize: 2 });
  try {
    await database.migrate();
    await seed(database.db);
    const started = performance.now();
    const totals = await generateTraffic(database.db, { days, callsPerDay, seed: seedValue, log: (m) => console.log(m) });
    console.log(`wrote ${JSON.stringify(totals)} in ${((performance.now() - started) / 1000).toFixed(1)} s (${database.kind})`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
