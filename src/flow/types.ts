import type { BaseLogger } from 'pino';

/** The logging a step needs; the per-call child logger carries the CallSid. */
export type Log = Pick<BaseLogger, 'info' | 'warn' | 'error' | 'debug'>;
import type { Config } from '../config.js';
import type { Tx } from '../../db/client.js';
import type { Flow, Language, Step, StepOf, StepType } from './schema.js';

/** What the caller did in answer to the last question. */
export type CallerInput =
  | { kind: 'enter' }
  | { kind: 'digits'; digits: string }
  | { kind: 'speech'; text: string; confidence: number | undefined }
  | { kind: 'silence' };

/** A spoken piece: plain text, or digits read one by one in groups. */
export type Speech = string | { digits: string; groups?: number[] };

/**
 * What to answer, independent of TwiML: the renderer turns it into <Say>, <Gather>, <Enqueue>…
 * so every step speaks with the same voice, language and silence handling.
 */
export interface Reply {
  say: Speech[];
  gather?: {
    input: 'dtmf' | 'speech' | 'dtmf speech';
    numDigits?: number;
    finishOnKey?: string;
    timeout?: number;
    hints?: string[];
    /** Free answers (descriptions) get a longer-listening model than menu answers. */
    answer?: 'short' | 'long';
  };
  end?:
    | { kind: 'hangup' }
    | { kind: 'enqueue'; queue: string }
    | { kind: 'dial'; number: string };
}

export type DataPatch = Record<string, unknown>;

/** What a step handler decides. */
export type Outcome =
  /** Stay on this step (phase names the sub-question) and answer the caller. */
  | { kind: 'reply'; reply: Reply; phase?: string; data?: DataPatch }
  /** Leave through one of the step's exits (`next`, or a key of `on`), saying `say` first. */
  | { kind: 'exit'; exit: string; say?: Speech[]; data?: DataPatch; language?: Language }
  /** Go to a step the step itself names (a menu option's target). */
  | { kind: 'goto'; target: string; say?: Speech[]; data?: DataPatch }
  /** Go to a step the flow names globally (operator, emergency, error). */
  | { kind: 'global'; target: 'operator' | 'emergency' | 'error'; say?: Speech[]; data?: DataPatch }
  /** The answer was silence or unusable: the engine counts attempts and re-asks or exits. */
  | { kind: 'retry'; reason: 'noInput' | 'noMatch'; reply: Reply; phase?: string; say?: Speech[]; data?: DataPatch };

/** Everything a step handler may use; all writes go through `tx` so a step commits at once. */
export interface StepContext<S extends Step = Step> {
  flow: Flow;
  step: S;
  language: Language;
  phase: string;
  attempts: number;
  data: Readonly<Record<string, unknown>>;
  call: { sid: string; line: 'main' | 'outOfArea'; from: string | undefined; seq: number };
  /**
   * Every query of a step goes through the call's transaction: its effects commit together, and
   * on PGlite a query outside an open transaction would wait for it forever.
   */
  tx: Tx;
  config: Config;
  log: Log;
  services: EngineServices;
}

/** Shared, per-process services the engine hands to steps (caches live here, never call state). */
export interface EngineServices {
  [name: string]: unknown;
}

export interface StepHandler<S extends Step = Step> {
  enter(ctx: StepContext<S>): Promise<Outcome> | Outcome;
  /** Only for steps that ask something; steps that never ask need not implement it. */
  input?(ctx: StepContext<S>, input: Exclude<CallerInput, { kind: 'enter' }>): Promise<Outcome> | Outcome;
}

export type HandlerMap = { [T in StepType]: StepHandler<StepOf<T>> };
