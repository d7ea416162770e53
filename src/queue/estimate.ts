/**
 * How long a caller still has to wait, from what Twilio tells the waitUrl and our own history.
 *
 * Twilio's AvgQueueTime is the average time the callers *now* in the queue have been waiting.
 * With callers spread evenly along the line, a caller who reaches the front has waited about twice
 * that, and a caller at position P of N still has P/N of such a wait ahead. Our own history gives
 * the same full-wait figure directly (the average wait of recent callers who were answered).
 */
export interface WaitFacts {
  /** 1 = next. Undefined when Twilio sent nothing usable. */
  position: number | undefined;
  /** Callers in the queue, the caller included. */
  size: number | undefined;
  /** Twilio's AvgQueueTime in seconds; 0 or undefined when it knows nothing. */
  averageS: number | undefined;
  /** Average full wait of recently answered callers in this queue, from queue_waits. */
  historyFullWaitS: number | undefined;
}

/** Longest estimate we say in minutes; beyond it callers hear "more than an hour". */
export const LONGEST_SPOKEN_S = 60 * 60;

/** Seconds still to wait, or undefined when nothing is known (the caller hears "a few minutes"). */
export function estimateWaitSeconds(facts: WaitFacts): number | undefined {
  const fullWait =
    facts.averageS !== undefined && facts.averageS > 0
      ? 2 * facts.averageS
      : facts.historyFullWaitS !== undefined && facts.historyFullWaitS > 0
        ? facts.historyFullWaitS
        : undefined;
  if (fullWait === undefined) return undefined;
  const position = facts.position;
  if (position === undefined) return fullWait;
  // A size smaller than the position is Twilio's parameters crossing; trust the position.
  const size = Math.max(position, facts.size ?? position);
  return (fullWait * position) / size;
}

/** Whole minutes to say: at least one, rounded up; undefined past an hour or when unknown. */
export function spokenMinutes(seconds: number | undefined): number | 'over-an-hour' | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  if (seconds > LONGEST_SPOKEN_S) return 'over-an-hour';
  return Math.max(1, Math.ceil(seconds / 60));
}

/** A count Twilio sent as a form field: a non-negative integer, or undefined for anything else. */
export function countParam(value: unknown, max = 100_000): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value.trim())) return undefined;
  const n = Number.parseInt(value.trim(), 10);
  return n <= max ? n : undefined;
}
