/**
 * Twilio retries a webhook it got no answer to in time, and its requests can arrive late or out
 * of order. None of that may file a second report, skip a step, or change a finished call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { assertValidTwiml, spokenText } from '../helpers/twiml.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import {
  confirmationHeard,
  FaultCaller,
  LAST_ANSWER,
  replay,
  reportUntilLastAnswer,
  requestsOfCall,
  sessionOf,
  turnsOf,
} from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'operator=+14105550002' });
});
afterAll(async () => t?.close());

function post(url: string, params: Record<string, string>) {
  return signedPost(t.app, { url, params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
}

async function snapshot(callSid: string) {
  const session = await sessionOf(t.database.db, callSid);
  const turns = await turnsOf(t.database.db, callSid);
  const requests = await requestsOfCall(t.database.db, callSid);
  return { session, turns: turns.map((x) => [x.seq, x.step, x.reply]), requests: requests.map((r) => [r.id, r.confirmation]) };
}

describe('Twilio retries', () => {
  it('answers a retried incoming webhook with the same greeting and one session', async () => {
    const params = twilioCallParams({});
    const [a, b] = await Promise.all([post('/voice/incoming', params), post('/voice/incoming', params)]);
    const c = await post('/voice/incoming', params);
    expect(a.body).toBe(b.body);
    expect(c.body).toBe(a.body);
    expect(spokenText(assertValidTwiml(a.body)).join(' ')).toMatch(/Thank you for calling/);
    expect((await sessionOf(t.database.db, params.CallSid!))?.seq).toBe(1);
  });

  it('files one report when the filing webhook arrives twice at once, and both answers read the same number', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    const gather = caller.lastGather()!;
    const params = { ...caller.params, CallStatus: 'in-progress', SpeechResult: LAST_ANSWER, Confidence: '0.9' };
    const [a, b] = await Promise.all([post(gather.action!, params), post(gather.action!, params)]);
    expect(a.body).toBe(b.body);
    const number = confirmationHeard(spokenText(assertValidTwiml(a.body)).join(' '));
    expect(number).toMatch(/^\d{9}$/);
    expect((await requestsOfCall(t.database.db, caller.callSid)).map((r) => r.confirmation)).toEqual([number]);
  });

  it('answers every earlier step, replayed after the call moved on, exactly as the first time, changing nothing', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    await caller.say(LAST_ANSWER);
    const before = await snapshot(caller.callSid);
    expect(before.requests).toHaveLength(1);

    const sent = caller.requests.filter((r) => r.url.includes('/voice/'));
    for (const request of sent) {
      const again = await replay(t.app, request);
      expect(again.statusCode, request.url).toBe(200);
      expect(again.body, request.url).toBe(request.body);
    }
    expect(await snapshot(caller.callSid)).toEqual(before);
  });
});

describe('out-of-order steps', () => {
  it('gives an old step its old answer even with different input, and never acts on it', async () => {
    const caller = new FaultCaller(t.app);
    await caller.start(); // the first question
    await caller.press('1'); // report a problem
    const menu = caller.lastStep()!;
    await caller.say('pothole');
    const before = await snapshot(caller.callSid);
    // The first question's step again, now pressing 3 (police): the answer is still the one given to "1".
    const late = await replay(t.app, { ...menu, params: { ...menu.params, Digits: '3' } });
    expect(late.body).toBe(menu.body);
    expect(await snapshot(caller.callSid)).toEqual(before);
  });

  it('answers a step from the future (forged or misordered) with the current question, changing nothing', async () => {
    const caller = new FaultCaller(t.app);
    await caller.start();
    const before = await snapshot(caller.callSid);
    const ahead = await post('/voice/step?seq=9', { ...caller.params, CallStatus: 'in-progress', Digits: '1' });
    expect(spokenText(assertValidTwiml(ahead.body)).join(' ')).toMatch(/How can I help you today\?/);
    expect(await snapshot(caller.callSid)).toEqual(before);
    // The caller carries on where they were.
    await caller.press('1');
    expect(caller.heard()).toMatch(/tell me the problem you're reporting/);
  });

  it('keeps a filed report and its outcome when the status callback comes after the last step, twice', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    await caller.say(LAST_ANSWER);
    const status = { ...caller.params, CallStatus: 'completed', CallDuration: '95' };
    await post('/voice/status', status);
    await post('/voice/status', { ...status, CallDuration: '400' });
    const session = await sessionOf(t.database.db, caller.callSid);
    expect(session).toMatchObject({ outcome: 'report', endStatus: 'completed', durationS: 95 });
    expect(await requestsOfCall(t.database.db, caller.callSid)).toHaveLength(1);
  });

  it('files nothing from a last answer that arrives after the status callback said the call ended', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    const gather = caller.lastGather()!;
    await post('/voice/status', { ...caller.params, CallStatus: 'completed', CallDuration: '80' });
    const before = await snapshot(caller.callSid);

    const late = await post(gather.action!, { ...caller.params, CallStatus: 'completed', SpeechResult: LAST_ANSWER });
    expect(late.statusCode).toBe(200);
    expect(confirmationHeard(spokenText(assertValidTwiml(late.body)).join(' '))).toBeUndefined();
    expect(await snapshot(caller.callSid)).toEqual(before);
    expect(before.session).toMatchObject({ outcome: 'abandoned-ivr', endStatus: 'completed' });
    expect(before.requests).toEqual([]);
  });
});
