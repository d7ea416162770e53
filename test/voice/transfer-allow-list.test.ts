import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRevision } from '../../src/flow/revisions.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const ALLOWED = '+14103962525';
const OUTSIDE = '+19005550199';

/** The default flow with its police queue replaced by a transfer to `number`. */
function withTransfer(number: string) {
  const document = JSON.parse(readFileSync('flows/main.json', 'utf8'));
  document.steps = document.steps.map((step: { id: string; type: string; reason?: unknown }) =>
    step.id === 'police-queue' ? { id: step.id, type: 'transfer', prompt: step.reason, number } : step,
  );
  return document;
}

/** Greeting "1", then the main menu's "3": the police line. */
async function callPolice(t: TestApp) {
  const caller = t.caller();
  await caller.start();
  await caller.press('3');
  return caller;
}

describe('a transfer step on a call', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRANSFER_ALLOWED_NUMBERS: ALLOWED });
  });
  afterAll(async () => t?.close());

  it('dials a listed number', async () => {
    // Published without the console's check, as a revision from before the list would be.
    await publishRevision(t.app.db, { document: withTransfer(ALLOWED), message: 'listed', author: 'test' });
    const caller = await callPolice(t);
    expect(caller.dialled()).toMatchObject({ text: ALLOWED });
  });

  it('never dials a number outside TRANSFER_ALLOWED_NUMBERS, even from a published revision: an operator takes the call', async () => {
    await publishRevision(t.app.db, { document: withTransfer(OUTSIDE), message: 'not listed', author: 'test' });
    const caller = await callPolice(t);
    expect(caller.dialled()).toBeUndefined();
    expect(caller.enqueued()?.name).toBe('operator');
  });
});
