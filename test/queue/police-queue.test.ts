import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { eq } from 'drizzle-orm';
import { queueWaits } from '../../db/schema/index.js';
import { callPolice, callbackRow, POLICE, queueTestApp, waitRow } from './harness.js';

describe('the police non-emergency line', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await queueTestApp();
  });
  afterAll(async () => t?.close());

  it('puts a noise complaint on hold in the police queue and records the wait', async () => {
    const caller = await callPolice(t);
    const queue = caller.enqueued();
    expect(queue?.name).toBe(POLICE);
    expect(queue?.waitUrl).toBe(`https://311.example.org/voice/queue/wait?queue=${POLICE}`);
    expect(queue?.action).toBe(`https://311.example.org/voice/queue/done?queue=${POLICE}`);
    expect(caller.heard()).toMatch(/hold for a police call-taker/);
    // The first request of the waitUrl announces the place in line and offers the call-back key.
    expect(caller.heard()).toMatch(/You are next in line/);
    expect(caller.heard()).toMatch(/press 1/);
    const wait = await waitRow(t, caller.callSid);
    expect(wait).toMatchObject({ queue: POLICE, reason: 'police-queue', endedAt: null });
    expect(wait?.lastAnnouncedAt).toBeInstanceOf(Date);
  });

  it('records an abandon when the caller hangs up on hold', async () => {
    const caller = await callPolice(t);
    await caller.hangUp();
    const wait = await waitRow(t, caller.callSid);
    expect(wait?.result).toBe('hangup');
    expect(wait?.endedAt).toBeInstanceOf(Date);
    expect(wait?.queueTimeS).toBeGreaterThanOrEqual(0);
  });
});

describe('a police queue with no agents on shift', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await queueTestApp({ QUEUE_AGENTS: 'operator=+14105550003' });
  });
  afterAll(async () => t?.close());

  it('offers a call-back at once instead of holding, and takes it', async () => {
    const caller = await callPolice(t, { from: '+14435551234' });
    expect(caller.enqueued()).toBeUndefined();
    expect(caller.heard()).toMatch(/No call-taker is available/);
    expect(caller.heard()).toMatch(/call back .* press 1/);
    await caller.press('1');
    expect(caller.heard()).toMatch(/number ending in 1 2 3 4/);
    await caller.press('1');
    expect(caller.heard()).toMatch(/tell us what your call is about/);
    expect(caller.gather()?.input).toBe('dtmf speech');
    await caller.say('my neighbors are playing loud music at 2 in the morning');
    expect(caller.heard()).toMatch(/We'll call you back\. Goodbye/);
    expect(caller.hungUp()).toBe(true);

    const wait = await waitRow(t, caller.callSid);
    expect(wait).toMatchObject({ result: 'unstaffed', queueTimeS: 0 });
    const callback = await callbackRow(t, caller.callSid);
    expect(callback).toMatchObject({
      queue: POLICE,
      number: '+14435551234',
      status: 'waiting',
      reason: 'my neighbors are playing loud music at 2 in the morning',
    });
    expect(callback?.joinedAt.getTime()).toBe(wait?.joinedAt.getTime());
  });

  it('puts a caller who does not want a call-back through to the operators, and says so', async () => {
    const caller = await callPolice(t);
    await caller.press('2');
    expect(caller.heard()).toMatch(/put you through to a 3 1 1 operator/);
    expect(caller.hungUp()).toBe(false);
    expect(caller.enqueued()?.name).toBe('operator');
    expect(await callbackRow(t, caller.callSid)).toBeUndefined();
    const waits = await t.app.db.select().from(queueWaits).where(eq(queueWaits.callSid, caller.callSid));
    expect(waits.map((w) => [w.queue, w.result])).toEqual(expect.arrayContaining([[POLICE, 'unstaffed'], ['operator', null]]));
  });

  it('never hangs up on a caller who says nothing to the call-back offer', async () => {
    const caller = await callPolice(t, { language: '9' });
    for (let i = 0; i < 4 && !caller.enqueued(); i++) await caller.silence();
    expect(caller.hungUp()).toBe(false);
    expect(caller.enqueued()?.name).toBe('operator');
    expect(caller.heard()).toMatch(/le comunico con un operador/);
  });

  it('keeps a caller who was given emergency advice on the line, with no call-back offer', async () => {
    const caller = t.caller({ from: '+14435559911' });
    await caller.start();
    await caller.say('there is smoke and fire coming out of the house next door');
    expect(caller.heard()).toMatch(/hang up and dial 9 1 1/);
    expect(caller.heard()).not.toMatch(/No call-taker is available/);
    expect(caller.hungUp()).toBe(false);
    expect(caller.enqueued()?.name).toBe(POLICE);
  });

  it('asks a caller with a blocked number to key one in, and refuses one that is not a US number', async () => {
    const caller = await callPolice(t, { from: 'anonymous' });
    await caller.press('1');
    expect(caller.heard()).toMatch(/enter the ten-digit phone number/);
    await caller.press('911#');
    expect(caller.heard()).toMatch(/isn't a US phone number/);
    await caller.press('4105551234#');
    expect(caller.heard()).toMatch(/what your call is about/);
    await caller.silence();
    expect(caller.heard()).toMatch(/We'll call you back/);
    expect(await callbackRow(t, caller.callSid)).toMatchObject({ number: '+14105551234', status: 'waiting', reason: '' });
  });
});

describe('a full queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await queueTestApp({ QUEUE_MAX_SIZE: '1' });
  });
  afterAll(async () => t?.close());

  it('offers the next caller a call-back, and lets them hold anyway', async () => {
    const first = await callPolice(t);
    expect(first.enqueued()?.name).toBe(POLICE);

    const second = await callPolice(t);
    expect(second.enqueued()).toBeUndefined();
    expect(second.heard()).toMatch(/many callers are waiting/);
    await second.press('2');
    expect(second.heard()).toMatch(/continue to hold/);
    expect(second.enqueued()?.name).toBe(POLICE);
    const wait = await waitRow(t, second.callSid);
    expect(wait).toMatchObject({ endedAt: null, result: null });
  });
});
