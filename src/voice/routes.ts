import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { continueCall, startCall, type CallDeps, type TurnAnswer } from '../flow/calls.js';
import { endSession } from '../flow/sessions.js';
import { stepKit } from '../flow/handlers.js';
import type { Language } from '../flow/schema.js';
import { withTimeout } from '../lib/with-timeout.js';
import { resolveAuthToken } from './auth-token.js';
import { emptyTwiml, technicalTroubleTwiml } from './fallback-twiml.js';
import { callSidOf, callerInput, type WebhookBody } from './input.js';
import { callerNumber, sameNumber } from './phone.js';
import { isSignedByTwilio, twilioSignatureCheck } from './signature.js';
import { renderReply, sendTwiml } from './twiml.js';
import { voiceUrls } from './urls.js';
import queueRoutes from './queue-routes.js';
import agentRoutes from './agent-routes.js';
import { loggableError } from '../lib/loggable-error.js';
import type { FallbackReason } from '../plugins/metrics.js';
import { parseNumberList } from '../config.js';

/**
 * The Twilio voice webhooks. Every route answers TwiML: when the database is down, slow or the
 * input is nonsense, the caller hears an apology and waits for an operator instead of hearing
 * "an application error has occurred".
 */
export default async function voiceRoutes(app: FastifyInstance) {
  const { config } = app;
  const { token } = resolveAuthToken(config);
  const budget = config.DB_TIMEOUT_MS + 500;
  const { fallbacks } = app.metrics;
  /** The apology and the operator queue, counted by why the caller got it. */
  const trouble = (reply: FastifyReply, reason: FallbackReason) => {
    fallbacks.inc({ reason });
    return sendTwiml(reply, technicalTroubleTwiml(config.PUBLIC_BASE_URL));
  };

  app.addHook('preHandler', twilioSignatureCheck(token, config.PUBLIC_BASE_URL));
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (!isSignedByTwilio(request)) {
      // The body could not be read (too large, malformed, an unknown content type), so the
      // signature was never checked. A request carrying one may be Twilio's, mid-call: it hears
      // the apology, which needs nothing and writes nothing. Anyone else gets the 4xx. Only the
      // code is logged: a parser's message can quote the body, the caller's number or words.
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      request.log.warn({ code: error.code, statusCode: status, url: request.url }, 'voice webhook body refused before its signature was checked');
      if (typeof request.headers['x-twilio-signature'] === 'string') return trouble(reply, 'unreadable');
      return reply.code(status).type('text/plain').send(REFUSALS[status] ?? 'Bad Request');
    }
    request.log.error({ err: loggableError(error), url: request.url }, 'voice webhook failed; caller sent to an operator');
    return trouble(reply, 'error');
  });

  const deps = (request: FastifyRequest): CallDeps => ({
    db: app.db,
    config,
    log: request.log,
    kit: stepKit,
  });

  // Checked again here, not only when a flow is published: a revision published before a number
  // left the list (or before there was a list) must not dial it.
  const transferNumbers = new Set(parseNumberList(config.TRANSFER_ALLOWED_NUMBERS).map((n) => n.replace(/^\+/, '')));
  const answer = (reply: FastifyReply, turn: TurnAnswer) => {
    const end = turn.reply.end;
    if (end?.kind === 'dial' && !transferNumbers.has(end.number.replace(/^\+/, ''))) {
      reply.request.log.warn({ code: 'TRANSFER_NOT_ALLOWED' }, 'refused a transfer to a number outside TRANSFER_ALLOWED_NUMBERS; caller sent to an operator');
      return sendTwiml(reply, technicalTroubleTwiml(config.PUBLIC_BASE_URL));
    }
    return sendTwiml(reply, renderReply(turn.reply, turn.language as Language, voiceUrls(config.PUBLIC_BASE_URL, turn.seq)));
  };

  app.post('/voice/incoming', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const callSid = callSidOf(body);
    if (!callSid) return trouble(reply, 'bad_request');
    request.log = request.log.child({ callSid });
    const line = sameNumber(body.To, config.OUT_OF_AREA_NUMBER) ? 'outOfArea' : 'main';
    const turn = await withTimeout(startCall(deps(request), { callSid, line, from: callerNumber(body.From) }), budget);
    return answer(reply, turn);
  });

  app.post('/voice/step', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const query = request.query as Record<string, string | undefined>;
    const callSid = callSidOf(body);
    const seq = Number.parseInt(query.seq ?? '', 10);
    if (!callSid || !Number.isSafeInteger(seq) || seq < 0) {
      return trouble(reply, 'bad_request');
    }
    request.log = request.log.child({ callSid });
    const input = callerInput(body, query.silence === '1');
    const turn = await withTimeout(continueCall(deps(request), callSid, seq, input), budget);
    if (!turn) return trouble(reply, 'bad_request');
    return answer(reply, turn);
  });

  // Registered here, after the signature hook and error handler, so both apply to them.
  await app.register(queueRoutes);
  await app.register(agentRoutes);

  // Twilio's fallback URL: reached when another webhook failed. No database here at all.
  app.post('/voice/fallback', async (_request, reply) => trouble(reply, 'twilio_fallback'));

  // Status callbacks are the only reliable sign a call ended: they close the session.
  app.post('/voice/status', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const callSid = callSidOf(body);
    const status = typeof body.CallStatus === 'string' ? body.CallStatus.slice(0, 20) : '';
    const ended = ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(status);
    if (callSid && ended) {
      const duration = Number.parseInt(String(body.CallDuration ?? ''), 10);
      await withTimeout(endSession(app.db, callSid, status, Number.isSafeInteger(duration) && duration >= 0 ? duration : null), budget);
    }
    return sendTwiml(reply, emptyTwiml());
  });
}

const REFUSALS: Record<number, string> = { 413: 'Payload Too Large', 415: 'Unsupported Media Type' };
