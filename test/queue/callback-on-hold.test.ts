import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { assertValidTwiml, elementsOf, gatherOf, spokenText } from '../helpers/twiml.js';
import { twilioCallParams } from '../helpers/twilio-request.js';
import { callPolice, callbackRow, POLICE, post, queueTestApp, waitRow } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await queueTestApp();
});
afterAll(async () => t?.close());

describe('a call-back chosen while waiting', () => {
  it('confirms the caller ID, asks why, leaves the queue and keeps the first join time', async () => {
    const caller = await callPolice(t, { from: '+14435559876' });
    const wait = await waitRow(t, caller.callSid);

    await caller.press('1');
    expect(caller.heard()).toMatch(/Press 1 to be called back at the number ending in 9 8 7 6, or 2 to enter another number/);
    expect(caller.enqueued()?.name).toBe(POLICE);
    await caller.press('1');
    expect(caller.heard()).toMatch(/what your call is about/);
    // Until the request is complete the caller is still in line and agents do not see it.
    expect(await callbackRow(t, caller.callSid)).toMatchObject({ status: 'pending', number: '+14435559876' });

    await caller.say('there is a car alarm going off for an hour');
    // The reason's answer is <Leave>; the Enqueue action then says goodbye.
    expect(caller.events.some((e) => e.type === 'leave' && e.result === 'leave')).toBe(true);
    expect(caller.heard()).toMatch(/We'll call you back\. Goodbye\./);
    expect(caller.hungUp()).toBe(true);

    const callback = await callbackRow(t, caller.callSid);
    expect(callback).toMatchObject({ status: 'waiting', queue: POLICE, reason: 'there is a car alarm going off for an hour' });
    expect(callback?.joinedAt.getTime()).toBe(wait?.joinedAt.getTime());
    expect(callback!.joinedAt.getTime()).toBeLessThan(callback!.createdAt.getTime());
    expect(await waitRow(t, caller.callSid)).toMatchObject({ result: 'leave' });
  });

  it('takes another number keyed in on hold', async () => {
    const caller = await callPolice(t);
    await caller.press('1');
    await caller.press('2');
    expect(caller.heard()).toMatch(/enter the ten-digit phone number/);
    await caller.press('4105550123#');
    await caller.silence();
    expect(caller.heard()).toMatch(/We'll call you back/);
    expect(await callbackRow(t, caller.callSid)).toMatchObject({ number: '+14105550123', status: 'waiting', reason: '' });
  });

  it('goes back to hold when the caller presses another key instead of 1', async () => {
    const caller = await callPolice(t);
    await caller.press('5');
    expect(caller.hungUp()).toBe(false);
    expect(caller.enqueued()?.name).toBe(POLICE);
    expect(await callbackRow(t, caller.callSid)).toBeUndefined();
  });

  it('goes back to hold after three unusable answers', async () => {
    const caller = await callPolice(t);
    await caller.press('1');
    await caller.press('7');
    await caller.press('7');
    await caller.press('7');
    expect(caller.heard()).toMatch(/continue to hold/);
    expect(caller.enqueued()?.name).toBe(POLICE);
  });

  it('still calls back a caller who hung up after confirming the number', async () => {
    const caller = await callPolice(t, { from: '+14435550042' });
    await caller.press('1');
    await caller.press('1');
    await caller.hangUp();
    expect(await callbackRow(t, caller.callSid)).toMatchObject({ status: 'waiting', number: '+14435550042' });
    expect(await waitRow(t, caller.callSid)).toMatchObject({ result: 'hangup' });
  });
});

describe('the Enqueue action', () => {
  const done = (callSid: string, params: Record<string, string>) =>
    post(t, `/voice/queue/done?queue=${POLICE}`, { ...twilioCallParams({ callSid, callStatus: 'in-progress' }), ...params });

  it('offers a call-back when Twilio says the queue is full', async () => {
    const caller = t.caller();
    const response = await done(caller.callSid, { QueueResult: 'queue-full', QueueTime: '0' });
    const doc = assertValidTwiml(response.body);
    expect(spokenText(doc).join(' ')).toMatch(/many callers are waiting.*press 1/);
    expect(gatherOf(doc)?.action).toBe(`https://311.example.org/voice/queue/callback?queue=${POLICE}&stage=offer&in=0&tries=0`);
    expect(gatherOf(doc)?.actionOnEmptyResult).toBe('true');
  });

  it('takes the call-back after Twilio turned the caller away, then hangs up', async () => {
    const caller = t.caller({ from: '+14435557777' });
    await caller.start();
    await done(caller.callSid, { QueueResult: 'queue-full' });
    const callback = (stage: string, params: Record<string, string>, tries = '0') =>
      post(t, `/voice/queue/callback?queue=${POLICE}&stage=${stage}&in=0&tries=${tries}`, {
        ...twilioCallParams({ callSid: caller.callSid, from: '+14435557777', callStatus: 'in-progress' }),
        ...params,
      });
    const confirm = assertValidTwiml((await callback('offer', { Digits: '1' })).body);
    expect(spokenText(confirm).join(' ')).toMatch(/ending in 7 7 7 7/);
    const reason = assertValidTwiml((await callback('confirm', { Digits: '1' })).body);
    expect(gatherOf(reason)).toMatchObject({ input: 'dtmf speech', numDigits: '1', finishOnKey: '', language: 'en-US', actionOnEmptyResult: 'true' });
    const goodbye = assertValidTwiml((await callback('reason', { SpeechResult: 'a broken fire hydrant', Confidence: '0.8' })).body);
    expect(spokenText(goodbye).join(' ')).toMatch(/We'll call you back\. Goodbye\./);
    expect(elementsOf(goodbye).map((e) => e.name)).toEqual(['Say', 'Hangup']);
    expect(await callbackRow(t, caller.callSid)).toMatchObject({ status: 'waiting', reason: 'a broken fire hydrant', number: '+14435557777' });
  });

  it('says goodbye to a turned-away caller who stays silent at the offer', async () => {
    const caller = t.caller();
    await caller.start();
    let doc = assertValidTwiml((await done(caller.callSid, { QueueResult: 'queue-full' })).body);
    for (let tries = 0; gatherOf(doc); tries++) {
      expect(tries).toBeLessThan(3);
      const url = gatherOf(doc)!.action!.replace('https://311.example.org', '');
      doc = assertValidTwiml((await post(t, url, twilioCallParams({ callSid: caller.callSid, callStatus: 'in-progress' }))).body);
    }
    expect(spokenText(doc).join(' ')).toMatch(/call again later/);
    expect(elementsOf(doc).at(-1)?.name).toBe('Hangup');
  });

  it('answers an empty document to a hang-up and records the abandon', async () => {
    const caller = t.caller();
    const response = await done(caller.callSid, { QueueResult: 'hangup', QueueTime: '95' });
    expect(elementsOf(assertValidTwiml(response.body))).toEqual([]);
    expect(await waitRow(t, caller.callSid)).toMatchObject({ result: 'hangup', queueTimeS: 95 });
  });

  it('keeps the first record of a wait when Twilio repeats the action', async () => {
    const caller = t.caller();
    await done(caller.callSid, { QueueResult: 'bridged', QueueTime: '40' });
    await done(caller.callSid, { QueueResult: 'hangup', QueueTime: '400' });
    expect(await waitRow(t, caller.callSid)).toMatchObject({ result: 'bridged', queueTimeS: 40 });
  });

  it('answers valid TwiML to nonsense', async () => {
    const response = await done(t.caller().callSid, { QueueResult: '<oops>', QueueTime: 'soon' });
    expect(response.statusCode).toBe(200);
    assertValidTwiml(response.body);
    const noCall = await post(t, '/voice/queue/done', { QueueResult: 'bridged' });
    expect(noCall.statusCode).toBe(200);
    assertValidTwiml(noCall.body);
  });
});
