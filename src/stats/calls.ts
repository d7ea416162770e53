import { sql, type SQL } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { bounds, CITY_TIME_ZONE, daysIn, storedLine, within, type StatsFilter } from './filter.js';

/** `s.line = …` when one line is chosen; nothing for both. */
export function lineOfSession(filter: StatsFilter, alias = 's'): SQL {
  const line = storedLine(filter);
  return line ? sql`and ${sql.raw(alias)}.line = ${line}` : sql``;
}

/**
 * For rows made during a call (events, waits, call-backs, requests, merged reports): only those
 * whose call came in on the chosen line. Calls last minutes, so such a row's call started at
 * most a day before the period's start: bounding the calls by that lets the database read only
 * the period's calls (call_sessions_line_started_idx) instead of every call ever made.
 */
export function lineOfCall(filter: StatsFilter, callSid: string): SQL {
  const line = storedLine(filter);
  if (!line) return sql``;
  const { start, end } = bounds(filter);
  return sql`and ${sql.raw(callSid)} in (
    select s.call_sid from call_sessions s
    where s.line = ${line} and s.started_at >= ${start} - interval '1 day' and s.started_at < ${end})`;
}

/**
 * How calls ended, from call_sessions.outcome as the flow records it ('report' from
 * submit-report, 'police'/'operator' from enqueue, 'emergency' from the emergency detector,
 * 'callback', 'goodbye' from hang-up, 'transferred' from transfer, 'abandoned-ivr' from the
 * status callback) and the queue's own record: a police or operator call whose wait ended in a
 * hang-up was abandoned in the queue, not answered.
 */
export const ENDINGS = {
  report: 'Report filed',
  status: 'Answered by the status line',
  police: 'Transferred to police',
  operator: 'Transferred to an operator',
  callback: 'Call-back requested',
  'abandoned-ivr': 'Abandoned in the menu',
  'abandoned-queue': 'Abandoned in a queue',
  emergency: 'Emergency advice',
  goodbye: 'Ended by the menu',
  transferred: 'Transferred to another number',
  'callback-declined': 'Declined a call-back',
  other: 'Other',
  'in-progress': 'Not ended yet',
} as const;
export type Ending = keyof typeof ENDINGS;

/** Endings in which no person took part: the menu did the whole job. */
export const CONTAINED: readonly Ending[] = ['report', 'status', 'goodbye'];

export interface EndingCount {
  ending: Ending;
  label: string;
  calls: number;
  /** Share of all calls in the period (0–1). */
  share: number;
}

const KNOWN_OUTCOMES = Object.keys(ENDINGS).filter((e) => !['abandoned-queue', 'other', 'in-progress'].includes(e));

export interface HourCount {
  /** 0–23, Baltimore time. */
  hour: number;
  calls: number;
}

export interface DayCount {
  /** YYYY-MM-DD, Baltimore's day. */
  day: string;
  calls: number;
}

/** Calls counted per hour of day, per day and per ending, from one pass over the period's calls. */
export interface CallTally {
  byHour: HourCount[];
  byDay: DayCount[];
  endings: EndingCount[];
}

/**
 * One read of the period's calls for three figures. Calls are first counted per UTC hour, which
 * is plain arithmetic; only those few thousand buckets are then put on Baltimore's clock.
 * Converting every call's time zone was most of the cost on a year of calls, and since
 * Baltimore's offset from UTC is always whole hours, a UTC hour is always one Baltimore hour.
 */
export async function callTally(db: DbOrTx, filter: StatsFilter): Promise<CallTally> {
  const known = sql.join(KNOWN_OUTCOMES.map((o) => sql`${o}`), sql`, `);
  const { start, end } = bounds(filter);
  const rows = await executeRows<{ day: string | null; hour: number | null; ending: Ending | null; calls: number }>(
    db,
    sql`with calls as (
          select date_bin('1 hour', s.started_at, timestamptz '2000-01-01 00:00:00+00') as utc_hour,
            case
              when s.outcome is null then 'in-progress'
              when s.outcome in ('police', 'operator') and h.call_sid is not null then 'abandoned-queue'
              when s.outcome in (${known}) then s.outcome
              else 'other'
            end as ending
          from call_sessions s
            left join (
              -- Waits begin minutes after their call starts: the period's, give or take a day.
              select distinct w.call_sid from queue_waits w
              where w.result = 'hangup' and w.joined_at >= ${start} and w.joined_at < ${end} + interval '1 day'
            ) h on h.call_sid = s.call_sid
          where ${within(sql`s.started_at`, filter)} ${lineOfSession(filter)}
        ),
        -- Hashed per UTC hour and ending (a year: ~50,000 buckets), then summed per hour and per
        -- ending apart, so only the ~8,800 hours are put on Baltimore's clock.
        buckets as materialized (select utc_hour, ending, count(*)::int as calls from calls group by 1, 2)
        select to_char(utc_hour at time zone ${CITY_TIME_ZONE}, 'YYYY-MM-DD') as day,
          extract(hour from utc_hour at time zone ${CITY_TIME_ZONE})::int as hour,
          null as ending, sum(calls)::int as calls
        from buckets group by utc_hour
        union all
        select null, null, ending, sum(calls)::int from buckets group by ending`,
  );
  const byHour = new Array<number>(24).fill(0);
  const byDay = new Map<string, number>();
  const byEnding = new Map<Ending, number>();
  let total = 0;
  for (const r of rows) {
    const calls = Number(r.calls);
    if (r.ending !== null) {
      byEnding.set(r.ending, (byEnding.get(r.ending) ?? 0) + calls);
      total += calls;
    } else if (r.day !== null && r.hour !== null) {
      byHour[Number(r.hour)]! += calls;
      byDay.set(r.day, (byDay.get(r.day) ?? 0) + calls);
    }
  }
  const first = Date.parse(`${filter.from}T00:00:00Z`);
  return {
    byHour: byHour.map((calls, hour) => ({ hour, calls })),
    // Every day of the period, quiet days included with zero calls.
    byDay: Array.from({ length: daysIn(filter) }, (_, i) => {
      const day = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
      return { day, calls: byDay.get(day) ?? 0 };
    }),
    endings: (Object.keys(ENDINGS) as Ending[]).map((ending) => {
      const calls = byEnding.get(ending) ?? 0;
      return { ending, label: ENDINGS[ending], calls, share: total ? calls / total : 0 };
    }),
  };
}

export async function callsByHour(db: DbOrTx, filter: StatsFilter): Promise<HourCount[]> {
  return (await callTally(db, filter)).byHour;
}

export async function callsByDay(db: DbOrTx, filter: StatsFilter): Promise<DayCount[]> {
  return (await callTally(db, filter)).byDay;
}

export async function callEndings(db: DbOrTx, filter: StatsFilter): Promise<EndingCount[]> {
  return (await callTally(db, filter)).endings;
}

export interface Containment {
  /** Calls that have ended (calls still in progress are left out). */
  calls: number;
  /** Of those, calls the menu completed without a person: a report, a status answer, a goodbye. */
  contained: number;
  rate: number | null;
}

export function containmentOf(endings: readonly EndingCount[]): Containment {
  const calls = endings.filter((e) => e.ending !== 'in-progress').reduce((sum, e) => sum + e.calls, 0);
  const contained = endings.filter((e) => CONTAINED.includes(e.ending)).reduce((sum, e) => sum + e.calls, 0);
  return { calls, contained, rate: calls ? contained / calls : null };
}
