import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { callbacks } from '../../db/schema/index.js';

export type Callback = typeof callbacks.$inferSelect;

/**
 * A call-back claimed by an agent whose Dial action never came back (the agent's phone died)
 * is offered again after this long.
 */
export const STALE_CLAIM_S = 15 * 60;

/**
 * Keeps the number a caller confirmed. The call-back stays `pending` (invisible to agents) while
 * the caller is still in the queue, so nobody is both called back and answered live.
 */
export async function savePending(
  tx: DbOrTx,
  cb: { callSid: string; queue: string; number: string; joinedAt: Date },
): Promise<void> {
  await tx
    .insert(callbacks)
    .values({ ...cb, status: 'pending' })
    .onConflictDoUpdate({
      target: callbacks.callSid,
      set: { number: cb.number, queue: cb.queue, updatedAt: sql`now()` },
      setWhere: eq(callbacks.status, 'pending'),
    });
}

export async function findCallback(tx: DbOrTx, callSid: string): Promise<Callback | undefined> {
  const [row] = await tx.select().from(callbacks).where(eq(callbacks.callSid, callSid));
  return row;
}

/** The caller has finished asking: the call-back joins the line at its first join time. */
export async function confirmCallback(tx: DbOrTx, callSid: string, reason?: string): Promise<Callback | undefined> {
  const [row] = await tx
    .update(callbacks)
    .set({ status: 'waiting', ...(reason !== undefined ? { reason } : {}), nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(callbacks.callSid, callSid), eq(callbacks.status, 'pending')))
    .returning();
  return row;
}

/** The caller was answered live before finishing the request: no call-back. */
export async function cancelPending(tx: DbOrTx, callSid: string): Promise<void> {
  await tx
    .update(callbacks)
    .set({ status: 'cancelled', updatedAt: sql`now()` })
    .where(and(eq(callbacks.callSid, callSid), eq(callbacks.status, 'pending')));
}

const due = (queues: string[]) =>
  and(
    inArray(callbacks.queue, queues),
    or(
      and(eq(callbacks.status, 'waiting'), lte(callbacks.nextAttemptAt, sql`now()`)),
      and(eq(callbacks.status, 'calling'), lte(callbacks.updatedAt, sql`now() - make_interval(secs => ${STALE_CLAIM_S})`)),
    ),
  );

/** The call-back first in line in these queues, without claiming it. */
export async function oldestDueCallback(tx: DbOrTx, queues: string[]): Promise<Callback | undefined> {
  if (!queues.length) return undefined;
  const [row] = await tx.select().from(callbacks).where(due(queues)).orderBy(asc(callbacks.joinedAt), asc(callbacks.id)).limit(1);
  return row;
}

/**
 * Claims the oldest due call-back for an agent. SKIP LOCKED lets two agents asking at once each
 * get a different one (or none) instead of both dialling the same caller.
 */
export async function claimCallback(
  tx: DbOrTx,
  claim: { queues: string[]; agentNumber: string; joinedBefore?: Date },
): Promise<Callback | undefined> {
  if (!claim.queues.length) return undefined;
  const [candidate] = await tx
    .select({ id: callbacks.id })
    .from(callbacks)
    .where(and(due(claim.queues), claim.joinedBefore ? lt(callbacks.joinedAt, claim.joinedBefore) : undefined))
    .orderBy(asc(callbacks.joinedAt), asc(callbacks.id))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!candidate) return undefined;
  const [row] = await tx
    .update(callbacks)
    .set({ status: 'calling', agentNumber: claim.agentNumber, attempts: sql`${callbacks.attempts} + 1`, updatedAt: sql`now()` })
    .where(eq(callbacks.id, candidate.id))
    .returning();
  return row;
}

/** Dial results that mean the caller picked up. */
const ANSWERED = new Set(['completed', 'answered']);

/**
 * Records how a call-back attempt ended. A failed attempt goes back in line at its first join time
 * after a pause, until the attempts run out. Only the agent holding the claim can settle it.
 */
export async function settleCallback(
  tx: DbOrTx,
  settle: { id: number; dialStatus: string; maxAttempts: number; retryAfterS: number },
): Promise<Callback | undefined> {
  const answered = ANSWERED.has(settle.dialStatus);
  const [row] = await tx
    .update(callbacks)
    .set({
      lastResult: settle.dialStatus,
      updatedAt: sql`now()`,
      ...(answered
        ? { status: 'answered' as const, answeredAt: sql`now()` }
        : {
            status: sql`case when ${callbacks.attempts} >= ${settle.maxAttempts} then 'failed' else 'waiting' end`,
            nextAttemptAt: sql`now() + make_interval(secs => ${settle.retryAfterS})`,
          }),
    })
    .where(and(eq(callbacks.id, settle.id), eq(callbacks.status, 'calling')))
    .returning();
  return row;
}
