import {
  matchWords,
  phrase,
  yesNoHints,
  yesOrNo,
  type FramePatch,
  type Language,
  type Reply,
  type ScratchOf,
  type StepContext,
  type StepHandler,
  type StepOf,
} from '../flow/step-api.js';
import { currentCatalogue } from './catalogue-cache.js';
import { intakePhrases as p } from './phrases.js';

const scratch = {};
type Ctx = StepContext<StepOf<'confirm-report'>, ScratchOf<typeof scratch>>;

const PART_WORDS = {
  issue: { en: ['problem', 'the problem', 'issue', 'type', 'what', 'the type'], es: ['problema', 'el problema', 'tipo', 'lo que es'] },
  place: { en: ['place', 'the place', 'location', 'address', 'where', 'street', 'the address'], es: ['lugar', 'el lugar', 'dirección', 'direccion', 'donde', 'calle'] },
} as const;

/**
 * One question for everything the caller said but has not yet agreed to ("A pothole, at Light
 * Street and Key Highway. Is that right?"). A no asks which part was wrong and sends the caller
 * back to ask only that again; with nothing pending the step says nothing at all.
 */
export const confirmReport: StepHandler<StepOf<'confirm-report'>, typeof scratch> = {
  scratch,
  async enter(ctx) {
    if (!(ctx.frame.pending ?? []).length) return { kind: 'exit', exit: 'confirmed' };
    return { kind: 'reply', phase: 'confirm', reply: await confirmReply(ctx) };
  },
  async input(ctx, input) {
    if (ctx.phase === 'which') {
      const reply = whichReply(ctx);
      if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
      const part =
        input.kind === 'digits'
          ? ({ '1': 'issue', '2': 'place' } as const)[input.digits]
          : matchWords(['issue', 'place'] as const, (k) => PART_WORDS[k][ctx.language], input.text);
      if (!part) return { kind: 'retry', reason: 'noMatch', reply };
      return { kind: 'exit', exit: part, frame: forget(ctx, part) };
    }
    const reply = await confirmReply(ctx);
    if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
    const answer = yesOrNo(input, ctx.language);
    if (answer === 'yes') return { kind: 'exit', exit: 'confirmed', frame: { pending: undefined } };
    // "No, it's the place": the part may come with the answer, and is then not asked for.
    const part = input.kind === 'speech' ? matchWords(['issue', 'place'] as const, (k) => PART_WORDS[k][ctx.language], input.text) : undefined;
    if (part && (answer === 'no' || /\b(no|wrong|not|mal|incorrecto)\b/i.test(input.kind === 'speech' ? input.text : ''))) {
      return { kind: 'exit', exit: part, frame: forget(ctx, part) };
    }
    if (answer === 'no') return { kind: 'reply', phase: 'which', reply: whichReply(ctx) };
    return { kind: 'retry', reason: 'noMatch', reply };
  },
};

/** Empties the part the caller said was wrong, so the step that asks for it asks again. */
function forget(ctx: Ctx, part: 'issue' | 'place'): FramePatch {
  const slot = part === 'issue' ? 'serviceCode' : 'location';
  const pending = (ctx.frame.pending ?? []).filter((s) => s !== slot);
  const frame: FramePatch = { pending: pending.length ? pending : undefined };
  if (part === 'issue') Object.assign(frame, { serviceCode: undefined, classifiedBy: undefined, issueCandidates: undefined });
  else frame.location = undefined;
  return frame;
}

async function confirmReply(ctx: Ctx): Promise<Reply> {
  const language = ctx.language;
  const catalogue = await currentCatalogue(ctx.tx);
  const service = ctx.frame.serviceCode ? catalogue.byCode.get(ctx.frame.serviceCode)?.names[language] : undefined;
  const location = ctx.frame.location;
  const place = location?.kind === 'resolved' ? location.label : location?.words;
  return {
    say: [summary(language, service, place), ctx.step.prompt[language], phrase('yesNo', language)],
    gather: { input: 'dtmf speech', numDigits: 1, hints: yesNoHints(language) },
  };
}

function summary(language: Language, service: string | undefined, place: string | undefined): string {
  if (service && place) return p.reportAt[language].replace('{service}', service).replace('{place}', place);
  return service ?? place ?? '';
}

function whichReply(ctx: Ctx): Reply {
  return {
    say: [ctx.step.whichPart[ctx.language]],
    gather: { input: 'dtmf speech', numDigits: 1, hints: [...PART_WORDS.issue[ctx.language], ...PART_WORDS.place[ctx.language]] },
  };
}
