import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { callSessions, requestReports, serviceRequests, services } from '../../db/schema/index.js';
import type { Language } from '../flow/step-api.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { formatConfirmation } from './confirmation.js';
import { isClosed, spokenStatus, type RequestStatus } from './status.js';

const MAX_OUTCOME = 300;

const TEMPLATES: Record<Language, (number: string, service: string, status: string, outcome: string) => string> = {
  en: (n, s, st, o) => `Baltimore City 311: your request ${n} (${s}) ${st}.${o ? ` ${o}` : ''}`,
  es: (n, s, st, o) => `Baltimore City 311: su solicitud ${n} (${s}) ${st}.${o ? ` ${o}` : ''}`,
};

function languageOf(value: string | undefined): Language {
  return value === 'es' ? 'es' : 'en';
}

/**
 * Texts everyone who asked to hear about a request that it was closed: the original caller and
 * every neighbour whose report was merged into it, each once, in the language of their call.
 * Runs in the transaction that closes the request; returns how many people it texts.
 */
export async function notifyRequestClosed(tx: DbOrTx, requestId: number): Promise<number> {
  const [request] = await tx
    .select({
      confirmation: serviceRequests.confirmation,
      status: serviceRequests.status,
      outcome: serviceRequests.outcome,
      closedAt: serviceRequests.closedAt,
      callerNumber: serviceRequests.callerNumber,
      wantsText: serviceRequests.wantsText,
      callSid: serviceRequests.callSid,
      names: services.names,
    })
    .from(serviceRequests)
    .leftJoin(services, eq(services.code, serviceRequests.serviceCode))
    .where(eq(serviceRequests.id, requestId));
  if (!request || !isClosed(request.status) || !request.closedAt) return 0;

  const recipients: { number: string; callSid: string | null }[] = [];
  if (request.wantsText && request.callerNumber) recipients.push({ number: request.callerNumber, callSid: request.callSid });
  const reports = await tx
    .select({ number: requestReports.callerNumber, callSid: requestReports.callSid })
    .from(requestReports)
    .where(and(eq(requestReports.requestId, requestId), eq(requestReports.wantsText, true)));
  for (const r of reports) if (r.number) recipients.push({ number: r.number, callSid: r.callSid });
  if (recipients.length === 0) return 0;

  const sids = recipients.map((r) => r.callSid).filter((s): s is string => !!s);
  const languages = new Map<string, string>();
  if (sids.length) {
    const rows = await tx
      .select({ callSid: callSessions.callSid, language: callSessions.language })
      .from(callSessions)
      .where(inArray(callSessions.callSid, sids));
    for (const row of rows) languages.set(row.callSid, row.language);
  }

  const outcome = (request.outcome ?? '').trim().slice(0, MAX_OUTCOME);
  const closure = request.closedAt.getTime();
  const seen = new Set<string>();
  let queued = 0;
  for (const r of recipients) {
    // A neighbour who called twice hears once.
    if (seen.has(r.number)) continue;
    seen.add(r.number);
    const language = languageOf(r.callSid ? languages.get(r.callSid) : undefined);
    const service = request.names?.[language] ?? '';
    const status = spokenStatus[request.status as RequestStatus][language];
    const body = TEMPLATES[language](formatConfirmation(request.confirmation), service, status, outcome);
    // Per request, recipient and closure: a retried close texts nobody twice, a later close again.
    await enqueueOutbox(tx, { kind: 'sms', to: r.number, body }, `request-closed:${requestId}:${closure}:${r.number}`);
    queued++;
  }
  return queued;
}
