import type { Language, Step } from './schema.js';
import { asksForOperator, phrase } from './phrases.js';
import { detectEmergency } from '../intake/emergency.js';
import type { CallerInput, DataPatch, HandlerMap, Outcome, Reply, Speech, StepContext } from './types.js';
import type { LoadedFlow } from './revisions.js';

/** Where a call stands between two webhooks; stored in call_sessions. */
export interface CallState {
  step: string;
  phase: string;
  attempts: number;
  language: Language;
  data: Record<string, unknown>;
}

export interface TurnResult {
  state: CallState;
  reply: Reply;
}

type BaseContext = Omit<StepContext, 'flow' | 'step' | 'language' | 'phase' | 'attempts' | 'data'>;

// A flow validated against pass-through loops still gets a hard stop, in case of a bug.
const MAX_HOPS = 30;

/**
 * Takes one caller input through the flow: the current step handles it, exits are followed
 * (entering each next step) until some step needs to answer the caller. Pure over its inputs
 * but for the step handlers' own queries, which run inside the caller's transaction.
 */
export async function runTurn(
  loaded: LoadedFlow,
  handlers: HandlerMap,
  base: BaseContext,
  current: CallState,
  input: CallerInput,
): Promise<TurnResult> {
  const { flow } = loaded;
  const state: CallState = { ...current, data: { ...current.data } };
  const pending: Speech[] = [];
  let pendingInput: CallerInput = input;

  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const step = loaded.steps.get(state.step);
    if (!step) throw new Error(`flow ${flow.key} has no step ${state.step}`);
    const ctx = { ...base, flow, step, language: state.language, phase: state.phase, attempts: state.attempts, data: state.data } as StepContext;
    const handler = handlers[step.type] as HandlerMap[Step['type']] as { enter: (c: StepContext) => Promise<Outcome> | Outcome; input?: (c: StepContext, i: Exclude<CallerInput, { kind: 'enter' }>) => Promise<Outcome> | Outcome };

    let outcome: Outcome;
    if (pendingInput.kind === 'enter') {
      outcome = await handler.enter(ctx);
    } else {
      outcome = globalExit(loaded, state.language, pendingInput) ?? (handler.input ? await handler.input(ctx, pendingInput) : await handler.enter(ctx));
    }
    pendingInput = { kind: 'enter' };
    applyData(state, outcome.data);

    let target: string;
    switch (outcome.kind) {
      case 'reply':
        if (outcome.phase) state.phase = outcome.phase;
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
  }
  throw new Error(`flow ${flow.key} did not answer within ${MAX_HOPS} steps`);
}

/**
 * Exits every question shares: the operator key or "agent" reaches a person, and any answer that
 * sounds like an emergency gets the 911 advice before anything else.
 */
function globalExit(loaded: LoadedFlow, language: Language, input: CallerInput): Outcome | undefined {
  const { settings } = loaded.flow;
  if (input.kind === 'digits' && input.digits === settings.operatorKey) {
    return { kind: 'global', target: 'operator' };
  }
  if (input.kind === 'speech') {
    const emergency = detectEmergency(input.text, language);
    if (emergency.emergency) {
      return {
        kind: 'global',
        target: 'emergency',
        say: [phrase('emergency', language)],
        data: { outcome: 'emergency', emergencyKind: emergency.kind ?? 'other' },
      };
    }
    if (asksForOperator(input.text, language)) return { kind: 'global', target: 'operator' };
  }
  return undefined;
}

function applyData(state: CallState, patch: DataPatch | undefined) {
  if (!patch) return;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete state.data[key];
    else state.data[key] = value;
  }
}

function prepend(pending: Speech[], reply: Reply): Reply {
  return pending.length ? { ...reply, say: [...pending, ...reply.say] } : reply;
}
