import type { DbOrTx } from '../../db/client.js';
import { runStatement } from '../../db/client.js';
import type { Metrics } from '../plugins/metrics.js';
import { STALE_WAIT_S } from '../queue/waits.js';

/**
 * The line's state in one statement: callers holding per queue (a wait older than STALE_WAIT_S
 * lost its end and is not counted, as the queues themselves do), call-backs due, the outbox's
 * pending messages and the age of the oldest, and calls whose end Twilio has not reported
 * (bounded the same way: a call whose status callback never came is not in progress for ever).
 */
const LINE_STATE = `select
  (select coalesce(json_object_agg(queue, n), '{}'::json)::text from
    (select queue, count(*)::int as n from queue_waits
      where ended_at is null and joined_at > now() - make_interval(secs => $1) group by queue) q) as "queues",
  (select count(*)::int from callbacks where status = 'waiting' and next_attempt_at <= now()) as "callbacksDue",
  (select count(*)::int from outbox where status = 'pending') as "outboxPending",
  (select coalesce(extract(epoch from now() - min(created_at)), 0)::float8 from outbox where status = 'pending') as "outboxOldestAgeS",
  (select count(*)::int from call_sessions
    where ended_at is null and started_at > now() - make_interval(secs => $1)) as "callsInProgress"`;

interface LineState {
  queues: string;
  callbacksDue: number;
  outboxPending: number;
  outboxOldestAgeS: number;
  callsInProgress: number;
}

/**
 * Sets the gauges read from the database at most once per `maxAgeMs`: a scrape (or several at
 * once) within that time costs the database nothing. A failed read leaves the last values and
 * sets db_up to 0.
 */
export function lineGauges(db: DbOrTx, metrics: Metrics, maxAgeMs: number) {
  let readAt = -Infinity;
  let reading: Promise<void> | undefined;
  const seenQueues = new Set<string>();

  async function read() {
    try {
      const [row] = await runStatement<LineState>(db, LINE_STATE, [STALE_WAIT_S]);
      if (!row) throw new Error('no row');
      const queues = JSON.parse(row.queues) as Record<string, number>;
      for (const queue of Object.keys(queues)) seenQueues.add(queue);
      // A queue that emptied reads 0 rather than disappearing.
      for (const queue of seenQueues) metrics.queueWaiting.set({ queue }, queues[queue] ?? 0);
      metrics.callbacksDue.set(Number(row.callbacksDue));
      metrics.outboxPending.set(Number(row.outboxPending));
      metrics.outboxOldestAge.set(Number(row.outboxOldestAgeS));
      metrics.callsInProgress.set(Number(row.callsInProgress));
      metrics.databaseUp.set(1);
    } catch {
      metrics.databaseUp.set(0);
    }
  }

  return {
    /** Resolves once the gauges are at most `maxAgeMs` old (or the read failed). */
    async refresh(): Promise<void> {
      if (performance.now() - readAt < maxAgeMs) return;
      reading ??= read().finally(() => {
        readAt = performance.now();
        reading = undefined;
      });
      return reading;
    },
  };
}
