import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { TwilioHttpClient } from './sender.js';

/** What each of the line's numbers must say to Twilio (README, "Pointing a Twilio number at it"). */
export interface NumberSettings {
  voiceUrl: string;
  voiceMethod: 'POST';
  voiceFallbackUrl: string;
  voiceFallbackMethod: 'POST';
  statusCallback: string;
  statusCallbackMethod: 'POST';
}

export type NumberOutcome =
  | { number: string; result: 'unchanged'; sid: string }
  | { number: string; result: 'updated' | 'would-update'; sid: string; changes: Partial<Record<keyof NumberSettings, { from: string | null; to: string }>> }
  | { number: string; result: 'not-found' }
  /** Twilio ignores a number's own URLs while a TwiML App is attached: left for a person to decide. */
  | { number: string; result: 'uses-twiml-app'; sid: string; voiceApplicationSid: string };

export class InsecureBaseUrlError extends Error {
  constructor(readonly url: string) {
    super(`PUBLIC_BASE_URL ${url} is not https: Twilio would send callers' numbers and words in clear text. Pass --allow-http to configure it anyway (a test account or a tunnel).`);
    this.name = 'InsecureBaseUrlError';
  }
}

/** The settings for a public base URL; http is refused unless allowed. */
export function settingsFor(publicBaseUrl: string, options: { allowHttp?: boolean } = {}): NumberSettings {
  if (!publicBaseUrl.startsWith('https://') && !options.allowHttp) throw new InsecureBaseUrlError(publicBaseUrl);
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    voiceUrl: `${base}/voice/incoming`,
    voiceMethod: 'POST',
    voiceFallbackUrl: `${base}/voice/fallback`,
    voiceFallbackMethod: 'POST',
    statusCallback: `${base}/voice/status`,
    statusCallbackMethod: 'POST',
  };
}

/** The part of twilio's client this uses (the real one, or a stand-in in tests). */
interface IncomingNumber {
  sid: string;
  phoneNumber: string;
  voiceApplicationSid: string | null;
  voiceUrl: string | null;
  voiceMethod: string | null;
  voiceFallbackUrl: string | null;
  voiceFallbackMethod: string | null;
  statusCallback: string | null;
  statusCallbackMethod: string | null;
}

export interface ConfigureOptions {
  accountSid: string;
  authToken: string;
  publicBaseUrl: string;
  /** E.164 numbers of the line (the 311 number and the out-of-area number). */
  numbers: string[];
  dryRun?: boolean;
  allowHttp?: boolean;
  /** Replaces twilio's RequestClient (tests record the requests instead of sending them). */
  httpClient?: TwilioHttpClient;
}

/**
 * Points each of the line's Twilio numbers at this service: Voice URL, fallback URL and status
 * callback, all POST. Reads each number first and changes only what differs; with dryRun changes
 * nothing and says what it would change.
 */
export async function configureNumbers(options: ConfigureOptions): Promise<NumberOutcome[]> {
  const wanted = settingsFor(options.publicBaseUrl, { allowHttp: options.allowHttp });
  const { default: Twilio } = await import('twilio/lib/rest/Twilio.js');
  const client = new Twilio(options.accountSid, options.authToken, {
    env: {},
    logLevel: 'info',
    ...(options.httpClient ? { httpClient: options.httpClient as unknown as RequestClient } : {}),
  });
  const outcomes: NumberOutcome[] = [];
  for (const number of [...new Set(options.numbers)]) {
    const [found] = (await client.incomingPhoneNumbers.list({ phoneNumber: number, limit: 1 })) as unknown as IncomingNumber[];
    if (!found) {
      outcomes.push({ number, result: 'not-found' });
      continue;
    }
    if (found.voiceApplicationSid) {
      outcomes.push({ number, result: 'uses-twiml-app', sid: found.sid, voiceApplicationSid: found.voiceApplicationSid });
      continue;
    }
    const changes: Partial<Record<keyof NumberSettings, { from: string | null; to: string }>> = {};
    for (const key of Object.keys(wanted) as (keyof NumberSettings)[]) {
      const current = found[key] ?? null;
      // Twilio answers methods in capitals; URLs must match exactly.
      const same = key.endsWith('Method') ? (current ?? '').toUpperCase() === wanted[key] : current === wanted[key];
      if (!same) changes[key] = { from: current, to: wanted[key] };
    }
    if (!Object.keys(changes).length) {
      outcomes.push({ number, result: 'unchanged', sid: found.sid });
      continue;
    }
    if (!options.dryRun) await client.incomingPhoneNumbers(found.sid).update(wanted);
    outcomes.push({ number, result: options.dryRun ? 'would-update' : 'updated', sid: found.sid, changes });
  }
  return outcomes;
}
