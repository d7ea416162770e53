import { eq } from 'drizzle-orm';
import type { StepOf } from '../flow/schema.js';
import type { Outcome, StepContext, StepHandler } from '../flow/types.js';
import { recordEvent } from '../flow/sessions.js';
import { departments } from '../../db/schema/index.js';
import { createRequest } from '../requests/create.js';
import type { ReportLocation } from '../location/collect-step.js';
import { currentCatalogue } from './catalogue-cache.js';

type Ctx = StepContext<StepOf<'submit-report'>>;

/**
 * Files the report: service, place, the caller's words and what they want done, their number,
 * channel "phone" and the call, in the call's own transaction. The confirmation number is in the
 * answer only because the answer is sent after that transaction commits.
 */
export const submitReport: StepHandler<StepOf<'submit-report'>> = {
  async enter(ctx) {
    return file(ctx);
  },
  async input(ctx) {
    return file(ctx);
  },
};

async function file(ctx: Ctx): Promise<Outcome> {
  const catalogue = await currentCatalogue(ctx.tx);
  const service = catalogue.byCode.get(String(ctx.data.serviceCode ?? ''));
  if (!service) return { kind: 'global', target: 'error' };
  const location = ctx.data.location as ReportLocation | undefined;
  const [department] = await ctx.tx.select({ name: departments.name }).from(departments).where(eq(departments.code, service.departmentCode));
  const resolved = location?.kind === 'resolved' ? location : undefined;
  const { request, created } = await createRequest(ctx.tx, {
    serviceCode: service.code,
    agency: department?.name ?? service.departmentCode,
    description: String(ctx.data.description ?? ''),
    requestedAction: String(ctx.data.requestedAction ?? ''),
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
    data: { outcome: 'report', requestId: request.id, confirmation: request.confirmation, merged: false },
  };
}
