import { Type } from '@sinclair/typebox';
import {
  yesNoHints,
  yesOrNo,
  type Answer,
  type Language,
  type Outcome,
  type Reply,
  type ScratchOf,
  type StepContext,
  type StepHandler,
  type StepOf,
} from '../flow/step-api.js';
import { locationHints } from './hints.js';
import { locationPhrases as p } from './phrases.js';
import { resolveLocation, type LocationResult } from './resolve.js';
import { ResolvedPlace, type ReportLocation } from './slots.js';

export type { ReportLocation } from './slots.js';

const scratch = {
  /** A house number keyed on the keypad, waiting for its street. */
  houseNumber: Type.String({ pattern: '^[0-9]{1,6}$' }),
  /** The place read back, waiting for a yes. */
  pendingLocation: ResolvedPlace,
  /** What the caller said last, kept as their words if no place is found. */
  locationWords: Type.String({ maxLength: 2000 }),
  locationFailures: Type.Integer({ minimum: 0 }),
};
type Ctx = StepContext<StepOf<'collect-location'>, ScratchOf<typeof scratch>>;
type Out = Outcome<ScratchOf<typeof scratch>>;

/** Tries before the caller's own description is accepted: never loop demanding an address. */
export const LOCATION_TRIES = 2;

/**
 * Takes the location as a 911 call-taker would: an address (the house number may be keyed in),
 * a corner, a landmark or a park, read back for confirmation. Phases: ask → street → confirm.
 */
export const collectLocation: StepHandler<StepOf<'collect-location'>, typeof scratch> = {
  scratch,
  async enter(ctx) {
    // Said already (the opening sentence): the place is confirmed with the problem, not asked again.
    if (ctx.frame.location) return { kind: 'exit', exit: 'next' };
    return { kind: 'reply', phase: 'ask', reply: await askReply(ctx) };
  },

  async input(ctx, input) {
    if (ctx.phase === 'confirm') return onConfirm(ctx, input);
    if (input.kind === 'silence') {
      const reply = ctx.phase === 'street' ? streetReply(ctx) : await askReply(ctx);
      return { kind: 'retry', reason: 'noInput', reply };
    }
    if (input.kind === 'digits') {
      const number = input.digits.replace(/[*#]/g, '');
      if (!/^\d{1,6}$/.test(number)) return { kind: 'retry', reason: 'noMatch', reply: await askReply(ctx) };
      return { kind: 'reply', phase: 'street', scratch: { houseNumber: number }, reply: streetReply(ctx, number) };
    }
    const houseNumber = ctx.scratch.houseNumber;
    const words = houseNumber && ctx.phase === 'street' ? `${houseNumber} ${input.text}` : input.text;
    const result = await resolveLocation(ctx.tx, input.text, houseNumber && ctx.phase === 'street' ? { houseNumber } : {});
    return afterLookup(ctx, result, words);
  },
};

async function askReply(ctx: Ctx): Promise<Reply> {
  return {
    say: [ctx.step.prompt[ctx.language]],
    gather: { input: 'dtmf speech', finishOnKey: '#', hints: await locationHints(ctx.tx) },
  };
}

function streetReply(ctx: Ctx, number = ctx.scratch.houseNumber ?? ''): Reply {
  return { say: [p.whichStreet[ctx.language].replace('{number}', number)], gather: { input: 'speech' } };
}

function confirmReply(language: Language, label: string): Reply {
  return {
    say: [p.iHave[language].replace('{place}', label)],
    gather: { input: 'dtmf speech', numDigits: 1, hints: yesNoHints(language) },
  };
}

async function afterLookup(ctx: Ctx, result: LocationResult, words: string): Promise<Out> {
  const language = ctx.language;
  switch (result.kind) {
    case 'resolved': {
      const { kind: _kind, ...place } = result;
      // The problem still waits for the caller's yes: one question will confirm both.
      const pending = ctx.frame.pending ?? [];
      if (pending.includes('serviceCode')) {
        return { kind: 'exit', exit: 'next', frame: { location: { ...place, kind: 'resolved', needsReview: false }, pending: [...pending, 'location'] } };
      }
      return {
        kind: 'reply',
        phase: 'confirm',
        scratch: { pendingLocation: { ...place, kind: 'resolved', needsReview: false }, locationWords: words },
        reply: confirmReply(language, result.label),
      };
    }
    case 'outside-range':
      return failed(ctx, words, [
        p.outsideRange[language]
          .replace('{street}', result.street)
          .replace('{number}', String(result.houseNumber))
          .replace('{min}', String(result.minAddress ?? '?'))
          .replace('{max}', String(result.maxAddress ?? '?')),
      ]);
    case 'outside-city':
      return failed(ctx, words, [p.outsideCity[language].replace('{place}', result.name)]);
    case 'unresolved':
      return failed(ctx, words, [p.notFound[language]]);
  }
}

async function onConfirm(ctx: Ctx, input: Answer): Promise<Out> {
  const pending = ctx.scratch.pendingLocation;
  if (!pending) return { kind: 'reply', phase: 'ask', reply: await askReply(ctx) };
  const reply = confirmReply(ctx.language, pending.label);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  const answer = yesOrNo(input, ctx.language);
  if (answer === 'yes') {
    return { kind: 'exit', exit: 'next', frame: { location: pending } };
  }
  if (answer === 'no') return failed(ctx, ctx.scratch.locationWords ?? pending.words, []);
  // Neither yes nor no: perhaps the caller is correcting the place itself.
  if (input.kind === 'speech' && input.text.split(' ').length > 2) {
    return afterLookup(ctx, await resolveLocation(ctx.tx, input.text), input.text);
  }
  return { kind: 'retry', reason: 'noMatch', reply };
}

/**
 * A try that did not give a place. After the second, the caller's own words are the location,
 * flagged for a person to check: a caller in a park is never sent round in circles.
 */
async function failed(ctx: Ctx, words: string, say: string[]): Promise<Out> {
  const failures = (ctx.scratch.locationFailures ?? 0) + 1;
  if (failures >= LOCATION_TRIES && words.trim()) {
    const location: ReportLocation = { kind: 'caller-words', words: words.trim(), needsReview: true };
    return {
      kind: 'exit',
      exit: 'next',
      say: [...say, p.takenAsSaid[ctx.language]],
      frame: { location },
    };
  }
  const ask = await askReply(ctx);
  return {
    kind: 'reply',
    phase: 'ask',
    scratch: { locationFailures: failures, pendingLocation: undefined, houseNumber: undefined, locationWords: words },
    reply: { ...ask, say: [...say, p.tryAgain[ctx.language], ...ask.say] },
  };
}
