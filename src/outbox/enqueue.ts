import type { DbOrTx } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';

export type OutboxMessage =
  /** A text message to a caller. */
  | { kind: 'sms'; to: string; body: string; statusCallback?: string }
  /** An outbound call (call-backs): Twilio requests `url` for TwiML when it is answered. */
  | { kind: 'call'; to: string; url: string; statusCallback?: string; context?: Record<string, unknown> };

/**
 * Adds a message to the durable outbox in the caller's transaction: it is sent only if that
 * transaction commits, and at most once per dedupe key (a retried webhook adds nothing).
 */
export async function enqueueOutbox(tx: DbOrTx, message: OutboxMessage, dedupeKey: string): Promise<void> {
  const { kind, ...payload } = message;
  await tx.insert(outbox).values({ kind, payload, dedupeKey }).onConflictDoNothing({ target: outbox.dedupeKey });
}
