/**
 * Two instances of the service behind one load balancer, sharing one database: any instance
 * serves any step of any call, and background work (texts in the outbox, call-backs) is taken
 * by exactly one of them. On PostgreSQL each instance has its own connection pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { callbacks, outbox } from '../../db/schema/index.js';
import { newCallSid, twilioCallParams } from '../../scripts/softphone/call-params.js';
import { createTestDatabase, secondView } from '../helpers/database.js';
import { assertValidTwiml, dialOf } from '../helpers/twiml.js';
import { signedPost, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import { createOutboxApp, type OutboxTestApp } from '../outbox/harness.js';
import { confirmationHeard, FaultCaller, LAST_ANSWER, reportUntilLastAnswer, requestsOfCall, sessionOf, turnsOf } from './harness.js';

const AGENTS = ['+14105550001', '+14105550002'];
const ENV = { QUEUE_AGENTS: `police-non-emergency=${AGENTS.join(',')};operator=+14105550003` };

let database: Database;
/** The second instance's own pool on PostgreSQL; the same embedded database on PGlite. */
let other: Database;
let a: OutboxTestApp;
let b: OutboxTestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  other = await secondView(database);
  a = await createOutboxApp({ ...ENV, LOG_LEVEL: 'silent' }, { database });
  b = await createOutboxApp({ ...ENV, LOG_LEVEL: 'silent' }, { database: other });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  if (other && other !== database) await other.close();
  await database?.close();
});

describe('two instances sharing one database', () => {
  it('serve one call alternately, step by step, and file one report whose text goes out once', async () => {
    const caller = new FaultCaller([a.app, b.app]);
    await reportUntilLastAnswer(caller);
    await caller.say(LAST_ANSWER);
    const number = confirmationHeard(caller.heard());
    expect(number).toMatch(/^\d{9}$/);
    await caller.press('2'); // no repeat
    await caller.say('yes please'); // text me the number
    expect(caller.heard()).toMatch(/You'll get a text/);
    expect(caller.hungUp()).toBe(true);

    const steps = caller.requests.filter((r) => r.url.includes('/voice/'));
    expect(new Set(steps.map((r) => r.instance))).toEqual(new Set([0, 1]));
    const turns = await turnsOf(database.db, caller.callSid);
    expect(turns.map((x) => x.seq)).toEqual(turns.map((_, i) => i + 1));
    expect((await sessionOf(database.db, caller.callSid))?.seq).toBe(turns.length);
    expect((await requestsOfCall(database.db, caller.callSid)).map((r) => r.confirmation)).toEqual([number]);

    const [sentByA, sentByB] = await Promise.all([a.app.outbox.drain(), b.app.outbox.drain()]);
    const texts = [...a.http.texts(), ...b.http.texts()].filter((r) => r.data.To === caller.params.From);
    expect(texts).toHaveLength(1);
    expect(sentByA + sentByB).toBeGreaterThanOrEqual(1);
    const [row] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `sms:confirmation:${caller.callSid}`));
    expect(row?.status).toBe('sent');
  });

  it('serve two calls at once, interleaved, without mixing them up', async () => {
    const one = new FaultCaller([a.app, b.app]);
    const two = new FaultCaller([b.app, a.app]);
    await Promise.all([reportUntilLastAnswer(one), reportUntilLastAnswer(two)]);
    await Promise.all([one.say(LAST_ANSWER), two.say(LAST_ANSWER)]);
    const numbers = [confirmationHeard(one.heard()), confirmationHeard(two.heard())];
    expect(numbers[0]).not.toBe(numbers[1]);
    expect((await requestsOfCall(database.db, one.callSid)).map((r) => r.confirmation)).toEqual([numbers[0]]);
    expect((await requestsOfCall(database.db, two.callSid)).map((r) => r.confirmation)).toEqual([numbers[1]]);
  });

  it('give each waiting call-back to exactly one agent, whichever instance the agents reach', async () => {
    await database.db.delete(callbacks);
    const numbers = Array.from({ length: 6 }, (_, i) => `+1443555${String(7000 + i)}`);
    for (const [i, number] of numbers.entries()) {
      await database.db.insert(callbacks).values({
        callSid: newCallSid(),
        queue: 'police-non-emergency',
        number,
        reason: '',
        status: 'waiting',
        joinedAt: sql`now() - make_interval(mins => ${30 - i})`,
      });
    }
    const agentLine = (app: OutboxTestApp, agent: string) =>
      signedPost(app.app, {
        url: '/voice/agent',
        params: twilioCallParams({ from: agent, to: '+14432630311', callStatus: 'in-progress' }),
        authToken: TEST_AUTH_TOKEN,
        publicBaseUrl: TEST_PUBLIC_BASE_URL,
      });

    const dialled: string[] = [];
    for (let round = 0; round < numbers.length; round++) {
      // Both agents ask at the same moment, each through a different instance.
      const answers = await Promise.all([agentLine(a, AGENTS[0]!), agentLine(b, AGENTS[1]!)]);
      for (const answer of answers) {
        const dial = dialOf(assertValidTwiml(answer.body));
        const target = dial?.targets[0];
        if (target?.noun === 'Number') dialled.push(target.value);
      }
    }
    expect(dialled.sort()).toEqual([...numbers].sort());
    const rows = await database.db.select().from(callbacks);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(numbers.map(() => ['calling', 1]));
  });
});
