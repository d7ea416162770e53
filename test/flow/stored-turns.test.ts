import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { gatherOf } from '../helpers/twiml.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import { callTurns } from '../../db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A caller at the location question, and the request that brought them there. */
async function atLocationQuestion() {
  const caller = t.caller({ from: '+14105550777' });
  await caller.start();
  await caller.press('1');
  await caller.say('there is a huge pothole in the road');
  const action = caller.lastGather()!.action!;
  await caller.say('yes');
  expect(caller.heard()).toMatch(/Where is the problem/);
  return { caller, action };
}

describe('stored turns', () => {
  it("store the location question's 500 hints by the list's name, not phrase by phrase", async () => {
    const { caller } = await atLocationQuestion();
    const hints = gatherOf(caller.twiml)!.hints!;
    expect(hints.split(',').length).toBeGreaterThan(100);
    const [turn] = await t.database.db
      .select()
      .from(callTurns)
      .where(and(eq(callTurns.callSid, caller.callSid), eq(callTurns.step, 'location')));
    const stored = turn!.reply as { gather: Record<string, unknown> };
    expect(stored.gather).toMatchObject({ sharedHints: 'location' });
    expect(stored.gather.hints).toBeUndefined();
    expect(JSON.stringify(turn!.reply).length).toBeLessThan(hints.length / 4);
  });

  it('give a retried webhook the same location question, hints included', async () => {
    const { caller, action } = await atLocationQuestion();
    const retry = await signedPost(t.app, {
      url: action,
      params: { ...twilioCallParams({ callSid: caller.callSid, from: '+14105550777' }), CallStatus: 'in-progress', SpeechResult: 'yes', Confidence: '0.9' },
      authToken: TEST_AUTH_TOKEN,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(caller.twiml);
  });
});
