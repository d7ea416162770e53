import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbacks, queueWaits } from '../../db/schema/index.js';
import { queueFigures } from '../../src/queue/figures.js';
import type { TestApp } from '../helpers/app.js';
import { newCallSid } from '../../scripts/softphone/call-params.js';
import { agentCall, callPolice, POLICE, POLICE_AGENT, queueTestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await queueTestApp();
});
afterAll(async () => t?.close());

const hourAgo = () => new Date(Date.now() - 60 * 60 * 1000);
const soon = () => new Date(Date.now() + 60 * 1000);

describe('queue figures for supervisors', () => {
  it('gives the median and 90th percentile wait, the abandon rate and the call-backs per queue', async () => {
    const ended = (queue: string, result: string, queueTimeS: number) => ({
      callSid: newCallSid(),
      queue,
      reason: 'test',
      joinedAt: sql`now() - interval '30 minutes'`,
      endedAt: sql`now()`,
      result,
      queueTimeS,
    });
    // Ten waits of 60..600 s: median 330; 90th percentile at rank 0.9 × 9 = 8.1, so 540 + 0.1 × 60 = 546.
    const waits = [60, 120, 180, 240, 300, 360, 420, 480, 540, 600];
    await t.app.db.insert(queueWaits).values([
      ...waits.map((s, i) => ended('figures-q', i < 3 ? 'hangup' : 'bridged', s)),
      ended('figures-q', 'unstaffed', 0),
      // Outside the period: not counted.
      { ...ended('figures-q', 'hangup', 9999), joinedAt: sql`now() - interval '3 days'` },
    ]);
    const callback = (status: 'waiting' | 'answered' | 'failed' | 'pending', attempts: number) => ({
      callSid: newCallSid(),
      queue: 'figures-q',
      number: '+14435550000',
      joinedAt: sql`now() - interval '30 minutes'`,
      status,
      attempts,
    });
    await t.app.db
      .insert(callbacks)
      .values([callback('answered', 1), callback('answered', 2), callback('failed', 3), callback('waiting', 0), callback('pending', 0)]);

    const figures = (await queueFigures(t.app.db, { from: hourAgo(), to: soon() })).find((f) => f.queue === 'figures-q');
    expect(figures).toEqual({
      queue: 'figures-q',
      held: 10,
      medianWaitS: 330,
      p90WaitS: 546,
      abandoned: 3,
      abandonRate: 0.3,
      turnedAway: 1,
      callbacksMade: 4,
      callbacksAnswered: 2,
      callbacksFailed: 1,
      callbacksOpen: 1,
      callbackAttempts: 6,
    });
  });

  it('counts what real calls recorded: a caller who held and hung up, and a call-back made', async () => {
    const caller = await callPolice(t);
    await caller.press('1');
    await caller.press('1');
    await caller.say('fireworks every night');
    const abandoner = await callPolice(t);
    await abandoner.hangUp();
    // The agent takes the call-back.
    const agent = await agentCall(t, POLICE_AGENT);
    expect(agent.body).toContain('+14105550100');

    const police = (await queueFigures(t.app.db, { from: hourAgo(), to: soon() })).find((f) => f.queue === POLICE);
    expect(police).toMatchObject({ held: 2, abandoned: 1, abandonRate: 0.5, callbacksMade: 1, callbacksOpen: 1, callbackAttempts: 1 });
  });

  it('has nothing to say about a period without calls', async () => {
    expect(await queueFigures(t.app.db, { from: new Date('2001-01-01'), to: new Date('2001-01-02') })).toEqual([]);
  });
});
