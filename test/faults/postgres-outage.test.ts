/**
 * The database fails under a live call, on a PostgreSQL cluster of this file's own: stopped
 * (a crash), slow (a lock held by someone else), frozen (a host that stops answering), and
 * killed in the middle of the commit that files a report. Every webhook keeps answering spoken
 * TwiML within the bound, and no confirmation number is ever read for a report not committed.
 *
 * Runs on the pass without DATABASE_URL only: it never uses the shared database, so the
 * PostgreSQL pass of .ci/run would repeat exactly the same test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../db/client.js';
import { seed } from '../../db/seed/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { assertValidTwiml, enqueueOf, spokenText } from '../helpers/twiml.js';
import { canRunThrowawayPostgres, createThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-postgres.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import {
  confirmationHeard,
  FaultCaller,
  freshCallerNumber,
  LAST_ANSWER,
  reportUntilLastAnswer,
  requestsOfCall,
  sessionOf,
  TECHNICAL_TROUBLE,
  timed,
} from './harness.js';

const DB_TIMEOUT_MS = 1000;
/** Twilio gives up after 15 s; we promise far less: the database budget and 1.5 s to spare. */
const BOUND_MS = DB_TIMEOUT_MS + 1500;

const enabled = canRunThrowawayPostgres() && !process.env.DATABASE_URL;

let cluster: ThrowawayPostgres;
let database: Database;
/** A connection of the test's own, for faults injected from outside the service. */
let admin: postgres.Sql;
let t: TestApp;

beforeAll(async () => {
  if (!enabled) return;
  cluster = await createThrowawayPostgres();
  database = await openDatabase({ databaseUrl: cluster.url, dataDir: '', timeoutMs: DB_TIMEOUT_MS, poolSize: 4 });
  await database.migrate();
  await seed(database.db);
  admin = postgres(cluster.url, { max: 3, onnotice: () => {} });
  t = await createTestApp({ DB_TIMEOUT_MS: String(DB_TIMEOUT_MS), QUEUE_AGENTS: 'operator=+14105550002' }, { database });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await admin?.end({ timeout: 1 }).catch(() => {});
  await database?.close().catch(() => {});
  await cluster?.destroy();
});

function post(url: string, params: Record<string, string>) {
  return signedPost(t.app, { url, params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
}

/** Every voice webhook Twilio can request during a call, with what it would send. */
function everyVoiceWebhook(callSid: string): [string, Record<string, string>][] {
  const call = twilioCallParams({ callSid, from: freshCallerNumber(), callStatus: 'in-progress' });
  return [
    ['/voice/incoming', twilioCallParams({ from: freshCallerNumber() })],
    ['/voice/step?seq=1', { ...call, Digits: '1' }],
    ['/voice/step?seq=1&silence=1', call],
    ['/voice/queue/wait?queue=operator', { ...call, QueuePosition: '1', QueueTime: '30', AvgQueueTime: '60', CurrentQueueSize: '1' }],
    ['/voice/queue/callback?queue=operator&stage=offer&in=1&tries=0', { ...call, Digits: '1' }],
    ['/voice/queue/done?queue=operator', { ...call, QueueResult: 'leave', QueueTime: '40' }],
    ['/voice/queue/whisper?queue=operator', call],
    ['/voice/agent', twilioCallParams({ from: '+14105550002', to: '+14432630311', callStatus: 'in-progress' })],
    ['/voice/agent/callback-done?callback=1', { ...call, DialCallStatus: 'completed' }],
    ['/voice/agent/after', call],
    ['/voice/fallback', { ...call, ErrorCode: '11200', ErrorUrl: `${TEST_PUBLIC_BASE_URL}/voice/step?seq=1` }],
    ['/voice/status', { ...call, CallStatus: 'completed', CallDuration: '61' }],
  ];
}

/** Posts every voice webhook and checks each answers valid TwiML with a 200, within the bound. */
async function expectEveryWebhookAnswers(callSid: string) {
  for (const [url, params] of everyVoiceWebhook(callSid)) {
    const { value: response, ms } = await timed(post(url, params));
    expect(response.statusCode, url).toBe(200);
    expect(response.headers['content-type'], url).toMatch(/^text\/xml/);
    assertValidTwiml(response.body, { gatherFallthrough: url.includes('/queue/wait') ? 'none' : 'redirect' });
    expect(ms, `${url} took ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
  }
}

async function readyz() {
  return (await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode;
}

/** /readyz once the database is back: postgres.js reconnects on the next query. */
async function eventuallyReady(timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await readyz()) === 200) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** A call that has heard the first question, so the call is live when the fault hits. */
async function liveCall() {
  const caller = new FaultCaller(t.app);
  await caller.start();
  expect(caller.heard()).toMatch(/How can I help you today\?/);
  return caller;
}

function expectApologyAndOperator(caller: FaultCaller) {
  expect(caller.heard()).toMatch(TECHNICAL_TROUBLE);
  expect(caller.enqueuedIn()).toBe('operator');
  expect(caller.slowest()).toBeLessThan(BOUND_MS);
}

describe.skipIf(!enabled)('PostgreSQL stopped mid-call', () => {
  it('tells the caller, puts them in the operator queue, answers every webhook in time, and recovers', async () => {
    const caller = await liveCall();
    expect(await readyz()).toBe(200);

    await cluster.stop('immediate');
    await caller.press('1');
    expectApologyAndOperator(caller);
    // On hold, the waitUrl keeps answering hold audio.
    await caller.silence();
    expect(caller.slowest()).toBeLessThan(BOUND_MS);
    await expectEveryWebhookAnswers(caller.callSid);
    expect(await readyz()).toBe(503);

    await cluster.start();
    expect(await eventuallyReady()).toBe(true);
    const after = new FaultCaller(t.app);
    await after.start();
    await after.press('1');
    expect(after.heard()).toMatch(/tell me the problem you're reporting/);
  });

  it('answers /voice/fallback from memory while the database is gone', async () => {
    await cluster.stop('immediate');
    try {
      const { value: response, ms } = await timed(post('/voice/fallback', { ...twilioCallParams({}), ErrorCode: '11205', ErrorUrl: `${TEST_PUBLIC_BASE_URL}/voice/incoming` }));
      expect(response.statusCode).toBe(200);
      expect(spokenText(assertValidTwiml(response.body)).join(' ')).toMatch(TECHNICAL_TROUBLE);
      expect(enqueueOf(response.body)?.name).toBe('operator');
      expect(ms).toBeLessThan(200);
    } finally {
      await cluster.start();
      await eventuallyReady();
    }
  });
});

describe.skipIf(!enabled)('PostgreSQL slow or hung mid-call', () => {
  it('answers within the bound when statements wait on a lock held elsewhere (statement_timeout)', async () => {
    const caller = await liveCall();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const locker = admin.begin(async (sql) => {
      await sql`lock table call_sessions in access exclusive mode`;
      locked();
      await held;
    });
    await isLocked;
    try {
      await caller.press('1');
      expectApologyAndOperator(caller);
      await expectEveryWebhookAnswers(caller.callSid);
    } finally {
      release();
      await locker;
    }
    // The session was not advanced by the step that timed out.
    expect((await sessionOf(database.db, caller.callSid))?.seq).toBe(1);
  });

  it('answers within the bound when the database host stops answering at all, and recovers', async () => {
    const caller = await liveCall();
    await cluster.freeze();
    try {
      await caller.press('1');
      expectApologyAndOperator(caller);
      await expectEveryWebhookAnswers(caller.callSid);
      expect(await readyz()).toBe(503);
    } finally {
      await cluster.thaw();
    }
    expect(await eventuallyReady()).toBe(true);
  });
});

describe.skipIf(!enabled)('a report whose commit fails', () => {
  /** Runs `body` in a deferred constraint trigger: after the insert, inside COMMIT. */
  async function atCommit(body: string) {
    await admin.unsafe(`
      create or replace function fault_at_commit() returns trigger language plpgsql as $$
      begin ${body}; return null; end $$;
      drop trigger if exists fault_at_commit on service_requests;
      create constraint trigger fault_at_commit after insert on service_requests
        deferrable initially deferred for each row execute function fault_at_commit();
    `);
  }
  async function noFaultAtCommit() {
    await admin.unsafe('drop trigger if exists fault_at_commit on service_requests; drop function if exists fault_at_commit();');
  }
  afterEach(async () => {
    if (enabled && cluster.running()) await noFaultAtCommit();
  });

  it('reads no number when the connection dies during COMMIT, and files nothing', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    const seqBefore = (await sessionOf(database.db, caller.callSid))!.seq;
    await atCommit('perform pg_terminate_backend(pg_backend_pid())');
    try {
      await caller.say(LAST_ANSWER);
    } finally {
      await noFaultAtCommit();
    }
    expect(confirmationHeard(caller.heard())).toBeUndefined();
    expectApologyAndOperator(caller);
    expect(await requestsOfCall(database.db, caller.callSid)).toEqual([]);
    expect((await sessionOf(database.db, caller.callSid))!.seq).toBe(seqBefore);
  });

  it('never reads a number that is not in the database when PostgreSQL crashes during COMMIT', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    // The commit waits on a lock the test holds; the test crashes the cluster while it waits.
    const holder = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await holder`select pg_advisory_lock(311311)`;
    await atCommit('perform pg_advisory_xact_lock(311311)');
    const answered = caller.say(LAST_ANSWER);
    for (let i = 0; i < 400; i++) {
      const [waiting] = await holder`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`;
      if (waiting?.n) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await cluster.stop('immediate');
    await holder.end({ timeout: 0 }).catch(() => {});
    await answered;
    await cluster.start();
    expect(await eventuallyReady()).toBe(true);
    // The test's own connections died with the cluster: a new one removes the fault.
    await admin.end({ timeout: 0 }).catch(() => {});
    admin = postgres(cluster.url, { max: 3, onnotice: () => {} });
    await noFaultAtCommit();

    const heard = confirmationHeard(caller.heard());
    const rows = await requestsOfCall(database.db, caller.callSid);
    if (heard) expect(rows.map((r) => r.confirmation)).toEqual([heard]);
    else {
      expectApologyAndOperator(caller);
      expect(rows).toEqual([]);
    }
  });
});

describe.skipIf(!enabled)('a report read back to the caller', () => {
  it('survives a crash of PostgreSQL and a restart of the service, and the status line reads it', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    await caller.say(LAST_ANSWER);
    const number = confirmationHeard(caller.heard());
    expect(number).toMatch(/^\d{9}$/);

    await t.close();
    await cluster.stop('immediate');
    await cluster.start();
    t = await createTestApp({ DB_TIMEOUT_MS: String(DB_TIMEOUT_MS), QUEUE_AGENTS: 'operator=+14105550002' }, { database });
    expect(await eventuallyReady()).toBe(true);

    expect((await requestsOfCall(database.db, caller.callSid)).map((r) => r.confirmation)).toEqual([number]);
    const status = new FaultCaller(t.app);
    await status.start();
    await status.press('2');
    await status.press(`${number}#`);
    expect(status.heard()).toContain(number!.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3'));
    expect(status.heard()).toMatch(/Pothole/);
  });
});
