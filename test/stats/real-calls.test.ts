import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, signIn, type ConsoleClient } from '../admin/console-client.js';

/*
 * CityStat reads what the other parts of the service record: these calls go through the real
 * flow with signed webhooks, and the figures must count them as the people on the line would.
 */
let t: TestApp;
let viewer: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002' });
  await addUser(t.app, 'vic', 'viewer');
  viewer = await signIn(t.app, 'vic');
});
afterAll(async () => t?.close());

// The default period (the last 30 Baltimore days) holds calls made now, even across midnight.
const stats = async () => (await viewer.request('GET', '/admin/stats.json', undefined, { accept: 'application/json' })).json();
const endings = (body: { endings: { ending: string; calls: number }[] }) =>
  Object.fromEntries(body.endings.filter((e) => e.calls).map((e) => [e.ending, e.calls]));

describe('CityStat over calls made through the real flow', () => {
  it('counts a spoken pothole report as a report filed, understood by speech, with an open request on the map', async () => {
    const caller = t.caller({ from: '+14105550123' });
    await caller.start();
    await caller.say('there is a huge pothole in the road at 1200 North Charles Street, it is deep and cars swerve around it');
    await caller.say('yes');
    await caller.say('Please fill it before someone gets hurt');
    expect(caller.heard()).toMatch(/confirmation number/i);
    await caller.hangUp();

    const body = await stats();
    expect(endings(body)).toEqual({ report: 1 });
    expect(body.containment).toMatchObject({ calls: 1, contained: 1, rate: 1 });
    const speech = Object.fromEntries(body.speech.map((s: { path: string; calls: number }) => [s.path, s.calls]));
    expect(speech['first-try'] + speech.confirmation).toBe(1);
    expect(speech.keypad).toBe(0);
    expect(body.requests.totals).toEqual({ requests: 1, open: 1, closed: 0, mergedReports: 0 });
    expect(body.requests.byDepartment[0]).toMatchObject({ department: 'transportation', open: 1 });
    expect(body.openRequests).toMatchObject({ open: 1, placed: 1, types: [{ code: 'potholes', count: 1 }] });
    // Understood at the first question; ring, sentence, yes, wish: four webhooks to the read-back.
    expect(body.firstQuestion).toMatchObject({ answered: 1, understood: 1, share: 1, reports: 1, medianStepsPerReport: 4 });
  });


  it('counts a caller who hangs up in the menu as abandoned in the menu, not contained', async () => {
    const caller = t.caller({ from: '+14105550124' });
    await caller.start();
    await caller.hangUp();
    const body = await stats();
    expect(endings(body)).toEqual({ report: 1, 'abandoned-ivr': 1 });
    expect(body.containment).toMatchObject({ calls: 2, contained: 1, rate: 0.5 });
  });

  it('counts a caller who hangs up while holding for the police as abandoned in a queue', async () => {
    const caller = t.caller({ from: '+14105550126' });
    await caller.start();
    await caller.press('3');
    expect(caller.enqueued()?.name).toBe('police-non-emergency');
    await caller.hangUp();
    const body = await stats();
    expect(endings(body)).toEqual({ report: 1, 'abandoned-ivr': 1, 'abandoned-queue': 1 });
    const police = body.queues.find((q: { queue: string }) => q.queue === 'police-non-emergency');
    expect(police).toMatchObject({ held: 1, abandoned: 1, abandonRate: 1 });
  });

  it('counts the out-of-area line apart', async () => {
    const caller = t.caller({ from: '+14105550125', to: t.config.OUT_OF_AREA_NUMBER });
    await caller.start();
    await caller.hangUp();
    const main = (await viewer.request('GET', '/admin/stats.json?line=main', undefined, { accept: 'application/json' })).json();
    const outOfArea = (await viewer.request('GET', '/admin/stats.json?line=out-of-area', undefined, { accept: 'application/json' })).json();
    expect(endings(main)).toEqual({ report: 1, 'abandoned-ivr': 1, 'abandoned-queue': 1 });
    expect(endings(outOfArea)).toEqual({ 'abandoned-ivr': 1 });
  });

  it('counts a first sentence the line did not understand, and the page shows the share', async () => {
    const caller = t.caller({ from: '+14105550127' });
    await caller.start();
    await caller.say('um, uh, hmm');
    await caller.hangUp();
    const body = await stats();
    expect(body.firstQuestion).toMatchObject({ answered: 2, understood: 1, share: 0.5 });
    const page = await viewer.request('GET', '/admin/stats');
    expect(page.body).toMatch(/50%<\/span> understood at the first question/);
  });
});
