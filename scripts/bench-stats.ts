/**
 * Times each CityStat query on the configured database, for a year, a month and a week ending
 * on the last day with calls, on both lines and on the main line:
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/bench-stats.ts [--runs 5]
 *
 * Fill the database first with scripts/generate-year.ts; this migrates it first. Each query runs once to warm the cache,
 * then --runs times; the median and the slowest run are printed in milliseconds, and so is the
 * whole page's set of queries (cityStat) as the page runs them, side by side on the pool.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { executeRows, openDatabase, type Db } from '../db/client.js';
import { loadConfig } from '../src/config.js';
import { callEndings, callsByDay, callsByHour } from '../src/stats/calls.js';
import { cityStat } from '../src/stats/figures.js';
import { CITY_TIME_ZONE, type LineChoice, type StatsFilter } from '../src/stats/filter.js';
import { areaOutlines, openRequestMap } from '../src/stats/map.js';
import { queueFiguresFor } from '../src/stats/queues.js';
import { requestFigures } from '../src/stats/requests.js';
import { speechHealth } from '../src/stats/speech.js';

const QUERIES: [string, (db: Db, f: StatsFilter) => Promise<unknown>][] = [
  ['calls by hour', callsByHour],
  ['calls by day', callsByDay],
  ['call endings (+containment)', callEndings],
  ['queues and call-backs', queueFiguresFor],
  ['requests by type/department', requestFigures],
  ['speech recognition', speechHealth],
  ['open-requests map', openRequestMap],
  ['area outlines', (db) => areaOutlines(db)],
  ['whole page (all of the above)', cityStat],
];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Math.max(1, Number(values.runs) || 5);
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, timeoutMs: 60_000, poolSize: config.DB_POOL_SIZE });
  try {
    // The indexes CityStat relies on come with the migrations.
    await database.migrate();
    const db = database.db;
    const [counts] = await executeRows<Record<string, number>>(db, sql`select
      (select count(*) from call_sessions)::int as calls, (select count(*) from call_events)::int as events,
      (select count(*) from queue_waits)::int as waits, (select count(*) from callbacks)::int as callbacks,
      (select count(*) from service_requests)::int as requests, (select count(*) from request_reports)::int as merged,
      (select to_char(max(started_at at time zone ${CITY_TIME_ZONE}), 'YYYY-MM-DD') from call_sessions) as last_day`);
    if (!counts?.calls) throw new Error('no calls in this database: fill it with scripts/generate-year.ts --yes first');
    const lastDay = String(counts.last_day);
    console.log(`${database.kind}: ${JSON.stringify({ ...counts, last_day: undefined })}, last day ${lastDay}; ${runs} runs each`);
    const periods: [string, number][] = [['year', 365], ['month', 30], ['week', 7]];
    const lines: LineChoice[] = ['both', 'main'];
    const header = `${'query'.padEnd(32)}${periods.flatMap(([p]) => lines.map((l) => `${p}/${l}`.padStart(16))).join('')}`;
    console.log(`\nmedian (slowest) ms\n${header}`);
    for (const [name, fn] of QUERIES) {
      const cells: string[] = [];
      for (const [, days] of periods) {
        for (const line of lines) {
          const filter: StatsFilter = { from: addDays(lastDay, -(days - 1)), to: lastDay, line };
          const { median, max } = await time(runs, () => fn(db, filter));
          cells.push(`${median.toFixed(1)} (${max.toFixed(0)})`.padStart(16));
        }
      }
      console.log(`${name.padEnd(32)}${cells.join('')}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
