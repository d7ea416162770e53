import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestUpdates, serviceRequests } from '../../db/schema/index.js';
import type { ServiceRequest } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { CALLER, insertPhoneRequest, ISO_WITH_ZONE, parseXml, REQUEST_FIELDS } from './fixtures.js';

const DAY = 86_400_000;
let t: TestApp;
let pothole: ServiceRequest;
let oldGraffiti: ServiceRequest;
let closedLight: ServiceRequest;
const created: ServiceRequest[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pothole = await insertPhoneRequest(db, {
    description: `Pothole, call me back at 410-555-0123 or ${CALLER.email}. ${CALLER.firstName} here. <b>deep</b> & wide`,
    wantsText: true,
  });
  oldGraffiti = await insertPhoneRequest(db, { serviceCode: 'graffiti', agency: 'solid-waste', channel: 'open311' });
  await db.update(serviceRequests).set({ requestedAt: new Date(Date.now() - 120 * DAY), updatedAt: new Date(Date.now() - 120 * DAY) }).where(eq(serviceRequests.id, oldGraffiti.id));
  closedLight = await insertPhoneRequest(db, { serviceCode: 'street-light-out' });
  await db.update(serviceRequests).set({ status: 'completed', outcome: 'Lamp replaced', closedAt: new Date() }).where(eq(serviceRequests.id, closedLight.id));
  for (let i = 0; i < 5; i++) created.push(await insertPhoneRequest(db, { serviceCode: 'rats', agency: 'solid-waste' }));
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const ids = (rows: { service_request_id: string }[]) => rows.map((r) => r.service_request_id);

describe('GET requests', () => {
  it('shows a request taken by phone with every GeoReport field, channel "phone" and its notes', async () => {
    const res = await get(`/open311/v2/requests/${pothole.confirmation}.json`);
    expect(res.statusCode).toBe(200);
    const [r] = res.json();
    expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(r).toMatchObject({
      service_request_id: pothole.confirmation,
      status: 'open',
      service_name: 'TRM-Potholes',
      service_code: 'potholes',
      agency_responsible: 'Transportation',
      address: '100 N Holliday St, Baltimore, MD',
      lat: 39.2908,
      long: -76.6108,
      channel: 'phone',
      report_count: 1,
      duplicate: false,
      expected_datetime: null,
    });
    expect(r.requested_datetime).toMatch(ISO_WITH_ZONE);
    expect(r.updated_datetime).toMatch(ISO_WITH_ZONE);
    expect(r.notes).toEqual([{ type: 'status', datetime: expect.stringMatching(ISO_WITH_ZONE), summary: 'Status: Received', description: 'Reported by phone' }]);
  });

  it('never shows the caller\'s phone number, name or email, even when they said them in the description', async () => {
    const res = await get(`/open311/v2/requests/${pothole.confirmation}.json`);
    const xml = await get(`/open311/v2/requests/${pothole.confirmation}.xml`);
    const list = await get('/open311/v2/requests.json');
    for (const body of [res.body, xml.body, list.body]) {
      for (const secret of ['410-555-0123', '4105550123', CALLER.number, CALLER.email, CALLER.firstName, CALLER.lastName]) {
        expect(body).not.toContain(secret);
      }
    }
    expect(res.json()[0].description).toContain('[number removed]');
  });

  it('shows the same request in XML with every field, the markup in the description escaped', async () => {
    const res = await get(`/open311/v2/requests/${pothole.confirmation}.xml`);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const [r] = parseXml(res.body).service_requests.request;
    expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(r).toMatchObject({ service_request_id: pothole.confirmation, status: 'open', channel: 'phone', lat: '39.2908', long: '-76.6108', duplicate: 'false' });
    expect(r.description).toContain('<b>deep</b> & wide');
    expect(r.notes.note[0]).toMatchObject({ type: 'status', summary: 'Status: Received' });
  });

  it('answers an unknown service_request_id with 404 in both formats', async () => {
    expect((await get('/open311/v2/requests/999999999.json')).json()).toEqual([{ code: 404, description: expect.stringContaining('999999999') }]);
    const xml = await get('/open311/v2/requests/nonsense.xml');
    expect(xml.statusCode).toBe(404);
    expect(parseXml(xml.body).errors.error[0].code).toBe('404');
  });

  it('lists the last 90 days by default, newest first', async () => {
    const rows = (await get('/open311/v2/requests.json')).json();
    expect(ids(rows)).toContain(pothole.confirmation);
    expect(ids(rows)).not.toContain(oldGraffiti.confirmation);
    const times = rows.map((r: { requested_datetime: string }) => Date.parse(r.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('finds an older request with start_date and end_date', async () => {
    const start = new Date(Date.now() - 130 * DAY).toISOString();
    const end = new Date(Date.now() - 100 * DAY).toISOString();
    const rows = (await get(`/open311/v2/requests.json?start_date=${start}&end_date=${end}`)).json();
    expect(ids(rows)).toEqual([oldGraffiti.confirmation]);
  });

  it('refuses start_date and end_date more than 90 days apart, or reversed, or without a time zone', async () => {
    const wide = await get(`/open311/v2/requests.xml?start_date=2024-01-01T00:00:00Z&end_date=2024-06-01T00:00:00Z`);
    expect(wide.statusCode).toBe(400);
    expect(parseXml(wide.body).errors.error[0].description).toMatch(/90 days/);
    const reversed = await get(`/open311/v2/requests.json?start_date=2024-02-01T00:00:00Z&end_date=2024-01-01T00:00:00Z`);
    expect(reversed.statusCode).toBe(400);
    const zoneless = await get(`/open311/v2/requests.json?start_date=2024-02-01T00:00:00`);
    expect(zoneless.json()[0].description).toMatch(/time zone/);
  });

  it('filters by a comma list of service_code', async () => {
    const rows = (await get('/open311/v2/requests.json?service_code=potholes,street-light-out')).json();
    expect(new Set(rows.map((r: { service_code: string }) => r.service_code))).toEqual(new Set(['potholes', 'street-light-out']));
  });

  it('filters by status open and closed, the closed one showing its outcome as status_notes', async () => {
    const closed = (await get('/open311/v2/requests.json?status=closed')).json();
    expect(ids(closed)).toEqual([closedLight.confirmation]);
    expect(closed[0]).toMatchObject({ status: 'closed', status_notes: 'Lamp replaced' });
    const open = (await get('/open311/v2/requests.json?status=open')).json();
    expect(ids(open)).not.toContain(closedLight.confirmation);
    expect(ids(open)).toContain(pothole.confirmation);
    expect((await get('/open311/v2/requests.json?status=pending')).statusCode).toBe(400);
  });

  it('fetches a comma list of service_request_id, ignoring the other filters as the spec says', async () => {
    const rows = (await get(`/open311/v2/requests.json?service_request_id=${oldGraffiti.confirmation},${pothole.confirmation}&status=closed`)).json();
    expect(new Set(ids(rows))).toEqual(new Set([oldGraffiti.confirmation, pothole.confirmation]));
  });

  it('pages with page and page_size, and refuses a page_size over 1,000', async () => {
    const url = '/open311/v2/requests.json?service_code=rats&page_size=2';
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(ids((await get(`${url}&page=${page}`)).json()));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat())).toEqual(new Set(created.map((r) => r.confirmation)));
    const huge = await get('/open311/v2/requests.json?page_size=1001');
    expect(huge.statusCode).toBe(400);
    expect(huge.json()[0].description).toMatch(/page_size/);
  });

  it('lists requests changed since updated_after, however old they are', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    await t.database.db.update(serviceRequests).set({ updatedAt: new Date() }).where(eq(serviceRequests.id, oldGraffiti.id));
    const rows = (await get(`/open311/v2/requests.json?updated_after=${encodeURIComponent(before)}&service_code=graffiti`)).json();
    expect(ids(rows)).toEqual([oldGraffiti.confirmation]);
  });

  it('lists requests in XML as <service_requests><request>…', async () => {
    const rows = parseXml((await get('/open311/v2/requests.xml?service_code=rats')).body).service_requests.request;
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
  });

  it('answers an empty list as [] and as an empty <service_requests>', async () => {
    expect((await get('/open311/v2/requests.json?service_code=unicorns')).json()).toEqual([]);
    expect(parseXml((await get('/open311/v2/requests.xml?service_code=unicorns')).body)).toEqual({ service_requests: '' });
  });

  it('shows a request closed as a duplicate with duplicate and parent_service_request_id', async () => {
    const child = await insertPhoneRequest(t.database.db);
    await t.database.db.update(serviceRequests).set({ status: 'duplicate', duplicateOf: pothole.id, closedAt: new Date() }).where(eq(serviceRequests.id, child.id));
    const [r] = (await get(`/open311/v2/requests/${child.confirmation}.json`)).json();
    expect(r).toMatchObject({ status: 'closed', duplicate: true, parent_service_request_id: pothole.confirmation });
  });
});

describe('GET tokens', () => {
  it('maps a token straight to its service_request_id, requests being created synchronously', async () => {
    const json = (await get(`/open311/v2/tokens/${pothole.confirmation}.json`)).json();
    expect(json).toEqual([{ service_request_id: pothole.confirmation, token: pothole.confirmation }]);
    const xml = parseXml((await get(`/open311/v2/tokens/${pothole.confirmation}.xml`)).body);
    expect(xml.service_requests.request[0]).toEqual({ service_request_id: pothole.confirmation, token: pothole.confirmation });
    expect((await get('/open311/v2/tokens/123.json')).statusCode).toBe(404);
  });
});

describe('history', () => {
  it('lists every update in notes, oldest first', async () => {
    await t.database.db.insert(requestUpdates).values({ requestId: created[0]!.id, kind: 'note', note: 'Crew scheduled', author: 'department:solid-waste' });
    const [r] = (await get(`/open311/v2/requests/${created[0]!.confirmation}.json`)).json();
    expect(r.notes.map((n: { description: string }) => n.description)).toEqual(['Reported by phone', 'Crew scheduled']);
    expect(r.status_notes).toBe('Crew scheduled');
    const rows = await t.database.db.select().from(requestUpdates).where(inArray(requestUpdates.requestId, [created[0]!.id]));
    expect(rows).toHaveLength(2);
  });

  it('publishes what the caller asked the city to do, with their name blanked out', async () => {
    const r = await insertPhoneRequest(t.database.db, { requestedAction: `Please fill it, ${CALLER.firstName} lives here` });
    const [json] = (await get(`/open311/v2/requests/${r.confirmation}.json`)).json();
    expect(json.requested_action).toMatch(/^Please fill it, /);
    expect(json.requested_action).not.toContain(CALLER.firstName);
    const xml = parseXml((await get(`/open311/v2/requests/${r.confirmation}.xml`)).body);
    expect(xml.service_requests.request[0].requested_action).toBe(json.requested_action);
  });

  it("keeps a caller's follow-up in the notes, never as the city's status_notes", async () => {
    await t.database.db.insert(requestUpdates).values({ requestId: created[0]!.id, kind: 'follow-up', note: "it's still not fixed, and now it's bigger", author: 'caller' });
    const [r] = (await get(`/open311/v2/requests/${created[0]!.confirmation}.json`)).json();
    expect(r.notes.at(-1).description).toBe("it's still not fixed, and now it's bigger");
    expect(r.status_notes).toBe('Crew scheduled');
  });
});
