import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { assertValidTwiml, enqueueOf, gatherOf, spokenText } from '../helpers/twiml.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002' });
});
afterAll(async () => t?.close());

describe('voice webhooks', () => {
  it('greets a caller and offers Spanish', async () => {
    const caller = t.caller();
    await caller.start();
    expect(caller.heard()).toMatch(/Baltimore City 3 1 1/);
    expect(caller.heard()).toMatch(/español/);
  });

  it('refuses a request with a forged signature', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/voice/incoming',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      payload: new URLSearchParams(twilioCallParams({})).toString(),
    });
    expect(response.statusCode).toBe(403);
  });

  it('answers the fallback URL with an apology and the operator queue', async () => {
    const response = await signedPost(t.app, {
      url: '/voice/fallback',
      params: { ...twilioCallParams({}), ErrorCode: '11200', ErrorUrl: `${TEST_PUBLIC_BASE_URL}/voice/step` },
      authToken: TEST_AUTH_TOKEN,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(response.statusCode).toBe(200);
    assertValidTwiml(response.body);
    expect(spokenText(response.body).join(' ')).toMatch(/technical trouble/);
    expect(enqueueOf(response.body)?.name).toBe('operator');
  });

  it('takes the police choice of the first question to the police queue', async () => {
    const caller = t.caller();
    await caller.start();
    expect(gatherOf(caller.twiml)).toBeTruthy();
    await caller.press('3');
    expect(caller.enqueued()?.name).toBe('police-non-emergency');
  });
});
