import type { FastifyInstance } from 'fastify';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { withTimeout } from '../lib/with-timeout.js';
import { agentRoster } from '../queue/agents.js';
import { finishCallbackAttempt, nextForAgent, type AgentTurn } from '../queue/agent-turn.js';
import { callSidOf, type WebhookBody } from './input.js';
import { callerNumber } from './phone.js';
import { queueUrls } from './queue-routes.js';
import { sayIn, sendTwiml } from './twiml.js';
import { loggableError } from '../lib/loggable-error.js';

const DIAL_STATUSES = new Set(['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled']);

function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`;
}

/**
 * The agents' side of the queues: the Voice URL of the number agents call to take calls. Each
 * agent is known by the phone they call from (QUEUE_AGENTS); a call-back older than everyone on
 * hold is dialled from the agent's own call, otherwise the agent takes the next caller on hold.
 */
export default async function agentRoutes(app: FastifyInstance) {
  const { config } = app;
  const budget = config.DB_TIMEOUT_MS + 500;
  const roster = agentRoster(config.QUEUE_AGENTS);
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const urls = queueUrls(config.PUBLIC_BASE_URL);
  const nextUrl = `${base}/voice/agent`;

  /** After each call: one key for the next caller, so an agent is never looped without asking. */
  const askForNext = (response: VoiceResponse) => {
    // Silence posts too (no Digits), and the agent line says goodbye to anything but 1.
    const gather = response.gather({ input: ['dtmf'], numDigits: 1, timeout: 10, action: nextUrl, method: 'POST', actionOnEmptyResult: true });
    sayIn(gather, 'en', ['Press 1 for the next caller, or hang up to stop.']);
  };

  app.post('/voice/agent', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const response = new VoiceResponse();
    const agent = callerNumber(body.From);
    const callSid = callSidOf(body);
    if (callSid) request.log = request.log.child({ callSid });
    // The Gather after a call posts here too: any key but 1 ends the shift's call.
    if ('Digits' in body && body.Digits !== '1') {
      sayIn(response, 'en', ['Goodbye.']);
      response.hangup();
      return sendTwiml(reply, response.toString());
    }
    let turn: AgentTurn;
    try {
      turn = await withTimeout(nextForAgent(app.db, { number: agent, roster }), budget);
    } catch (err) {
      // The voice error handler would put the agent in the operator queue as if a caller.
      request.log.error({ err: loggableError(err) }, 'agent line failed');
      sayIn(response, 'en', ['Sorry, the call-taker line is having technical trouble. Please call again in a minute.']);
      response.hangup();
      return sendTwiml(reply, response.toString());
    }
    switch (turn.kind) {
      case 'stranger':
        request.log.warn('a phone that is not on the agent roster called the agent line');
        sayIn(response, 'en', ['Sorry, this phone is not registered as a call-taker for Baltimore City 3 1 1. Goodbye.']);
        response.hangup();
        break;
      case 'callback': {
        sayIn(response, 'en', [
          `Next is a call-back for a caller who waited ${minutes(turn.waitedMin)}, about ${turn.about}. Connecting you.`,
        ]);
        // The callback shows the line's own number (the one the agent dialled), never the agent's phone.
        const lineNumber = callerNumber(body.To);
        const dial = response.dial({
          action: `${base}/voice/agent/callback-done?callback=${turn.callback.id}`,
          method: 'POST',
          timeout: 30,
          ...(lineNumber ? { callerId: lineNumber } : {}),
        });
        dial.number({}, turn.callback.number);
        break;
      }
      case 'queue': {
        sayIn(response, 'en', [
          turn.next
            ? `Next caller waited ${minutes(turn.next.waitedMin)}, about ${turn.next.about}.`
            : 'No one is waiting right now. Stay on the line for the next caller.',
        ]);
        const dial = response.dial({ action: `${base}/voice/agent/after`, method: 'POST' });
        dial.queue({ url: urls.whisper(turn.queue), method: 'POST' }, turn.queue);
        break;
      }
    }
    return sendTwiml(reply, response.toString());
  });

  // The Dial action of a call-back: answered, or back in line for another try (or failed).
  app.post('/voice/agent/callback-done', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const id = Number.parseInt(String((request.query as Record<string, unknown>).callback ?? ''), 10);
    const rawStatus = typeof body.DialCallStatus === 'string' ? body.DialCallStatus : '';
    const dialStatus = DIAL_STATUSES.has(rawStatus) ? rawStatus : 'failed';
    const response = new VoiceResponse();
    if (Number.isSafeInteger(id) && id > 0) {
      const settled = await withTimeout(
        finishCallbackAttempt(app.db, {
          id,
          dialStatus,
          maxAttempts: config.QUEUE_CALLBACK_MAX_ATTEMPTS,
          retryAfterS: config.QUEUE_CALLBACK_RETRY_AFTER_S,
        }),
        budget,
      );
      if (settled?.status === 'waiting') sayIn(response, 'en', ['The caller did not answer. We will try them again later.']);
      else if (settled?.status === 'failed') sayIn(response, 'en', ['The caller did not answer. That was the last try.']);
    }
    askForNext(response);
    return sendTwiml(reply, response.toString());
  });

  // The Dial action after a caller from the queue: the agent may take the next one.
  app.post('/voice/agent/after', async (_request, reply) => {
    const response = new VoiceResponse();
    askForNext(response);
    return sendTwiml(reply, response.toString());
  });
}
