import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { requestReports, serviceRequests } from '../../db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A whole pothole report at one corner, up to the point where the request is filed. */
async function reportPothole(from: string, place = 'North Avenue and Charles Street') {
  const caller = t.caller({ from });
  await caller.start();
  await caller.press('1');
  await caller.say('pothole');
  await caller.press('1');
  await caller.say(place);
  await caller.press('1');
  await caller.say('a deep pothole in the crosswalk');
  await caller.say('fill it');
  return caller;
}

const confirmationIn = (text: string) => /(?:confirmation number is|request number)\s+([\d\s]+)/.exec(text)?.[1]?.replace(/\s/g, '').slice(0, 9);

describe("neighbours' reports", () => {
  it('adds a neighbour to the open request instead of filing a duplicate', async () => {
    const first = await reportPothole('+14105557001');
    const original = confirmationIn(first.heard());
    expect(original).toBeTruthy();

    const second = await reportPothole('+14105557002');
    expect(second.heard()).toMatch(/already been reported near .*One resident has reported it/);
    await second.press('1');
    expect(second.heard()).toMatch(/2 residents have now reported this problem/);
    expect(confirmationIn(second.heard())).toBe(original);

    const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.confirmation, original!));
    expect(request!.reportCount).toBe(2);
    const reports = await t.database.db.select().from(requestReports).where(eq(requestReports.requestId, request!.id));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.words).toContain('a deep pothole in the crosswalk');
    expect(await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, second.callSid))).toHaveLength(0);
  });

  it('files a new request when the caller says it is a different problem', async () => {
    const third = await reportPothole('+14105557003');
    expect(third.heard()).toMatch(/already been reported/);
    await third.say("no it's a different problem");
    const own = confirmationIn(third.heard());
    const [mine] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, third.callSid));
    expect(mine!.confirmation).toBe(own);
  });
});
