import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { lineOfCall, lineOfSession } from './calls.js';
import { within, type StatsFilter } from './filter.js';

/** How well the line listens: the first question's sentences understood, and steps per report. */
export interface FirstQuestion {
  /** Callers who said something at "How can I help you today?" (keys are not counted). */
  answered: number;
  /** Of those, the ones whose errand was understood from that one sentence. */
  understood: number;
  /** understood / answered (0–1), or null with no answers. */
  share: number | null;
  /** Reports filed by phone in the period. */
  reports: number;
  /** Median webhooks of a report call, from the first ring to the last answer; null with none. */
  medianStepsPerReport: number | null;
}

export async function firstQuestion(db: DbOrTx, filter: StatsFilter): Promise<FirstQuestion> {
  // The open-question step records what the sentence told (never the words) as an 'opening' event.
  const [openings, steps] = await Promise.all([
    executeRows<{ answered: number; understood: number }>(
      db,
      sql`select count(*)::int as answered, count(*) filter (where e.detail->>'intent' is not null)::int as understood
          from call_events e
          where e.kind = 'opening' and ${within(sql`e.at`, filter)} ${lineOfCall(filter, 'e.call_sid')}`,
    ),
    executeRows<{ reports: number; median: number | null }>(
      db,
      sql`select count(*)::int as reports, percentile_cont(0.5) within group (order by s.seq)::float8 as median
          from call_sessions s
          where s.outcome = 'report' and ${within(sql`s.started_at`, filter)} ${lineOfSession(filter)}`,
    ),
  ]);
  const answered = Number(openings[0]?.answered ?? 0);
  const understood = Number(openings[0]?.understood ?? 0);
  const median = steps[0]?.median;
  return {
    answered,
    understood,
    share: answered ? understood / answered : null,
    reports: Number(steps[0]?.reports ?? 0),
    medianStepsPerReport: median === null || median === undefined ? null : Number(median),
  };
}
