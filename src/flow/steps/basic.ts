import type { StepHandler } from '../types.js';
import type { StepOf } from '../schema.js';
import { matchWords, normaliseSpeech, phrase, yesNoHints, yesOrNo } from '../phrases.js';
import { clampSpeech } from '../speech.js';

/** Says something and moves on. */
export const say: StepHandler<StepOf<'say'>> = {
  enter: (ctx) => ({ kind: 'exit', exit: 'next', say: [ctx.step.prompt[ctx.language]] }),
};

/** Sends calls to the out-of-area number through their own greeting. */
export const lineBranch: StepHandler<StepOf<'line-branch'>> = {
  enter: (ctx) => ({ kind: 'exit', exit: ctx.call.line === 'outOfArea' ? 'outOfArea' : 'main' }),
};

/** The bilingual greeting: a key or a word picks the language; silence keeps the first option's. */
export const chooseLanguage: StepHandler<StepOf<'choose-language'>> = {
  enter: (ctx) => ({
    kind: 'reply',
    phase: 'ask',
    reply: {
      say: [ctx.step.prompt.en, ctx.step.prompt.es],
      gather: { input: 'dtmf speech', numDigits: 1, timeout: 3, hints: ctx.step.options.flatMap((o) => o.words) },
    },
  }),
  input(ctx, input) {
    const fallback = ctx.step.options[0]!.language;
    let language = fallback;
    if (input.kind === 'digits') {
      language = ctx.step.options.find((o) => o.key === input.digits)?.language ?? fallback;
    } else if (input.kind === 'speech') {
      const text = normaliseSpeech(input.text);
      language =
        ctx.step.options.find((o) => o.words.some((w) => ` ${text} `.includes(` ${normaliseSpeech(w)} `)))?.language ??
        fallback;
    }
    return { kind: 'exit', exit: 'next', language };
  },
};

/** A keypad-and-speech menu: each option has a key and the words that choose it. */
export const menu: StepHandler<StepOf<'menu'>> = {
  enter: (ctx) => ({ kind: 'reply', phase: 'ask', reply: menuReply(ctx.step, ctx.language) }),
  input(ctx, input) {
    const reply = menuReply(ctx.step, ctx.language);
    if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
    const option =
      input.kind === 'digits'
        ? ctx.step.options.find((o) => o.key === input.digits)
        : matchWords(ctx.step.options, (o) => o.words[ctx.language], input.text);
    if (!option) return { kind: 'retry', reason: 'noMatch', reply };
    return { kind: 'goto', target: option.next, frame: { menuChoices: { ...ctx.frame.menuChoices, [ctx.step.id]: option.key } } };
  },
};

function menuReply(step: StepOf<'menu'>, language: 'en' | 'es') {
  return {
    say: [step.prompt[language]],
    gather: {
      input: 'dtmf speech' as const,
      numDigits: 1,
      hints: step.options.flatMap((o) => o.words[language]).slice(0, 100),
    },
  };
}

/** A yes/no question. */
export const confirm: StepHandler<StepOf<'confirm'>> = {
  enter: (ctx) => ({ kind: 'reply', phase: 'ask', reply: yesNoReply(ctx.step.prompt[ctx.language], ctx.language) }),
  input(ctx, input) {
    const reply = yesNoReply(ctx.step.prompt[ctx.language], ctx.language);
    if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
    const answer = yesOrNo(input, ctx.language);
    if (!answer) return { kind: 'retry', reason: 'noMatch', reply };
    return { kind: 'exit', exit: answer };
  },
};

/** A yes/no question, always followed by how to answer it: keypad callers need the keys. */
function yesNoReply(question: string, language: 'en' | 'es') {
  return {
    say: [question, phrase('yesNo', language)],
    gather: { input: 'dtmf speech' as const, numDigits: 1, hints: yesNoHints(language) },
  };
}

/** A free answer in the caller's own words, kept with the report; an optional one is skipped with pound. */
export const ask: StepHandler<StepOf<'ask'>> = {
  // A slot the caller already filled (their first sentence described the problem) is not asked again.
  enter: (ctx) =>
    ctx.frame[ctx.step.save] ? { kind: 'exit', exit: 'answer' } : { kind: 'reply', phase: 'ask', reply: askReply(ctx.step, ctx.language) },
  input(ctx, input) {
    const reply = askReply(ctx.step, ctx.language);
    if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
    if (input.kind === 'digits') {
      return ctx.step.optional && input.digits === '#' ? { kind: 'exit', exit: 'answer' } : { kind: 'retry', reason: 'noMatch', reply };
    }
    const text = clampSpeech(input.text);
    if (!text) return { kind: 'retry', reason: 'noMatch', reply };
    return { kind: 'exit', exit: 'answer', frame: { [ctx.step.save]: text } };
  },
};

function askReply(step: StepOf<'ask'>, language: 'en' | 'es') {
  if (!step.optional) return { say: [step.prompt[language]], gather: { input: 'speech' as const, answer: 'long' as const } };
  // Pound is a key of its own here, not the end of an entry: one press posts it.
  return {
    say: [step.prompt[language], phrase('orSkip', language)],
    gather: { input: 'dtmf speech' as const, answer: 'long' as const, numDigits: 1, finishOnKey: '' },
  };
}

export const transfer: StepHandler<StepOf<'transfer'>> = {
  enter: (ctx) => ({
    kind: 'reply',
    phase: 'transferred',
    frame: { outcome: ctx.frame.outcome ?? 'transferred' },
    reply: { say: [ctx.step.prompt[ctx.language]], end: { kind: 'dial', number: ctx.step.number } },
  }),
};

export const hangUp: StepHandler<StepOf<'hang-up'>> = {
  enter: (ctx) => ({
    kind: 'reply',
    phase: 'ended',
    frame: { outcome: ctx.frame.outcome ?? 'goodbye' },
    reply: { say: [ctx.step.prompt[ctx.language]], end: { kind: 'hangup' } },
  }),
};
