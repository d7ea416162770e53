import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Each time a caller waits in a live queue, and how the wait ended. */
export const queueWaits = pgTable(
  'queue_waits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    callSid: text('call_sid').notNull(),
    queue: text('queue').notNull(),
    reason: text('reason').notNull().default(''),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    lastAnnouncedAt: timestamp('last_announced_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    result: text('result'),
    queueTimeS: integer('queue_time_s'),
  },
  (t) => [
    uniqueIndex('queue_waits_call_queue_idx').on(t.callSid, t.queue),
    index('queue_waits_queue_joined_idx').on(t.queue, t.joinedAt),
  ],
);

/** Callers who chose a call-back: ordered by when they first joined, so they keep their place. */
export const callbacks = pgTable(
  'callbacks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    queue: text('queue').notNull(),
    callSid: text('call_sid').notNull(),
    number: text('number').notNull(),
    reason: text('reason').notNull().default(''),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    /**
     * pending: number confirmed, caller still in the queue; waiting: due for an agent; calling:
     * claimed by an agent; answered / failed: final; cancelled: the caller was answered live.
     */
    status: text('status')
      .$type<'pending' | 'waiting' | 'calling' | 'answered' | 'failed' | 'cancelled'>()
      .notNull()
      .default('waiting'),
    attempts: integer('attempts').notNull().default(0),
    agentNumber: text('agent_number'),
    /** A failed attempt waits this long before an agent is offered it again. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Twilio's DialCallStatus of the last attempt (completed, busy, no-answer, failed…). */
    lastResult: text('last_result'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('callbacks_call_idx').on(t.callSid),
    index('callbacks_queue_status_idx').on(t.queue, t.status, t.joinedAt),
  ],
);
