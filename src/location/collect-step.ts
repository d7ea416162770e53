import type { Language, StepOf } from '../flow/schema.js';
import type { CallerInput, Outcome, Reply, StepContext, StepHandler } from '../flow/types.js';
import { yesNoHints, yesOrNo } from '../flow/phrases.js';
import { locationHints } from './hints.js';
import { locationPhrases as p } from './phrases.js';
import { resolveLocation, type LocationResult, type ResolvedLocation } from './resolve.js';

type Ctx = StepContext<StepOf<'collect-location'>>;
type Answer = Exclude<CallerInput, { kind: 'enter' }>;

/** What a report keeps of its place: a resolved point, or the caller's words for a person to check. */
export type ReportLocation =
  | (Omit<ResolvedLocation, 'kind'> & { kind: 'resolved'; needsReview: false })
  | { kind: 'caller-words'; words: string; needsReview: true };

/** Tries before the caller's own description is accepted: never loop demanding an address. */
export const LOCATION_TRIES = 2;

/**
 * Takes the location as a 911 call-taker would: an address (the house number may be keyed in),
 * a corner, a landmark or a park, read back for confirmation. Phases: ask → street → confirm.
 */
export const collectLocation: StepHandler<StepOf<'collect-location'>> = {
  async enter(ctx) {
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
      return { kind: 'reply', phase: 'street', data: { houseNumber: number }, reply: streetReply(ctx, number) };
    }
    const houseNumber = typeof ctx.data.houseNumber === 'string' ? ctx.data.houseNumber : undefined;
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

function streetReply(ctx: Ctx, number = String(ctx.data.houseNumber ?? '')): Reply {
  return { say: [p.whichStreet[ctx.language].replace('{number}', number)], gather: { input: 'speech' } };
}

function confirmReply(language: Language, label: string): Reply {
  return {
    say: [p.iHave[language].replace('{place}', label)],
    gather: { input: 'dtmf speech', numDigits: 1, hints: yesNoHints(language) },
  };
}

async function afterLookup(ctx: Ctx, result: LocationResult, words: string): Promise<Outcome> {
  const language = ctx.language;
  switch (result.kind) {
    case 'resolved': {
      const { kind: _kind, ...place } = result;
      const location: ReportLocation = { ...place, kind: 'resolved', needsReview: false };
      return { kind: 'reply', phase: 'confirm', data: { pendingLocation: location, locationWords: words }, reply: confirmReply(language, result.label) };
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

async function onConfirm(ctx: Ctx, input: Answer): Promise<Outcome> {
  const pending = ctx.data.pendingLocation as ReportLocation | undefined;
  if (!pending || pending.kind !== 'resolved') return { kind: 'reply', phase: 'ask', reply: await askReply(ctx) };
  const reply = confirmReply(ctx.language, pending.label);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  const answer = yesOrNo(input, ctx.language);
  if (answer === 'yes') {
    return { kind: 'exit', exit: 'next', data: { location: pending, pendingLocation: undefined, houseNumber: undefined, locationFailures: undefined } };
  }
  if (answer === 'no') return failed(ctx, String(ctx.data.locationWords ?? pending.words), []);
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
async function failed(ctx: Ctx, words: string, say: string[]): Promise<Outcome> {
  const failures = Number(ctx.data.locationFailures ?? 0) + 1;
  if (failures >= LOCATION_TRIES && words.trim()) {
    const location: ReportLocation = { kind: 'caller-words', words: words.trim(), needsReview: true };
    return {
      kind: 'exit',
      exit: 'next',
      say: [...say, p.takenAsSaid[ctx.language]],
      data: { location, pendingLocation: undefined, houseNumber: undefined, locationFailures: undefined },
    };
  }
  const ask = await askReply(ctx);
  return {
    kind: 'reply',
    phase: 'ask',
    data: { locationFailures: failures, pendingLocation: undefined, houseNumber: undefined, locationWords: words },
    reply: { ...ask, say: [...say, p.tryAgain[ctx.language], ...ask.say] },
  };
}
