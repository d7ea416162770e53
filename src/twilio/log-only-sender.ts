import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { TwilioSender } from './sender.js';

/**
 * Stands in for Twilio where no credentials are configured (development, demos): says that it
 * would have sent, without the number or the words, and answers with a made-up SID.
 */
export function createLogOnlySender(log: FastifyBaseLogger): TwilioSender {
  const fakeSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
  return {
    mode: 'log-only',
    async sendSms({ body, statusCallback }) {
      const sid = fakeSid('SMlog');
      log.info({ sid, bodyChars: body.length, statusCallback: Boolean(statusCallback) }, 'log-only: would have sent a text');
      return { sid };
    },
    async createCall({ url, statusCallback }) {
      const sid = fakeSid('CAlog');
      // The path says which TwiML the call would play; the query may carry ids, so it is left out.
      log.info({ sid, twimlPath: safePath(url), statusCallback: Boolean(statusCallback) }, 'log-only: would have placed a call');
      return { sid };
    },
  };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid url)';
  }
}
