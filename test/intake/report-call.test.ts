import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { callEvents, outbox, serviceRequests } from '../../db/schema/index.js';
import { isValidConfirmation } from '../../src/requests/confirmation.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002' });
});
afterAll(async () => t?.close());

/** Digits read inside <say-as interpret-as="digits"> come back from spokenText joined by spaces. */
function confirmationHeard(text: string): string | undefined {
  const match = /confirmation number is\s+([\d\s]+)/i.exec(text) ?? /solicitud número\s+([\d\s]+)/i.exec(text) ?? /confirmación es\s+([\d\s]+)/i.exec(text);
  return match?.[1]?.replace(/\s/g, '').slice(0, 9);
}

async function requestsOf(callSid: string) {
  return t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, callSid));
}

describe('a report by speech', () => {
  it('files a pothole at an address and reads the committed number back in groups', async () => {
    const caller = t.caller({ from: '+14105550123' });
    await caller.start();
    await caller.press('1'); // report a problem
    await caller.say('there is a huge pothole in the road');
    expect(caller.heard()).toMatch(/It sounds like Pothole/i);
    await caller.say('yes');
    expect(caller.heard()).toMatch(/Where is the problem/);
    await caller.say('1200 North Charles Street');
    expect(caller.heard()).toMatch(/I have 1200 North Charles Street/);
    await caller.press('1');
    expect(caller.heard()).toMatch(/describe the problem/);
    await caller.say('It is deep and cars swerve around it');
    await caller.say('Please fill it before someone gets hurt');
    const heard = caller.heard();
    const number = confirmationHeard(heard);
    expect(number && isValidConfirmation(number)).toBe(true);

    const [request] = await requestsOf(caller.callSid);
    expect(request).toMatchObject({
      confirmation: number,
      serviceCode: 'potholes',
      channel: 'phone',
      callerNumber: '+14105550123',
      description: 'It is deep and cars swerve around it',
      requestedAction: 'Please fill it before someone gets hurt',
      precision: 'address',
      needsReview: false,
    });
    expect(request!.addressString).toMatch(/1200 N Charles St/);
    // Read in groups of three, each group as digits.
    expect(caller.twiml).toMatch(/<say-as interpret-as="digits">\d{3}<\/say-as>/);

    await caller.press('2'); // no repeat
    expect(caller.heard()).toMatch(/text you this confirmation number/);
    await caller.say('yes please');
    expect(caller.heard()).toMatch(/You'll get a text/);
    expect(caller.hungUp()).toBe(true);
    const texts = await t.database.db.select().from(outbox).where(eq(outbox.dedupeKey, `sms:confirmation:${caller.callSid}`));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.payload).toMatchObject({ to: '+14105550123' });
    expect(String(texts[0]!.payload.body)).toContain(number!.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3'));
  });

  it('takes the issue from the keypad menus', async () => {
    const caller = t.caller({ from: '+14105550201' });
    await caller.start();
    await caller.press('1');
    await caller.press('*');
    expect(caller.heard()).toMatch(/For [^.]+, press 2/);
    await caller.press('2');
    expect(caller.heard()).toMatch(/press 1/);
    await caller.press('1');
    expect(caller.heard()).toMatch(/Where is the problem/);
    const events = await t.database.db.select().from(callEvents).where(eq(callEvents.callSid, caller.callSid));
    expect(events.find((e) => e.kind === 'issue-classified')?.detail).toMatchObject({ path: 'keypad' });
  });

  it('corrects a wrong guess', async () => {
    const caller = t.caller({ from: '+14105550202' });
    await caller.start();
    await caller.press('1');
    await caller.say('the street light is out');
    expect(caller.heard()).toMatch(/It sounds like/);
    await caller.say('no');
    expect(caller.heard()).toMatch(/Sorry about that/);
  });

  it('gives emergency advice and the police queue when someone is hurt', async () => {
    const caller = t.caller({ from: '+14105550203' });
    await caller.start();
    await caller.press('1');
    await caller.say('a man was shot and he is bleeding');
    expect(caller.heard()).toMatch(/hang up and dial 9 1 1/);
    expect(caller.enqueued()?.name).toBe('police-non-emergency');
  });

  it('takes a house number from the keypad, then the street by speech', async () => {
    const caller = t.caller({ from: '+14105550290' });
    await caller.start();
    await caller.press('1');
    await caller.say('pothole');
    await caller.press('1');
    await caller.press('1200#');
    expect(caller.heard()).toMatch(/what street is number 1200 on/);
    await caller.say('north charles');
    expect(caller.heard()).toMatch(/I have 1200 North Charles Street/);
  });

  it('accepts a park with a near-detail as the location', async () => {
    const caller = t.caller({ from: '+14105550204' });
    await caller.start();
    await caller.press('1');
    await caller.say('overflowing trash cans in the park');
    await caller.press('1');
    await caller.say('inside Druid Hill Park near the reservoir');
    expect(caller.heard()).toMatch(/I have Druid Hill Park, near the reservoir/);
  });

  it("takes the caller's own words after two failed tries", async () => {
    const caller = t.caller({ from: '+14105550205' });
    await caller.start();
    await caller.press('1');
    await caller.say('pothole');
    await caller.press('1');
    await caller.say('somewhere near my cousins place');
    expect(caller.heard()).toMatch(/couldn't find that place/);
    await caller.say('somewhere near my cousins place');
    expect(caller.heard()).toMatch(/in your own words/);
    await caller.say('deep hole');
    await caller.say('fix it');
    const [request] = await requestsOf(caller.callSid);
    expect(request).toMatchObject({ needsReview: true, precision: 'caller-words', locationWords: 'somewhere near my cousins place' });
  });

  it('files one request when Twilio retries the submit webhook', async () => {
    const caller = t.caller({ from: '+14105550206' });
    await caller.start();
    await caller.press('1');
    await caller.say('graffiti on the wall');
    await caller.press('1');
    await caller.say('North Avenue and Charles Street');
    await caller.press('1');
    await caller.say('spray paint tags');
    const action = caller.lastGather()!.action!;
    await caller.say('paint over it');
    const first = caller.twiml;
    // Twilio retries the same Gather action (same URL, same body): same answer, no second request.
    const retry = await signedPost(t.app, {
      url: action,
      params: { ...twilioCallParams({ callSid: caller.callSid }), SpeechResult: 'paint over it', Confidence: '0.9' },
      authToken: TEST_AUTH_TOKEN,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
    });
    expect(retry.body).toBe(first);
    expect(await requestsOf(caller.callSid)).toHaveLength(1);
  });
});
