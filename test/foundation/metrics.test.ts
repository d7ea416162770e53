import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { callbacks, outbox, queueWaits } from '../../db/schema/index.js';
import { lineGauges } from '../../src/health/line-gauges.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';

/** The value of one sample in Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(',') : [];
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

async function scrape(t: TestApp, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: '/metrics', headers });
}

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('answers Prometheus text to a scraper on this machine, with process metrics', async () => {
    const response = await scrape(t);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toMatch(/^# TYPE voice_webhook_duration_seconds histogram$/m);
    expect(sample(response.body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(response.body, 'db_up')).toBe(1);
  });

  it('refuses a scraper on another machine when no token is set, whatever X-Forwarded-For claims', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(response.statusCode).toBe(403);
  });

  it('times a webhook in the histogram, by route', async () => {
    const before = sample((await scrape(t)).body, 'voice_webhook_duration_seconds_count', { route: '/voice/incoming' }) ?? 0;
    await t.caller().start();
    const after = sample((await scrape(t)).body, 'voice_webhook_duration_seconds_count', { route: '/voice/incoming' });
    expect(after).toBe(before + 1);
  });

  it('counts a refused webhook as a 4xx response', async () => {
    const before = sample((await scrape(t)).body, 'http_responses_total', { status_class: '4xx' }) ?? 0;
    const refused = await t.app.inject({
      method: 'POST',
      url: '/voice/incoming',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      payload: new URLSearchParams(twilioCallParams({})).toString(),
    });
    expect(refused.statusCode).toBe(403);
    expect(sample((await scrape(t)).body, 'http_responses_total', { status_class: '4xx' })).toBe(before + 1);
  });

  it('counts a caller sent to the fallback URL', async () => {
    const before = sample((await scrape(t)).body, 'fallbacks_total', { reason: 'twilio_fallback' });
    expect(before).toBe(0);
    await signedPost(t.app, { url: '/voice/fallback', params: twilioCallParams({}), authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
    expect(sample((await scrape(t)).body, 'fallbacks_total', { reason: 'twilio_fallback' })).toBe(1);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: token });
  });
  afterAll(async () => t?.close());

  it('needs the bearer token, even from this machine', async () => {
    expect((await scrape(t)).statusCode).toBe(401);
    expect((await scrape(t, { authorization: 'Bearer wrong-token-0123456789' })).statusCode).toBe(401);
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${token}` } });
    expect(remote.statusCode).toBe(200);
  });
});

describe('the line gauges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('reflect queue, call-back and outbox rows, read at most every few seconds', async () => {
    const sid = () => `CA${crypto.randomUUID().replace(/-/g, '')}`;
    await t.app.db.insert(queueWaits).values([
      { callSid: sid(), queue: 'police-non-emergency' },
      { callSid: sid(), queue: 'police-non-emergency' },
      { callSid: sid(), queue: 'operator' },
      // Ended, and lost for hours: neither is holding.
      { callSid: sid(), queue: 'operator', endedAt: sql`now()` },
      { callSid: sid(), queue: 'operator', joinedAt: sql`now() - interval '5 hours'` },
    ]);
    await t.app.db.insert(callbacks).values([
      { callSid: sid(), queue: 'police-non-emergency', number: '+14105550111', joinedAt: sql`now()`, status: 'waiting' },
      { callSid: sid(), queue: 'police-non-emergency', number: '+14105550112', joinedAt: sql`now()`, status: 'waiting', nextAttemptAt: sql`now() + interval '10 minutes'` },
    ]);
    await t.app.db.insert(outbox).values([
      { kind: 'sms', payload: {}, dedupeKey: 'a', createdAt: sql`now() - interval '90 seconds'` },
      { kind: 'sms', payload: {}, dedupeKey: 'b' },
      { kind: 'sms', payload: {}, dedupeKey: 'c', status: 'sent' },
    ]);
    const body = (await scrape(t)).body;
    expect(sample(body, 'queue_waiting_callers', { queue: 'police-non-emergency' })).toBe(2);
    expect(sample(body, 'queue_waiting_callers', { queue: 'operator' })).toBe(1);
    expect(sample(body, 'callbacks_due')).toBe(1);
    expect(sample(body, 'outbox_pending')).toBe(2);
    expect(sample(body, 'outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(body, 'outbox_oldest_age_seconds')).toBeLessThan(120);

    // Within the cache's few seconds a scrape does not read the database again.
    await t.app.db.insert(outbox).values({ kind: 'sms', payload: {}, dedupeKey: 'd' });
    expect(sample((await scrape(t)).body, 'outbox_pending')).toBe(2);
  });

  it('count a call in progress until Twilio reports its end', async () => {
    // Read without the cache, straight into this app's gauges.
    const gauges = lineGauges(t.app.db, t.app.metrics, 0);
    const inProgress = async () => {
      await gauges.refresh();
      return (await t.app.metrics.callsInProgress.get()).values[0]!.value;
    };
    const before = await inProgress();
    const caller = t.caller();
    await caller.start();
    expect(await inProgress()).toBe(before + 1);
    await signedPost(t.app, {
      url: '/voice/status',
      params: { ...twilioCallParams({ callSid: caller.callSid }), CallStatus: 'completed', CallDuration: '42' },
      authToken: TEST_AUTH_TOKEN,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(await inProgress()).toBe(before);
  });
});
