import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueFigures } from '../../src/queue/figures.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, signIn, type ConsoleClient } from '../admin/console-client.js';
import { est, insertKnownCalls, PERIOD } from './known-day.js';

let t: TestApp;
let viewer: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp();
  await insertKnownCalls(t.app.db);
  await addUser(t.app, 'vic', 'viewer');
  viewer = await signIn(t.app, 'vic');
});
afterAll(async () => t?.close());

async function stats(line = 'both') {
  const response = await viewer.request('GET', `/admin/stats.json?from=${PERIOD.from}&to=${PERIOD.to}&line=${line}`, undefined, { accept: 'application/json' });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) => Object.fromEntries(rows.map((r) => [r[key], r]));

describe('CityStat figures over a known set of calls and requests', () => {
  it('counts calls per hour of day on Baltimore clocks, leaving out calls just outside the period', async () => {
    const { callsByHour } = await stats();
    expect(callsByHour).toHaveLength(24);
    const nonZero = Object.fromEntries(callsByHour.filter((h: { calls: number }) => h.calls).map((h: { hour: number; calls: number }) => [h.hour, h.calls]));
    // 23:30 EST on the 11th is 04:30 UTC on the 12th: still the 11th's 11 p.m. in Baltimore.
    expect(nonZero).toEqual({ 8: 2, 9: 4, 10: 2, 11: 2, 12: 2, 14: 1, 23: 1 });
  });

  it('counts calls per day, per line', async () => {
    expect((await stats()).callsByDay).toEqual([{ day: '2025-02-10', calls: 7 }, { day: '2025-02-11', calls: 7 }]);
    expect((await stats('main')).callsByDay).toEqual([{ day: '2025-02-10', calls: 6 }, { day: '2025-02-11', calls: 5 }]);
    expect((await stats('out-of-area')).callsByDay).toEqual([{ day: '2025-02-10', calls: 1 }, { day: '2025-02-11', calls: 2 }]);
  });

  it('tells how calls ended, a police call whose caller hung up on hold counting as abandoned in the queue', async () => {
    const endings = byKey((await stats()).endings, 'ending');
    const calls = Object.fromEntries(Object.entries(endings).map(([k, v]) => [k, (v as { calls: number }).calls]));
    expect(calls).toEqual({
      report: 4, status: 1, police: 1, operator: 1, callback: 2, 'abandoned-ivr': 1, 'abandoned-queue': 1,
      emergency: 1, goodbye: 1, transferred: 0, 'callback-declined': 0, other: 0, 'in-progress': 1,
    });
    expect(endings.report.share).toBeCloseTo(4 / 14);
    expect(endings['abandoned-queue'].label).toBe('Abandoned in a queue');
  });

  it('measures containment: calls ended by the menu alone (report, status, goodbye) over ended calls', async () => {
    expect((await stats()).containment).toEqual({ calls: 13, contained: 6, rate: 6 / 13 });
    expect((await stats('main')).containment).toEqual({ calls: 10, contained: 4, rate: 4 / 10 });
  });

  it('gives each queue its median and 90th percentile wait, abandon rate and call-backs', async () => {
    const queues = byKey((await stats()).queues, 'queue');
    expect(queues['police-non-emergency']).toEqual({
      queue: 'police-non-emergency', held: 3, medianWaitS: 60, p90WaitS: 172, abandoned: 2, abandonRate: 2 / 3, turnedAway: 1,
      callbacksMade: 1, callbacksAnswered: 0, callbacksFailed: 1, callbacksOpen: 0, callbackAttempts: 3,
    });
    expect(queues.operator).toEqual({
      queue: 'operator', held: 2, medianWaitS: 60, p90WaitS: 84, abandoned: 0, abandonRate: 0, turnedAway: 0,
      callbacksMade: 1, callbacksAnswered: 1, callbacksFailed: 0, callbacksOpen: 0, callbackAttempts: 1,
    });
    const main = byKey((await stats('main')).queues, 'queue');
    expect(main.operator).toMatchObject({ held: 1, medianWaitS: 30, p90WaitS: 30, callbacksMade: 0 });
  });

  it('agrees with the queue engineer’s own figures when both lines are counted', async () => {
    const own = await queueFigures(t.app.db, { from: est(PERIOD.from, '00:00'), to: est('2025-02-12', '00:00') });
    expect((await stats()).queues).toEqual(own);
  });

  it('counts requests by type: opened, open, closed and neighbours’ reports merged', async () => {
    const { requests } = await stats();
    expect(requests.totals).toEqual({ requests: 6, open: 3, closed: 3, mergedReports: 2 });
    expect(requests.byType.map((r: { serviceCode: string }) => r.serviceCode)).toEqual(['potholes', 'rats', 'graffiti', 'street-light-out']);
    expect(requests.byType[0]).toEqual({
      serviceCode: 'potholes', service: 'Pothole', department: 'transportation', requests: 2, open: 0, closed: 2,
      medianCloseH: 29, p90CloseH: expect.closeTo(44.2, 6), mergedReports: 2,
    });
    expect(requests.byType[1]).toMatchObject({ serviceCode: 'rats', requests: 2, open: 2, closed: 0, mergedReports: 0 });
  });

  it('gives each department its open and closed requests and the median and 90th percentile time to close', async () => {
    const departments = byKey((await stats()).requests.byDepartment, 'department');
    expect(departments.transportation).toEqual({
      department: 'transportation', name: 'Transportation', requests: 3, open: 1, closed: 2,
      medianCloseH: 29, p90CloseH: expect.closeTo(44.2, 6), mergedReports: 2,
    });
    expect(departments['solid-waste']).toEqual({
      department: 'solid-waste', name: 'Public Works — Solid Waste', requests: 3, open: 2, closed: 1,
      medianCloseH: 4, p90CloseH: 4, mergedReports: 0,
    });
  });

  it('counts only the chosen line’s phone requests when one line is chosen', async () => {
    expect((await stats('main')).requests.totals).toEqual({ requests: 1, open: 0, closed: 1, mergedReports: 2 });
    expect((await stats('out-of-area')).requests.totals).toEqual({ requests: 1, open: 1, closed: 0, mergedReports: 0 });
  });

  it('shows speech recognition health: understood at the first try, after confirmation, or only by keypad', async () => {
    const speech = byKey((await stats()).speech, 'path');
    expect(Object.fromEntries(Object.entries(speech).map(([k, v]) => [k, [(v as { calls: number }).calls, (v as { share: number }).share]]))).toEqual({
      'first-try': [2, 0.4], confirmation: [1, 0.2], keypad: [2, 0.4],
    });
    const main = byKey((await stats('main')).speech, 'path');
    expect([main['first-try'].calls, main.confirmation.calls, main.keypad.calls]).toEqual([1, 1, 2]);
  });

  it('maps open requests by type in cells, neighbours in one cell, unplaced ones counted but not drawn', async () => {
    expect((await stats()).openRequests).toEqual({
      open: 3,
      placed: 2,
      types: [{ code: 'rats', service: 'Rats', count: 2 }, { code: 'street-light-out', service: 'Street light out', count: 1 }],
      cells: [{ lat: 39.3, long: -76.6, type: 'rats', count: 2 }],
    });
  });

  it('counts nothing in a period without calls', async () => {
    const response = await viewer.request('GET', '/admin/stats.json?from=2024-06-01&to=2024-06-02', undefined, { accept: 'application/json' });
    const empty = response.json();
    expect(empty.callsByDay).toEqual([{ day: '2024-06-01', calls: 0 }, { day: '2024-06-02', calls: 0 }]);
    expect(empty.containment).toEqual({ calls: 0, contained: 0, rate: null });
    expect(empty.queues).toEqual([]);
    expect(empty.requests.totals).toEqual({ requests: 0, open: 0, closed: 0, mergedReports: 0 });
  });
});
