import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { restorePglite, RestoreRefusedError } from '../../db/backup.js';
import { openDatabase } from '../../db/client.js';
import { DataDirLockedError } from '../../db/data-dir-lock.js';
import { serviceRequests } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import type { TestCaller } from '../helpers/twilio-request.js';

const run = promisify(execFile);
// These back up the embedded database; on PostgreSQL, backups are pg_dump's job (README), and the
// suite's second pass (DATABASE_URL set) has no PGlite data folder to copy.
const embedded = !process.env.DATABASE_URL;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'b311-backup-'));
  dirs.push(dir);
  return dir;
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A pothole report up to its last answer; the last answer files it. */
async function reportUpToTheWish(caller: TestCaller, address = '1200 North Charles Street') {
  await caller.start();
  await caller.press('1');
  await caller.say('there is a huge pothole in the road');
  await caller.say('yes');
  await caller.say(address);
  await caller.press('1');
  await caller.say('It is deep and cars swerve around it');
}

async function confirmationOf(callSid: string, db = t.database.db) {
  const [row] = await db.select({ confirmation: serviceRequests.confirmation }).from(serviceRequests).where(eq(serviceRequests.callSid, callSid));
  return row?.confirmation;
}

async function backup(): Promise<Blob> {
  const response = await t.app.inject({ method: 'GET', url: '/ops/backup' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/gzip');
  return new Blob([new Uint8Array(response.rawPayload)]);
}

async function requestsIn(dataDir: string, confirmation: string) {
  const database = await openDatabase({ dataDir, timeoutMs: 30_000 });
  try {
    return await database.db.select().from(serviceRequests).where(eq(serviceRequests.confirmation, confirmation));
  } finally {
    await database.close();
  }
}

describe.skipIf(!embedded)('backups of the embedded database', () => {
  it('backs up while a report is being filed, and the restored copy has the report', async () => {
    const first = t.caller({ from: '+14105550123' });
    await reportUpToTheWish(first);
    const second = t.caller({ from: '+14105550124' });
    await reportUpToTheWish(second, '400 East Pratt Street');
    // The first report is filed as the backup is taken.
    const [, archive] = await Promise.all([first.say('Please fill it'), backup(), second.say('Please fill it too')]);
    const confirmation = await confirmationOf(first.callSid);
    expect(confirmation).toMatch(/^\d{9,}$/);

    // Afterwards a backup certainly holds the first report; each opens as a whole database.
    const later = await backup();
    const dir = tempDir();
    const restored = await restorePglite({ dataDir: dir, archive: later });
    expect(restored.requests).toBeGreaterThan(0);
    expect(await requestsIn(dir, confirmation!)).toHaveLength(1);
    const during = await restorePglite({ dataDir: tempDir(), archive });
    expect(during.requests).toBeGreaterThanOrEqual(restored.requests - 2);
  }, 120_000);

  it('refuses to restore over a database without --force, and never under a running service', async () => {
    const archive = await backup();
    const dir = tempDir();
    await restorePglite({ dataDir: dir, archive });
    await expect(restorePglite({ dataDir: dir, archive })).rejects.toBeInstanceOf(RestoreRefusedError);
    const running = await openDatabase({ dataDir: dir, timeoutMs: 30_000 });
    try {
      await expect(restorePglite({ dataDir: dir, archive, force: true })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await running.close();
    }
    await restorePglite({ dataDir: dir, archive, force: true });
  }, 120_000);

  it('answers only to this machine', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/ops/backup', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(response.statusCode).toBe(403);
  });
});

describe.skipIf(!embedded)('npm run backup and npm run restore', () => {
  const script = (name: string, args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { env: { ...process.env, DATABASE_URL: '', ...env } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('takes a backup through the running service and restores it into an empty folder only', async () => {
    const caller = t.caller();
    // Not where the first test's pothole is, so it is a report of its own, not a neighbour's.
    await reportUpToTheWish(caller, '2900 North Charles Street');
    await caller.say('Please fill it');
    const confirmation = (await confirmationOf(caller.callSid))!;
    expect(confirmation).toMatch(/^\d{9,}$/);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = new URL(address).port;
    const file = path.join(tempDir(), 'line.tar.gz');

    const taken = await script('backup', [file], { PORT: port, HOST: '127.0.0.1', DATA_DIR: tempDir() });
    expect(taken.stdout).toMatch(/through the running service/);
    expect(taken.code).toBe(0);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await script('backup', [file], { PORT: port })).code).toBe(2);

    const dir = tempDir();
    const restored = await script('restore', [file], { DATA_DIR: dir });
    expect(restored.code).toBe(0);
    expect(await requestsIn(dir, confirmation)).toHaveLength(1);
    const again = await script('restore', [file], { DATA_DIR: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a database.*--force/);
  }, 120_000);

  it('backs up DATA_DIR directly when no service is running', async () => {
    const dir = tempDir();
    await restorePglite({ dataDir: dir, archive: await backup() });
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    const file = path.join(tempDir(), 'direct.tar.gz');
    const taken = await script('backup', [file], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir });
    expect(taken.stdout).toMatch(/no service running/);
    expect(existsSync(file)).toBe(true);
  }, 120_000);
});
