import { Type } from '@sinclair/typebox';
import { matchWords, type Speech, type StepHandler, type StepOf } from '../flow/step-api.js';
import { whatAndStreet } from './describe.js';
import { offerWords, say } from './phrases.js';
import { openRequestsOf, type OpenRequests } from './queries.js';

const scratch = {
  /** The request offered to a recognised caller, kept until they answer. */
  offered: Type.Integer({ minimum: 1 }),
};

/**
 * Right after the language choice: a caller whose number has open requests (their own, or one
 * they added a neighbour's report to) hears the most recent one and can go straight to its
 * status. Withheld numbers and callers with nothing open pass through without a question.
 */
export const recognizeCaller: StepHandler<StepOf<'recognize-caller'>, typeof scratch> = {
  scratch,
  async enter(ctx) {
    // The caller already said which request: no offer, straight to it.
    if (!ctx.call.from || ctx.frame.statusDigits) return { kind: 'exit', exit: 'none' };
    const open = await openRequestsOf(ctx.tx, ctx.call.from);
    if (!open) return { kind: 'exit', exit: 'none' };
    ctx.log.info({ openRequests: open.count }, 'caller recognised');
    return {
      kind: 'reply',
      phase: 'offer',
      scratch: { offered: open.latest.id },
      reply: {
        say: [...offerSpeech(open, ctx.language), say('recognizedOptions', ctx.language), say('holdForMenu', ctx.language)],
        gather: {
          input: 'dtmf speech',
          numDigits: 1,
          timeout: 4,
          hints: [...offerWords.status[ctx.language], ...offerWords.newReport[ctx.language]],
        },
      },
    };
  },
  input(ctx, input) {
    const { offered } = ctx.scratch;
    let choice: 'status' | 'newReport' | undefined;
    if (input.kind === 'digits') choice = input.digits === '1' ? 'status' : input.digits === '2' ? 'newReport' : undefined;
    else if (input.kind === 'speech') {
      choice = matchWords(['status', 'newReport'] as const, (k) => offerWords[k][ctx.language], input.text);
    }
    if (choice === 'status' && offered !== undefined) {
      return { kind: 'exit', exit: 'status', frame: { statusRequestId: offered, outcome: 'status' } };
    }
    if (choice === 'newReport') return { kind: 'exit', exit: 'newReport' };
    // Anything else, or silence, is the ordinary main menu: this offer was a shortcut, not a question.
    return { kind: 'exit', exit: 'none' };
  },
};

/**
 * Caller ID is easily forged: whoever calls from a reporter's number hears no more than the type
 * and the street of the latest open report (no house number, no count, nothing the caller said).
 * The full status needs the confirmation number or the 1 that follows.
 */
function offerSpeech(open: OpenRequests, language: 'en' | 'es'): Speech[] {
  const what = whatAndStreet(open.latest, language);
  if (open.count === 1) {
    return [language === 'es' ? `Tiene un reporte abierto: ${what}.` : `You have an open report: ${what}.`];
  }
  return [language === 'es' ? `Su reporte abierto más reciente es: ${what}.` : `Your most recent open report is: ${what}.`];
}
