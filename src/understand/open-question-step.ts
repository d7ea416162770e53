import {
  recordEvent,
  type Answer,
  type FramePatch,
  type Language,
  type Outcome,
  type Reply,
  type StepContext,
  type StepHandler,
  type StepOf,
} from '../flow/step-api.js';
import { currentCatalogue, type LoadedCatalogue } from '../intake/catalogue-cache.js';
import { resolveLocation } from '../location/resolve.js';
import { spokenDigits } from '../status/spoken-digits.js';
import { fold, foldedWords, understandOpening, type Opening } from './opening.js';
import { understandPhrases as p } from './phrases.js';

type Ctx = StepContext<StepOf<'open-question'>>;

/** Words a caller may say to pick a language; longer sentences are understood, not matched. */
const LANGUAGE_WORDS_MAX = 3;

/**
 * "How can I help you today?": the caller says their whole errand in their own words (or keys a
 * choice), and whatever the sentence tells — why they call, the problem, the place, what they want
 * done, a confirmation number — goes into the call's frame for the steps after it, which ask only
 * for what is missing and confirm what was heard.
 */
export const openQuestion: StepHandler<StepOf<'open-question'>> = {
  async enter(ctx) {
    const greeting = ctx.call.line === 'outOfArea' ? ctx.step.outOfAreaGreeting : ctx.step.greeting;
    return { kind: 'reply', phase: 'ask', reply: await askReply(ctx, ctx.language, [greeting[ctx.language]]) };
  },

  async input(ctx, input) {
    if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply: await askReply(ctx, ctx.language) };
    // The question takes one key; a longer string (forged, or keys mashed) is no choice at all.
    if (input.kind === 'digits' && input.digits.length !== 1) return { kind: 'retry', reason: 'noMatch', reply: await askReply(ctx, ctx.language) };
    const key = input.kind === 'digits' ? input.digits : spokenKey(ctx, input);
    if (key !== undefined) return onKey(ctx, key);
    const text = input.kind === 'speech' ? input.text : '';
    const language = languageAsked(ctx, text);
    if (language) return { kind: 'reply', phase: 'ask', language, reply: await askReply(ctx, language) };

    const catalogue = await currentCatalogue(ctx.tx);
    const opening = await understandOpening(
      text,
      ctx.language,
      ctx.step.options.map((o) => ({ intent: o.intent, words: o.words[ctx.language] })),
      {
        classify: (t, l) => catalogue.classifier.classify(t, l),
        handling: (code) => catalogue.byCode.get(code)?.handling as 'report' | 'police' | undefined,
        resolve: (span) => resolveLocation(ctx.tx, span),
      },
    );
    await recordEvent(ctx.tx, ctx.call.sid, 'opening', summary(opening));
    if (!opening.intent) {
      return { kind: 'retry', reason: 'noMatch', reply: await askReply(ctx, ctx.language, [p.forExample[ctx.language]]) };
    }
    return {
      kind: 'exit',
      exit: opening.intent.value,
      language: opening.language,
      frame: frameOf(opening, text),
    };
  },
};

async function askReply(ctx: Ctx, language: Language, before: string[] = []): Promise<Reply> {
  const catalogue = await currentCatalogue(ctx.tx);
  return {
    say: [...before, ctx.step.prompt[language]],
    gather: { input: 'dtmf speech', numDigits: 1, answer: 'long', hints: hints(ctx, catalogue, language) },
  };
}

function hints(ctx: Ctx, catalogue: LoadedCatalogue, language: Language): string[] {
  const words = [...ctx.step.options.flatMap((o) => o.words[language]), ...ctx.step.languages.flatMap((l) => l.words)];
  return [...new Set([...words, ...catalogue.services.map((s) => s.names[language])])].slice(0, 200);
}

/** A key chose a language or an errand; anything else is a wrong key. */
async function onKey(ctx: Ctx, key: string): Promise<Outcome> {
  const language = ctx.step.languages.find((l) => l.key === key)?.language;
  if (language) return { kind: 'reply', phase: 'ask', language, reply: await askReply(ctx, language) };
  const option = ctx.step.options.find((o) => o.key === key);
  if (!option) return { kind: 'retry', reason: 'noMatch', reply: await askReply(ctx, ctx.language) };
  return { kind: 'exit', exit: option.intent, frame: { menuChoices: { ...ctx.frame.menuChoices, [ctx.step.id]: option.key } } };
}

/** "One", "two", "press three": a spoken key press. */
function spokenKey(ctx: Ctx, input: Answer): string | undefined {
  if (input.kind !== 'speech') return undefined;
  const words = input.text.trim().split(/\s+/);
  if (words.length > 2) return undefined;
  const digits = spokenDigits(input.text, ctx.language);
  return digits.length === 1 ? digits : undefined;
}

function languageAsked(ctx: Ctx, text: string): Language | undefined {
  const words = foldedWords(text);
  if (!words.length || words.length > LANGUAGE_WORDS_MAX) return undefined;
  return ctx.step.languages.find((l) => l.language !== ctx.language && l.words.some((w) => words.includes(fold(w))))?.language;
}

/** What the opening heard, as slots; what needs the caller's yes is marked pending. */
function frameOf(opening: Opening, text: string): FramePatch {
  const frame: FramePatch = {};
  const pending: string[] = [];
  if (opening.statusDigits && opening.intent?.value === 'status') frame.statusDigits = opening.statusDigits;
  if (opening.intent?.value === 'police' && opening.issue) frame.serviceCode = opening.issue.codes[0]!;
  if (opening.intent?.value !== 'report') return frame;
  frame.issueWords = text.slice(0, 500);
  if (opening.issue?.confidence === 'clear') {
    frame.serviceCode = opening.issue.codes[0]!;
    frame.classifiedBy = 'first-try';
    pending.push('serviceCode');
  } else if (opening.issue) {
    frame.issueCandidates = opening.issue.codes;
  }
  if (opening.place) {
    frame.location = { ...opening.place.location, kind: 'resolved', needsReview: false };
    pending.push('location');
  }
  if (opening.description) frame.description = opening.description.slice(0, 2000);
  if (opening.wanted) frame.requestedAction = opening.wanted.words;
  if (pending.length) frame.pending = pending;
  return frame;
}

/** For CityStat: what the first answer gave, never the words. */
function summary(opening: Opening) {
  return {
    intent: opening.intent?.value ?? null,
    language: opening.language,
    issue: opening.issue?.confidence ?? null,
    place: opening.place?.location.precision ?? null,
    wanted: !!opening.wanted,
    described: !!opening.description,
    digits: !!opening.statusDigits,
  };
}
