import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequests } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A caller who has chosen English, asked to report a pothole and is asked where it is. */
async function callerAtLocation(from: string) {
  const caller = t.caller({ from });
  await caller.start();
  await caller.press('1'); // report a problem
  await caller.say('there is a pothole in the road');
  await caller.press('1'); // yes, a pothole
  expect(caller.heard()).toMatch(/Where is the problem/);
  return caller;
}

describe('the location step', () => {
  it('asks again instead of reading back a place for "the alley behind my house", then takes the words for a person to check', async () => {
    const caller = await callerAtLocation('+14105550301');
    await caller.say('the alley behind my house');
    expect(caller.heard()).toMatch(/couldn't find that place/);
    expect(caller.heard()).not.toMatch(/I have/);
    await caller.say('behind the old blue warehouse by the tracks');
    expect(caller.heard()).toMatch(/in your own words/);
    await caller.say('a deep hole');
    await caller.say('fill it');
    const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, caller.callSid));
    expect(request).toMatchObject({
      needsReview: true,
      precision: 'caller-words',
      locationWords: 'behind the old blue warehouse by the tracks',
    });
  });

  it('reads back the alley behind a real address', async () => {
    const caller = await callerAtLocation('+14105550302');
    await caller.say('the alley behind 2100 Eastern Avenue');
    expect(caller.heard()).toMatch(/I have alley behind 2100 Eastern Avenue\. Is that right/);
  });

  it("says a house number beyond the street's range and the range it has", async () => {
    const caller = await callerAtLocation('+14105550303');
    await caller.say('9000 North Charles Street');
    expect(caller.heard()).toMatch(/North Charles Street doesn't have a number 9000\. Its addresses run from 1 to 6109\./);
    expect(caller.heard()).toMatch(/Let's try again/);
  });

  it('says a place outside the city is outside, by its own name', async () => {
    const caller = await callerAtLocation('+14105550304');
    await caller.say('Hunt Valley light rail station');
    expect(caller.heard()).toMatch(/Hunt Valley Light Rail Station seems to be outside Baltimore City, and 3 1 1 can only take reports inside the city\./);
  });

  it("keeps the caller's apartment and near-detail in the read-back and the report's address", async () => {
    const caller = await callerAtLocation('+14105550305');
    await caller.say('2100 Eastern Avenue apartment 3B near the back door');
    expect(caller.heard()).toMatch(/I have 2100 Eastern Avenue, apartment 3B, near the back door\. Is that right/);
    await caller.press('1');
    await caller.say('a deep hole');
    await caller.say('fill it');
    const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, caller.callSid));
    expect(request).toMatchObject({ precision: 'address', needsReview: false });
    expect(request!.addressString).toBe('2100 Eastern Ave APT 3B, near the back door, Baltimore, MD');
  });
});
