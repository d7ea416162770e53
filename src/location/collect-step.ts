import { Type } from '@sinclair/typebox';
import {
  matchWords,
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
import { gazetteerIndex } from './gazetteer-index.js';
import { locationHints } from './hints.js';
import { placesByLetters, streetsByLetters } from './keypad.js';
import { locationPhrases as p } from './phrases.js';
import { resolveKeyed, resolveLocation, type KeyedPlace, type LocationResult } from './resolve.js';
import { ResolvedPlace, type ReportLocation } from './slots.js';
import { spokenStreet } from './spoken.js';

export type { ReportLocation } from './slots.js';

const scratch = {
  /** A house number keyed on the keypad, waiting for its street. */
  houseNumber: Type.String({ pattern: '^[0-9]{1,6}$' }),
  /** The place read back, waiting for a yes. */
  pendingLocation: ResolvedPlace,
  /** What the caller said last, kept as their words if no place is found. */
  locationWords: Type.String({ maxLength: 2000 }),
  locationFailures: Type.Integer({ minimum: 0 }),
  /** Keypad digits of the first letters keyed so far (2 for A B C…). */
  letters: Type.String({ pattern: '^[0-9]{0,30}$' }),
  /** What the letters name: the street of the house number, a corner's first or second street, a park or landmark. */
  target: Type.Union([Type.Literal('street'), Type.Literal('corner-a'), Type.Literal('corner-b'), Type.Literal('place')]),
  /** What was offered by number: streets by search form, places by id. */
  offered: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 3 }),
  /** The corner's first street, chosen, by search form. */
  cornerA: Type.String({ maxLength: 200 }),
};
type Target = NonNullable<ScratchOf<typeof scratch>['target']>;
type Ctx = StepContext<StepOf<'collect-location'>, ScratchOf<typeof scratch>>;
type Out = Outcome<ScratchOf<typeof scratch>>;

/** Tries before the caller's own description is accepted: never loop demanding an address. */
export const LOCATION_TRIES = 2;

/**
 * Takes the location as a 911 call-taker would: an address (the house number may be keyed in),
 * a corner, a landmark or a park, read back for confirmation. Phases: ask → street → confirm.
 * A caller on the keypad alone keys the house number and then the street's first letters, or
 * presses star for a corner or a place by name (keys → letters → pick → confirm).
 */
export const collectLocation: StepHandler<StepOf<'collect-location'>, typeof scratch> = {
  scratch,
  async enter(ctx) {
    // Said already (the opening sentence): the place is confirmed with the problem, not asked again.
    if (ctx.frame.location) return { kind: 'exit', exit: 'next' };
    return { kind: 'reply', phase: 'ask', reply: await askReply(ctx) };
  },

  async input(ctx, input) {
    switch (ctx.phase) {
      case 'confirm':
        return onConfirm(ctx, input);
      case 'keys':
        return onKeys(ctx, input);
      case 'letters':
        return onLetters(ctx, input);
      case 'pick':
        return onPick(ctx, input);
    }
    if (input.kind === 'silence') {
      const reply = ctx.phase === 'street' ? streetReply(ctx) : await askReply(ctx);
      return { kind: 'retry', reason: 'noInput', reply };
    }
    if (input.kind === 'digits') {
      // After a house number, keys are the street's first letters.
      if (ctx.phase === 'street') return lettersKeyed(ctx, 'street', input.digits);
      if (input.digits.startsWith('*')) return { kind: 'reply', phase: 'keys', reply: keysReply(ctx.language) };
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
  return {
    say: [p.whichStreet[ctx.language].replace('{number}', number), p.orKeyStreet[ctx.language]],
    gather: { input: 'dtmf speech', finishOnKey: '#' },
  };
}

function keysReply(language: Language): Reply {
  return { say: [p.keysKind[language]], gather: { input: 'dtmf speech', numDigits: 1 } };
}

/** Asks for the first letters of what `target` names. */
function lettersReply(ctx: Ctx, target: Target, before: string[] = [], cornerA = ctx.scratch.cornerA ?? ''): Reply {
  const language = ctx.language;
  const ask = {
    street: p.keyAgain[language],
    'corner-a': p.keyFirstStreet[language],
    'corner-b': p.keySecondStreet[language].replace('{street}', spokenStreet(cornerA)),
    place: p.keyPlace[language],
  }[target];
  return { say: [...before, ask], gather: { input: 'dtmf speech', finishOnKey: '#' } };
}

/** Keys at the "star" question: which kind of place the caller will key. */
async function onKeys(ctx: Ctx, input: Answer): Promise<Out> {
  const reply = keysReply(ctx.language);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  if (input.kind === 'speech') return spoken(ctx, input.text);
  switch (input.digits) {
    case '1':
      return { kind: 'reply', phase: 'letters', scratch: { target: 'corner-a', letters: '' }, reply: lettersReply(ctx, 'corner-a') };
    case '2':
      return { kind: 'reply', phase: 'letters', scratch: { target: 'place', letters: '' }, reply: lettersReply(ctx, 'place') };
    case '3':
      return { kind: 'reply', phase: 'ask', reply: { say: [p.keyNumber[ctx.language]], gather: { input: 'dtmf speech', finishOnKey: '#' } } };
    default:
      return { kind: 'retry', reason: 'noMatch', reply };
  }
}

async function onLetters(ctx: Ctx, input: Answer): Promise<Out> {
  const target = ctx.scratch.target ?? 'street';
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply: lettersReply(ctx, target) };
  if (input.kind === 'speech') return spoken(ctx, input.text);
  return lettersKeyed(ctx, target, `${ctx.scratch.letters ?? ''}${input.digits}`);
}

/** A spoken answer at a keypad question is taken as a spoken place. */
async function spoken(ctx: Ctx, text: string): Promise<Out> {
  const houseNumber = ctx.scratch.target === 'street' ? ctx.scratch.houseNumber : undefined;
  const result = await resolveLocation(ctx.tx, text, houseNumber ? { houseNumber } : {});
  return afterLookup(ctx, result, houseNumber ? `${houseNumber} ${text}` : text);
}

/** The best few names starting with the keyed letters, offered by number. */
async function lettersKeyed(ctx: Ctx, target: Target, keyed: string): Promise<Out> {
  const letters = keyed.replace(/\D/g, '').slice(0, 30);
  const language = ctx.language;
  const index = await gazetteerIndex(ctx.tx);
  const houseNumber = target === 'street' && ctx.scratch.houseNumber ? Number(ctx.scratch.houseNumber) : undefined;
  const cornerA = ctx.scratch.cornerA;
  const offered = !letters
    ? []
    : target === 'place'
      ? placesByLetters(index, letters).map((place) => String(place.id))
      : streetsByLetters(index, letters, {
          ...(houseNumber !== undefined ? { houseNumber } : {}),
          ...(target === 'corner-b' && cornerA ? { meets: cornerA } : {}),
        }).map((street) => street.search);
  if (!offered.length) {
    const none =
      houseNumber !== undefined
        ? p.noneWithNumber[language].replace('{number}', String(houseNumber))
        : target === 'corner-b' && cornerA
          ? p.noneCrossing[language].replace('{street}', spokenStreet(cornerA))
          : p.noneByLetters[language];
    return {
      kind: 'retry',
      reason: 'noMatch',
      phase: 'letters',
      scratch: { target, letters: '', offered: undefined },
      reply: lettersReply(ctx, target, [none]),
    };
  }
  const names = await offeredNames(ctx, target, offered);
  return { kind: 'reply', phase: 'pick', scratch: { target, letters, offered }, reply: pickReply(language, names) };
}

async function offeredNames(ctx: Ctx, target: Target, offered: readonly string[]): Promise<string[]> {
  if (target !== 'place') return offered.map(spokenStreet);
  const index = await gazetteerIndex(ctx.tx);
  return offered.map((id) => index.places.get(Number(id))?.name ?? '');
}

function pickReply(language: Language, names: string[]): Reply {
  return {
    say: [...names.map((name, i) => p.forPress[language].replace('{name}', name).replace('{key}', String(i + 1))), p.starForMore[language]],
    gather: { input: 'dtmf speech', numDigits: 1, hints: names },
  };
}

/** A choice among the names offered, or star to key more letters. */
async function onPick(ctx: Ctx, input: Answer): Promise<Out> {
  const target = ctx.scratch.target ?? 'street';
  const offered = ctx.scratch.offered ?? [];
  const names = await offeredNames(ctx, target, offered);
  const reply = pickReply(ctx.language, names);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  if (input.kind === 'digits' && input.digits.startsWith('*')) {
    return { kind: 'reply', phase: 'letters', scratch: { offered: undefined }, reply: { say: [p.keyMore[ctx.language]], gather: { input: 'dtmf speech', finishOnKey: '#' } } };
  }
  const at =
    input.kind === 'digits'
      ? Number(input.digits) - 1
      : names.indexOf(matchWords(names, (name) => [name], input.text) ?? '');
  const chosen = offered[at];
  if (!chosen || at < 0) return { kind: 'retry', reason: 'noMatch', reply };
  const name = names[at]!;
  if (target === 'corner-a') {
    return {
      kind: 'reply',
      phase: 'letters',
      scratch: { target: 'corner-b', cornerA: chosen, letters: '', offered: undefined },
      reply: lettersReply(ctx, 'corner-b', [], chosen),
    };
  }
  let keyed: KeyedPlace;
  let words: string;
  if (target === 'place') {
    keyed = { kind: 'place', placeId: Number(chosen) };
    words = name;
  } else if (target === 'corner-b') {
    const cornerA = ctx.scratch.cornerA ?? '';
    keyed = { kind: 'corner', streetA: cornerA, streetB: chosen };
    words = `${spokenStreet(cornerA)} and ${name}`;
  } else {
    const houseNumber = Number(ctx.scratch.houseNumber ?? '');
    keyed = { kind: 'address', street: chosen, houseNumber };
    words = `${houseNumber} ${name}`;
  }
  return afterLookup(ctx, await resolveKeyed(ctx.tx, keyed, words), words);
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
    scratch: {
      locationFailures: failures,
      pendingLocation: undefined,
      houseNumber: undefined,
      locationWords: words,
      letters: undefined,
      target: undefined,
      offered: undefined,
      cornerA: undefined,
    },
    reply: { ...ask, say: [...say, p.tryAgain[ctx.language], ...ask.say] },
  };
}
