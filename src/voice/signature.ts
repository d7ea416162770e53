import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';

/** Requests whose signature was checked and valid: only they may hear TwiML when we fail. */
const verified = new WeakSet<FastifyRequest>();

export function isSignedByTwilio(request: FastifyRequest): boolean {
  return verified.has(request);
}

/**
 * Rejects any request Twilio did not sign. The URL Twilio signed is the public one (behind a
 * proxy the Host header is not), so it is the configured base URL plus the path and query.
 */
export function twilioSignatureCheck(authToken: string, publicBaseUrl: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return async function checkSignature(request: FastifyRequest, reply: FastifyReply) {
    const signature = request.headers['x-twilio-signature'];
    const params = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const valid =
      typeof signature === 'string' &&
      signature.length > 0 &&
      signature.length < 200 &&
      validateRequest(authToken, signature, `${base}${request.url}`, params);
    if (!valid) {
      request.log.warn({ url: request.url }, 'refused a request without a valid Twilio signature');
      return reply.code(403).type('text/plain').send('Forbidden: invalid X-Twilio-Signature');
    }
    verified.add(request);
  };
}
