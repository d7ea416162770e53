import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { callEvents, callSessions, callTurns, type CallSession } from '../../db/schema/index.js';
import type { Reply } from './types.js';

/** Call-session queries: the only state a webhook keeps between two steps of a call. */
export async function lockSession(tx: DbOrTx, callSid: string): Promise<CallSession | undefined> {
  const [row] = await tx.select().from(callSessions).where(eq(callSessions.callSid, callSid)).for('update');
  return row;
}

export async function insertSession(
  tx: DbOrTx,
  values: typeof callSessions.$inferInsert,
): Promise<CallSession | undefined> {
  const [row] = await tx.insert(callSessions).values(values).onConflictDoNothing().returning();
  return row;
}

export async function saveSession(
  tx: DbOrTx,
  callSid: string,
  values: Partial<typeof callSessions.$inferInsert>,
): Promise<void> {
  await tx
    .update(callSessions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(callSessions.callSid, callSid));
}

export interface StoredTurn {
  seq: number;
  language: string;
  reply: Reply;
}

export async function saveTurn(tx: DbOrTx, callSid: string, turn: StoredTurn & { step: string }) {
  await tx.insert(callTurns).values({ callSid, seq: turn.seq, step: turn.step, language: turn.language, reply: turn.reply });
}

export async function findTurn(tx: DbOrTx, callSid: string, seq: number): Promise<StoredTurn | undefined> {
  const [row] = await tx
    .select({ seq: callTurns.seq, language: callTurns.language, reply: callTurns.reply })
    .from(callTurns)
    .where(and(eq(callTurns.callSid, callSid), eq(callTurns.seq, seq)));
  return row ? { seq: row.seq, language: row.language, reply: row.reply as Reply } : undefined;
}

export async function recordEvent(tx: DbOrTx, callSid: string, kind: string, detail: Record<string, unknown> = {}) {
  await tx.insert(callEvents).values({ callSid, kind, detail });
}
