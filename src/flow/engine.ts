import type { Language, Step } from './schema.js';
import { phrase } from './phrases.js';
import { applyPatch, readScratch, type Frame, type Scratch } from './frame.js';
import type { Answer, CallerInput, Outcome, Reply, Speech, StepContext, StepHandler, StepKit } from './types.js';
import type { LoadedFlow } from './revisions.js';

/** Where a call stands between two webhooks; stored in call_sessions. */
export interface CallState {
  step: string;
  phase: string;
  attempts: number;
  language: Language;
  frame: Frame;
  /** The current step's scratch; emptied whenever the call moves to another step. */
  scratch: Scratch;
}

export interface TurnResult {
  state: CallState;
  reply: Reply;
}

type BaseContext = Omit<StepContext, 'flow' | 'step' | 'language' | 'phase' | 'attempts' | 'frame' | 'scratch'>;

// A flow validated against pass-through loops still gets a hard stop, in case of a bug.
const MAX_HOPS = 30;

type AnyHandler = StepHandler<Step, Record<string, never>> & {
  enter(ctx: StepContext): Promise<Outcome> | Outcome;
  input?(ctx: StepContext, input: Answer): Promise<Outcome> | Outcome;
};

/**
 * Takes one caller input through the flow: the kit's shared checks see it first, then the
 * current step handles it, and exits are followed (entering each next step) until some step
 * needs to answer the caller. Pure over its inputs but for the step handlers' own queries,
 * which run inside the caller's transaction.
 */
export async function runTurn(loaded: LoadedFlow, kit: StepKit, base: BaseContext, current: CallState, input: CallerInput): Promise<TurnResult> {
  const { flow } = loaded;
  const state: CallState = { ...current, frame: { ...current.frame }, scratch: { ...current.scratch } };
  const pending: Speech[] = [];
  let pendingInput: CallerInput = input;

  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const step = loaded.steps.get(state.step);
    if (!step) throw new Error(`flow ${flow.key} has no step ${state.step}`);
    const handler = kit.handlers[step.type] as unknown as AnyHandler;
    // Scratch that does not fit the step's schema (an old session, a forged try-it state)
    // restarts the step's question rather than reaching the handler.
    const scratch = readScratch(handler.scratch, state.scratch);
    if (!scratch) {
      state.scratch = {};
      if (pendingInput.kind !== 'enter') {
        state.phase = 'enter';
        pendingInput = { kind: 'enter' };
      }
    }
    const ctx: StepContext = {
      ...base,
      flow,
      step,
      language: state.language,
      phase: state.phase,
      attempts: state.attempts,
      frame: state.frame,
      scratch: state.scratch,
    };

    let outcome: Outcome;
    if (pendingInput.kind === 'enter') {
      outcome = await handler.enter(ctx);
    } else {
      const answer = pendingInput;
      outcome =
        firstCheck(kit, answer, state.language, flow.settings) ??
        (handler.input ? await handler.input(ctx, answer) : await handler.enter(ctx));
    }
    pendingInput = { kind: 'enter' };
    applyPatch(state.frame, outcome.frame);
    applyPatch(state.scratch, outcome.scratch);

    let target: string;
    switch (outcome.kind) {
      case 'reply':
        if (outcome.phase) state.phase = outcome.phase;
        if (outcome.language) state.language = outcome.language;
        return { state, reply: prepend(pending, outcome.reply) };
      case 'retry': {
        if (outcome.say) pending.push(...outcome.say);
        state.attempts += 1;
        const exits = (step as { on?: Record<string, string> }).on ?? {};
        const retries = (step as { retries?: number }).retries ?? 1;
        if (state.attempts > retries) {
          pending.push(phrase('tooManyTries', state.language));
          target = exits.retryLimit ?? flow.settings.operatorStep;
          break;
        }
        const exit = exits[outcome.reason];
        if (exit && exit !== step.id) {
          target = exit;
          break;
        }
        if (outcome.phase) state.phase = outcome.phase;
        pending.push(phrase(outcome.reason, state.language));
        return { state, reply: prepend(pending, outcome.reply) };
      }
      case 'exit': {
        if (outcome.say) pending.push(...outcome.say);
        if (outcome.language) state.language = outcome.language;
        const named = outcome.exit === 'next' && 'next' in step ? step.next : (step as { on?: Record<string, string> }).on?.[outcome.exit];
        if (!named) throw new Error(`step ${step.id} has no exit ${outcome.exit}`);
        target = named;
        break;
      }
      case 'goto':
        if (outcome.say) pending.push(...outcome.say);
        target = outcome.target;
        break;
      case 'global':
        if (outcome.say) pending.push(...outcome.say);
        target = flow.settings[`${outcome.target}Step`];
        break;
    }
    state.step = target;
    state.phase = 'enter';
    state.attempts = 0;
    state.scratch = {};
  }
  throw new Error(`flow ${flow.key} did not answer within ${MAX_HOPS} steps`);
}

function firstCheck(kit: StepKit, input: Answer, language: Language, settings: LoadedFlow['flow']['settings']): Outcome | undefined {
  for (const check of kit.checks) {
    const outcome = check(input, language, settings);
    if (outcome) return outcome;
  }
  return undefined;
}

function prepend(pending: Speech[], reply: Reply): Reply {
  return pending.length ? { ...reply, say: [...pending, ...reply.say] } : reply;
}
