import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { queueWaits } from '../../db/schema/index.js';

export type QueueWait = typeof queueWaits.$inferSelect;

/**
 * A wait still open after this long is a call whose Enqueue action never reached us (a crash, a
 * lost request): it no longer counts as someone on hold.
 */
export const STALE_WAIT_S = 4 * 60 * 60;

const open = (queue: string) =>
  and(
    eq(queueWaits.queue, queue),
    isNull(queueWaits.endedAt),
    gt(queueWaits.joinedAt, sql`now() - make_interval(secs => ${STALE_WAIT_S})`),
  );

/** Records that a call joined a queue; a replayed webhook or a second Enqueue keeps the first join. */
export async function recordJoin(tx: DbOrTx, wait: { callSid: string; queue: string; reason: string }): Promise<QueueWait> {
  const [row] = await tx
    .insert(queueWaits)
    .values(wait)
    .onConflictDoUpdate({
      target: [queueWaits.callSid, queueWaits.queue],
      // Joining again (after queue-full, say) reopens the wait but keeps when it first began.
      set: { endedAt: null, result: null, queueTimeS: null },
    })
    .returning();
  return row!;
}

/** Records a wait that ended before the caller was put on hold (full queue, nobody on shift). */
export async function recordTurnedAway(
  tx: DbOrTx,
  wait: { callSid: string; queue: string; reason: string; result: 'full' | 'unstaffed' },
): Promise<QueueWait> {
  const [row] = await tx
    .insert(queueWaits)
    .values({ ...wait, endedAt: sql`now()`, queueTimeS: 0 })
    .onConflictDoUpdate({
      target: [queueWaits.callSid, queueWaits.queue],
      set: { endedAt: sql`now()`, result: wait.result, queueTimeS: 0 },
    })
    .returning();
  return row!;
}

export async function findWait(tx: DbOrTx, callSid: string, queue: string): Promise<QueueWait | undefined> {
  const [row] = await tx
    .select()
    .from(queueWaits)
    .where(and(eq(queueWaits.callSid, callSid), eq(queueWaits.queue, queue)));
  return row;
}

/** Callers on hold in a queue by our own records (Twilio's count is not known before Enqueue). */
export async function holdingCount(tx: DbOrTx, queue: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(queueWaits).where(open(queue));
  return Number(row?.n ?? 0);
}

/** The caller who has held longest in any of these queues, or undefined when nobody holds. */
export async function oldestHolding(tx: DbOrTx, queues: string[]): Promise<QueueWait | undefined> {
  if (!queues.length) return undefined;
  const [row] = await tx
    .select()
    .from(queueWaits)
    .where(
      and(
        inArray(queueWaits.queue, queues),
        isNull(queueWaits.endedAt),
        gt(queueWaits.joinedAt, sql`now() - make_interval(secs => ${STALE_WAIT_S})`),
      ),
    )
    .orderBy(asc(queueWaits.joinedAt), asc(queueWaits.id))
    .limit(1);
  return row;
}

/**
 * Claims the right to announce to a waiting caller: true at most once per `everyS` seconds, even
 * when Twilio requests the waitUrl twice at once. The wait row is created if the call reached
 * the queue without our enqueue step (the technical-trouble fallback).
 */
export async function claimAnnouncement(
  tx: DbOrTx,
  wait: { callSid: string; queue: string; everyS: number },
): Promise<{ announce: boolean; wait: QueueWait }> {
  await tx
    .insert(queueWaits)
    .values({ callSid: wait.callSid, queue: wait.queue, reason: 'fallback' })
    .onConflictDoNothing({ target: [queueWaits.callSid, queueWaits.queue] });
  const [claimed] = await tx
    .update(queueWaits)
    .set({ lastAnnouncedAt: sql`now()` })
    .where(
      and(
        eq(queueWaits.callSid, wait.callSid),
        eq(queueWaits.queue, wait.queue),
        sql`(${queueWaits.lastAnnouncedAt} is null or ${queueWaits.lastAnnouncedAt} <= now() - make_interval(secs => ${wait.everyS}))`,
      ),
    )
    .returning();
  if (claimed) return { announce: true, wait: claimed };
  return { announce: false, wait: (await findWait(tx, wait.callSid, wait.queue))! };
}

/** Average full wait (seconds) of callers answered in this queue in the last `withinS` seconds. */
export async function recentAnsweredWait(tx: DbOrTx, queue: string, withinS = 2 * 60 * 60): Promise<number | undefined> {
  const [row] = await tx
    .select({ avg: sql<string | null>`avg(${queueWaits.queueTimeS})` })
    .from(queueWaits)
    .where(
      and(
        eq(queueWaits.queue, queue),
        eq(queueWaits.result, 'bridged'),
        gt(queueWaits.endedAt, sql`now() - make_interval(secs => ${withinS})`),
      ),
    );
  const avg = row?.avg === null || row?.avg === undefined ? Number.NaN : Number(row.avg);
  return Number.isFinite(avg) && avg > 0 ? avg : undefined;
}

/** How a wait ended, from the Enqueue action; a wait we never saw begin is recorded all the same. */
export async function recordEnd(
  tx: DbOrTx,
  end: { callSid: string; queue: string; result: string; queueTimeS: number | undefined },
): Promise<void> {
  const queueTimeS = end.queueTimeS ?? null;
  await tx
    .insert(queueWaits)
    .values({
      callSid: end.callSid,
      queue: end.queue,
      reason: 'fallback',
      joinedAt: sql`now() - make_interval(secs => ${queueTimeS ?? 0})`,
      endedAt: sql`now()`,
      result: end.result,
      queueTimeS,
    })
    .onConflictDoUpdate({
      target: [queueWaits.callSid, queueWaits.queue],
      set: { endedAt: sql`now()`, result: end.result, queueTimeS },
      // A replayed action must not move the end of a wait already recorded.
      setWhere: isNull(queueWaits.endedAt),
    });
}
