import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.js';
import { loadConfig, trustProxyOption } from '../../src/config.js';
import { createDepartmentKey } from '../../src/departments/keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, PASSWORD, postSignIn } from '../admin/console-client.js';
import { newClientKey } from '../open311/fixtures.js';

const REAL = '203.0.113.50';
const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` });

describe('TRUST_PROXY', () => {
  it('is off by default, and reads a hop count or a list of proxies', () => {
    expect(trustProxyOption(loadConfig({}).TRUST_PROXY)).toBe(false);
    expect(trustProxyOption('1')).toBe(1);
    expect(trustProxyOption('10.0.0.0/8, 192.0.2.7,loopback')).toEqual(['10.0.0.0/8', '192.0.2.7', 'loopback']);
    expect(trustProxyOption('2001:db8::/32')).toEqual(['2001:db8::/32']);
  });

  it.each(['true', 'proxy.example', '10.0.0.0/33', '99', '10.0.0.1/8/1'])('refuses TRUST_PROXY=%s and names the setting', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('a client forging X-Forwarded-For, with no proxy trusted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ OPEN311_READ_RATE_MAX: '3', DEPARTMENT_RATE_MAX: '3' });
    await addUser(t.app, 'mallory-target', 'viewer');
  });
  afterAll(async () => t?.close());

  it('still meets the sign-in limit with a new forged address per attempt', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await postSignIn(t.app, 'mallory-target', `wrong ${i}`, REAL, forged(i))).statusCode).toBe(401);
    }
    expect((await postSignIn(t.app, 'mallory-target', PASSWORD, REAL, forged(99))).statusCode).toBe(429);
  });

  it('records the real address in the audit log, not the forged one', async () => {
    const rows = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'sign-in-failed'), eq(auditLog.subject, 'mallory-target')));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.detail.ip).toBe(REAL);
  });

  it('still meets the Open311 read limit', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await t.app.inject({ method: 'GET', url: '/open311/v2/services.json', remoteAddress: REAL, headers: forged(i) })).statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('still meets the department API limit', async () => {
    const { key } = await createDepartmentKey(t.database.db, 'transportation', 'forger');
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/departments/v1/requests',
        remoteAddress: REAL,
        headers: { authorization: `Bearer ${key}`, ...forged(i) },
      });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('still meets the Open311 write limit', async () => {
    const w = await createTestApp({ OPEN311_WRITE_RATE_MAX: '1' }, { database: t.database });
    try {
      const apiKey = await newClientKey(t.database.db);
      const post = (i: number) =>
        w.app.inject({
          method: 'POST',
          url: '/open311/v2/requests.json',
          remoteAddress: REAL,
          headers: { 'content-type': 'application/json', ...forged(i) },
          payload: JSON.stringify({ api_key: apiKey, service_code: 'potholes', lat: 39.2908, long: -76.6108 }),
        });
      expect((await post(1)).statusCode).toBe(201);
      expect((await post(2)).statusCode).toBe(429);
    } finally {
      await w.close();
    }
  });
});

describe('behind a trusted proxy', () => {
  it('takes the address the proxy saw, and only the proxy\'s own entry', async () => {
    const t = await createTestApp({ TRUST_PROXY: '10.0.0.0/8' });
    try {
      await addUser(t.app, 'pat', 'viewer');
      // A client's forged entry comes first; the proxy appends the address it really saw.
      const headers = { 'x-forwarded-for': `198.51.100.1, ${REAL}` };
      expect((await postSignIn(t.app, 'pat', 'wrong password here', '10.1.2.3', headers)).statusCode).toBe(401);
      const [row] = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'sign-in-failed'), eq(auditLog.subject, 'pat')));
      expect(row!.detail.ip).toBe(REAL);
      // The same header from an address that is not a trusted proxy is ignored.
      expect((await postSignIn(t.app, 'pat', 'wrong password again', '192.0.2.200', headers)).statusCode).toBe(401);
      const rows = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'sign-in-failed'), eq(auditLog.subject, 'pat')));
      expect(rows.map((r) => r.detail.ip).sort()).toEqual(['192.0.2.200', REAL].sort());
    } finally {
      await t.close();
    }
  });
});

describe('behind one load balancer (TRUST_PROXY=1)', () => {
  it('believes the last hop only', async () => {
    const t = await createTestApp({ TRUST_PROXY: '1' });
    try {
      await addUser(t.app, 'lee', 'viewer');
      const headers = { 'x-forwarded-for': `198.51.100.1, ${REAL}` };
      expect((await postSignIn(t.app, 'lee', 'wrong password here', '10.9.9.9', headers)).statusCode).toBe(401);
      const [row] = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'sign-in-failed'), eq(auditLog.subject, 'lee')));
      expect(row!.detail.ip).toBe(REAL);
    } finally {
      await t.close();
    }
  });
});
