import { afterEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import { enqueueOutbox } from '../../src/outbox/enqueue.js';
import { createOutboxApp, later, twilioError, created, type OutboxTestApp } from './harness.js';

let t: OutboxTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const CALLER = '+14105550123';
const BODY = 'Your report about the pothole on Elm Street is 2024-000123';

function expectNoCallerData(logs: string) {
  expect(logs).not.toContain(CALLER);
  expect(logs).not.toContain(CALLER.slice(2)); // 4105550123, however it is formatted
  expect(logs).not.toContain('4105550199');
  expect(logs).not.toContain('Elm Street');
  expect(logs).not.toContain('pothole');
}

it('logs sends, retries and failures without any phone number or message body', async () => {
  t = await createOutboxApp({ OUTBOX_BACKOFF_MS: '1000' });
  const { app, http, logs } = t;
  await enqueueOutbox(app.db, { kind: 'sms', to: CALLER, body: BODY }, 'log:sms');
  await enqueueOutbox(app.db, { kind: 'call', to: '+14105550199', url: 'https://311.example.org/voice/callback/9' }, 'log:call');
  await enqueueOutbox(app.db, { kind: 'sms', to: '+14105550199', body: 'pothole follow-up' }, 'log:invalid');
  // Twilio's error messages quote the number: first a 500 for everything, then a 400 for one.
  http.failWith(500);
  await app.outbox.drain();
  http.answerWith((request) => (request.data.Body === 'pothole follow-up' ? twilioError(400, 21211) : created(request)));
  await app.outbox.drain({ now: later(5) });

  expect(http.requests).toHaveLength(6);
  const messages = logs.messages();
  expect(messages).toContain('outbox send failed; will retry');
  expect(messages).toContain('outbox message sent');
  expect(messages).toContain('outbox message failed for good');
  expectNoCallerData(logs.text());
  // Nor in what supervisors see of the failure.
  const [failed] = await app.db.select().from(outbox).where(eq(outbox.dedupeKey, 'log:invalid'));
  expect(failed?.lastError).toBe('TWILIO_HTTP_400 code 21211');
});

it('without Twilio credentials only logs that it would have sent, and marks the message sent', async () => {
  t = await createOutboxApp({ TWILIO_ACCOUNT_SID: '' });
  const { app, http, logs } = t;
  await enqueueOutbox(app.db, { kind: 'sms', to: CALLER, body: BODY }, 'log-only:sms');
  await enqueueOutbox(app.db, { kind: 'call', to: '+14105550199', url: 'https://311.example.org/voice/callback/9?n=1' }, 'log-only:call');

  expect(app.twilio.mode).toBe('log-only');
  expect(await app.outbox.drain()).toBe(2);

  expect(http.requests).toHaveLength(0);
  const messages = logs.messages();
  expect(messages).toContain('log-only: would have sent a text');
  expect(messages).toContain('log-only: would have placed a call');
  expectNoCallerData(logs.text());
  const rows = await app.db.select().from(outbox);
  expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
  expect(rows.map((r) => r.providerSid?.slice(0, 5)).sort()).toEqual(['CAlog', 'SMlog']);
});
