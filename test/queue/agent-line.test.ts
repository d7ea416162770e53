import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callbacks, queueWaits } from '../../db/schema/index.js';
import type { TestApp } from '../helpers/app.js';
import { assertValidTwiml, dialOf, gatherOf, hasHangup, spokenText } from '../helpers/twiml.js';
import { newCallSid, twilioCallParams } from '../../scripts/softphone/call-params.js';
import { AGENT_LINE, agentCall, callbackRow, POLICE, POLICE_AGENT, post, queueTestApp, SECOND_POLICE_AGENT } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await queueTestApp({ QUEUE_CALLBACK_MAX_ATTEMPTS: '2', QUEUE_CALLBACK_RETRY_AFTER_S: '0' });
});
afterAll(async () => t?.close());
beforeEach(async () => {
  // Each test sets up its own line: nobody holding, no call-backs.
  await t.app.db.delete(callbacks);
  await t.app.db.delete(queueWaits);
});

async function holding(minutesAgo: number, reason = 'police-queue') {
  const callSid = newCallSid();
  await t.app.db.insert(queueWaits).values({
    callSid,
    queue: POLICE,
    reason,
    joinedAt: sql`now() - make_interval(mins => ${minutesAgo})`,
  });
  return callSid;
}

async function callbackWaiting(minutesAgo: number, number: string, reason = '') {
  const callSid = newCallSid();
  await t.app.db.insert(callbacks).values({
    callSid,
    queue: POLICE,
    number,
    reason,
    status: 'waiting',
    joinedAt: sql`now() - make_interval(mins => ${minutesAgo})`,
  });
  return callSid;
}

async function agentTwiml(from = POLICE_AGENT, extra: Record<string, string> = {}, url?: string) {
  const response = await agentCall(t, from, extra, url);
  expect(response.statusCode).toBe(200);
  const doc = assertValidTwiml(response.body);
  return { doc, said: spokenText(doc).join(' '), dial: dialOf(doc) };
}

describe('the agent line', () => {
  it('refuses a phone that is not on the roster, politely', async () => {
    const { said, doc, dial } = await agentTwiml('+14435550199');
    expect(said).toMatch(/not registered as a call-taker/);
    expect(hasHangup(doc)).toBe(true);
    expect(dial).toBeUndefined();
  });

  it('refuses a withheld number', async () => {
    const { said } = await agentTwiml('anonymous');
    expect(said).toMatch(/not registered/);
  });

  it('dequeues the next caller with a whisper, after telling the agent the wait and the reason', async () => {
    await holding(7);
    const { said, dial } = await agentTwiml();
    expect(said).toMatch(/Next caller waited 7 minutes, about a police non-emergency matter\./);
    expect(dial?.targets).toEqual([
      { noun: 'Queue', value: POLICE, attributes: { url: `https://311.example.org/voice/queue/whisper?queue=${POLICE}`, method: 'POST' } },
    ]);
    expect(dial?.attributes.action).toBe('https://311.example.org/voice/agent/after');
  });

  it('waits on the queue when nobody is holding', async () => {
    const { said, dial } = await agentTwiml();
    expect(said).toMatch(/No one is waiting right now/);
    expect(dial?.targets[0]).toMatchObject({ noun: 'Queue', value: POLICE });
  });

  it('whispers "connecting you now" to the caller in their language', async () => {
    const caller = t.caller();
    await caller.start();
    await caller.press('9');
    const response = await post(t, `/voice/queue/whisper?queue=${POLICE}`, {
      ...twilioCallParams({ callSid: caller.callSid, callStatus: 'in-progress' }),
      QueueSid: 'QU0123456789abcdef0123456789abcdef',
      DequeingCallSid: newCallSid(),
    });
    expect(spokenText(assertValidTwiml(response.body))).toEqual(['Le estamos comunicando.']);
  });

  it('gives the agent an older call-back before a newer caller on hold, and claims it', async () => {
    const callSid = await callbackWaiting(12, '+14435551111', 'a dog barking all night');
    await holding(3);
    const { said, dial } = await agentTwiml();
    expect(said).toMatch(/Next is a call-back for a caller who waited 12 minutes, about a dog barking all night\. Connecting you\./);
    expect(dial?.targets).toEqual([{ noun: 'Number', value: '+14435551111', attributes: {} }]);
    const callback = await callbackRow(t, callSid);
    expect(dial?.attributes).toMatchObject({
      action: `https://311.example.org/voice/agent/callback-done?callback=${callback!.id}`,
      callerId: AGENT_LINE,
    });
    expect(callback).toMatchObject({ status: 'calling', attempts: 1, agentNumber: POLICE_AGENT });

    // A second agent is never given the same call-back: they take the caller on hold.
    const second = await agentTwiml(SECOND_POLICE_AGENT);
    expect(second.dial?.targets[0]?.noun).toBe('Queue');
  });

  it('gives one call-back to only one of two agents asking at the same moment', async () => {
    await callbackWaiting(4, '+14435556666');
    const answers = await Promise.all([agentTwiml(), agentTwiml(SECOND_POLICE_AGENT)]);
    const nouns = answers.map((a) => a.dial?.targets[0]?.noun).sort();
    expect(nouns).toEqual(['Number', 'Queue']);
  });

  it('takes the caller on hold first when they joined before the call-back', async () => {
    await callbackWaiting(2, '+14435552222');
    await holding(9);
    const { dial } = await agentTwiml();
    expect(dial?.targets[0]?.noun).toBe('Queue');
  });

  it('retries a call-back that was not answered, keeping its place, then marks it failed', async () => {
    const callSid = await callbackWaiting(20, '+14435553333');
    const joinedAt = (await callbackRow(t, callSid))!.joinedAt;
    const id = (await callbackRow(t, callSid))!.id;
    const doneUrl = `/voice/agent/callback-done?callback=${id}`;

    expect((await agentTwiml()).dial?.targets[0]?.value).toBe('+14435553333');
    const first = await agentTwiml(POLICE_AGENT, { DialCallStatus: 'no-answer', DialCallDuration: '0' }, doneUrl);
    expect(first.said).toMatch(/did not answer\. We will try them again later/);
    expect(gatherOf(first.doc)?.action).toBe('https://311.example.org/voice/agent');
    expect(await callbackRow(t, callSid)).toMatchObject({ status: 'waiting', attempts: 1, lastResult: 'no-answer', joinedAt });

    expect((await agentTwiml()).dial?.targets[0]?.value).toBe('+14435553333');
    const second = await agentTwiml(POLICE_AGENT, { DialCallStatus: 'busy' }, doneUrl);
    expect(second.said).toMatch(/That was the last try/);
    expect(await callbackRow(t, callSid)).toMatchObject({ status: 'failed', attempts: 2, lastResult: 'busy' });

    expect((await agentTwiml()).dial?.targets[0]?.noun).toBe('Queue');
  });

  it('records an answered call-back, and ignores a repeated Dial action', async () => {
    const callSid = await callbackWaiting(5, '+14435554444');
    const id = (await callbackRow(t, callSid))!.id;
    await agentTwiml();
    await agentTwiml(POLICE_AGENT, { DialCallStatus: 'completed', DialCallDuration: '180' }, `/voice/agent/callback-done?callback=${id}`);
    const answered = await callbackRow(t, callSid);
    expect(answered).toMatchObject({ status: 'answered', lastResult: 'completed' });
    expect(answered?.answeredAt).toBeInstanceOf(Date);
    await agentTwiml(POLICE_AGENT, { DialCallStatus: 'failed' }, `/voice/agent/callback-done?callback=${id}`);
    expect(await callbackRow(t, callSid)).toMatchObject({ status: 'answered', lastResult: 'completed' });
  });

  it('offers a call-back again after a pause when the retry delay has not passed', async () => {
    const callSid = await callbackWaiting(5, '+14435555555');
    await t.app.db.update(callbacks).set({ nextAttemptAt: sql`now() + interval '10 minutes'` }).where(eq(callbacks.callSid, callSid));
    expect((await agentTwiml()).dial?.targets[0]?.noun).toBe('Queue');
  });

  it('asks before taking the next caller and says goodbye to any other key', async () => {
    const after = await agentTwiml(POLICE_AGENT, { DialCallStatus: 'completed' }, '/voice/agent/after');
    expect(after.said).toMatch(/Press 1 for the next caller/);
    const stop = await agentTwiml(POLICE_AGENT, { Digits: '9' });
    expect(stop.said).toBe('Goodbye.');
    expect(hasHangup(stop.doc)).toBe(true);
  });
});
