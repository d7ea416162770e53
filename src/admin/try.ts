import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../../db/client.js';
import { runTurn, type CallState, type TurnResult } from '../flow/engine.js';
import type { LoadedFlow } from '../flow/revisions.js';
import { LANGUAGES, type Flow } from '../flow/schema.js';
import type { CallerInput, Log, Reply, Speech, StepKit } from '../flow/types.js';
import { stepKit } from '../flow/handlers.js';
import { AdminErrors } from './errors.js';

/** What the page's softphone keeps between two turns and sends back. */
export interface TrySession {
  callSid: string;
  line: 'main' | 'outOfArea';
  seq: number;
  state: CallState;
}

export interface TryAnswer {
  session: TrySession;
  /** What the caller hears, as text (digits spelled out one by one). */
  heard: string[];
  reply: Reply;
  /** The step the call now waits at (or ended on). */
  step: string;
  ended: false | 'hangup' | 'enqueue' | 'dial';
}

export interface TryDeps {
  db: Db;
  config: Config;
  log: Log;
  kit: StepKit;
}

/** A validated flow that no call uses: revision 0 never exists in the database. */
export function loadedDraft(flow: Flow): LoadedFlow {
  return { revisionId: 0, version: 0, flow, steps: new Map(flow.steps.map((s) => [s.id, s])) };
}

class RollBack extends Error {
  constructor(readonly result: TurnResult) {
    super('try-it turn rolled back');
  }
}

export function spoken(pieces: Speech[]): string[] {
  return pieces.map((p) => (typeof p === 'string' ? p : p.digits.split('').join(' ')));
}

/**
 * Runs one caller turn of `loaded` exactly as a webhook would — the same engine, the same step
 * handlers, inside a database transaction — and then rolls the transaction back, so a try never
 * leaves a report, an outbox message or a session behind.
 */
export async function tryTurn(
  deps: TryDeps,
  loaded: LoadedFlow,
  previous: TrySession | undefined,
  input: CallerInput,
  options: { line?: 'main' | 'outOfArea'; from?: string } = {},
): Promise<TryAnswer> {
  const session: TrySession = previous ?? {
    callSid: `CA${randomBytes(16).toString('hex')}`,
    line: options.line ?? 'main',
    seq: 0,
    state: { step: loaded.flow.initial, phase: 'enter', attempts: 0, language: 'en', frame: {}, scratch: {} },
  };
  if (!loaded.steps.has(session.state.step)) {
    throw new AdminErrors.badRequest(`the try call was at step "${session.state.step}", which this flow does not have; start a new call`);
  }
  const seq = session.seq + 1;
  let result: TurnResult | undefined;
  try {
    await deps.db.transaction(async (tx) => {
      const turn = await runTurn(
        loaded,
        deps.kit,
        {
          call: { sid: session.callSid, line: session.line, from: options.from, seq },
          tx,
          config: deps.config,
          log: deps.log,
        },
        previous ? session.state : { ...session.state },
        previous ? input : { kind: 'enter' },
      );
      throw new RollBack(turn);
    });
  } catch (error) {
    if (!(error instanceof RollBack)) {
      throw new AdminErrors.tryFailed(error instanceof Error ? error.message : String(error));
    }
    result = error.result;
  }
  const { state, reply } = result!;
  return {
    session: { ...session, seq, state },
    heard: spoken(reply.say),
    reply,
    step: state.step,
    ended: reply.end?.kind ?? false,
  };
}

/** A try session sent back by the browser, checked before the engine sees it. */
export function parseTrySession(value: unknown): TrySession | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as Partial<TrySession> & { state?: Partial<CallState> };
  const s = v.state;
  const ok =
    typeof v.callSid === 'string' && /^CA[0-9a-f]{32}$/.test(v.callSid) &&
    (v.line === 'main' || v.line === 'outOfArea') &&
    Number.isSafeInteger(v.seq) && (v.seq as number) >= 0 &&
    !!s && typeof s.step === 'string' && typeof s.phase === 'string' &&
    Number.isSafeInteger(s.attempts) && (LANGUAGES as readonly string[]).includes(s.language as string) &&
    stepKit.frame.check(s.frame) &&
    !!s.scratch && typeof s.scratch === 'object' && !Array.isArray(s.scratch);
  // The scratch is checked by the engine against the step's own schema, as for a real call.
  if (!ok) throw new AdminErrors.badRequest('the try call state is not valid; start a new call');
  return v as TrySession;
}

export function parseTryInput(value: unknown): Exclude<CallerInput, { kind: 'enter' }> {
  const v = (value ?? {}) as { kind?: unknown; digits?: unknown; text?: unknown };
  if (v.kind === 'digits' && typeof v.digits === 'string' && /^[0-9*#]{1,20}$/.test(v.digits)) return { kind: 'digits', digits: v.digits };
  if (v.kind === 'speech' && typeof v.text === 'string' && v.text.trim() && v.text.length <= 500) {
    return { kind: 'speech', text: v.text.trim(), confidence: 0.9 };
  }
  if (v.kind === 'silence') return { kind: 'silence' };
  throw new AdminErrors.badRequest('input must be keys (0-9, *, #), speech (up to 500 characters) or silence');
}

