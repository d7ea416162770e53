import type { Config } from '../config.js';
import type { Db, Tx } from '../../db/client.js';
import { runTurn, type CallState } from './engine.js';
import { latestRevision, revisionById } from './revisions.js';
import { findTurn, insertSession, lockSession, saveSessionAndTurn, type LiveSession, type StoredTurn } from './sessions.js';
import type { Language } from './schema.js';
import { readCallData } from './frame.js';
import type { CallerInput, Log, StepKit } from './types.js';

export interface CallDeps {
  db: Db;
  config: Config;
  log: Log;
  kit: StepKit;
}

export interface CallStart {
  callSid: string;
  line: 'main' | 'outOfArea';
  /** The caller's number in E.164, or undefined when withheld. */
  from: string | undefined;
}

export type TurnAnswer = StoredTurn & { replayed: boolean };

/**
 * Answers /voice/incoming: creates the call session on the live revision and runs the first
 * step. A retried incoming webhook finds the session and gets the first answer again.
 */
export async function startCall(deps: CallDeps, start: CallStart): Promise<TurnAnswer> {
  const loaded = await latestRevision(deps.db);
  if (!loaded) throw new Error('no published flow');
  return deps.db.transaction(async (tx) => {
    const created = await insertSession(tx, {
      callSid: start.callSid,
      line: start.line,
      revisionId: loaded.revisionId,
      step: loaded.flow.initial,
      callerNumber: start.from ?? null,
    });
    if (!created) {
      const first = await findTurn(tx, start.callSid, 1);
      if (first) return { ...first, replayed: true };
    }
    const session = created ?? (await lockSession(tx, start.callSid))!;
    return advance(deps, tx, session, 0, { kind: 'enter' });
  });
}

/**
 * Answers a step webhook. `seq` is the counter carried in the action URL: the current one is
 * processed; an older one is a Twilio retry and gets the answer already given, changing nothing;
 * a newer one (forged or out of order) gets the current question again.
 */
export async function continueCall(
  deps: CallDeps,
  callSid: string,
  seq: number,
  input: Exclude<CallerInput, { kind: 'enter' }>,
): Promise<TurnAnswer | undefined> {
  return deps.db.transaction(async (tx) => {
    const session = await lockSession(tx, callSid);
    if (!session) return undefined;
    if (seq !== session.seq) {
      const stored = await findTurn(tx, callSid, seq < session.seq ? seq + 1 : session.seq);
      if (stored) return { ...stored, replayed: true };
    }
    if (session.ended) {
      const last = await findTurn(tx, callSid, session.seq);
      if (last) return { ...last, replayed: true };
    }
    return advance(deps, tx, session, session.seq, input);
  });
}

async function advance(deps: CallDeps, tx: Tx, session: LiveSession, seq: number, input: CallerInput): Promise<TurnAnswer> {
  const loaded = await revisionById(tx, session.revisionId);
  if (!loaded) throw new Error(`revision ${session.revisionId} is missing`);
  const { frame, scratch, dropped } = readCallData(deps.kit.frame, session.data);
  // Only slot names: their values are the caller's words and places.
  if (dropped.length) deps.log.warn({ dropped }, 'call frame slots failed their schema and were dropped');
  const state: CallState = {
    step: session.step,
    phase: session.phase,
    attempts: session.attempts,
    language: session.language as Language,
    frame,
    scratch,
  };
  const next = seq + 1;
  const result = await runTurn(
    loaded,
    deps.kit,
    {
      call: { sid: session.callSid, line: session.line as CallStart['line'], from: session.callerNumber ?? undefined, seq: next },
      tx,
      config: deps.config,
      log: deps.log,
    },
    state,
    input,
  );
  const { state: after } = result;
  const turn: StoredTurn = { seq: next, language: after.language, reply: result.reply };
  await saveSessionAndTurn(
    tx,
    session.callSid,
    {
      step: after.step,
      phase: after.phase,
      attempts: after.attempts,
      language: after.language,
      data: { frame: after.frame, scratch: after.scratch },
      outcome: after.frame.outcome ?? null,
    },
    turn,
  );
  return { ...turn, replayed: false };
}
