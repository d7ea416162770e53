import type { BaseLogger } from 'pino';

/** The logging a step needs; the per-call child logger carries the CallSid. */
export type Log = Pick<BaseLogger, 'info' | 'warn' | 'error' | 'debug'>;
import type { Config } from '../config.js';
import type { Tx } from '../../db/client.js';
import type { Static, TObject, TProperties } from '@sinclair/typebox';
import type { Flow, Language, Step, StepOf, StepType } from './schema.js';
import type { Frame, FramePatch, FrameSchema, Scratch } from './frame.js';

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

/** A step's own scratch between its questions: declared with a schema by the handler. */
export type ScratchOf<Sc extends TProperties> = Partial<Static<TObject<Sc>>>;

/** What every outcome may write: slots of the call's frame, and the step's own scratch. */
interface Writes<Sc> {
  frame?: FramePatch;
  /** Merged into the step's scratch (`undefined` removes a key); cleared when the step ends. */
  scratch?: { [K in keyof Sc]?: Sc[K] | undefined };
}

/** What a step handler decides. */
export type Outcome<Sc = Scratch> =
  /** Stay on this step (phase names the sub-question) and answer the caller. */
  | ({ kind: 'reply'; reply: Reply; phase?: string; language?: Language } & Writes<Sc>)
  /** Leave through one of the step's exits (`next`, or a key of `on`), saying `say` first. */
  | ({ kind: 'exit'; exit: string; say?: Speech[]; language?: Language } & Writes<Sc>)
  /** Go to a step the step itself names (a menu option's target). */
  | ({ kind: 'goto'; target: string; say?: Speech[] } & Writes<Sc>)
  /** Go to a step the flow names globally (operator, emergency, error). */
  | ({ kind: 'global'; target: 'operator' | 'emergency' | 'error'; say?: Speech[] } & Writes<Sc>)
  /** The answer was silence or unusable: the engine counts attempts and re-asks or exits. */
  | ({ kind: 'retry'; reason: 'noInput' | 'noMatch'; reply: Reply; phase?: string; say?: Speech[] } & Writes<Sc>);

/** Everything a step handler may use; all writes go through `tx` so a step commits at once. */
export interface StepContext<S extends Step = Step, Sc = Scratch> {
  flow: Flow;
  step: S;
  language: Language;
  phase: string;
  attempts: number;
  /** What the call has learned so far, checked against each slot's schema. */
  frame: Readonly<Frame>;
  /** This step's scratch, checked against the handler's schema; empty when the step starts. */
  scratch: Readonly<Sc>;
  call: { sid: string; line: 'main' | 'outOfArea'; from: string | undefined; seq: number };
  /**
   * Every query of a step goes through the call's transaction: its effects commit together, and
   * on PGlite a query outside an open transaction would wait for it forever.
   */
  tx: Tx;
  config: Config;
  log: Log;
}

export type Answer = Exclude<CallerInput, { kind: 'enter' }>;

// Handlers are written with method syntax on purpose: a handler of one step type and scratch is
// then assignable to the handler map's general entry for that type.
export interface StepHandler<S extends Step = Step, Sc extends TProperties = TProperties> {
  /** The schema of the step's scratch; a step without one keeps none. */
  scratch?: Sc;
  enter(ctx: StepContext<S, ScratchOf<Sc>>): Promise<Outcome<ScratchOf<Sc>>> | Outcome<ScratchOf<Sc>>;
  /** Only for steps that ask something; steps that never ask need not implement it. */
  input?(ctx: StepContext<S, ScratchOf<Sc>>, input: Answer): Promise<Outcome<ScratchOf<Sc>>> | Outcome<ScratchOf<Sc>>;
}

export type HandlerMap = { [T in StepType]: StepHandler<StepOf<T>, TProperties> };

/**
 * A check every answer goes through before its step sees it, whatever the step: the 911 advice
 * for an emergency, a person for "operator". Rooms provide them; the handler map registers them.
 */
export type AnswerCheck = (input: Answer, language: Language, settings: Flow['settings']) => Outcome | undefined;

/** What the engine is given to run a flow: the handlers, the frame's slots and the shared checks. */
export interface StepKit {
  handlers: HandlerMap;
  frame: FrameSchema;
  checks: readonly AnswerCheck[];
}
