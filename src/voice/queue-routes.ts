import type { FastifyInstance } from 'fastify';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Language } from '../flow/schema.js';
import { withTimeout } from '../lib/with-timeout.js';
import { CALLBACK_STAGES, MAX_TRIES, type CallbackStage, type DialogueInput } from '../queue/callback-dialogue.js';
import { callbackTurn, type CallbackTurn } from '../queue/callback-request.js';
import { countParam } from '../queue/estimate.js';
import { holdTurn, sessionLanguage } from '../queue/hold.js';
import { queuePhrase } from '../queue/phrases.js';
import { endWait, queueResultOf } from '../queue/queue-end.js';
import { callSidOf, callerInput, type WebhookBody } from './input.js';
import { loggableError } from '../lib/loggable-error.js';
import { VOICES, sayIn, sendTwiml } from './twiml.js';

const QUEUE_NAME = /^[a-z][a-z0-9-]{0,63}$/;

/** A queue name from our own URL; undefined for anything that is not one. */
export function queueParam(query: unknown): string | undefined {
  const queue = (query as Record<string, unknown> | undefined)?.queue;
  return typeof queue === 'string' && QUEUE_NAME.test(queue) ? queue : undefined;
}

export function queueUrls(publicBaseUrl: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const q = encodeURIComponent;
  return {
    callback: (queue: string, stage: CallbackStage, inQueue: boolean, tries = 0) =>
      `${base}/voice/queue/callback?queue=${q(queue)}&stage=${stage}&in=${inQueue ? 1 : 0}&tries=${tries}`,
    whisper: (queue: string) => `${base}/voice/queue/whisper?queue=${q(queue)}`,
  };
}

/**
 * The caller's side of the live queues: the waitUrl (place in line, wait, hold audio, the
 * call-back key), the call-back request, the Enqueue action, and the whisper before an agent.
 * Registered inside the voice plugin, so signatures are checked and failures still answer TwiML.
 */
export default async function queueRoutes(app: FastifyInstance) {
  const { config } = app;
  const budget = config.DB_TIMEOUT_MS + 500;
  const urls = queueUrls(config.PUBLIC_BASE_URL);

  /** Hold audio, inside a Gather so "1" asks for a call-back at any moment. */
  const holdTwiml = (queue: string | undefined, language: Language, say: string[]) => {
    const response = new VoiceResponse();
    // Without a queue of ours the key has nowhere to go: hold audio only.
    const parent = queue
      ? response.gather({ input: ['dtmf'], numDigits: 1, timeout: 1, action: urls.callback(queue, 'offer', true), method: 'POST' })
      : response;
    sayIn(parent, language, say);
    if (config.QUEUE_HOLD_MUSIC_URL === 'none') parent.pause({ length: config.QUEUE_ANNOUNCE_EVERY_S });
    else parent.play({}, config.QUEUE_HOLD_MUSIC_URL);
    // Nothing follows: when this ends Twilio requests the waitUrl again.
    return response.toString();
  };

  const askTwiml = (queue: string, inQueue: boolean, turn: Extract<CallbackTurn, { kind: 'ask' }>) => {
    const response = new VoiceResponse();
    const action = urls.callback(queue, turn.stage, inQueue, turn.tries);
    const voice = VOICES[turn.language];
    // Silence posts to the action too, so the request counts it and re-asks (or gives up).
    const gather =
      turn.stage === 'reason'
        ? response.gather({
            // Pound skips the reason for a caller on the keypad: a key of its own, posted at once.
            input: ['dtmf', 'speech'],
            numDigits: 1,
            finishOnKey: '',
            action,
            method: 'POST',
            language: voice.language,
            timeout: 6,
            speechTimeout: '3',
            speechModel: 'experimental_conversations',
            actionOnEmptyResult: true,
          })
        : response.gather({
            input: ['dtmf'],
            action,
            method: 'POST',
            actionOnEmptyResult: true,
            ...(turn.stage === 'number' ? { finishOnKey: '#', timeout: 10 } : { numDigits: 1, timeout: 6 }),
          });
    sayIn(gather, turn.language, turn.say);
    return response.toString();
  };

  const offerTwiml = (queue: string, language: Language, before: string[]) =>
    askTwiml(queue, false, { kind: 'ask', language, stage: 'offer', tries: 0, say: [...before, queuePhrase('offerCallback', language)] });

  const goodbyeTwiml = (language: Language, say: string[]) => {
    const response = new VoiceResponse();
    sayIn(response, language, say);
    response.hangup();
    return response.toString();
  };

  app.post('/voice/queue/wait', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const callSid = callSidOf(body);
    const queue = queueParam(request.query);
    if (!callSid || !queue) return sendTwiml(reply, holdTwiml(undefined, 'en', []));
    request.log = request.log.child({ callSid });
    const turn = await withTimeout(
      holdTurn(app.db, { callSid, queue, everyS: config.QUEUE_ANNOUNCE_EVERY_S, params: body }),
      budget,
    ).catch((err: unknown) => {
      // A caller on hold keeps holding through a database hiccup; only the announcement is lost.
      request.log.error({ err: loggableError(err) }, 'hold announcement failed');
      return { language: 'en' as Language, say: [] };
    });
    return sendTwiml(reply, holdTwiml(queue, turn.language, turn.say));
  });

  app.post('/voice/queue/callback', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const callSid = callSidOf(body);
    const queue = queueParam(query);
    const inQueue = query.in !== '0';
    const stage = CALLBACK_STAGES.find((s) => s === query.stage);
    const tries = Math.min(countParam(query.tries) ?? 0, MAX_TRIES);
    if (!callSid || !queue || !stage) {
      return sendTwiml(reply, inQueue ? new VoiceResponse().toString() : goodbyeTwiml('en', [queuePhrase('callAgain', 'en')]));
    }
    request.log = request.log.child({ callSid });
    const raw = callerInput(body, false);
    const input: DialogueInput = raw.kind === 'speech' ? { kind: 'speech', text: raw.text } : raw;
    const turn = await withTimeout(callbackTurn(app.db, { callSid, queue, stage, tries, inQueue, input }), budget).catch(
      (err: unknown): CallbackTurn => {
        // Never the operator queue from inside a queue: back to hold, or an apology outside it.
        request.log.error({ err: loggableError(err) }, 'call-back request failed');
        return inQueue
          ? { kind: 'hold', language: 'en', say: [] }
          : { kind: 'goodbye', language: 'en', say: [queuePhrase('somethingWrong', 'en'), queuePhrase('callAgain', 'en')] };
      },
    );
    switch (turn.kind) {
      case 'ask':
        return sendTwiml(reply, askTwiml(queue, inQueue, turn));
      case 'leave': {
        const response = new VoiceResponse();
        response.leave();
        return sendTwiml(reply, response.toString());
      }
      case 'goodbye':
        return sendTwiml(reply, goodbyeTwiml(turn.language, turn.say));
      case 'hold': {
        // Back to the hold audio: when this ends, Twilio requests the waitUrl again.
        const response = new VoiceResponse();
        sayIn(response, turn.language, turn.say);
        return sendTwiml(reply, response.toString());
      }
    }
  });

  app.post('/voice/queue/done', async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const callSid = callSidOf(body);
    const queue = queueParam(request.query);
    if (!callSid || !queue) return sendTwiml(reply, goodbyeTwiml('en', [queuePhrase('callAgain', 'en')]));
    request.log = request.log.child({ callSid });
    const result = queueResultOf(body.QueueResult);
    const end = await withTimeout(endWait(app.db, { callSid, queue, result, queueTimeS: countParam(body.QueueTime) }), budget);
    switch (result) {
      case 'bridged':
      case 'hangup':
      case 'redirected':
        // Nobody is listening any more (or the call went elsewhere): nothing to say.
        return sendTwiml(reply, new VoiceResponse().toString());
      case 'leave':
        return sendTwiml(
          reply,
          goodbyeTwiml(end.language, [queuePhrase(end.callbackWaiting ? 'willCallBack' : 'callAgain', end.language)]),
        );
      case 'queue-full':
        return sendTwiml(reply, offerTwiml(queue, end.language, [queuePhrase('queueFull', end.language)]));
      case 'error':
      case 'system-error':
        return sendTwiml(reply, offerTwiml(queue, end.language, [queuePhrase('somethingWrong', end.language)]));
    }
  });

  // Played to the caller just before the bridge with an agent (the <Queue url> of the agent's Dial).
  app.post('/voice/queue/whisper', async (request, reply) => {
    const callSid = callSidOf((request.body ?? {}) as WebhookBody);
    const language = callSid
      ? await withTimeout(sessionLanguage(app.db, callSid), budget).catch(() => 'en' as Language)
      : 'en';
    const response = new VoiceResponse();
    sayIn(response, language, [queuePhrase('connecting', language)]);
    return sendTwiml(reply, response.toString());
  });
}
