import { sql, type SQL } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { CITY_TIME_ZONE, daysIn, storedLine, within, type StatsFilter } from './filter.js';

/** `s.line = …` when one line is chosen; nothing for both. */
export function lineOfSession(filter: StatsFilter, alias = 's'): SQL {
  const line = storedLine(filter);
  return line ? sql`and ${sql.raw(alias)}.line = ${line}` : sql``;
}

/** For rows that carry a call_sid: only those whose call came in on the chosen line. */
export function lineOfCall(filter: StatsFilter, callSid: string): SQL {
  const line = storedLine(filter);
  return line
    ? sql`and exists (select 1 from call_sessions s where s.call_sid = ${sql.raw(callSid)} and s.line = ${line})`
    : sql``;
}

export interface HourCount {
  /** 0–23, Baltimore time. */
  hour: number;
  calls: number;
}

export async function callsByHour(db: DbOrTx, filter: StatsFilter): Promise<HourCount[]> {
  const rows = await executeRows<{ hour: number; calls: number }>(
    db,
    sql`select extract(hour from s.started_at at time zone ${CITY_TIME_ZONE})::int as hour, count(*)::int as calls
        from call_sessions s
        where ${within(sql`s.started_at`, filter)} ${lineOfSession(filter)}
        group by 1`,
  );
  const byHour = new Map(rows.map((r) => [Number(r.hour), Number(r.calls)]));
  return Array.from({ length: 24 }, (_, hour) => ({ hour, calls: byHour.get(hour) ?? 0 }));
}

export interface DayCount {
  /** YYYY-MM-DD, Baltimore's day. */
  day: string;
  calls: number;
}

/** Every day of the period, quiet days included with zero calls. */
export async function callsByDay(db: DbOrTx, filter: StatsFilter): Promise<DayCount[]> {
  const rows = await executeRows<{ day: string; calls: number }>(
    db,
    sql`select to_char((s.started_at at time zone ${CITY_TIME_ZONE})::date, 'YYYY-MM-DD') as day, count(*)::int as calls
        from call_sessions s
        where ${within(sql`s.started_at`, filter)} ${lineOfSession(filter)}
        group by 1`,
  );
  const byDay = new Map(rows.map((r) => [r.day, Number(r.calls)]));
  const start = Date.parse(`${filter.from}T00:00:00Z`);
  return Array.from({ length: daysIn(filter) }, (_, i) => {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return { day, calls: byDay.get(day) ?? 0 };
  });
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

export async function callEndings(db: DbOrTx, filter: StatsFilter): Promise<EndingCount[]> {
  const known = sql.join(KNOWN_OUTCOMES.map((o) => sql`${o}`), sql`, `);
  const rows = await executeRows<{ ending: Ending; calls: number }>(
    db,
    sql`select case
            when s.outcome is null then 'in-progress'
            when s.outcome in ('police', 'operator') and exists (
              select 1 from queue_waits w where w.call_sid = s.call_sid and w.result = 'hangup'
            ) then 'abandoned-queue'
            when s.outcome in (${known}) then s.outcome
            else 'other'
          end as ending,
          count(*)::int as calls
        from call_sessions s
        where ${within(sql`s.started_at`, filter)} ${lineOfSession(filter)}
        group by 1`,
  );
  const total = rows.reduce((sum, r) => sum + Number(r.calls), 0);
  const byEnding = new Map(rows.map((r) => [r.ending, Number(r.calls)]));
  return (Object.keys(ENDINGS) as Ending[]).map((ending) => {
    const calls = byEnding.get(ending) ?? 0;
    return { ending, label: ENDINGS[ending], calls, share: total ? calls / total : 0 };
  });
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
