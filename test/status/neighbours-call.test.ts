import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequests } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { distanceM } from '../../src/status/duplicates.js';
import { grouped } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A whole pothole report in English, up to the point where the request is filed. */
async function reportPothole(from: string, place: string) {
  const caller = t.caller({ from });
  await caller.start();
  await caller.press('1');
  await caller.say('pothole');
  await caller.press('1');
  await caller.say(place);
  await caller.press('1');
  await caller.say('a deep pothole');
  await caller.say('fill it');
  return caller;
}

async function requestOfCall(callSid: string) {
  const [row] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, callSid));
  return row;
}

describe("neighbours' reports, through whole calls", () => {
  it('merges reports at the same landmark, and the neighbour who calls back hears the shared request', async () => {
    const first = await reportPothole('+14105558101', 'Patterson Park');
    const original = await requestOfCall(first.callSid);
    expect(original?.precision).toMatch(/park|landmark/);

    const neighbour = await reportPothole('+14105558102', 'Patterson Park');
    expect(neighbour.heard()).toMatch(/already been reported/);
    await neighbour.press('1');
    expect(neighbour.heard()).toMatch(/2 residents have now reported this problem/);
    expect(neighbour.heard()).toContain(grouped(original!.confirmation));

    const callBack = t.caller({ from: '+14105558102' });
    await callBack.start();
    await callBack.press('2');
    expect(callBack.heard()).toMatch(/You have an open report: Pothole, at Patterson Park/);
    await callBack.press('1');
    expect(callBack.heard()).toContain(`Request ${grouped(original!.confirmation)}`);
  });

  it('merges reports on the same block of a street', async () => {
    const first = await reportPothole('+14105558103', '1200 North Charles Street');
    const original = await requestOfCall(first.callSid);
    expect(original?.addressString).toMatch(/^1200 N Charles St/);

    const neighbour = await reportPothole('+14105558104', '1290 North Charles Street');
    expect(neighbour.heard()).toMatch(/already been reported/);
    // Filed anyway ("different problem") to show the two points are further apart than the
    // distance rule allows: the block is what matched them.
    await neighbour.press('2');
    const other = await requestOfCall(neighbour.callSid);
    expect(distanceM(original!.lat!, original!.long!, other!.lat!, other!.long!)).toBeGreaterThan(t.config.DUPLICATE_DISTANCE_M);
  });

  it("files a new request for a neighbour whose problem is a different one", async () => {
    const first = await reportPothole('+14105558105', 'Clifton Park');
    const original = await requestOfCall(first.callSid);
    const neighbour = await reportPothole('+14105558106', 'Clifton Park');
    await neighbour.press('2');
    const own = await requestOfCall(neighbour.callSid);
    expect(own).toBeDefined();
    expect(own!.confirmation).not.toBe(original!.confirmation);
    expect(neighbour.heard()).toContain(grouped(own!.confirmation));
    expect((await requestOfCall(first.callSid))!.reportCount).toBe(1);
  });
});
