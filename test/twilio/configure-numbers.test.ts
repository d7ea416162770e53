import { describe, expect, it } from 'vitest';
import { configureNumbers, InsecureBaseUrlError, settingsFor } from '../../src/twilio/configure-numbers.js';
import type { TwilioHttpClient, TwilioHttpRequest, TwilioHttpResponse } from '../../src/twilio/sender.js';

const ACCOUNT = `AC${'0'.repeat(32)}`;
const TOKEN = 'test-auth-token-0123456789abcdef';
const BASE = 'https://311.example.org';

interface TwilioNumber {
  sid: string;
  phone_number: string;
  voice_application_sid: string | null;
  voice_url: string | null;
  voice_method: string;
  voice_fallback_url: string | null;
  voice_fallback_method: string;
  status_callback: string | null;
  status_callback_method: string;
}

/** Twilio's IncomingPhoneNumbers API in miniature: records each request, lists and updates the numbers it holds. */
class StandInTwilio implements TwilioHttpClient {
  readonly requests: TwilioHttpRequest[] = [];
  constructor(readonly numbers: TwilioNumber[]) {}

  async request(options: TwilioHttpRequest): Promise<TwilioHttpResponse> {
    this.requests.push(options);
    const json = (statusCode: number, body: unknown) => ({ statusCode, headers: {}, body: JSON.stringify(body) });
    if (options.method.toUpperCase() === 'GET' && options.uri.endsWith(`/Accounts/${ACCOUNT}/IncomingPhoneNumbers.json`)) {
      const wanted = (options.params as Record<string, string>).PhoneNumber;
      return json(200, { incoming_phone_numbers: this.numbers.filter((n) => n.phone_number === wanted), next_page_uri: null, page: 0, page_size: 1 });
    }
    const update = /\/IncomingPhoneNumbers\/(PN\w+)\.json$/.exec(options.uri);
    const number = update && this.numbers.find((n) => n.sid === update[1]);
    if (options.method.toUpperCase() === 'POST' && number) {
      const data = options.data as Record<string, string>;
      Object.assign(number, {
        voice_url: data.VoiceUrl,
        voice_method: data.VoiceMethod,
        voice_fallback_url: data.VoiceFallbackUrl,
        voice_fallback_method: data.VoiceFallbackMethod,
        status_callback: data.StatusCallback,
        status_callback_method: data.StatusCallbackMethod,
      });
      return json(200, number);
    }
    return json(404, { code: 20404, message: 'not found', status: 404 });
  }

  updates() {
    return this.requests.filter((r) => r.method.toUpperCase() === 'POST');
  }
}

const number = (phone: string, sid: string, over: Partial<TwilioNumber> = {}): TwilioNumber => ({
  sid,
  phone_number: phone,
  voice_application_sid: null,
  voice_url: 'https://demo.twilio.com/welcome/voice/',
  voice_method: 'POST',
  voice_fallback_url: null,
  voice_fallback_method: 'POST',
  status_callback: null,
  status_callback_method: 'POST',
  ...over,
});

const run = (client: StandInTwilio, over: Partial<Parameters<typeof configureNumbers>[0]> = {}) =>
  configureNumbers({ accountSid: ACCOUNT, authToken: TOKEN, publicBaseUrl: BASE, numbers: ['+14105550311', '+14432632220'], httpClient: client, ...over });

describe('npm run twilio:configure', () => {
  it("points each of the line's numbers at the service: voice, fallback and status URLs, all POST", async () => {
    const client = new StandInTwilio([number('+14105550311', `PN${'1'.repeat(32)}`), number('+14432632220', `PN${'2'.repeat(32)}`)]);
    const outcomes = await run(client);
    expect(outcomes.map((o) => o.result)).toEqual(['updated', 'updated']);
    expect(client.updates()).toHaveLength(2);
    expect(client.updates()[0]!.data).toEqual({
      VoiceUrl: `${BASE}/voice/incoming`,
      VoiceMethod: 'POST',
      VoiceFallbackUrl: `${BASE}/voice/fallback`,
      VoiceFallbackMethod: 'POST',
      StatusCallback: `${BASE}/voice/status`,
      StatusCallbackMethod: 'POST',
    });
    // Run again: nothing left to change, nothing sent.
    expect((await run(client)).map((o) => o.result)).toEqual(['unchanged', 'unchanged']);
    expect(client.updates()).toHaveLength(2);
  });

  it('changes nothing on a dry run, and says what it would change', async () => {
    const client = new StandInTwilio([number('+14105550311', `PN${'1'.repeat(32)}`), number('+14432632220', `PN${'2'.repeat(32)}`)]);
    const outcomes = await run(client, { dryRun: true });
    expect(outcomes[0]).toMatchObject({ result: 'would-update', changes: { voiceUrl: { from: 'https://demo.twilio.com/welcome/voice/', to: `${BASE}/voice/incoming` } } });
    expect(client.updates()).toHaveLength(0);
  });

  it('refuses an http base URL unless told, before asking Twilio anything', async () => {
    const client = new StandInTwilio([]);
    await expect(run(client, { publicBaseUrl: 'http://311.example.org' })).rejects.toBeInstanceOf(InsecureBaseUrlError);
    expect(client.requests).toHaveLength(0);
    expect(settingsFor('http://tunnel.example', { allowHttp: true }).voiceUrl).toBe('http://tunnel.example/voice/incoming');
  });

  it("reports a number not in the account, and leaves one answered by a TwiML App alone", async () => {
    const client = new StandInTwilio([number('+14432632220', `PN${'2'.repeat(32)}`, { voice_application_sid: `AP${'3'.repeat(32)}` })]);
    const outcomes = await run(client);
    expect(outcomes.map((o) => o.result)).toEqual(['not-found', 'uses-twiml-app']);
    expect(client.updates()).toHaveLength(0);
  });
});
