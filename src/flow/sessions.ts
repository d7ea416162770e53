import { and, eq } from 'drizzle-orm';
import { runStatement, type DbOrTx } from '../../db/client.js';
import { callTurns, type CallSession } from '../../db/schema/index.js';
import type { Reply } from './types.js';
import { packReply, unpackReply, type StoredReply } from './shared-hints.js';

/**
 * Call-session queries: the only state a webhook keeps between two steps of a call.
 *
 * The ones every webhook runs are fixed SQL texts (runStatement): the query builder cost more
 * CPU per webhook than the rest of the step, and postgres.js prepares a fixed text once per
 * connection. The columns are call_sessions' (db/schema/calls.ts); the flow tests exercise each.
 */

/** What a webhook needs of its call's session. */
export type LiveSession = Pick<
  CallSession,
  'callSid' | 'line' | 'revisionId' | 'language' | 'step' | 'phase' | 'attempts' | 'seq' | 'data' | 'callerNumber'
> & { ended: boolean };

const LIVE_COLUMNS = `call_sid as "callSid", line, revision_id as "revisionId", language, step, phase, attempts, seq, data,
  caller_number as "callerNumber", ended_at is not null as ended`;

const LOCK_SESSION = `select ${LIVE_COLUMNS} from call_sessions where call_sid = $1 for update`;

const INSERT_SESSION = `insert into call_sessions (call_sid, line, revision_id, step, caller_number) values ($1, $2, $3, $4, $5)
  on conflict do nothing returning ${LIVE_COLUMNS}`;

// The session's new state and the turn's answer in one statement: one round trip, not two.
const SAVE_SESSION_AND_TURN = `with saved as (
    update call_sessions set step = $2, phase = $3, attempts = $4, language = $5, data = $6::jsonb, seq = $7, outcome = $8,
      updated_at = now()
    where call_sid = $1 returning call_sid
  )
  insert into call_turns (call_sid, seq, step, language, reply) select call_sid, $7, $2, $5, $9::jsonb from saved`;

const END_SESSION = `update call_sessions set end_status = $2, duration_s = $3, ended_at = now(),
    outcome = coalesce(outcome, 'abandoned-ivr')
  where call_sid = $1 and ended_at is null`;

const RECORD_EVENT = `insert into call_events (call_sid, kind, detail) values ($1, $2, $3::jsonb)`;

export async function lockSession(tx: DbOrTx, callSid: string): Promise<LiveSession | undefined> {
  const [row] = await runStatement<LiveSession>(tx, LOCK_SESSION, [callSid]);
  return row;
}

/** Creates the session of a new call; undefined when Twilio retried and it exists already. */
export async function insertSession(
  tx: DbOrTx,
  values: { callSid: string; line: string; revisionId: number; step: string; callerNumber: string | null },
): Promise<LiveSession | undefined> {
  const [row] = await runStatement<LiveSession>(tx, INSERT_SESSION, [
    values.callSid,
    values.line,
    values.revisionId,
    values.step,
    values.callerNumber,
  ]);
  return row;
}

export interface StoredTurn {
  seq: number;
  language: string;
  reply: Reply;
}

export interface SessionState {
  step: string;
  phase: string;
  attempts: number;
  language: string;
  data: Record<string, unknown>;
  outcome: string | null;
}

/** Saves where the call now stands and the answer given (turn.seq becomes the session's seq). */
export async function saveSessionAndTurn(tx: DbOrTx, callSid: string, state: SessionState, turn: StoredTurn): Promise<void> {
  await runStatement(tx, SAVE_SESSION_AND_TURN, [
    callSid,
    state.step,
    state.phase,
    state.attempts,
    state.language,
    JSON.stringify(state.data),
    turn.seq,
    state.outcome,
    JSON.stringify(packReply(turn.reply)),
  ]);
}

export async function findTurn(tx: DbOrTx, callSid: string, seq: number): Promise<StoredTurn | undefined> {
  const [row] = await tx
    .select({ seq: callTurns.seq, language: callTurns.language, reply: callTurns.reply })
    .from(callTurns)
    .where(and(eq(callTurns.callSid, callSid), eq(callTurns.seq, seq)));
  return row ? { seq: row.seq, language: row.language, reply: await unpackReply(tx, row.reply as StoredReply) } : undefined;
}

/**
 * Closes a session on Twilio's status callback (the only reliable sign a call ended). A call
 * that ended before any outcome was abandoned in the IVR. A repeated callback changes nothing.
 */
export async function endSession(db: DbOrTx, callSid: string, status: string, durationS: number | null): Promise<void> {
  await runStatement(db, END_SESSION, [callSid, status, durationS]);
}

export async function recordEvent(tx: DbOrTx, callSid: string, kind: string, detail: Record<string, unknown> = {}) {
  await runStatement(tx, RECORD_EVENT, [callSid, kind, JSON.stringify(detail)]);
}
