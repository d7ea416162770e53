import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, signInThrottle } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, PASSWORD, postSignIn } from './console-client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    ADMIN_SIGNIN_MAX_FAILURES: '5',
    ADMIN_SIGNIN_MAX_FAILURES_PER_IP: '1000',
    ADMIN_SIGNIN_MAX_FAILURES_PER_ACCOUNT: '5',
    ADMIN_SIGNIN_LOCKOUT_MIN: '5',
  });
});
afterAll(async () => t?.close());

const failuresOf = async (username: string) =>
  (await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'sign-in-failed'), eq(auditLog.subject, username)))).length;

describe('sign-in attempts counted atomically, and accounts locked', () => {
  it('checks at most five of fifteen parallel wrong passwords from one address', async () => {
    await addUser(t.app, 'para', 'viewer');
    const codes = (await Promise.all(Array.from({ length: 15 }, (_, i) => postSignIn(t.app, 'para', `wrong ${i}`, '203.0.113.21')))).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(10);
    expect(await failuresOf('para')).toBeLessThanOrEqual(5);
  });

  it('locks the account when the wrong passwords come from fifteen addresses at once', async () => {
    await addUser(t.app, 'spread', 'viewer');
    const codes = (await Promise.all(Array.from({ length: 15 }, (_, i) => postSignIn(t.app, 'spread', `wrong ${i}`, `198.51.100.${i + 1}`)))).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(await failuresOf('spread')).toBeLessThanOrEqual(5);
    // From an address never seen before, even the right password is refused while the lock holds.
    const right = await postSignIn(t.app, 'spread', PASSWORD, '192.0.2.77');
    expect(right.statusCode).toBe(429);
    expect(right.body).toMatch(/This account is locked after too many failed sign-ins\. Try again in 5 minutes/);
  });

  it('says the same to a right and a wrong password while locked, and to a name that does not exist', async () => {
    await addUser(t.app, 'same', 'viewer');
    for (let i = 0; i < 5; i++) await postSignIn(t.app, 'same', `wrong ${i}`, `198.51.100.${100 + i}`);
    for (let i = 0; i < 5; i++) await postSignIn(t.app, 'nobody-here', `wrong ${i}`, `198.51.100.${100 + i}`);
    const right = await postSignIn(t.app, 'same', PASSWORD, '192.0.2.78');
    const wrong = await postSignIn(t.app, 'same', 'still wrong', '192.0.2.79');
    const ghost = await postSignIn(t.app, 'nobody-here', 'anything at all', '192.0.2.80');
    const error = (body: string) => /id="sign-in-error">([^<]*)</.exec(body)?.[1];
    expect(error(right.body)).toMatch(/locked/);
    expect(right.statusCode).toBe(429);
    expect(wrong.statusCode).toBe(429);
    expect(ghost.statusCode).toBe(429);
    expect(error(right.body)).toBe(error(wrong.body));
    expect(error(ghost.body)).toBe(error(right.body));
  });

  it('locks twice as long the second time', async () => {
    await addUser(t.app, 'again', 'viewer');
    for (let i = 0; i < 5; i++) await postSignIn(t.app, 'again', `wrong ${i}`, `198.51.100.${150 + i}`);
    // The first lock runs out.
    await t.app.db.update(signInThrottle).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(signInThrottle.key, 'account:again'));
    for (let i = 0; i < 5; i++) await postSignIn(t.app, 'again', `wrong ${i}`, `198.51.100.${160 + i}`);
    const [row] = await t.app.db.select().from(signInThrottle).where(eq(signInThrottle.key, 'account:again'));
    expect(row!.lockouts).toBe(2);
    const minutes = (row!.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
  });

  it('starts the account over after a right password', async () => {
    await addUser(t.app, 'oops', 'viewer');
    for (let i = 0; i < 4; i++) expect((await postSignIn(t.app, 'oops', `wrong ${i}`, `198.51.100.${200 + i}`)).statusCode).toBe(401);
    expect((await postSignIn(t.app, 'oops', PASSWORD, '192.0.2.90')).statusCode).toBe(303);
    expect((await postSignIn(t.app, 'oops', 'wrong again', '198.51.100.210')).statusCode).toBe(401);
    expect((await postSignIn(t.app, 'oops', PASSWORD, '192.0.2.90')).statusCode).toBe(303);
  });
});
