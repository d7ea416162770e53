/**
 * What the service writes to its log during whole calls — a report, a refused request, and a
 * call whose database statement fails — holds no caller's number and none of their words.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { AccessLog } from '../../src/access-log.js';
import { loadConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/logging.js';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../helpers/database.js';
import { TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL, twilioCallParams } from '../helpers/twilio-request.js';
import { confirmationHeard, FaultCaller, TECHNICAL_TROUBLE } from './harness.js';

/** One number per call: a second call from the first would be greeted as a repeat caller. */
const CALLERS = ['+14435550187', '+14435550188', '+14435550189'];
const WORDS = {
  problem: 'a pothole outside Zebulon Quackenbush house',
  place: 'behind the Marmaduke laundromat',
  description: 'my neighbour Ophelia Wigglesworth tripped in it',
  wanted: 'please call me at four one zero five five five zero one eight seven',
};

let database: Database;
let app: FastifyInstance;
const lines: string[] = [];

/** A log destination that keeps each line written to it in `into`. */
function lineCollector(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      into.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'b311-logs-')),
    LOG_LEVEL: 'trace',
    OUTBOX_POLL_MS: '0',
    QUEUE_AGENTS: 'operator=+14105550002',
  });
  const stream = lineCollector(lines);
  // The service's own logger options (redaction, phone scrubbing), at its most verbose level.
  app = await buildApp({ config, database, logger: pino(loggerOptions(config.LOG_LEVEL), stream) });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Fails if any log line holds the caller's number (in any common shape) or any of their words. */
function expectNothingPrivate() {
  const text = lines.join('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const number of CALLERS) {
    const [, area, exchange, line] = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number)!;
    for (const shape of [number, number.slice(1), `${area}${exchange}${line}`, `${area}-${exchange}-${line}`, `(${area}) ${exchange}-${line}`, encodeURIComponent(number)]) {
      expect(text).not.toContain(shape);
    }
  }
  for (const words of Object.values(WORDS)) {
    for (const word of words.split(' ').filter((w) => w.length > 6 && /^[A-Z]/.test(w))) expect(text).not.toContain(word);
    expect(text).not.toContain(words);
  }
}

async function reportCall(from: string) {
  const caller = new FaultCaller(app, { from });
  await caller.start();
  await caller.press('1');
  await caller.say(WORDS.problem);
  await caller.say('yes');
  await caller.say(WORDS.place);
  await caller.say(WORDS.place);
  await caller.say(WORDS.description);
  return caller;
}

describe('logs', () => {
  it('hold no caller number or words through a whole report call', async () => {
    const caller = await reportCall(CALLERS[0]!);
    await caller.say(WORDS.wanted);
    expect(confirmationHeard(caller.heard())).toMatch(/^\d{9}$/);
    await caller.press('2');
    await caller.say('yes please');
    expect(caller.hungUp()).toBe(true);
    expectNothingPrivate();
  });

  it('hold no caller number or words when a statement carrying them fails', async () => {
    const caller = await reportCall(CALLERS[1]!);
    // The insert of the report fails: drizzle's error quotes the statement's parameters.
    await database.db.execute(sql.raw(`create or replace function fault_on_insert() returns trigger language plpgsql as $$
      begin raise exception 'injected insert failure'; end $$`));
    await database.db.execute(sql.raw('create trigger fault_on_insert before insert on service_requests for each row execute function fault_on_insert()'));
    try {
      await caller.say(WORDS.wanted);
    } finally {
      await database.db.execute(sql.raw('drop trigger fault_on_insert on service_requests'));
      await database.db.execute(sql.raw('drop function fault_on_insert()'));
    }
    expect(caller.heard()).toMatch(TECHNICAL_TROUBLE);
    expect(lines.some((l) => /injected insert failure/.test(l))).toBe(true);
    expectNothingPrivate();
  });

  it('hold no caller number or words from refused and unreadable requests', async () => {
    const params = { ...twilioCallParams({ from: CALLERS[2]! }), SpeechResult: WORDS.description };
    await app.inject({ method: 'POST', url: '/voice/incoming', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(params).toString() });
    await app.inject({ method: 'POST', url: '/voice/incoming', headers: { 'content-type': 'application/json' }, payload: `{"From":"${CALLERS[2]}","SpeechResult":"${WORDS.description}` });
    await app.inject({
      method: 'POST',
      url: `/voice/step?seq=1&From=${encodeURIComponent(CALLERS[2]!)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...params, pad: 'x'.repeat(70_000) }).toString(),
    });
    expectNothingPrivate();
  });
});

describe('the access log', () => {
  it('is one line per request, with its path but not its query string', async () => {
    const before = lines.length;
    const response = await app.inject({ method: 'GET', url: '/health?probe=lb&key=secret-in-a-query' });
    const written = lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const access = written.filter((entry) => entry.msg === 'request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: 'GET', path: '/health', statusCode: response.statusCode });
    expect(access[0]!.ms).toEqual(expect.any(Number));
    expect(access[0]!.reqId).toBeDefined();
    expect(lines.slice(before).join('\n')).not.toContain('secret-in-a-query');
    // Fastify's own pair of lines is off: nothing else was written for this request.
    expect(written.filter((entry) => /incoming request|request completed/.test(String(entry.msg)))).toEqual([]);
  });

  it("keeps Fastify's error log for a request that fails", async () => {
    const errorLines: string[] = [];
    const bare = Fastify({ loggerInstance: pino(loggerOptions('info'), lineCollector(errorLines)), logController: new AccessLog() });
    bare.get('/broken', async () => {
      throw new Error('an injected handler failure');
    });
    try {
      expect((await bare.inject({ method: 'GET', url: '/broken' })).statusCode).toBe(500);
    } finally {
      await bare.close();
    }
    const entries = errorLines.map((line) => JSON.parse(line) as { level: number; msg: string; statusCode?: number; err?: { message: string } });
    expect(entries.some((e) => e.level === 50 && e.err?.message === 'an injected handler failure')).toBe(true);
    expect(entries.filter((e) => e.msg === 'request')).toMatchObject([{ statusCode: 500 }]);
  });
});
