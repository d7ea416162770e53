import { Type } from '@sinclair/typebox';
import { normaliseSpeech, type Language, type Reply, type ScratchOf, type StepContext, type StepHandler, type StepOf } from '../flow/step-api.js';
import { CONFIRMATION_GROUPS } from '../requests/confirmation.js';

const scratch = { repeats: Type.Integer({ minimum: 0 }) };
type Ctx = StepContext<StepOf<'read-back'>, ScratchOf<typeof scratch>>;

const phrases = {
  yourNumber: { en: 'Your confirmation number is', es: 'Su número de confirmación es' },
  added: { en: 'Your report was added to request number', es: 'Su reporte se agregó a la solicitud número' },
  again: { en: 'Again, that is', es: 'Otra vez, es' },
  repeat: { en: 'To hear it again, press 1 or say repeat.', es: 'Para escucharlo otra vez, oprima 1 o diga repetir.' },
} as const satisfies Record<string, Record<Language, string>>;

const REPEAT_WORDS = ['repeat', 'again', 'one more time', 'say it again', 'repetir', 'otra vez', 'de nuevo'];
const MAX_REPEATS = 3;

/** Reads the committed confirmation number slowly, in groups of three, twice; repeats on request. */
export const readBack: StepHandler<StepOf<'read-back'>, typeof scratch> = {
  scratch,
  enter(ctx) {
    if (ctx.frame.confirmation === undefined) return { kind: 'global', target: 'error' };
    return { kind: 'reply', phase: 'read', scratch: { repeats: 0 }, reply: readReply(ctx, ctx.frame.confirmation) };
  },
  input(ctx, input) {
    const confirmation = ctx.frame.confirmation;
    if (confirmation === undefined) return { kind: 'global', target: 'error' };
    const repeats = ctx.scratch.repeats ?? 0;
    const wantsRepeat =
      (input.kind === 'digits' && input.digits === '1') ||
      (input.kind === 'speech' && REPEAT_WORDS.some((w) => ` ${normaliseSpeech(input.text)} `.includes(` ${w} `)));
    if (wantsRepeat && repeats < MAX_REPEATS) {
      return { kind: 'reply', phase: 'read', scratch: { repeats: repeats + 1 }, reply: readReply(ctx, confirmation) };
    }
    // Silence or anything else: the caller has it; carry on.
    return { kind: 'exit', exit: 'next' };
  },
};

function readReply(ctx: Ctx, confirmation: string): Reply {
  const l = ctx.language;
  const digits = { digits: confirmation, groups: CONFIRMATION_GROUPS };
  return {
    say: [ctx.step.prompt[l], ctx.frame.merged ? phrases.added[l] : phrases.yourNumber[l], digits, '.', phrases.again[l], digits, '.', phrases.repeat[l]],
    gather: { input: 'dtmf speech', numDigits: 1, timeout: 4, hints: REPEAT_WORDS },
  };
}
