import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { outbox, type OutboxRow } from '../../db/schema/outbox.js';

/** A row this worker holds: `attempts` is the fencing token its later update must still match. */
export type ClaimedRow = Pick<OutboxRow, 'id' | 'kind' | 'payload' | 'dedupeKey' | 'attempts'>;

/** The database clock, or a given instant (tests move time forward instead of sleeping). */
export function clockSql(now?: Date): SQL {
  return now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
}

function plusMs(now: SQL, ms: number): SQL {
  return sql`${now} + (${Math.max(0, Math.round(ms))}::double precision * interval '1 millisecond')`;
}

/**
 * Claims up to `limit` due rows for one worker: locks them with FOR UPDATE SKIP LOCKED (another
 * worker claiming at the same moment skips them and takes the next ones), counts the attempt and
 * pushes next_attempt_at one lease ahead, then commits before anything is sent. The row stays
 * 'pending' throughout, so a worker that dies mid-send loses nothing: the lease runs out and the
 * row is due again (at-least-once).
 */
export async function claimDue(
  db: DbOrTx,
  options: { limit: number; leaseMs: number; now?: Date | undefined },
): Promise<ClaimedRow[]> {
  const now = clockSql(options.now);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: plusMs(now, options.leaseMs) })
      .where(inArray(outbox.id, due.map((r) => r.id)))
      .returning({
        id: outbox.id,
        kind: outbox.kind,
        payload: outbox.payload,
        dedupeKey: outbox.dedupeKey,
        attempts: outbox.attempts,
      });
  });
}

/** Only the claim that is still current may settle a row (a worker whose lease ran out may not). */
function stillClaimed(row: ClaimedRow) {
  return and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.attempts, row.attempts));
}

/** Records a send Twilio accepted; false when the claim had been lost (the row may go twice). */
export async function markSent(db: DbOrTx, row: ClaimedRow, providerSid: string, now?: Date): Promise<boolean> {
  const updated = await db
    .update(outbox)
    .set({ status: 'sent', providerSid, sentAt: clockSql(now), lastError: null })
    .where(stillClaimed(row))
    .returning({ id: outbox.id });
  return updated.length > 0;
}

/** Leaves the row pending, due again after `delayMs`, with a PII-free reason. */
export async function scheduleRetry(db: DbOrTx, row: ClaimedRow, delayMs: number, lastError: string, now?: Date): Promise<boolean> {
  const updated = await db
    .update(outbox)
    .set({ nextAttemptAt: plusMs(clockSql(now), delayMs), lastError })
    .where(stillClaimed(row))
    .returning({ id: outbox.id });
  return updated.length > 0;
}

/** Gives up on the row; it is kept, for supervisors to see and act on. */
export async function markFailed(db: DbOrTx, row: ClaimedRow, lastError: string): Promise<boolean> {
  const updated = await db
    .update(outbox)
    .set({ status: 'failed', lastError })
    .where(stillClaimed(row))
    .returning({ id: outbox.id });
  return updated.length > 0;
}

export interface OutboxCounts {
  pending: number;
  /** Pending and due now (a backlog when it stays above zero). */
  due: number;
  sent: number;
  failed: number;
  /** Age of the oldest pending row, in seconds; 0 when none. */
  oldestPendingS: number;
}

export async function countOutbox(db: DbOrTx, now?: Date): Promise<OutboxCounts> {
  const clock = clockSql(now);
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')`.mapWith(Number),
      due: sql<number>`count(*) filter (where ${outbox.status} = 'pending' and ${outbox.nextAttemptAt} <= ${clock})`.mapWith(Number),
      sent: sql<number>`count(*) filter (where ${outbox.status} = 'sent')`.mapWith(Number),
      failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')`.mapWith(Number),
      oldestPendingS: sql<number>`coalesce(extract(epoch from ${clock} - min(${outbox.createdAt}) filter (where ${outbox.status} = 'pending')), 0)`.mapWith(Number),
    })
    .from(outbox);
  return row ?? { pending: 0, due: 0, sent: 0, failed: 0, oldestPendingS: 0 };
}

/** Failed rows, newest first, without their payload (numbers and words): for the supervisor console. */
export async function listFailed(db: DbOrTx, limit = 100) {
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      dedupeKey: outbox.dedupeKey,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}
