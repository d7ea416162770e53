import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { TwilioHttpClient, TwilioSender } from './sender.js';

export interface RestSenderOptions {
  accountSid: string;
  authToken: string;
  /** From of every text. */
  smsFrom: string;
  /** From of every outbound call: the line's own number. */
  callFrom: string;
  /** Replaces twilio's axios-based RequestClient (tests record requests with it). */
  httpClient?: TwilioHttpClient | undefined;
}

// A request that takes longer than this is abandoned and retried by the outbox; the outbox's
// lease (OUTBOX_LEASE_MS, at least 20 s) must outlast it so no other worker takes the row meanwhile.
export const SEND_TIMEOUT_MS = 15_000;

/** Sends through the official twilio client. */
export async function createRestSender(options: RestSenderOptions): Promise<TwilioSender> {
  // The REST client is loaded only when credentials exist, and by its deep path: the package's
  // index loads every helper too, which log-only deployments and most tests never use.
  const { default: Twilio } = await import('twilio/lib/rest/Twilio.js');
  const client = new Twilio(options.accountSid, options.authToken, {
    // The config is the only source of settings: never TWILIO_* (edge, region, log level) read
    // behind its back from process.env. Twilio's debug logging would print numbers and bodies.
    env: {},
    logLevel: 'info',
    timeout: SEND_TIMEOUT_MS,
    // The structural interface is the one method twilio calls on its RequestClient.
    ...(options.httpClient ? { httpClient: options.httpClient as unknown as RequestClient } : {}),
  });

  return {
    mode: 'rest',
    async sendSms({ to, body, statusCallback }) {
      const message = await client.messages.create({
        to,
        from: options.smsFrom,
        body,
        ...(statusCallback ? { statusCallback } : {}),
      });
      return { sid: message.sid };
    },
    async createCall({ to, url, statusCallback }) {
      const call = await client.calls.create({
        to,
        from: options.callFrom,
        url,
        ...(statusCallback ? { statusCallback } : {}),
      });
      return { sid: call.sid };
    },
  };
}
