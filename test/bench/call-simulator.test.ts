/**
 * The bench's call simulator (scripts/bench) against the real app through inject(), so the
 * scripted calls cannot drift from the flow unnoticed. It asserts what the calls did, never how
 * fast: timing belongs to `npm run bench`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNotNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { injectTransport, signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import { callSessions, serviceRequests } from '../../db/schema/index.js';
import { isValidConfirmation } from '../../src/requests/confirmation.js';
import { baselineCall, policeCall, randomReport, reportCall, statusCall, type CallContext } from '../../scripts/bench/calls.js';
import { BASELINE_TWIML, buildBaselineApp } from '../../scripts/bench/baseline-app.js';
import { kindPicker, runPhase } from '../../scripts/bench/load.js';
import type { Transport } from '../../scripts/softphone/call-engine.js';

let t: TestApp;
let baseline: FastifyInstance;
let numbers = 0;

beforeAll(async () => {
  // As the bench runs the service: agents on both queues, room for every caller on hold.
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002', QUEUE_MAX_SIZE: '5000' });
  baseline = await buildBaselineApp(TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL);
});
afterAll(async () => {
  await baseline?.close();
  await t?.close();
});

/** A call context on `app` whose transport counts the webhooks it carries. */
function context(app: FastifyInstance, confirmations: string[] = []) {
  const sent: string[] = [];
  const inject = injectTransport(app, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL);
  const transport: Transport = async (request) => {
    sent.push(new URL(request.url).pathname);
    return inject(request);
  };
  const ctx: CallContext = { transport, publicBaseUrl: TEST_PUBLIC_BASE_URL, from: `+1410555${String(1000 + numbers++)}`, thinkMs: 0, confirmations };
  return { ctx, sent };
}


describe('the bench call simulator', () => {
  it('files a report, reads back a valid confirmation number and ends the call with the status callback', async () => {
    const { ctx, sent } = context(t.app);
    const result = await reportCall(ctx, { ...randomReport([0, 0, 0.5]), place: '1200 North Charles Street' });
    expect(result.merged).toBe(false);
    expect(isValidConfirmation(result.confirmation!)).toBe(true);
    const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.confirmation, result.confirmation!));
    expect(request).toMatchObject({ serviceCode: 'potholes', channel: 'phone', callerNumber: ctx.from });
    expect(sent).toHaveLength(7);
    expect(sent.at(-1)).toBe('/voice/status');
  });

  it("joins a neighbour's open request when the same problem is reported on the same block", async () => {
    const report = { ...randomReport([0, 0, 0.5]), place: '1210 North Charles Street' };
    const first = await reportCall(context(t.app).ctx, report);
    const { ctx, sent } = context(t.app);
    const second = await reportCall(ctx, report);
    expect(second).toMatchObject({ merged: true, confirmation: first.confirmation });
    expect(sent).toHaveLength(8);
  });

  it('checks the status of a confirmation number from an earlier call', async () => {
    const filed = await reportCall(context(t.app).ctx);
    const { ctx, sent } = context(t.app, [filed.confirmation!]);
    await expect(statusCall(ctx)).resolves.toMatchObject({ kind: 'status' });
    expect(sent).toEqual(['/voice/incoming', '/voice/step', '/voice/step', '/voice/step', '/voice/status']);
  });

  it('holds for the police line, hangs up on hold and closes the session', async () => {
    const { ctx, sent } = context(t.app);
    await policeCall(ctx);
    expect(sent).toContain('/voice/queue/wait');
    expect(sent.slice(-2)).toEqual(['/voice/queue/done', '/voice/status']);
    const ended = await t.database.db.select({ sid: callSessions.callSid }).from(callSessions).where(isNotNull(callSessions.endedAt));
    expect(ended.length).toBeGreaterThan(0);
  });

  it('reports an unexpected prompt as a failure of that call, naming the step', async () => {
    const { ctx } = context(t.app);
    // No such confirmation was ever read back: the line says it cannot find the request.
    await expect(statusCall({ ...ctx, confirmations: ['000000000'] })).rejects.toMatchObject({ kind: 'status', step: 'number' });
  });

  it('runs a short phase of concurrent callers with every call completed and no errors', async () => {
    let placed = 0;
    const result = await runPhase(
      { calls: 3, thinkMs: 0, warmupS: 0, durationS: 1 },
      {
        transportFor: (onWebhook) => {
          const inject = injectTransport(t.app, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL);
          return async (request) => {
            const response = await inject(request);
            onWebhook(0, response.status);
            return response;
          };
        },
        publicBaseUrl: TEST_PUBLIC_BASE_URL,
        confirmations: [],
        nextKind: kindPicker({ report: 2, status: 1, police: 1 }),
        nextNumber: () => `+1410556${String(1000 + placed++)}`,
        place: (kind, ctx) => (kind === 'report' ? reportCall(ctx) : kind === 'status' ? statusCall(ctx) : policeCall(ctx)),
      },
    );
    expect(result.errorExamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(placed).toBeGreaterThanOrEqual(3);
    expect(result.webhookCounts.report.every((n) => n === 7 || n === 8)).toBe(true);
  });
});

describe('the baseline server', () => {
  it('answers a call of as many webhooks as asked with its fixed TwiML', async () => {
    const { ctx, sent } = context(baseline);
    await baselineCall(ctx, 12);
    expect(sent).toHaveLength(12);
  });

  it('verifies the signature of every webhook', async () => {
    const response = await signedPost(baseline, {
      url: '/voice/incoming',
      params: twilioCallParams(),
      authToken: 'another-token-0123456789abcdef',
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('a phase window', () => {
  it('counts in latency only the webhooks sent inside it, and in throughput every answer given inside it', async () => {
    // One caller; the phase's very first webhook is slow (sent in the warm-up, answered in the
    // window), every later one quick.
    let sent = 0;
    const result = await runPhase(
      { calls: 1, thinkMs: 0, warmupS: 0.3, durationS: 0.6, drainS: 2 },
      {
        transportFor: (onWebhook) => async () => {
          const ms = sent++ === 0 ? 450 : 5;
          await new Promise((resolve) => setTimeout(resolve, ms));
          onWebhook(ms, 200);
          return { status: 200, contentType: 'text/xml', body: '<Response/>' };
        },
        publicBaseUrl: TEST_PUBLIC_BASE_URL,
        confirmations: [],
        nextKind: () => 'report',
        nextNumber: () => '+14105550100',
        place: async (kind, ctx) => {
          for (let i = 0; i < 3; i++) await ctx.transport({ method: 'POST', url: `${TEST_PUBLIC_BASE_URL}/voice/step`, params: {} });
          return { kind };
        },
      },
    );
    expect(result.errors).toBe(0);
    expect(result.latency.max).toBeLessThan(450);
    expect(result.latency.p50).toBeGreaterThanOrEqual(5);
    // The slow answer came inside the window: it is throughput, not latency.
    expect(result.webhooks).toBeGreaterThan(result.latency.count);
  });

  it('has callers still on the line at its end hang up (the status callback) instead of finishing their calls', async () => {
    const requests: string[] = [];
    const started = performance.now();
    const result = await runPhase(
      { calls: 2, thinkMs: 50, warmupS: 0, durationS: 0.4, drainS: 5 },
      {
        transportFor: (onWebhook) => async (request) => {
          requests.push(request.url.includes('/voice/status') ? `status ${request.params.CallStatus}` : 'answer');
          onWebhook(1, 200);
          return { status: 200, contentType: 'text/xml', body: BASELINE_TWIML };
        },
        publicBaseUrl: TEST_PUBLIC_BASE_URL,
        confirmations: [],
        nextKind: () => 'report',
        nextNumber: () => '+14105550101',
        // A call of 100 answers at ~50 ms each would take 5 s: ten times the window.
        place: (_kind, ctx) => baselineCall(ctx, 100),
      },
    );
    expect(result.errors).toBe(0);
    expect(result.callsCompleted).toBe(0);
    expect(performance.now() - started).toBeLessThan(2000);
    // Each caller's last request was the status callback of a completed (hung-up) call.
    expect(requests.filter((r) => r === 'status completed')).toHaveLength(2);
    expect(requests.at(-1)).toBe('status completed');
  });
});
