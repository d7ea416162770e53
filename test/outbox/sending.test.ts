import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import { enqueueOutbox } from '../../src/outbox/enqueue.js';
import { createTestDatabase } from '../helpers/database.js';
import { LINE_NUMBER, SMS_FROM, TEST_ACCOUNT_SID, createOutboxApp, later, type OutboxTestApp } from './harness.js';

let database: Database;
let t: OutboxTestApp;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function start(env: Record<string, string> = {}) {
  await database.db.delete(outbox);
  t = await createOutboxApp(env, { database });
  return t;
}
afterEach(async () => {
  await t?.close();
});

async function rowByKey(key: string) {
  const [row] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, key));
  return row;
}

describe('the outbox worker', () => {
  it('sends a text enqueued in a committed transaction, To the caller, From SMS_FROM, with its body', async () => {
    const { app, http } = await start();
    await app.db.transaction(async (tx) => {
      await enqueueOutbox(tx, { kind: 'sms', to: '+14105550123', body: 'Your 311 number is 1234-5678.' }, 'confirm:1');
    });

    expect(await app.outbox.drain()).toBe(1);

    expect(http.requests).toHaveLength(1);
    const [request] = http.requests;
    expect(request?.method).toBe('post');
    expect(request?.uri).toBe(`https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages.json`);
    expect(request?.data).toEqual({ To: '+14105550123', From: SMS_FROM, Body: 'Your 311 number is 1234-5678.' });
    const row = await rowByKey('confirm:1');
    expect(row?.status).toBe('sent');
    expect(row?.providerSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
  });

  it('never sends a text enqueued in a transaction that rolled back', async () => {
    const { app, http } = await start();
    await expect(
      app.db.transaction(async (tx) => {
        await enqueueOutbox(tx, { kind: 'sms', to: '+14105550124', body: 'never' }, 'rolled-back:1');
        throw new Error('the request could not be saved');
      }),
    ).rejects.toThrow('the request could not be saved');

    expect(await app.outbox.drain({ now: later(60) })).toBe(0);
    expect(http.requests).toHaveLength(0);
    expect(await rowByKey('rolled-back:1')).toBeUndefined();
  });

  it('sends once when a retried webhook enqueues the same dedupe key again', async () => {
    const { app, http } = await start();
    for (let i = 0; i < 3; i++) {
      await app.db.transaction(async (tx) => {
        await enqueueOutbox(tx, { kind: 'sms', to: '+14105550125', body: 'Request closed.' }, 'closed:42');
      });
    }
    await app.outbox.drain();
    // Even after the message went out, a late retry of the webhook adds nothing.
    await enqueueOutbox(app.db, { kind: 'sms', to: '+14105550125', body: 'Request closed.' }, 'closed:42');
    await app.outbox.drain({ now: later(60) });

    expect(http.texts()).toHaveLength(1);
  });

  it('places a call-back From the line number, with its TwiML url and status callback', async () => {
    const { app, http } = await start();
    await enqueueOutbox(
      app.db,
      { kind: 'call', to: '+14105550126', url: 'https://311.example.org/voice/callback/7', statusCallback: 'https://311.example.org/voice/status', context: { callbackId: 7 } },
      'callback:7',
    );

    expect(await app.outbox.drain()).toBe(1);

    expect(http.calls()).toHaveLength(1);
    expect(http.calls()[0]?.data).toEqual({
      To: '+14105550126',
      From: LINE_NUMBER,
      Url: 'https://311.example.org/voice/callback/7',
      StatusCallback: 'https://311.example.org/voice/status',
    });
    expect((await rowByKey('callback:7'))?.providerSid).toMatch(/^CA[0-9a-f]{32}$/);
  });

  it('retries a send Twilio answered with 500 after a growing, jittered delay, and sends it once Twilio recovers', async () => {
    const { app, http } = await start({ OUTBOX_BACKOFF_MS: '10000' });
    await enqueueOutbox(app.db, { kind: 'sms', to: '+14105550127', body: 'Your 311 number is 2222-3333.' }, 'retry:1');
    http.failWith(500);

    const before = Date.now();
    expect(await app.outbox.drain()).toBe(0);
    let row = await rowByKey('retry:1');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'TWILIO_HTTP_500 code 20500' });
    // Equal jitter: the first retry waits between half and all of the 10 s base.
    const firstDelay = row!.nextAttemptAt.getTime() - before;
    expect(firstDelay).toBeGreaterThanOrEqual(5000 - 1000);
    expect(firstDelay).toBeLessThanOrEqual(10_000 + 1000);

    // Not due yet: nothing is tried again right away.
    await app.outbox.drain();
    expect(http.requests).toHaveLength(1);

    // Second failure, tried once its time came: the next delay doubles (10–20 s).
    const second = new Date(row!.nextAttemptAt.getTime() + 1);
    await app.outbox.drain({ now: second });
    row = await rowByKey('retry:1');
    expect(row?.attempts).toBe(2);
    const secondDelay = row!.nextAttemptAt.getTime() - second.getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(10_000);
    expect(secondDelay).toBeLessThanOrEqual(20_000);

    http.recover();
    expect(await app.outbox.drain({ now: new Date(row!.nextAttemptAt.getTime() + 1) })).toBe(1);
    expect(http.requests).toHaveLength(3);
    row = await rowByKey('retry:1');
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('marks a message failed after OUTBOX_MAX_ATTEMPTS tries and keeps the row', async () => {
    const { app, http } = await start({ OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_BACKOFF_MS: '1000' });
    await enqueueOutbox(app.db, { kind: 'sms', to: '+14105550128', body: 'doomed' }, 'doomed:1');
    http.failWith(503, 20503);

    for (let minute = 1; minute <= 10; minute++) await app.outbox.drain({ now: later(minute) });

    expect(http.requests).toHaveLength(3);
    const row = await rowByKey('doomed:1');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'TWILIO_HTTP_503 code 20503', providerSid: null });
    const stats = await app.outbox.stats();
    expect(stats.failed).toBe(1);
    expect(stats.pending).toBe(0);
  });

  it('gives up at once on a request Twilio rejects as invalid (400), without retrying', async () => {
    const { app, http } = await start();
    await enqueueOutbox(app.db, { kind: 'sms', to: '+15555555555', body: 'hello' }, 'invalid:1');
    http.failWith(400, 21211);

    await app.outbox.drain();
    await app.outbox.drain({ now: later(60) });

    expect(http.requests).toHaveLength(1);
    expect(await rowByKey('invalid:1')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'TWILIO_HTTP_400 code 21211' });
  });

  it('sends again a message whose worker died after claiming it, once the lease runs out', async () => {
    const { app, http } = await start({ OUTBOX_LEASE_MS: '60000' });
    await enqueueOutbox(app.db, { kind: 'sms', to: '+14105550129', body: 'at least once' }, 'crash:1');
    // A worker claims the row, then its process dies before it can record anything.
    const { claimDue } = await import('../../src/outbox/queries.js');
    expect(await claimDue(app.db, { limit: 10, leaseMs: 60_000 })).toHaveLength(1);

    expect(await app.outbox.drain()).toBe(0);
    expect(await app.outbox.drain({ now: later(2) })).toBe(1);
    expect(http.texts()).toHaveLength(1);
    expect(await rowByKey('crash:1')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('lets a send under way finish and be recorded when the app closes', async () => {
    const { app, http } = await start();
    await enqueueOutbox(app.db, { kind: 'sms', to: '+14105550130', body: 'closing' }, 'closing:1');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    http.answerWith(async (request) => {
      await gate;
      const { created } = await import('./harness.js');
      return created(request);
    });

    const draining = app.outbox.drain();
    while (http.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = app.close();
    setTimeout(release, 50);
    await closing;

    // Recorded by the time close resolves, so the database could close right after.
    expect(await rowByKey('closing:1')).toMatchObject({ status: 'sent' });
    expect(await draining).toBe(1);
  });

  it('sends on its own every OUTBOX_POLL_MS', async () => {
    const { app, http } = await start({ OUTBOX_POLL_MS: '20' });
    await enqueueOutbox(app.db, { kind: 'sms', to: '+14105550131', body: 'by the timer' }, 'timer:1');

    const deadline = Date.now() + 5000;
    while (http.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

    expect(http.texts()).toHaveLength(1);
  });
});
