import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, bigint } from 'drizzle-orm/pg-core';

/**
 * One row per phone call, keyed by Twilio's CallSid. Everything a webhook needs to take the
 * next step lives here, so any instance can serve any step of any call.
 */
export const callSessions = pgTable(
  'call_sessions',
  {
    callSid: text('call_sid').primaryKey(),
    line: text('line').notNull(),
    revisionId: integer('revision_id').notNull(),
    language: text('language').notNull().default('en'),
    step: text('step').notNull(),
    phase: text('phase').notNull().default('enter'),
    attempts: integer('attempts').notNull().default(0),
    /** Webhook counter carried in every action URL: a replayed request has a smaller one. */
    seq: integer('seq').notNull().default(0),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    callerNumber: text('caller_number'),
    outcome: text('outcome'),
    endStatus: text('end_status'),
    durationS: integer('duration_s'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('call_sessions_started_at_idx').on(t.startedAt),
    index('call_sessions_caller_idx').on(t.callerNumber),
    // CityStat: one line's calls in a period, and the calls that rows made during them belong to.
    index('call_sessions_line_started_idx').on(t.line, t.startedAt),
  ],
);

/** The answer given at each step, so a retried webhook gets exactly the same TwiML again. */
export const callTurns = pgTable(
  'call_turns',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    callSid: text('call_sid').notNull(),
    seq: integer('seq').notNull(),
    step: text('step').notNull(),
    language: text('language').notNull(),
    reply: jsonb('reply').$type<unknown>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('call_turns_call_seq_idx').on(t.callSid, t.seq)],
);

/** Call events for supervisors' figures (classification path, emergency advice…). */
export const callEvents = pgTable(
  'call_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    callSid: text('call_sid').notNull(),
    kind: text('kind').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('call_events_kind_at_idx').on(t.kind, t.at), index('call_events_call_idx').on(t.callSid)],
);

export type CallSession = typeof callSessions.$inferSelect;
