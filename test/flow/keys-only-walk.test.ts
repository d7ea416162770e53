import { readFileSync } from 'node:fs';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbacks, callTurns, serviceRequests } from '../../db/schema/index.js';
import type { Flow } from '../../src/flow/schema.js';
import { isQuestion } from '../../src/flow/validate.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import type { TestCaller } from '../helpers/twilio-request.js';

/**
 * Walks every question of the default flow with the keypad alone (issue 23): the test caller is
 * strict, so a key pressed at a question that listens only for speech fails the test, and every
 * question each call waited at is checked to take keys.
 */
const flow = JSON.parse(readFileSync(new URL('../../flows/main.json', import.meta.url), 'utf8')) as Flow;

let t: TestApp;
beforeAll(async () => {
  // An operator on the roster, no police call-taker: the police line offers a call-back at once.
  t = await createTestApp({ QUEUE_AGENTS: 'operator=+14105550003' });
});
afterAll(async () => t?.close());

const calls: TestCaller[] = [];
function caller(from: string): TestCaller {
  const c = t.caller({ from });
  calls.push(c);
  return c;
}

async function confirmationOf(c: TestCaller): Promise<string> {
  const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, c.callSid));
  return request!.confirmation;
}

describe('the default flow by keys only', () => {
  it('switches language with 9 and back with 8, and reaches the operator with 0', async () => {
    const c = caller('+14105552401');
    await c.start();
    await c.press('9');
    expect(c.heard()).toMatch(/¿En qué le puedo ayudar hoy\?/);
    await c.press('8');
    expect(c.heard()).toMatch(/How can I help you today\?/);
    await c.press('0');
    expect(c.enqueued()?.name).toBe('operator');
    // On hold: a call-back to another number, keyed, and the reason skipped with pound.
    expect(c.heard()).toMatch(/press 1/);
    await c.press('1');
    expect(c.heard()).toMatch(/or 2 to enter another number/);
    await c.press('2');
    await c.press('4105559876#');
    expect(c.heard()).toMatch(/what your call is about\. Or press pound to skip/);
    await c.press('#');
    expect(c.heard()).toMatch(/We'll call you back\. Goodbye\./);
    const [callback] = await t.database.db.select().from(callbacks).where(eq(callbacks.callSid, c.callSid));
    expect(callback).toMatchObject({ queue: 'operator', number: '+14105559876', reason: '', status: 'waiting' });
  });

  it('files a report through the type lists, a place corrected once, both skips, a repeat and a text', async () => {
    const c = caller('+14105552402');
    await c.start();
    await c.press('1');
    await c.press('*');
    expect(c.heard()).toMatch(/For Streets, lights, signs and parking, press 2/);
    await c.press('2');
    expect(c.heard()).toMatch(/For Pothole, press 1/);
    await c.press('1');
    await c.press('1200#');
    await c.press('2427#');
    await c.press('3'); // South Charles Street: not it
    expect(c.heard()).toMatch(/I have 1200 South Charles Street/);
    await c.press('2');
    expect(c.heard()).toMatch(/Let's try again/);
    await c.press('*');
    await c.press('3');
    expect(c.heard()).toMatch(/Key the house number, then press pound/);
    await c.press('1200#');
    await c.press('2427#');
    await c.press('1');
    await c.press('1');
    await c.press('#');
    await c.press('#');
    expect(c.heard()).toMatch(/To hear it again, press 1/);
    await c.press('1');
    expect(c.heard()).toMatch(/Again, that is/);
    await c.press('2');
    expect(c.heard()).toMatch(/text you this confirmation number/);
    await c.press('1');
    expect(c.heard()).toMatch(/You'll get a text/);
    expect(c.hungUp()).toBe(true);
    const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, c.callSid));
    expect(request).toMatchObject({ serviceCode: 'potholes', precision: 'address', addressString: '1200 N Charles St, Baltimore, MD' });
  });

  it('adds a second caller to the same report with 1 at the neighbours question', async () => {
    const c = caller('+14105552403');
    await c.start();
    for (const keys of ['1', '*', '2', '1', '1200#', '2427#', '1', '1', '#', '#']) await c.press(keys);
    expect(c.heard()).toMatch(/already been reported near 1200 N Charles St\. .*press 1/);
    await c.press('1');
    expect(c.heard()).toMatch(/Your report was added/);
  });

  it('offers a repeat caller their open request with 1, adds to it with pound, and hears it again with 3', async () => {
    const c = caller('+14105552402');
    await c.start();
    await c.press('2');
    expect(c.heard()).toMatch(/You have an open report: .*Press 1 to hear its status/);
    await c.press('1');
    expect(c.heard()).toMatch(/To add something to this request, press 1/);
    await c.press('3');
    expect(c.heard()).toMatch(/To hear this again, press 3/);
    await c.press('1');
    expect(c.heard()).toMatch(/Or, to note that it's still a problem, press pound/);
    await c.press('#');
    expect(c.heard()).toMatch(/I've added that to the request/);
  });

  it('checks a request by its keyed confirmation number, then starts a new report with 2', async () => {
    const number = await confirmationOf(calls[1]!);
    const c = caller('+14105552404');
    await c.start();
    await c.press('2');
    expect(c.heard()).toMatch(/enter your confirmation number on the keypad/);
    await c.press(`${number}#`);
    expect(c.heard()).toMatch(/To report something new, press 2/);
    await c.press('2');
    expect(c.heard()).toMatch(/Let's make a new report/);
  });

  it('takes a police call-back by keys: 3, 1 for a call-back, 1 for this number, pound for no reason', async () => {
    const c = caller('+14105552405');
    await c.start();
    await c.press('3');
    expect(c.heard()).toMatch(/call back .* press 1/);
    await c.press('1');
    expect(c.heard()).toMatch(/number ending in 2 4 0 5/);
    await c.press('1');
    expect(c.heard()).toMatch(/Or press pound to skip/);
    await c.press('#');
    expect(c.heard()).toMatch(/We'll call you back\. Goodbye/);
  });

  it('asked every question of the default flow on the keypad, and every one of them took keys', async () => {
    const turns = await t.database.db
      .select({ step: callTurns.step })
      .from(callTurns)
      .where(inArray(callTurns.callSid, calls.map((c) => c.callSid)));
    const asked = new Set(turns.map((turn) => turn.step));
    // The one question a keys-only caller is never asked: it confirms what a first sentence said.
    const spokenOnly = new Set(['check']);
    const questions = flow.steps.filter((s) => isQuestion(s) && !spokenOnly.has(s.id)).map((s) => s.id);
    for (const id of questions) expect(asked, `question "${id}" was never asked`).toContain(id);
    const gathers = calls.flatMap((c) => c.events.filter((e) => e.type === 'gather'));
    expect(gathers.length).toBeGreaterThan(40);
    for (const gather of gathers) expect(gather).toMatchObject({ input: expect.arrayContaining(['dtmf']) });
  });
});
