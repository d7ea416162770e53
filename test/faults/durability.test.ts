/**
 * What a caller heard as their confirmation number is a committed row, and stays one: the commit
 * failing reads no number, and a restart of the service (or of embedded PGlite on its folder)
 * keeps every number that was read.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { pgliteTemplatePath } from '../helpers/template-paths.js';
import {
  confirmationHeard,
  FaultCaller,
  LAST_ANSWER,
  reportUntilLastAnswer,
  requestsOfCall,
  sessionOf,
  TECHNICAL_TROUBLE,
  turnsOf,
} from './harness.js';

const ENV = { QUEUE_AGENTS: 'operator=+14105550002' };

/** Files a report through a whole call and returns the number the caller heard. */
async function fileReport(t: TestApp): Promise<{ callSid: string; number: string }> {
  const caller = new FaultCaller(t.app);
  await reportUntilLastAnswer(caller);
  await caller.say(LAST_ANSWER);
  const number = confirmationHeard(caller.heard());
  if (!number) throw new Error(`no confirmation number was read; heard: ${caller.heard()}`);
  return { callSid: caller.callSid, number };
}

/** Calls the status line with the number and returns what it said. */
async function statusOf(t: TestApp, number: string): Promise<string> {
  const caller = new FaultCaller(t.app);
  await caller.start();
  await caller.press('2');
  await caller.press(`${number}#`);
  return caller.heard();
}

const grouped = (number: string) => number.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');

describe('a report whose commit fails', () => {
  let database: Database;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    t = await createTestApp(ENV, { database });
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('reads no number, files nothing and leaves the call where it was; the caller waits for an operator', async () => {
    const caller = new FaultCaller(t.app);
    await reportUntilLastAnswer(caller);
    const before = await sessionOf(database.db, caller.callSid);
    const turnsBefore = await turnsOf(database.db, caller.callSid);
    // A deferred constraint trigger raises inside COMMIT: after the insert and the read-back
    // were prepared, before anything is durable.
    await database.db.execute(sql.raw(`create or replace function fault_at_commit() returns trigger language plpgsql as $$
      begin raise exception 'injected commit failure'; end $$`));
    await database.db.execute(sql.raw(`create constraint trigger fault_at_commit after insert on service_requests
      deferrable initially deferred for each row execute function fault_at_commit()`));
    try {
      await caller.say(LAST_ANSWER);
    } finally {
      await database.db.execute(sql.raw('drop trigger fault_at_commit on service_requests'));
      await database.db.execute(sql.raw('drop function fault_at_commit()'));
    }
    expect(caller.heard()).toMatch(TECHNICAL_TROUBLE);
    expect(confirmationHeard(caller.heard())).toBeUndefined();
    expect(caller.enqueuedIn()).toBe('operator');
    expect(await requestsOfCall(database.db, caller.callSid)).toEqual([]);
    expect(await sessionOf(database.db, caller.callSid)).toEqual(before);
    expect(await turnsOf(database.db, caller.callSid)).toEqual(turnsBefore);
  });
});

describe('a report whose number was read back', () => {
  it('survives a restart of the service: a new instance on the same database finds it', async () => {
    const database = await createTestDatabase();
    try {
      const first = await createTestApp(ENV, { database });
      const { callSid, number } = await fileReport(first);
      await first.close();

      const second = await createTestApp(ENV, { database });
      try {
        expect((await requestsOfCall(database.db, callSid)).map((r) => r.confirmation)).toEqual([number]);
        expect(await statusOf(second, number)).toContain(grouped(number));
      } finally {
        await second.close();
      }
    } finally {
      await database.close();
    }
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'survives closing and reopening embedded PGlite on its DATA_DIR folder',
    async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'b311-data-'));
      try {
        const onDisk = await openDatabase({ dataDir, timeoutMs: 5000, pgliteLoadDataDir: new Blob([readFileSync(pgliteTemplatePath)]) });
        const first = await createTestApp({ ...ENV, DATA_DIR: dataDir }, { database: onDisk });
        const { callSid, number } = await fileReport(first);
        await first.close();
        await onDisk.close();

        const reopened = await openDatabase({ dataDir, timeoutMs: 5000 });
        const second = await createTestApp({ ...ENV, DATA_DIR: dataDir }, { database: reopened });
        try {
          expect((await requestsOfCall(reopened.db, callSid)).map((r) => r.confirmation)).toEqual([number]);
          expect(await statusOf(second, number)).toContain(grouped(number));
        } finally {
          await second.close();
          await reopened.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
