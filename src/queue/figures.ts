import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { callbacks, queueWaits } from '../../db/schema/index.js';

/** A queue's figures over a period, for supervisors (CityStat). */
export interface QueueFigures {
  queue: string;
  /** Callers who held (turned-away callers excluded). */
  held: number;
  /** Median and 90th percentile of the time callers held, in seconds; null without any wait. */
  medianWaitS: number | null;
  p90WaitS: number | null;
  /** Callers who hung up on hold, and their share of those who held (0–1; null when nobody held). */
  abandoned: number;
  abandonRate: number | null;
  /** Callers offered a call-back at once: the queue was full, or nobody was on shift. */
  turnedAway: number;
  /** Call-backs requested (pending and cancelled requests excluded), answered, failed for good, still due. */
  callbacksMade: number;
  callbacksAnswered: number;
  callbacksFailed: number;
  callbacksOpen: number;
  /** Dial attempts spent on call-backs. */
  callbackAttempts: number;
}

/** Results of waits that never held: the enqueue step offered a call-back instead. */
const TURNED_AWAY = ['full', 'unstaffed'];

/**
 * Figures per queue for waits that began, and call-backs requested, in [from, to). Waits still
 * open count as held but not in the percentiles, which need a finished wait.
 */
export async function queueFigures(db: DbOrTx, period: { from: Date; to: Date }): Promise<QueueFigures[]> {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const away = sql.join(TURNED_AWAY.map((r) => sql`${r}`), sql`, `);
  const waits = await executeRows<WaitRow>(
    db,
    sql`select ${queueWaits.queue} as queue,
          count(*) filter (where ${queueWaits.result} is null or ${queueWaits.result} not in (${away}))::int as held,
          percentile_cont(0.5) within group (order by ${queueWaits.queueTimeS})
            filter (where ${queueWaits.queueTimeS} is not null and ${queueWaits.result} not in (${away})) as median,
          percentile_cont(0.9) within group (order by ${queueWaits.queueTimeS})
            filter (where ${queueWaits.queueTimeS} is not null and ${queueWaits.result} not in (${away})) as p90,
          count(*) filter (where ${queueWaits.result} = 'hangup')::int as abandoned,
          count(*) filter (where ${queueWaits.result} in (${away}))::int as turned_away
        from ${queueWaits}
        where ${queueWaits.joinedAt} >= ${from}::timestamptz and ${queueWaits.joinedAt} < ${to}::timestamptz
        group by ${queueWaits.queue}`,
  );
  const cbs = await executeRows<CallbackRow>(
    db,
    sql`select ${callbacks.queue} as queue,
          count(*)::int as made,
          count(*) filter (where ${callbacks.status} = 'answered')::int as answered,
          count(*) filter (where ${callbacks.status} = 'failed')::int as failed,
          count(*) filter (where ${callbacks.status} in ('waiting', 'calling'))::int as open,
          coalesce(sum(${callbacks.attempts}), 0)::int as attempts
        from ${callbacks}
        where ${callbacks.createdAt} >= ${from}::timestamptz and ${callbacks.createdAt} < ${to}::timestamptz
          and ${callbacks.status} not in ('pending', 'cancelled')
        group by ${callbacks.queue}`,
  );
  return combineQueueFigures(waits, cbs);
}

/** One queue's wait counts, as the figures' SQL returns them. */
export interface WaitRow {
  queue: string;
  held: number;
  median: string | number | null;
  p90: string | number | null;
  abandoned: number;
  turned_away: number;
}

/** One queue's call-back counts, as the figures' SQL returns them. */
export interface CallbackRow {
  queue: string;
  made: number;
  answered: number;
  failed: number;
  open: number;
  attempts: number;
}

/** Joins wait and call-back rows into figures per queue (shared with CityStat's line-filtered read). */
export function combineQueueFigures(waits: WaitRow[], cbs: CallbackRow[]): QueueFigures[] {
  const queues = [...new Set([...waits.map((w) => w.queue), ...cbs.map((c) => c.queue)])].sort();
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return queues.map((queue) => {
    const w = waits.find((r) => r.queue === queue);
    const c = cbs.find((r) => r.queue === queue);
    const held = Number(w?.held ?? 0);
    const abandoned = Number(w?.abandoned ?? 0);
    return {
      queue,
      held,
      medianWaitS: num(w?.median),
      p90WaitS: num(w?.p90),
      abandoned,
      abandonRate: held ? abandoned / held : null,
      turnedAway: Number(w?.turned_away ?? 0),
      callbacksMade: Number(c?.made ?? 0),
      callbacksAnswered: Number(c?.answered ?? 0),
      callbacksFailed: Number(c?.failed ?? 0),
      callbacksOpen: Number(c?.open ?? 0),
      callbackAttempts: Number(c?.attempts ?? 0),
    };
  });
}
