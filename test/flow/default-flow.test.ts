import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { callSessions, callTurns, serviceRequests } from '../../db/schema/index.js';
import { latestRevision, loadFlowFile, publishRevision } from '../../src/flow/revisions.js';
import { gatherOf } from '../helpers/twiml.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import type { Flow } from '../../src/flow/schema.js';

let t: TestApp;
let next = 3000;
const newCaller = (options: { to?: string } = {}) => t.caller({ from: `+1410555${next++}`, ...options });

beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002' });
});
afterAll(async () => t?.close());

async function session(callSid: string) {
  const [row] = await t.database.db.select().from(callSessions).where(eq(callSessions.callSid, callSid));
  return row!;
}

describe('the greeting', () => {
  it('greets the caller and asks how it can help, in English', async () => {
    const caller = newCaller();
    await caller.start();
    expect(caller.heard()).toMatch(/Thank you for calling Baltimore City 3 1 1\..*How can I help you today\?.*press 1 to report a problem/);
    expect(caller.heard()).not.toMatch(/out-of-area/);
    expect(caller.lastGather()).toMatchObject({ language: 'en-US' });
  });

  it('switches to Spanish with 9, with es-US recognition and a Spanish voice, and back with 8', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.press('9');
    expect(caller.heard()).toMatch(/¿En qué le puedo ayudar hoy\?.*oprima 1 para reportar un problema/);
    expect(caller.lastGather()).toMatchObject({ language: 'es-US' });
    expect(caller.twiml).toContain('voice="Polly.Lupe-Neural"');
    await caller.press('8');
    expect(caller.heard()).toMatch(/How can I help you today\?/);
    expect(caller.lastGather()).toMatchObject({ language: 'en-US' });
  });

  it('switches to Spanish when the caller says "español"', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.say('español');
    expect(caller.heard()).toMatch(/oprima/);
    expect(caller.lastGather()).toMatchObject({ language: 'es-US' });
  });
});

describe('the out-of-area line', () => {
  it("greets the caller as such, with Baltimore County's number, and asks how it can help", async () => {
    const caller = newCaller({ to: '+14432632220' });
    await caller.start();
    expect(caller.heard()).toMatch(/out-of-area line.*for Baltimore County, call 4 1 0, 8 8 7, 5 0 0 0\..*How can I help you today\?/);
    expect(caller.heard()).not.toMatch(/Is the problem you're calling about inside Baltimore City/);
    await caller.press('1');
    expect(caller.heard()).toMatch(/tell me the problem you're reporting/);
  });

  it('recognises the out-of-area number however it is written', async () => {
    const caller = newCaller({ to: '(443) 263-2220' });
    await caller.start();
    expect(caller.heard()).toMatch(/out-of-area line.*4 1 0, 8 8 7, 5 0 0 0/);
    expect(caller.hungUp()).toBe(false);
  });
});

describe('the first question', () => {
  it.each([
    ['1', /tell me the problem you're reporting/],
    ['2', /enter your confirmation number/],
  ])('key %s leads on', async (key, expected) => {
    const caller = newCaller();
    await caller.start();
    await caller.press(key);
    expect(caller.heard()).toMatch(expected);
  });

  it('understands "check on my request" by speech', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.say('I want to check on my request');
    expect(caller.heard()).toMatch(/confirmation number/);
  });

  it('sends police matters to the police queue', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.press('3');
    expect(caller.enqueued()?.name).toBe('police-non-emergency');
    expect((await session(caller.callSid)).outcome).toBe('police');
  });

  it('reaches an operator with 0 or by asking for an agent', async () => {
    for (const act of [(c: ReturnType<typeof newCaller>) => c.press('0'), (c: ReturnType<typeof newCaller>) => c.say('can I talk to a real person')]) {
      const caller = newCaller();
      await caller.start();
      await act(caller);
      expect(caller.enqueued()?.name).toBe('operator');
    }
  });

  it('re-asks after silence and a wrong key, then reaches an operator at the retry limit', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.silence();
    expect(caller.heard()).toMatch(/didn't hear anything.*How can I help you today\?/);
    await caller.press('7');
    expect(caller.heard()).toMatch(/didn't understand.*How can I help you today\?/);
    await caller.silence();
    expect(caller.heard()).toMatch(/Let me get you to someone who can help/);
    expect(caller.enqueued()?.name).toBe('operator');
  });
});

describe('a whole report in Spanish', () => {
  it('files the report and reads the number back in Spanish', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.press('9');
    await caller.press('1');
    await caller.say('hay un bache en mi calle');
    expect(caller.heard()).toMatch(/¿Es correcto\?/);
    await caller.say('sí');
    await caller.say('1200 North Charles Street');
    expect(caller.heard()).toMatch(/Tengo: 1200 North Charles Street/);
    await caller.press('1');
    await caller.say('es muy profundo');
    await caller.say('que lo reparen');
    expect(caller.heard()).toMatch(/Su número de confirmación es/);
    const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, caller.callSid));
    expect(request).toMatchObject({ serviceCode: 'potholes', description: 'es muy profundo' });
  });
});

describe('webhook retries and state', () => {
  it('answers a replayed step with the same TwiML and changes nothing', async () => {
    const caller = newCaller();
    await caller.start();
    const action = caller.lastGather()!.action!;
    await caller.press('1');
    const answer = caller.twiml;
    const before = await session(caller.callSid);
    const replay = await signedPost(t.app, {
      url: action,
      params: { ...twilioCallParams({ callSid: caller.callSid, from: caller.params.From }), Digits: '1' },
      authToken: TEST_AUTH_TOKEN,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(replay.body).toBe(answer);
    expect(await session(caller.callSid)).toEqual(before);
  });

  it('answers a step from the future with the current question', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.press('1');
    const current = caller.twiml;
    const response = await signedPost(t.app, {
      url: `${TEST_PUBLIC_BASE_URL}/voice/step?seq=99`,
      params: { ...twilioCallParams({ callSid: caller.callSid }), Digits: '2' },
      authToken: TEST_AUTH_TOKEN,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(response.body).toBe(current);
  });

  it('answers an unknown call with an apology and the operator queue', async () => {
    const response = await signedPost(t.app, {
      url: `${TEST_PUBLIC_BASE_URL}/voice/step?seq=1`,
      params: { ...twilioCallParams({}), Digits: '1' },
      authToken: TEST_AUTH_TOKEN,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<Enqueue[^>]*>operator<\/Enqueue>/);
  });

  it('retrying /voice/incoming creates one session and answers the same greeting', async () => {
    const params = twilioCallParams({});
    const post = () => signedPost(t.app, { url: `${TEST_PUBLIC_BASE_URL}/voice/incoming`, params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
    const [a, b] = await Promise.all([post(), post()]);
    expect(a.body).toBe(b.body);
    const turns = await t.database.db.select().from(callTurns).where(eq(callTurns.callSid, params.CallSid!));
    expect(turns).toHaveLength(1);
  });

  it('closes the session on the status callback and marks an IVR abandon', async () => {
    const caller = newCaller();
    await caller.start();
    await caller.hangUp();
    const row = await session(caller.callSid);
    expect(row.endedAt).toBeInstanceOf(Date);
    expect(row.outcome).toBe('abandoned-ivr');
    expect(row.endStatus).toBe('completed');
  });

  it('keeps a call on the revision it started with when a new one is published', async () => {
    const caller = newCaller();
    await caller.start();
    const flow = loadFlowFile() as Flow;
    const welcome = flow.steps.find((s) => s.id === 'welcome')!;
    (welcome as { prompt: { en: string } }).prompt.en = 'Storm line: to report a downed tree, press 1.';
    const started = (await session(caller.callSid)).revisionId;
    await publishRevision(t.database.db, { document: flow, message: 'storm', author: 'test' });
    await caller.silence();
    expect(caller.heard()).toMatch(/How can I help you today\?/);
    expect((await session(caller.callSid)).revisionId).toBe(started);
    const fresh = newCaller();
    await fresh.start();
    expect(fresh.heard()).toMatch(/Storm line/);
    // Put the default back for the other tests in this file.
    await publishRevision(t.database.db, { document: loadFlowFile(), message: 'restore', author: 'test' });
    expect((await latestRevision(t.database.db))!.flow.steps.find((s) => s.id === 'welcome')).toEqual(
      (loadFlowFile() as Flow).steps.find((s) => s.id === 'welcome'),
    );
  });

  it('has hints for the recogniser on the first question', async () => {
    const caller = newCaller();
    await caller.start();
    expect(gatherOf(caller.twiml)!.hints).toMatch(/report a problem/);
  });
});
