import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSessions, auditLog } from '../../db/schema/index.js';
import { createUser, disableUser, findUser } from '../../src/admin/users.js';
import { createDepartmentKey, revokeDepartmentKey } from '../../src/departments/keys.js';
import { createApiClient, revokeApiClient } from '../../src/open311/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, PASSWORD, postSignIn, signIn } from './console-client.js';
import { insertPhoneRequest } from '../open311/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const NEW_PASSWORD = 'a different long passphrase';

describe('disabling a console account', () => {
  it('ends its sessions at once and refuses its sign-in like a wrong password', async () => {
    await addUser(t.app, 'dana', 'supervisor');
    const dana = await signIn(t.app, 'dana');
    expect((await dana.get('/admin/api/draft')).statusCode).toBe(200);
    expect(await disableUser(t.app.db, { username: 'dana', actor: 'test' })).toBe(true);
    expect((await dana.get('/admin/api/draft')).statusCode).toBe(401);
    const user = await findUser(t.app.db, 'dana');
    expect(user!.disabledAt).toBeInstanceOf(Date);
    expect(await t.app.db.select().from(adminSessions).where(eq(adminSessions.userId, user!.id))).toHaveLength(0);
    const again = await postSignIn(t.app, 'dana', PASSWORD, '192.0.2.31');
    expect(again.statusCode).toBe(401);
    expect(again.body).toMatch(/Wrong username or password/);
    const [row] = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'user-disable'));
    expect(row).toMatchObject({ subject: 'dana', detail: { sessionsEnded: 1 } });
  });

  it('says so when there is no such user', async () => {
    expect(await disableUser(t.app.db, { username: 'nobody', actor: 'test' })).toBe(false);
  });
});

describe('resetting a password', () => {
  it("ends every session the user had, and the new password works", async () => {
    await addUser(t.app, 'reno', 'viewer');
    const first = await signIn(t.app, 'reno');
    const second = await signIn(t.app, 'reno');
    await createUser(t.app.db, { username: 'reno', password: NEW_PASSWORD, role: 'viewer', actor: 'test', resetPassword: true });
    expect((await first.get('/admin/api/draft')).statusCode).toBe(401);
    expect((await second.get('/admin/api/draft')).statusCode).toBe(401);
    expect((await postSignIn(t.app, 'reno', PASSWORD, '192.0.2.32')).statusCode).toBe(401);
    expect((await signIn(t.app, 'reno', NEW_PASSWORD).then((c) => c.get('/admin/api/draft'))).statusCode).toBe(200);
  });
});

describe('revoking API keys', () => {
  it('stops an Open311 client key at once', async () => {
    const { id, key } = await createApiClient(t.database.db, 'Revoked client');
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ api_key: key, service_code: 'potholes', lat: 39.2908, long: -76.6108 }),
      });
    expect((await post()).statusCode).toBe(201);
    expect(await revokeApiClient(t.database.db, id)).toEqual({ name: 'Revoked client' });
    expect((await post()).statusCode).toBe(403);
    expect(await revokeApiClient(t.database.db, id)).toBeUndefined();
  });

  it('stops a department key at once', async () => {
    const { id, key } = await createDepartmentKey(t.database.db, 'transportation', 'old system');
    const r = await insertPhoneRequest(t.database.db);
    const get = () => t.app.inject({ method: 'GET', url: `/departments/v1/requests/${r.confirmation}`, headers: { authorization: `Bearer ${key}` } });
    expect((await get()).statusCode).toBe(200);
    expect(await revokeDepartmentKey(t.database.db, id)).toEqual({ departmentCode: 'transportation', label: 'old system' });
    expect((await get()).json()).toMatchObject({ code: 'DEPT_INVALID_KEY' });
  });
});

describe('the scripts', () => {
  const run = (script: string, args: string[], env: Record<string, string>, input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 120_000,
      ...(input === undefined ? {} : { input }),
    });

  it('user:disable and key:revoke work on the configured database and refuse what does not exist', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'b311-accounts-'));
    const env = { DATA_DIR: dir };
    try {
      expect(run('scripts/create-user.ts', ['--username', 'cli-user', '--role', 'viewer'], env, `${PASSWORD}\n`).status).toBe(0);
      const disabled = run('scripts/disable-user.ts', ['cli-user'], env);
      expect(disabled.status, disabled.stderr).toBe(0);
      expect(disabled.stdout).toMatch(/Disabled cli-user/);
      expect(run('scripts/disable-user.ts', ['nobody'], env).status).toBe(1);
      expect(run('scripts/disable-user.ts', [], env).status).toBe(2);

      const created = run('scripts/create-api-key.ts', ['open311', 'CLI client'], env);
      const id = /key #(\d+)/.exec(created.stdout)?.[1];
      expect(id).toBeDefined();
      const revoked = run('scripts/revoke-api-key.ts', [id!], env);
      expect(revoked.status, revoked.stderr).toBe(0);
      expect(revoked.stdout).toMatch(new RegExp(`Revoked open311 key #${id} \\(CLI client\\)`));
      expect(run('scripts/revoke-api-key.ts', ['open311', id!], env).status).toBe(1);
      expect(run('scripts/revoke-api-key.ts', ['bogus'], env).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
