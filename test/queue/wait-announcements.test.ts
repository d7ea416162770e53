import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueWaits } from '../../db/schema/index.js';
import type { TestApp } from '../helpers/app.js';
import { assertValidTwiml, elementsOf, spokenText, type TwimlElement } from '../helpers/twiml.js';
import { newCallSid } from '../../scripts/softphone/call-params.js';
import { POLICE, post, queueTestApp, waitRequest, waitRow } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await queueTestApp({ QUEUE_ANNOUNCE_EVERY_S: '60' });
});
afterAll(async () => t?.close());

/** What a caller on hold hears from one waitUrl answer. */
async function hold(params: Record<string, string>, callSid = newCallSid(), queue = POLICE) {
  const response = await waitRequest(t, callSid, params, queue);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/xml/);
  // waitUrl documents end without a Redirect: Twilio requests them again.
  const doc = assertValidTwiml(response.body, { gatherFallthrough: 'none' });
  return { doc, said: spokenText(doc).join(' '), callSid };
}

function gatherIn(doc: TwimlElement): TwimlElement | undefined {
  return elementsOf(doc).find((e) => e.name === 'Gather');
}

describe('announcements on hold', () => {
  it('tells the first caller in line they are next', async () => {
    const { said } = await hold({ QueuePosition: '1', CurrentQueueSize: '1', AvgQueueTime: '30' });
    expect(said).toMatch(/You are next in line\. The estimated wait is about one minute\./);
  });

  it('estimates from the position and the average wait of those holding', async () => {
    // Five holding for 2 minutes on average: a full wait is about 4, the third in line has 3/5 of it.
    expect((await hold({ QueuePosition: '3', CurrentQueueSize: '5', AvgQueueTime: '120' })).said).toMatch(
      /You are number 3 in line\. The estimated wait is about 3 minutes\./,
    );
    expect((await hold({ QueuePosition: '10', CurrentQueueSize: '10', AvgQueueTime: '600' })).said).toMatch(
      /number 10 in line\. The estimated wait is about 20 minutes\./,
    );
    expect((await hold({ QueuePosition: '2', CurrentQueueSize: '2', AvgQueueTime: '3000' })).said).toMatch(
      /more than an hour/,
    );
  });

  it('says "a few minutes" when neither Twilio nor our history knows anything', async () => {
    const { said } = await hold({ QueuePosition: '4', CurrentQueueSize: '4', AvgQueueTime: '0' }, newCallSid(), 'operator');
    expect(said).toMatch(/number 4 in line\. Someone will be with you in a few minutes\./);
    expect(said).not.toMatch(/minutes?\.\s*The estimated/);
  });

  it('falls back on recent answered waits in the same queue when Twilio has no average', async () => {
    await t.app.db.insert(queueWaits).values(
      [240, 360].map((s, i) => ({
        callSid: newCallSid(),
        queue: 'history-check',
        reason: 'test',
        joinedAt: sql`now() - interval '20 minutes'`,
        endedAt: sql`now() - interval '${sql.raw(String(10 + i))} minutes'`,
        result: 'bridged',
        queueTimeS: s,
      })),
    );
    const { said } = await hold({ QueuePosition: '1', CurrentQueueSize: '2' }, newCallSid(), 'history-check');
    // Recent callers waited 5 minutes on average; the first of two has half of that ahead.
    expect(said).toMatch(/next in line\. The estimated wait is about 3 minutes\./);
  });

  it('answers valid TwiML with the parameters missing or garbage', async () => {
    const missing = await hold({});
    expect(missing.said).toMatch(/a few minutes/);
    expect(missing.said).not.toMatch(/number|next in line/);
    const garbage = await hold({ QueuePosition: '-3', CurrentQueueSize: 'lots', AvgQueueTime: '1e309' });
    expect(garbage.said).toMatch(/a few minutes/);
    expect(garbage.said).not.toMatch(/number -|NaN|Infinity/);

    const noCall = await post(t, `/voice/queue/wait?queue=${POLICE}`, { QueuePosition: '1' });
    expect(noCall.statusCode).toBe(200);
    expect(spokenText(assertValidTwiml(noCall.body, { gatherFallthrough: 'none' }))).toEqual([]);
    const noQueue = await post(t, '/voice/queue/wait?queue=%3Cscript%3E', { CallSid: newCallSid() });
    expect(noQueue.statusCode).toBe(200);
    assertValidTwiml(noQueue.body, { gatherFallthrough: 'none' });
  });

  it('plays hold music inside a Gather that takes "1" for a call-back', async () => {
    const { doc } = await hold({ QueuePosition: '2', CurrentQueueSize: '2', AvgQueueTime: '60' });
    const gather = gatherIn(doc);
    expect(gather?.attributes).toMatchObject({ numDigits: '1', input: 'dtmf' });
    expect(gather?.attributes.action).toBe(`https://311.example.org/voice/queue/callback?queue=${POLICE}&stage=offer&in=1&tries=0`);
    expect(elementsOf(gather!).map((e) => e.name)).toEqual(['Say', 'Play']);
    expect(spokenText(doc).join(' ')).toMatch(/hang up and get a call back, keeping your place in line, press 1/);
  });

  it('speaks Spanish to a caller who chose Spanish', async () => {
    const caller = t.caller();
    await caller.start();
    await caller.press('9');
    const response = await waitRequest(t, caller.callSid, { QueuePosition: '2', CurrentQueueSize: '3', AvgQueueTime: '90' });
    const doc = assertValidTwiml(response.body, { gatherFallthrough: 'none' });
    expect(spokenText(doc).join(' ')).toMatch(/Usted es el número 2 en la fila\. El tiempo estimado de espera es de unos 2 minutos\./);
    const say = elementsOf(gatherIn(doc)!).find((e) => e.name === 'Say');
    expect(say?.attributes).toMatchObject({ language: 'es-US', voice: 'Polly.Lupe-Neural' });
  });
});

describe('a caller sent to the operator by the technical-trouble fallback', () => {
  it('is announced to and recorded like any other wait', async () => {
    const callSid = newCallSid();
    const { said } = await hold({ QueuePosition: '2', CurrentQueueSize: '2', AvgQueueTime: '45' }, callSid, 'operator');
    expect(said).toMatch(/number 2 in line/);
    expect(await waitRow(t, callSid)).toMatchObject({ queue: 'operator', reason: 'fallback', endedAt: null });
  });
});

describe('the rhythm of announcements', () => {
  it('announces once, plays only hold audio until QUEUE_ANNOUNCE_EVERY_S has passed, then announces again', async () => {
    const params = { QueuePosition: '3', CurrentQueueSize: '3', AvgQueueTime: '100' };
    const first = await hold(params);
    expect(first.said).toMatch(/number 3 in line/);

    for (let i = 0; i < 3; i++) {
      const between = await hold(params, first.callSid);
      expect(between.said).toBe('');
      expect(elementsOf(gatherIn(between.doc)!).map((e) => e.name)).toEqual(['Play']);
    }

    await t.app.db
      .update(queueWaits)
      .set({ lastAnnouncedAt: sql`now() - interval '61 seconds'` })
      .where(eq(queueWaits.callSid, first.callSid));
    expect((await hold({ ...params, QueuePosition: '2' }, first.callSid)).said).toMatch(/number 2 in line/);
  });
});

describe('hold audio setting', () => {
  it('pauses for the announcement interval when hold music is off', async () => {
    const quiet = await queueTestApp({ QUEUE_HOLD_MUSIC_URL: 'none', QUEUE_ANNOUNCE_EVERY_S: '30' });
    try {
      const response = await waitRequest(quiet, newCallSid(), { QueuePosition: '1' });
      const doc = assertValidTwiml(response.body, { gatherFallthrough: 'none' });
      const pause = elementsOf(gatherIn(doc)!).find((e) => e.name === 'Pause');
      expect(pause?.attributes.length).toBe('30');
    } finally {
      await quiet.close();
    }
  });
});
