import { sql, type SQL } from 'drizzle-orm';
import { StatsErrors } from './errors.js';

/**
 * The city's own clock: days and hours of day are Baltimore's, whatever the server's zone, so
 * "calls at 9 a.m." means what a department head expects, across daylight-saving changes too.
 */
export const CITY_TIME_ZONE = 'America/New_York';

/** The lines as the page and the exports name them, and as call_sessions.line stores them. */
export const LINES = { main: 'main', 'out-of-area': 'outOfArea' } as const;
export type LineChoice = keyof typeof LINES | 'both';

/** The longest period one page or export covers: two years of day rows at most. */
export const MAX_PERIOD_DAYS = 731;
const DEFAULT_DAYS = 30;

/** A period of whole Baltimore days, `from` and `to` both included, and the line(s) to count. */
export interface StatsFilter {
  from: string;
  to: string;
  line: LineChoice;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string): string {
  if (!DATE.test(value)) throw new StatsErrors.badDate(value.slice(0, 20));
  const d = new Date(`${value}T00:00:00Z`);
  // Rejects 2025-02-30 and the like, which Date would roll over into March.
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new StatsErrors.badDate(value);
  return value;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysIn(filter: Pick<StatsFilter, 'from' | 'to'>): number {
  return Math.round((Date.parse(`${filter.to}T00:00:00Z`) - Date.parse(`${filter.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Today in Baltimore, as YYYY-MM-DD. */
export function cityToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The filter from a query string (`from`, `to`, `line`); missing dates default to the last 30
 * days ending today, a missing line to both.
 */
export function parseFilter(query: Record<string, unknown>, now: Date = new Date()): StatsFilter {
  const text = (key: string) => (typeof query[key] === 'string' && query[key] !== '' ? (query[key] as string) : undefined);
  const to = text('to') !== undefined ? parseDate(text('to')!) : cityToday(now);
  const from = text('from') !== undefined ? parseDate(text('from')!) : addDays(to, -(DEFAULT_DAYS - 1));
  const line = text('line') ?? 'both';
  if (line !== 'both' && !(line in LINES)) throw new StatsErrors.badLine(line.slice(0, 20));
  const days = daysIn({ from, to });
  if (days < 1 || days > MAX_PERIOD_DAYS) throw new StatsErrors.badPeriod(String(MAX_PERIOD_DAYS));
  return { from, to, line: line as LineChoice };
}

/** The period's bounds as timestamptz SQL: [start of `from`, start of the day after `to`) in Baltimore. */
export function bounds(filter: StatsFilter): { start: SQL; end: SQL } {
  return {
    start: sql`(${filter.from}::date::timestamp at time zone ${CITY_TIME_ZONE})`,
    end: sql`((${filter.to}::date + 1)::timestamp at time zone ${CITY_TIME_ZONE})`,
  };
}

/** `column` within the period. */
export function within(column: SQL | SQL.Aliased | unknown, filter: StatsFilter): SQL {
  const { start, end } = bounds(filter);
  return sql`${column} >= ${start} and ${column} < ${end}`;
}

/** The stored line value a filter selects, or undefined for both lines. */
export function storedLine(filter: StatsFilter): string | undefined {
  return filter.line === 'both' ? undefined : LINES[filter.line];
}

/** The query string that selects the same period and line (links to the exports). */
export function filterQuery(filter: StatsFilter): string {
  return new URLSearchParams({ from: filter.from, to: filter.to, line: filter.line }).toString();
}
