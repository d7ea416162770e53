import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestCaller } from '../helpers/twilio-request.js';
import { addNeighbourReport } from '../../src/status/duplicates.js';
import { DAY_MS, grouped, insertRequest } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

// Each test calls from its own number, so one test's requests never recognise another's caller.
let next = 0;
const newNumber = () => `+1410555${String(2000 + next++).padStart(4, '0')}`;

/** A caller who presses 2 ("check on a request") at the first question. */
async function callForStatus(from: string | undefined) {
  // Twilio sends "Anonymous" (or +266696687) as From when the caller withholds their number.
  const caller = from === undefined ? new TestCaller({ app: t.app, extra: { From: 'Anonymous', Caller: 'Anonymous' } }) : t.caller({ from });
  await caller.start();
  await caller.press('2');
  return caller;
}

describe('status line: recognising a caller with open requests', () => {
  it('offers a caller their open report first, and 1 reads its status without asking the number', async () => {
    const from = newNumber();
    const r = await insertRequest(t.database.db, { callerNumber: from, status: 'assigned' });
    const caller = await callForStatus(from);
    expect(caller.heard()).toMatch(/You have an open report: Pothole, at North Charles Street\. Press 1 to hear its status, or 2 to report something new\./);
    await caller.press('1');
    expect(caller.heard()).toContain(`Request ${grouped(r.confirmation)}`);
    expect(caller.heard()).toMatch(/has been assigned to the department/);
    expect(caller.heard()).not.toMatch(/enter your confirmation number/);
  });

  it('offers the most recent of several open reports, without saying how many', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, { callerNumber: from, requestedAt: new Date(Date.now() - 5 * DAY_MS) });
    await insertRequest(t.database.db, { callerNumber: from, serviceCode: 'graffiti', addressString: '400 E Pratt St, Baltimore, MD' });
    await insertRequest(t.database.db, { callerNumber: from, status: 'in_progress', requestedAt: new Date(Date.now() - 2 * DAY_MS) });
    await insertRequest(t.database.db, { callerNumber: from, status: 'completed', closedAt: new Date() });
    const caller = await callForStatus(from);
    expect(caller.heard()).toMatch(/Your most recent open report is: Graffiti, at East Pratt Street\./);
    expect(caller.heard()).not.toMatch(/\b3\b/);
  });

  it('recognises a neighbour by the report they added to someone else’s request', async () => {
    const from = newNumber();
    const r = await insertRequest(t.database.db, { callerNumber: newNumber() });
    await addNeighbourReport(t.database.db, r.id, { callerNumber: from, words: '', callSid: null, idempotencyKey: `test:${from}`, wantsText: false });
    const caller = await callForStatus(from);
    expect(caller.heard()).toMatch(/You have an open report: Pothole/);
  });

  it('goes to a new report on 2', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, { callerNumber: from });
    const caller = await callForStatus(from);
    await caller.press('2');
    expect(caller.heard()).toMatch(/tell me the problem you're reporting/);
    expect(caller.heard()).not.toMatch(/To report a problem, press 1/);
  });

  it('asks for a confirmation number when the caller says nothing to the offer', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, { callerNumber: from });
    const caller = await callForStatus(from);
    await caller.silence();
    expect(caller.heard()).toMatch(/enter your confirmation number/);
  });

  it('reads nothing out to a caller who starts a new report at the first question', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, { callerNumber: from });
    const caller = t.caller({ from });
    await caller.start();
    expect(caller.heard()).not.toMatch(/open report/);
    await caller.say('there is a pothole on my street');
    expect(caller.heard()).not.toMatch(/open report/);
  });

  it('asks nothing of a caller with no open requests', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, { callerNumber: from, status: 'closed', closedAt: new Date() });
    const caller = await callForStatus(from);
    expect(caller.heard()).not.toMatch(/open report/);
    expect(caller.heard()).toMatch(/enter your confirmation number/);
  });

  it('asks nothing of a caller whose number is withheld', async () => {
    await insertRequest(t.database.db, { callerNumber: null });
    const caller = await callForStatus(undefined);
    expect(caller.heard()).not.toMatch(/open report/);
    expect(caller.heard()).toMatch(/enter your confirmation number/);
  });

  it('says no house number, unit or words of the caller to someone known by caller ID alone', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, {
      callerNumber: from,
      addressString: '1200 N Charles St APT 3, Baltimore, MD',
      locationWords: 'behind the blue house of Mrs Ferreira',
    });
    const caller = await callForStatus(from);
    expect(caller.heard()).toMatch(/You have an open report: Pothole, at North Charles Street\. Press 1/);
    expect(caller.heard()).not.toMatch(/1200|apartment|Ferreira/);
  });

  it('says only the type when the report has no address, never the caller\'s words', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, { callerNumber: from, addressString: null, locationWords: 'outside the house of Mrs Ferreira' });
    const caller = await callForStatus(from);
    expect(caller.heard()).toMatch(/You have an open report: Pothole\. Press 1/);
    expect(caller.heard()).not.toMatch(/Ferreira/);
  });

  it('offers it in Spanish to a Spanish caller', async () => {
    const from = newNumber();
    await insertRequest(t.database.db, { callerNumber: from });
    const caller = t.caller({ from });
    await caller.start();
    await caller.press('9');
    await caller.press('2');
    expect(caller.heard()).toMatch(/Tiene un reporte abierto: Bache, en North Charles Street\. Oprima 1 para escuchar su estado/);
  });
});
