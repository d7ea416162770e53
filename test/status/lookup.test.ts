import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { dammDigit, isValidConfirmation } from '../../src/requests/confirmation.js';
import { DAY_MS, callStatusLine, grouped, insertRequest } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('status line: looking up a confirmation number', () => {
  it('asks for the number on the keypad, finished with pound, or spoken', async () => {
    const caller = await callStatusLine(t);
    expect(caller.heard()).toMatch(/enter your confirmation number/);
    expect(caller.gather()).toMatchObject({ input: 'dtmf speech', finishOnKey: '#' });
    expect(caller.gather()?.numDigits).toBeUndefined();
  });

  it('reads a received request: type, place, date, status and last update', async () => {
    const r = await insertRequest(t.database.db, { status: 'received' });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    const heard = caller.heard();
    expect(heard).toContain(grouped(r.confirmation));
    expect(heard).toMatch(/Pothole, at 1234 North Charles Street, reported today/);
    expect(heard).toMatch(/has been received and is waiting to be assigned/);
    expect(heard).toMatch(/last updated today/);
    expect(heard).toMatch(/To add something to this request, press 1\. To report something new, press 2\. To hear this again, press 3/);
  });

  it('counts the call as answered by the status line, even if the caller hangs up after hearing it', async () => {
    const r = await insertRequest(t.database.db, { status: 'in_progress' });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    await caller.hangUp();
    const { callSessions } = await import('../../db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    const [row] = await t.database.db.select().from(callSessions).where(eq(callSessions.callSid, caller.callSid));
    expect(row!.outcome).toBe('status');
  });

  it.each([
    ['assigned', /has been assigned to the department/],
    ['in_progress', /is being worked on/],
    ['completed', /has been completed/],
    ['transferred', /was transferred to another agency/],
    ['reopened', /was reopened and is waiting for review/],
  ])('says a %s request in plain words', async (status, words) => {
    const r = await insertRequest(t.database.db, { status, closedAt: status === 'completed' || status === 'transferred' ? new Date() : null });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    expect(caller.heard()).toMatch(words);
  });

  it("gives the department's expected date for an open request", async () => {
    const expectedAt = new Date(Date.now() + 10 * DAY_MS);
    const r = await insertRequest(t.database.db, { status: 'assigned', expectedAt });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    const month = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', month: 'long', day: 'numeric' }).format(expectedAt);
    expect(caller.heard()).toContain(`The department expects to finish it by ${month}`);
  });

  it('names the request a duplicate was merged into, and how that one stands', async () => {
    const parent = await insertRequest(t.database.db, { status: 'in_progress' });
    const r = await insertRequest(t.database.db, { status: 'duplicate', duplicateOf: parent.id, closedAt: new Date() });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    expect(caller.heard()).toContain(`It was closed as a duplicate of request ${grouped(parent.confirmation)} , which is being worked on.`);
  });

  it('finds a request closed years ago, and does not offer to reopen it', async () => {
    const longAgo = new Date(Date.now() - 3 * 365 * DAY_MS);
    const r = await insertRequest(t.database.db, { status: 'closed', requestedAt: longAgo, updatedAt: longAgo, closedAt: longAgo });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    expect(caller.heard()).toMatch(/has been closed\. It was closed on \w+ \d+, \d{4}\./);
    expect(caller.heard()).toMatch(/closed too long ago to reopen/);
    expect(caller.heard()).not.toMatch(/press 1/);
  });

  it('catches a mistyped number by its check digit, before any lookup, and asks again', async () => {
    const r = await insertRequest(t.database.db);
    const typo = r.confirmation.slice(0, 8) + String((Number(r.confirmation[8]) + 1) % 10);
    expect(isValidConfirmation(typo)).toBe(false);
    const caller = await callStatusLine(t);
    await caller.press(`${typo}#`);
    expect(caller.heard()).toContain(`The number ${grouped(typo)} doesn't look like a confirmation number`);
    expect(caller.heard()).toMatch(/enter your confirmation number/);
    await caller.press(`${r.confirmation}#`);
    expect(caller.heard()).toMatch(/Pothole/);
  });

  it('says a short entry is not a confirmation number', async () => {
    const caller = await callStatusLine(t);
    await caller.press('1234#');
    expect(caller.heard()).toMatch(/it has nine digits/);
  });

  it('says so when a well-formed number belongs to no request, and asks again', async () => {
    const body = '98765432';
    const unknown = body + String(dammDigit(body));
    const caller = await callStatusLine(t);
    await caller.press(`${unknown}#`);
    expect(caller.heard()).toContain(`I couldn't find a request with the number ${grouped(unknown)}`);
    expect(caller.gather()?.finishOnKey).toBe('#');
  });

  it('sends a caller who cannot find the number to an operator after the retries', async () => {
    const caller = await callStatusLine(t);
    for (let i = 0; i < 4; i++) await caller.press('1111#');
    expect(caller.enqueued()?.name).toBe('operator');
  });

  it('understands spoken digits, "oh" for zero', async () => {
    const r = await insertRequest(t.database.db, { confirmation: '451229038' });
    const caller = await callStatusLine(t);
    await caller.say('four five one two two nine oh three eight');
    expect(caller.heard()).toContain(grouped(r.confirmation));
    expect(caller.heard()).toMatch(/reported today/);
  });

  it('understands digits the recogniser wrote as numbers', async () => {
    const r = await insertRequest(t.database.db);
    const caller = await callStatusLine(t);
    await caller.say(`it's ${grouped(r.confirmation)}`);
    expect(caller.heard()).toMatch(/Pothole/);
  });

  it('reads the status in Spanish to a Spanish caller, with spoken Spanish digits', async () => {
    const r = await insertRequest(t.database.db, { status: 'in_progress' });
    const spanish = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];
    const caller = t.caller({ from: '+14105550100' });
    await caller.start();
    await caller.press('9');
    await caller.press('2');
    await caller.say([...r.confirmation].map((d) => spanish[Number(d)]).join(' '));
    expect(caller.heard()).toMatch(/Solicitud .*: Bache, en 1234 North Charles Street, reportada hoy\. La solicitud está en proceso\./);
    expect(caller.heard()).toMatch(/Para agregar algo a esta solicitud, oprima 1/);
  });

  it('repeats the status on 3, and says goodbye on silence', async () => {
    const r = await insertRequest(t.database.db);
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    await caller.press('3');
    expect(caller.heard()).toMatch(/has been received/);
    await caller.silence();
    expect(caller.heard()).toMatch(/Goodbye/);
    expect(caller.hungUp()).toBe(true);
  });

  it('takes a new report on 2', async () => {
    const r = await insertRequest(t.database.db);
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    await caller.press('2');
    expect(caller.heard()).toMatch(/Let's make a new report\. In a few words, tell me the problem/);
  });
});
