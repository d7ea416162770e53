import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { serviceRequests } from '../../db/schema/index.js';
import { grouped, insertRequest } from '../status/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002' });
});
afterAll(async () => t?.close());

let next = 0;
const newNumber = () => `+1410555${String(3000 + next++).padStart(4, '0')}`;

async function requestsOf(callSid: string) {
  return t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, callSid));
}

const ASKED_PROBLEM = /tell me the problem|one of these|dígame el problema|uno de estos/i;
const ASKED_PLACE = /Where is the problem|Dónde está el problema/;
const ASKED_DESCRIPTION = /describe the problem|describa el problema/i;
const ASKED_WANTED = /what would you like the city to do|qué le gustaría que hiciera la ciudad/i;

describe('the first question: the whole errand in one sentence', () => {
  it('files a pothole said with its corner and its wish in one breath, after one confirmation', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    expect(caller.heard()).toMatch(/Thank you for calling Baltimore City 3 1 1\..*How can I help you today\?/);
    await caller.say("there's a pothole the size of a bathtub on Light Street at Key Highway, please fix it");
    expect(caller.heard()).toMatch(/^Pothole, at .*Light Street.*Key Highway\. Is that right\?/i);
    await caller.say('yes');
    const heard = caller.heard();
    for (const asked of [ASKED_PROBLEM, ASKED_PLACE, ASKED_DESCRIPTION, ASKED_WANTED]) expect(heard).not.toMatch(asked);
    expect(heard).toMatch(/Your confirmation number is/);
    const [request] = await requestsOf(caller.callSid);
    expect(request).toMatchObject({ serviceCode: 'potholes', precision: 'intersection' });
    expect(request!.description).toContain('the size of a bathtub');
    expect(request!.requestedAction).toMatch(/please fix it/i);
    expect(request!.addressString).toMatch(/Light St/);
  });

  it('asks what the caller wants done only when they have not said it', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('The street light has been out for a week in front of 1200 North Charles Street');
    expect(caller.heard()).toMatch(/Street light out, at 1200 North Charles Street\. Is that right\?/);
    await caller.press('1');
    expect(caller.heard()).toMatch(ASKED_WANTED);
    expect(caller.heard()).not.toMatch(ASKED_DESCRIPTION);
    await caller.say('just get it fixed');
    expect(caller.heard()).toMatch(/Your confirmation number is/);
    const [request] = await requestsOf(caller.callSid);
    expect(request).toMatchObject({ serviceCode: 'street-light-out', requestedAction: 'just get it fixed' });
  });

  it('asks only for the place again when the caller says the place was wrong', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('graffiti all over the wall at 1200 North Charles Street, please paint over it');
    expect(caller.heard()).toMatch(/Graffiti, at 1200 North Charles Street\. Is that right\?/);
    await caller.say('no');
    expect(caller.heard()).toMatch(/which part/i);
    await caller.say('the place');
    expect(caller.heard()).toMatch(ASKED_PLACE);
    expect(caller.heard()).not.toMatch(ASKED_PROBLEM);
    await caller.say('400 East Pratt Street');
    await caller.press('1');
    const heard = caller.heard();
    expect(heard).not.toMatch(ASKED_PROBLEM);
    if (/Is that right/.test(heard)) await caller.say('yes');
    expect(caller.heard()).toMatch(/Your confirmation number is/);
    const [request] = await requestsOf(caller.callSid);
    expect(request).toMatchObject({ serviceCode: 'graffiti' });
    expect(request!.addressString).toMatch(/^400 E Pratt St/);
  });

  it('asks only for the problem again when the caller says the type was wrong', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('the alley behind 1200 West Baltimore Street is full of trash');
    expect(caller.heard()).toMatch(/at 1200 West Baltimore Street\. Is that right\?/);
    await caller.say('no, the problem is wrong');
    expect(caller.heard()).toMatch(ASKED_PROBLEM);
    expect(caller.heard()).not.toMatch(ASKED_PLACE);
  });

  it('asks for the place when the sentence names only the problem, and confirms it once', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('there is a dead raccoon in the road');
    expect(caller.heard()).toMatch(/Dead animal/);
    expect(caller.heard()).toMatch(ASKED_PLACE);
    await caller.say('inside Druid Hill Park near the reservoir');
    expect(caller.heard()).toMatch(/Druid Hill Park/);
  });

  it('takes a Spanish sentence said at the English greeting in Spanish', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('hay un bache enorme en mi calle');
    const heard = caller.heard();
    expect(heard).toMatch(/Bache/);
    expect(heard).toMatch(/Dónde está el problema/);
    expect(caller.gather()?.language).toBe('es-US');
  });

  it('files a Spanish report with its corner after one confirmation', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.press('9');
    await caller.say('hay un bache muy grande en la esquina de North Avenue y Charles Street, quiero que lo arreglen');
    expect(caller.heard()).toMatch(/^Bache, en .*North Avenue.*Charles Street.*¿Es correcto\?/i);
    await caller.say('sí');
    expect(caller.heard()).toMatch(/número de confirmación es/);
    const [request] = await requestsOf(caller.callSid);
    expect(request).toMatchObject({ serviceCode: 'potholes', precision: 'intersection' });
  });
});

describe('the first question: every errand', () => {
  it('puts a noise complaint in the police queue with no second question', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('my neighbours are having a loud party and it is two in the morning');
    expect(caller.enqueued()?.name).toBe('police-non-emergency');
    expect(caller.heard()).toMatch(/police/i);
  });

  it('tells an emergency to dial 911 in the very next response', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('gas smell and smoke coming from the house next door');
    expect(caller.heard()).toMatch(/hang up and dial 9 1 1/);
  });

  it('reads the status of the request whose number the caller said', async () => {
    const r = await insertRequest(t.database.db, { status: 'in_progress' });
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say(`I want to check on my request ${grouped(r.confirmation)}`);
    expect(caller.heard()).toContain(grouped(r.confirmation));
    expect(caller.heard()).toMatch(/is being worked on/);
    expect(caller.heard()).not.toMatch(/enter your confirmation number/);
  });

  it('asks for the number of a caller who asks about a request without one', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say("I'm calling to see what's going on with a pothole I reported last week");
    expect(caller.heard()).toMatch(/enter your confirmation number/);
  });

  it('puts a caller who asks for a person in the operator queue', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('can I just talk to a real person please');
    expect(caller.enqueued()?.name).toBe('operator');
  });

  it('greets the out-of-area line as such in its very first response', async () => {
    const caller = t.caller({ from: newNumber(), to: t.config.OUT_OF_AREA_NUMBER });
    await caller.start();
    expect(caller.heard()).toMatch(/^You've reached Baltimore City 3 1 1 on our out-of-area line\./);
    expect(caller.heard()).toMatch(/How can I help you today\?/);
  });
});

describe('the first question: odd sentences', () => {
  it.each([
    ['5,000 characters', `${'there is a very long story about my street '.repeat(120)}`.slice(0, 5000)],
    ['emoji', '😡😡😡 🕳️🚗'],
    ['only filler words', 'um, uh, uhh, hmm'],
    ['only digits', '1 2 3 4 5'],
  ])('answers %s with a sensible next question and files nothing', async (_, said) => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say(said);
    expect(caller.gather()).toBeDefined();
    expect(caller.hungUp()).toBe(false);
    expect(await requestsOf(caller.callSid)).toEqual([]);
  });

  it('says a place outside the city is outside, instead of filing there', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say('there is a pothole at Hunt Valley Light Rail Station');
    expect(caller.heard()).toMatch(/Pothole/);
    expect(caller.heard()).not.toMatch(/Hunt Valley.*Is that right/);
    expect(caller.gather()).toBeDefined();
    expect(await requestsOf(caller.callSid)).toEqual([]);
  });

  it('confirms one problem of two named in one sentence, and files nothing unconfirmed', async () => {
    const caller = t.caller({ from: newNumber() });
    await caller.start();
    await caller.say("there's a pothole and the street light's out too at 1200 North Charles Street");
    expect(caller.heard()).toMatch(/at 1200 North Charles Street\. Is that right\?|one of these/);
    expect(await requestsOf(caller.callSid)).toEqual([]);
  });
});
