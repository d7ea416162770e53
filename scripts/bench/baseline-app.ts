import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';

/** The one document the baseline answers: built once, at start-up, with twilio's builder. */
export const BASELINE_TWIML = (() => {
  const response = new VoiceResponse();
  const gather = response.gather({ action: '/voice/step', method: 'POST', input: ['dtmf', 'speech'], timeout: 5, actionOnEmptyResult: false });
  gather.say({ voice: 'Polly.Joanna-Neural', language: 'en-US' }, 'Thank you for calling. Press a key or say something.');
  response.redirect({ method: 'POST' }, '/voice/step?silence=1');
  return response.toString();
})();

/**
 * The bench's baseline: the least a signed Twilio webhook can cost. Bare Fastify with
 * @fastify/formbody, twilio's validateRequest on every request, and one fixed TwiML document (a
 * Gather whose action comes back here, and a Redirect for silence). No database, no logger.
 */
export async function buildBaselineApp(authToken: string, publicBaseUrl: string): Promise<FastifyInstance> {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  app.post('/*', async (request, reply) => {
    const signature = request.headers['x-twilio-signature'];
    const params = (request.body ?? {}) as Record<string, string>;
    if (typeof signature !== 'string' || !validateRequest(authToken, signature, `${base}${request.url}`, params)) {
      return reply.code(403).type('text/plain').send('Forbidden');
    }
    return reply.code(200).type('text/xml; charset=utf-8').send(BASELINE_TWIML);
  });
  return app;
}
