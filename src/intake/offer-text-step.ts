import { eq } from 'drizzle-orm';
import { yesNoHints, yesOrNo, type Language, type Outcome, type Reply, type StepContext, type StepHandler, type StepOf } from '../flow/step-api.js';
import { requestReports, serviceRequests } from '../../db/schema/index.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { formatConfirmation } from '../requests/confirmation.js';
import { currentCatalogue } from './catalogue-cache.js';

type Ctx = StepContext<StepOf<'offer-text'>>;

const phrases = {
  sent: { en: "Done. You'll get a text in a moment.", es: 'Listo. Recibirá un mensaje en un momento.' },
  notSent: { en: 'All right, no text.', es: 'Muy bien, sin mensaje.' },
  yesNo: { en: 'Say yes or press 1, or say no or press 2.', es: 'Diga sí u oprima 1, o diga no u oprima 2.' },
} as const satisfies Record<string, Record<Language, string>>;

/** Offers the confirmation number by text; the text goes through the durable outbox. */
export const offerText: StepHandler<StepOf<'offer-text'>> = {
  enter(ctx) {
    // No caller ID, nothing to text: skip the question.
    if (!ctx.call.from || ctx.frame.confirmation === undefined) return { kind: 'exit', exit: 'next' };
    return { kind: 'reply', phase: 'ask', reply: offerReply(ctx) };
  },
  async input(ctx, input) {
    const reply = offerReply(ctx);
    if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
    const answer = yesOrNo(input, ctx.language);
    if (!answer) return { kind: 'retry', reason: 'noMatch', reply };
    if (answer === 'no') return { kind: 'exit', exit: 'next', say: [phrases.notSent[ctx.language]] };
    return sendConfirmation(ctx);
  },
};

function offerReply(ctx: Ctx): Reply {
  return {
    say: [ctx.step.prompt[ctx.language], phrases.yesNo[ctx.language]],
    gather: { input: 'dtmf speech', numDigits: 1, hints: yesNoHints(ctx.language) },
  };
}

async function sendConfirmation(ctx: Ctx): Promise<Outcome> {
  const to = ctx.call.from!;
  const { confirmation, requestId } = ctx.frame;
  if (confirmation === undefined || requestId === undefined) return { kind: 'global', target: 'error' };
  const [request] = await ctx.tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId));
  if (!request) return { kind: 'global', target: 'error' };
  const catalogue = await currentCatalogue(ctx.tx);
  const service = catalogue.byCode.get(request.serviceCode)?.names[ctx.language] ?? request.serviceCode;
  const place = request.addressString ?? '';
  const body =
    ctx.language === 'es'
      ? `311 de Baltimore: recibimos su reporte (${service}${place ? `, ${place}` : ''}). Número de confirmación: ${formatConfirmation(confirmation)}. Llame al 311 para consultar su estado.`
      : `Baltimore City 311: we received your report (${service}${place ? `, ${place}` : ''}). Confirmation number: ${formatConfirmation(confirmation)}. Call 311 to check on it.`;
  await enqueueOutbox(ctx.tx, { kind: 'sms', to, body: body.slice(0, 1600) }, `sms:confirmation:${ctx.call.sid}`);
  // Asked for texts: they also get one when the department closes the request.
  if (ctx.frame.merged) {
    await ctx.tx.update(requestReports).set({ wantsText: true }).where(eq(requestReports.callSid, ctx.call.sid));
  } else {
    await ctx.tx.update(serviceRequests).set({ wantsText: true }).where(eq(serviceRequests.id, requestId));
  }
  return { kind: 'exit', exit: 'next', frame: { textSent: true }, say: [phrases.sent[ctx.language]] };
}
