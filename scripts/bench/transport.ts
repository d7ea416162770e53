import { Pool } from 'undici';
import type { Transport } from '../softphone/call-engine.js';
import { formBody, twilioSignature } from '../softphone/signing.js';

export interface TimedTransportOptions {
  /** http://127.0.0.1:<port>: the bench only ever talks to this machine. */
  origin: string;
  /** The URL Twilio would use; every request is signed for it. */
  publicBaseUrl: string;
  authToken: string;
  /** Keep-alive connections the pool may open at most. */
  connections: number;
  timeoutMs?: number;
}

/** Called once per webhook: how long it took, from sending to the whole answer read. */
export type OnWebhook = (ms: number, status: number) => void;

/**
 * Signed webhooks over a bounded pool of keep-alive connections (undici), timed one by one.
 * The signature is twilio's own getExpectedTwilioSignature over the public URL, as Twilio sends.
 */
export function timedTransport(options: TimedTransportOptions) {
  const origin = new URL(options.origin);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(origin.hostname) && !origin.hostname.startsWith('127.')) {
    throw new Error(`the bench sends traffic to this machine only, not to ${origin.hostname}`);
  }
  const pool = new Pool(origin.origin, {
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs ?? 15_000,
    bodyTimeout: options.timeoutMs ?? 15_000,
  });
  const publicBase = options.publicBaseUrl.replace(/\/+$/, '');

  const forCall = (onWebhook: OnWebhook): Transport =>
    async ({ method, url, params }) => {
      if (method !== 'POST') throw new Error(`the bench expects POST webhooks only, got ${method} ${url}`);
      if (!url.startsWith(`${publicBase}/`)) throw new Error(`TwiML sent the call outside the service: ${url}`);
      const started = performance.now();
      try {
        const response = await pool.request({
          method: 'POST',
          path: url.slice(publicBase.length),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilioSignature(options.authToken, url, params),
          },
          body: formBody(params),
        });
        const body = await response.body.text();
        onWebhook(performance.now() - started, response.statusCode);
        const type = response.headers['content-type'];
        return { status: response.statusCode, contentType: Array.isArray(type) ? (type[0] ?? '') : (type ?? ''), body };
      } catch (err) {
        // As Twilio would: no answer is a failed webhook, like a 5xx.
        onWebhook(performance.now() - started, 0);
        return { status: 0, contentType: '', body: `no answer: ${(err as Error).message}` };
      }
    };

  return { forCall, close: () => pool.close() };
}
