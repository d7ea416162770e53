import { Type } from '@sinclair/typebox';
import {
  recordEvent,
  yesNoHints,
  yesOrNo,
  type Language,
  type Outcome,
  type Reply,
  type ScratchOf,
  type StepContext,
  type StepHandler,
  type StepOf,
} from '../flow/step-api.js';
import { createRequest } from '../requests/create.js';
import { currentCatalogue } from './catalogue-cache.js';
import { addNeighbourReport, findOpenDuplicate, type OpenDuplicate } from '../status/duplicates.js';

const scratch = {
  /** A neighbour's open request of the same type at the same spot, offered to join. */
  duplicate: Type.Object({
    id: Type.Integer(),
    confirmation: Type.String(),
    reportCount: Type.Integer(),
    addressString: Type.Union([Type.String(), Type.Null()]),
  }),
};
type Ctx = StepContext<StepOf<'submit-report'>, ScratchOf<typeof scratch>>;
type Out = Outcome<ScratchOf<typeof scratch>>;

/**
 * Files the report: service, place, the caller's words and what they want done, their number,
 * channel "phone" and the call, in the call's own transaction. The confirmation number is in the
 * answer only because the answer is sent after that transaction commits.
 */
export const submitReport: StepHandler<StepOf<'submit-report'>, typeof scratch> = {
  scratch,
  async enter(ctx) {
    // Nothing is filed that the caller did not confirm; a flow that skips the confirmation is a bug.
    if ((ctx.frame.pending ?? []).length) {
      ctx.log.error({ pending: ctx.frame.pending }, 'submit reached with unconfirmed slots');
      return { kind: 'global', target: 'error' };
    }
    // Neighbours reporting the same problem add weight to one request instead of duplicating it.
    const location = ctx.frame.location;
    if (location?.kind === 'resolved') {
      const duplicate = await findOpenDuplicate(ctx.tx, {
        serviceCode: ctx.frame.serviceCode ?? '',
        lat: location.lat,
        long: location.long,
        placeId: location.placeId ?? null,
        precision: location.precision,
        addressString: location.addressString,
        distanceM: ctx.config.DUPLICATE_DISTANCE_M,
      });
      if (duplicate) {
        return { kind: 'reply', phase: 'duplicate', scratch: { duplicate }, reply: duplicateReply(ctx.language, duplicate) };
      }
    }
    return file(ctx);
  },
  async input(ctx, input) {
    const duplicate = ctx.scratch.duplicate;
    if (ctx.phase !== 'duplicate' || !duplicate) return file(ctx);
    const reply = duplicateReply(ctx.language, duplicate);
    if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
    const answer = yesOrNo(input, ctx.language);
    if (answer === 'no') return file(ctx);
    if (answer !== 'yes') return { kind: 'retry', reason: 'noMatch', reply };
    const words = [ctx.frame.description, ctx.frame.requestedAction].filter(Boolean).join(' — ');
    const merged = await addNeighbourReport(ctx.tx, duplicate.id, {
      callerNumber: ctx.call.from ?? null,
      words: String(words),
      callSid: ctx.call.sid,
      idempotencyKey: `call:${ctx.call.sid}`,
      wantsText: false,
    });
    await recordEvent(ctx.tx, ctx.call.sid, 'report-merged', { requestId: duplicate.id, reportCount: merged.reportCount });
    return {
      kind: 'exit',
      exit: 'submitted',
      say: [dupPhrases.added[ctx.language].replace('{count}', String(merged.reportCount))],
      frame: { outcome: 'report', requestId: duplicate.id, confirmation: merged.confirmation, merged: true },
    };
  },
};

const dupPhrases = {
  already: {
    en: 'This problem has already been reported near {place}. {count} so far. To add your report to it, press 1 or say yes. If yours is a different problem, press 2 or say no.',
    es: 'Este problema ya fue reportado cerca de {place}. {count} hasta ahora. Para agregar su reporte, oprima 1 o diga sí. Si el suyo es un problema diferente, oprima 2 o diga no.',
  },
  one: { en: 'One resident has reported it', es: 'Un residente lo ha reportado' },
  many: { en: '{n} residents have reported it', es: '{n} residentes lo han reportado' },
  added: {
    en: 'Thank you. Your report was added, and {count} residents have now reported this problem.',
    es: 'Gracias. Su reporte fue agregado; {count} residentes han reportado este problema.',
  },
} as const satisfies Record<string, Record<Language, string>>;

function duplicateReply(language: Language, duplicate: OpenDuplicate): Reply {
  const place = (duplicate.addressString ?? '').replace(/, Baltimore, MD$/, '');
  const count = duplicate.reportCount === 1 ? dupPhrases.one[language] : dupPhrases.many[language].replace('{n}', String(duplicate.reportCount));
  return {
    say: [dupPhrases.already[language].replace('{place}', place).replace('{count}', count)],
    gather: { input: 'dtmf speech', numDigits: 1, hints: yesNoHints(language) },
  };
}

async function file(ctx: Ctx): Promise<Out> {
  const catalogue = await currentCatalogue(ctx.tx);
  const service = catalogue.byCode.get(ctx.frame.serviceCode ?? '');
  if (!service) return { kind: 'global', target: 'error' };
  const location = ctx.frame.location;
  const resolved = location?.kind === 'resolved' ? location : undefined;
  const { request, created } = await createRequest(ctx.tx, {
    serviceCode: service.code,
    // The department's code, as every channel stores it (Open311 answers its name).
    agency: service.departmentCode,
    description: ctx.frame.description ?? '',
    requestedAction: ctx.frame.requestedAction ?? '',
    callerNumber: ctx.call.from ?? null,
    channel: 'phone',
    callSid: ctx.call.sid,
    // One report per call: a retried or replayed submit finds this same request.
    idempotencyKey: `call:${ctx.call.sid}`,
    addressString: resolved ? resolved.addressString : location ? `${location.words}, Baltimore, MD` : null,
    lat: resolved?.lat ?? null,
    long: resolved?.long ?? null,
    precision: resolved?.precision ?? (location ? 'caller-words' : null),
    placeId: resolved?.placeId ?? null,
    locationWords: location?.words ?? null,
    locationDetail: resolved?.detail ?? null,
    neighborhood: resolved?.neighborhood || null,
    councilDistrict: resolved?.councilDistrict || null,
    policeDistrict: resolved?.policeDistrict || null,
    needsReview: location?.needsReview ?? true,
  });
  if (created) await recordEvent(ctx.tx, ctx.call.sid, 'report-filed', { requestId: request.id, serviceCode: service.code });
  return {
    kind: 'exit',
    exit: 'submitted',
    frame: { outcome: 'report', requestId: request.id, confirmation: request.confirmation, merged: false },
  };
}
