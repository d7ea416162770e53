import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { combineQueueFigures, type CallbackRow, type QueueFigures, type WaitRow } from '../queue/figures.js';
import { lineOfCall } from './calls.js';
import { within, type StatsFilter } from './filter.js';

/** Results of waits that never held: the enqueue step offered a call-back at once instead. */
const TURNED_AWAY = sql`('full', 'unstaffed')`;

/**
 * Per queue: waits (median, 90th percentile), abandons and call-backs for waits begun and
 * call-backs requested in the period. The same definitions as src/queue/figures.ts (which the
 * queue engineer owns, and which a test holds this to), plus the line filter it does not have:
 * a wait belongs to the line its call came in on.
 */
export async function queueFiguresFor(db: DbOrTx, filter: StatsFilter): Promise<QueueFigures[]> {
  const waits = await executeRows<WaitRow>(
    db,
    sql`select w.queue,
          count(*) filter (where w.result is null or w.result not in ${TURNED_AWAY})::int as held,
          percentile_cont(0.5) within group (order by w.queue_time_s)
            filter (where w.queue_time_s is not null and w.result not in ${TURNED_AWAY}) as median,
          percentile_cont(0.9) within group (order by w.queue_time_s)
            filter (where w.queue_time_s is not null and w.result not in ${TURNED_AWAY}) as p90,
          count(*) filter (where w.result = 'hangup')::int as abandoned,
          count(*) filter (where w.result in ${TURNED_AWAY})::int as turned_away
        from queue_waits w
        where ${within(sql`w.joined_at`, filter)} ${lineOfCall(filter, 'w.call_sid')}
        group by w.queue`,
  );
  const cbs = await executeRows<CallbackRow>(
    db,
    sql`select c.queue,
          count(*)::int as made,
          count(*) filter (where c.status = 'answered')::int as answered,
          count(*) filter (where c.status = 'failed')::int as failed,
          count(*) filter (where c.status in ('waiting', 'calling'))::int as open,
          coalesce(sum(c.attempts), 0)::int as attempts
        from callbacks c
        where ${within(sql`c.created_at`, filter)} and c.status not in ('pending', 'cancelled')
          ${lineOfCall(filter, 'c.call_sid')}
        group by c.queue`,
  );
  return combineQueueFigures(waits, cbs);
}
