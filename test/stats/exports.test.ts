import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { FIGURES } from '../../src/stats/figures.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, signIn, type ConsoleClient } from '../admin/console-client.js';
import { insertKnownCalls, PERIOD } from './known-day.js';

let t: TestApp;
let viewer: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp();
  await insertKnownCalls(t.app.db);
  await addUser(t.app, 'vic', 'viewer');
  viewer = await signIn(t.app, 'vic');
});
afterAll(async () => t?.close());

const period = `from=${PERIOD.from}&to=${PERIOD.to}`;
const json = (url: string) => viewer.request('GET', url, undefined, { accept: 'application/json' });

describe('CityStat for signed-in users only', () => {
  it('refuses the figures, the exports and the outlines without a session', async () => {
    for (const url of [`/admin/stats.json?${period}`, `/admin/stats/endings.csv?${period}`, '/admin/stats/areas.json']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().code).toBe('ADMIN_NOT_SIGNED_IN');
      expect(response.body).not.toContain('potholes');
    }
  });

  it('sends a browser without a session to the sign-in form and back', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/admin/stats?${period}`, headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent(`/admin/stats?${period}`)}`);
  });

  it('refuses a forged or expired session cookie', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/admin/stats.json?${period}`, headers: { cookie: '__Host-b311_admin=not-a-session' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('CityStat as JSON and CSV for the city’s analysts', () => {
  it('answers stats.json with every figure and the period it covers', async () => {
    const response = await json(`/admin/stats.json?${period}&line=main`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(
      ['callsByDay', 'callsByHour', 'containment', 'endings', 'filter', 'firstQuestion', 'openRequests', 'queues', 'requests', 'speech'],
    );
    expect(body.filter).toEqual({ from: '2025-02-10', to: '2025-02-11', line: 'main' });
    expect(Object.keys(body.requests).sort()).toEqual(['byDepartment', 'byType', 'totals']);
  });

  it('answers each figure as a CSV download whose header names its columns', async () => {
    for (const [name, figure] of Object.entries(FIGURES)) {
      const response = await viewer.get(`/admin/stats/${name}.csv?${period}`);
      expect(response.statusCode, name).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="citystat-${name}-2025-02-10-2025-02-11-both-lines.csv"`);
      const rows: string[][] = parse(response.body);
      expect(rows[0], name).toEqual([...figure.columns]);
      for (const row of rows) expect(row).toHaveLength(figure.columns.length);
    }
  });

  it('puts the same numbers in the CSV as in the JSON', async () => {
    const hours: string[][] = parse((await viewer.get(`/admin/stats/calls-by-hour.csv?${period}`)).body);
    expect(hours).toHaveLength(25);
    expect(hours[10]).toEqual(['9', '4']);
    const queues: string[][] = parse((await viewer.get(`/admin/stats/queues.csv?${period}`)).body);
    expect(queues.slice(1)).toEqual([
      ['operator', '2', '60', '84', '0', '0', '0', '1', '1', '0', '0', '1'],
      ['police-non-emergency', '3', '60', '172', '2', String(2 / 3), '1', '1', '0', '1', '0', '3'],
    ]);
    const departments: string[][] = parse((await viewer.get(`/admin/stats/requests-by-department.csv?${period}&line=main`)).body);
    expect(departments.slice(1)).toEqual([['transportation', 'Transportation', '1', '0', '1', '48', '48', '2']]);
    const containment: string[][] = parse((await viewer.get(`/admin/stats/containment.csv?${period}&line=out-of-area`)).body);
    // Out of area: a goodbye, a call-back and a report, all ended.
    expect(containment).toEqual([['calls', 'contained', 'rate'], ['3', '2', String(2 / 3)]]);
  });

  it('names a wrong date, period, line or figure with a coded error', async () => {
    const cases: [string, number, string][] = [
      ['/admin/stats.json?from=2025-02-30&to=2025-03-01', 400, 'STATS_BAD_DATE'],
      ['/admin/stats.json?from=10/02/2025', 400, 'STATS_BAD_DATE'],
      ['/admin/stats.json?from=2025-02-11&to=2025-02-10', 400, 'STATS_BAD_PERIOD'],
      ['/admin/stats.json?from=2020-01-01&to=2025-01-01', 400, 'STATS_BAD_PERIOD'],
      ['/admin/stats.json?line=county', 400, 'STATS_BAD_LINE'],
      ['/admin/stats/nothing.csv', 404, 'STATS_UNKNOWN_FIGURE'],
      ['/admin/stats/endings.txt', 404, 'STATS_UNKNOWN_FIGURE'],
    ];
    for (const [url, status, code] of cases) {
      const response = await json(url);
      expect(response.statusCode, url).toBe(status);
      expect(response.json().code, url).toBe(code);
    }
  });

  it('shows a wrong period on the page as a readable error, not a stack', async () => {
    const response = await viewer.get('/admin/stats?from=2025-02-11&to=2025-02-10');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('The period must start on or before its end');
  });

  it('serves the seeded parks and district outlines for the map as GeoJSON', async () => {
    const response = await json('/admin/stats/areas.json');
    expect(response.statusCode).toBe(200);
    const { type, features } = response.json();
    expect(type).toBe('FeatureCollection');
    const kinds = new Set(features.map((f: { properties: { kind: string } }) => f.properties.kind));
    expect([...kinds].sort()).toEqual(['council', 'park', 'police']);
    expect(features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'council')).toHaveLength(14);
    for (const f of features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });
});

describe('the CityStat page', () => {
  it('renders the period’s figures as tables with chart canvases, the map and links to the exports', async () => {
    const response = await viewer.get(`/admin/stats?${period}&line=both`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const page = response.body;
    for (const id of ['chart-hour', 'chart-day', 'chart-endings', 'chart-speech', 'chart-queues', 'chart-callbacks', 'chart-departments', 'chart-close', 'chart-types']) {
      expect(page).toContain(`<canvas id="${id}"`);
    }
    expect(page).toContain('id="map"');
    expect(page).toContain(`href="/admin/stats.json?from=2025-02-10&amp;to=2025-02-11&amp;line=both"`);
    expect(page).toMatch(/<th scope="row">Abandoned in a queue<\/th><td class="num">1<\/td>/);
    expect(page).toMatch(/<span class="big">46%<\/span> completed without a person/);
    expect(page).toContain('<script type="application/json" id="citystat-data">');
  });

  it('keeps text from the data inert: a "</script>" in a service name cannot end the data island', async () => {
    await t.app.db.execute(sql`update services set names = jsonb_set(names, '{en}', to_jsonb(${'</script><script>alert(1)</script>'}::text)) where code = 'graffiti'`);
    const page = (await viewer.get(`/admin/stats?${period}`)).body;
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('\\u003c/script>\\u003cscript>alert(1)');
  });

  it('serves chart.js and its own script from this app, never from a CDN', async () => {
    const page = (await viewer.get(`/admin/stats?${period}`)).body;
    const scripts = [...page.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.some((s) => s.startsWith('/admin/stats/assets/chart.umd.min.js?v='))).toBe(true);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await t.app.inject({ method: 'GET', url: src });
      expect(asset.statusCode, src).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }
  });
});
