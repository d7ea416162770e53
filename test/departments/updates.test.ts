import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSessions, outbox, requestReports, requestUpdates, serviceRequests } from '../../db/schema/index.js';
import { createDepartmentKey } from '../../src/departments/keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { CALLER, insertPhoneRequest, parseXml } from '../open311/fixtures.js';

let t: TestApp;
let dotKey: string;
let sanitationKey: string;
beforeAll(async () => {
  t = await createTestApp();
  dotKey = (await createDepartmentKey(t.database.db, 'transportation', 'work orders')).key;
  sanitationKey = (await createDepartmentKey(t.database.db, 'solid-waste', '')).key;
});
afterAll(async () => t?.close());

const update = (id: string, body: Record<string, unknown>, headers: Record<string, string> = { authorization: `Bearer ${dotKey}` }) =>
  t.app.inject({
    method: 'POST',
    url: `/departments/v1/requests/${id}/updates`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });
const georeport = async (id: string) => (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).json()[0];
const history = (requestId: number) => t.database.db.select().from(requestUpdates).where(eq(requestUpdates.requestId, requestId)).orderBy(requestUpdates.id);
const textsTo = async (number: string) => (await t.database.db.select().from(outbox)).filter((row) => row.payload.to === number);

describe('department updates: who may update', () => {
  it('refuses a request without a key, or with an unknown one, with 401', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const none = await update(r.confirmation, { status: 'assigned' }, {});
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'DEPT_MISSING_KEY' });
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const forged = await update(r.confirmation, { status: 'assigned' }, { authorization: 'Bearer dept_forged' });
    expect(forged.json()).toMatchObject({ code: 'DEPT_INVALID_KEY' });
    expect((await history(r.id)).map((u) => u.status)).toEqual(['received']);
  });

  it('takes the key as X-Api-Key too', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const res = await update(r.confirmation, { status: 'assigned' }, { 'x-api-key': dotKey });
    expect(res.statusCode).toBe(201);
  });

  it("refuses to let a department update another department's request", async () => {
    const r = await insertPhoneRequest(t.database.db);
    const res = await update(r.confirmation, { status: 'assigned' }, { authorization: `Bearer ${sanitationKey}` });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'DEPT_NOT_YOUR_REQUEST' });
    expect((await georeport(r.confirmation)).notes).toHaveLength(1);
  });

  it('answers an unknown request with 404', async () => {
    expect((await update('123456789', { status: 'assigned' })).statusCode).toBe(404);
  });
});

describe('department updates: moving a request along', () => {
  it('sets a status with a note, kept as history and shown as GeoReport notes', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const res = await update(r.confirmation, { status: 'in_progress', note: 'Crew dispatched' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ service_request_id: r.confirmation, status: 'open', detailed_status: 'in_progress' });
    const shown = await georeport(r.confirmation);
    expect(shown.status_notes).toBe('Crew dispatched');
    expect(shown.notes.at(-1)).toMatchObject({ type: 'status', summary: 'Status: In progress', description: 'Crew dispatched' });
    const rows = await history(r.id);
    expect(rows.at(-1)).toMatchObject({ kind: 'status', status: 'in_progress', author: 'department:transportation (work orders)' });
    const [saved] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.id, r.id));
    expect(saved!.updatedAt.getTime()).toBeGreaterThan(r.updatedAt.getTime());
  });

  it('sets an expected date, shown as expected_datetime, and clears it with null', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const res = await update(r.confirmation, { expected_datetime: '2030-06-01T17:00:00-04:00' });
    expect(res.statusCode).toBe(201);
    expect((await georeport(r.confirmation)).expected_datetime).toBe('2030-06-01T17:00:00-04:00');
    await update(r.confirmation, { expected_datetime: null });
    expect((await georeport(r.confirmation)).expected_datetime).toBeNull();
  });

  it('adds a note alone without changing the status', async () => {
    const r = await insertPhoneRequest(t.database.db);
    await update(r.confirmation, { note: 'Waiting for asphalt' });
    const shown = await georeport(r.confirmation);
    expect(shown.notes.at(-1)).toMatchObject({ type: 'note', description: 'Waiting for asphalt' });
    expect((await history(r.id)).at(-1)?.status).toBeNull();
  });

  it('refuses a status outside the vocabulary, an empty update and a bad date', async () => {
    const r = await insertPhoneRequest(t.database.db);
    expect((await update(r.confirmation, { status: 'fixed-ish' })).json()).toMatchObject({ code: 'DEPT_INVALID_UPDATE' });
    expect((await update(r.confirmation, {})).statusCode).toBe(400);
    expect((await update(r.confirmation, { expected_datetime: 'next Tuesday' })).statusCode).toBe(400);
  });

  it('applies a retried update with the same Idempotency-Key once', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const headers = { authorization: `Bearer ${dotKey}`, 'idempotency-key': 'wo-778-1' };
    const first = await update(r.confirmation, { note: 'Patched' }, headers);
    const again = await update(r.confirmation, { note: 'Patched' }, headers);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect((await history(r.id)).filter((u) => u.note === 'Patched')).toHaveLength(1);
  });
});

describe('department updates: retries at the same moment', () => {
  it('applies two simultaneous deliveries of one update once', async () => {
    const r = await insertPhoneRequest(t.database.db, { wantsText: true, callerNumber: '+14105550555' });
    const headers = { authorization: `Bearer ${dotKey}`, 'idempotency-key': 'wo-race' };
    const answers = await Promise.all([
      update(r.confirmation, { status: 'completed', outcome: 'Filled' }, headers),
      update(r.confirmation, { status: 'completed', outcome: 'Filled' }, headers),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    expect((await history(r.id)).filter((u) => u.status === 'completed')).toHaveLength(1);
    expect(await textsTo('+14105550555')).toHaveLength(1);
  });
});

describe('department updates: closing', () => {
  it('closes with an outcome: closed in GeoReport, outcome as status_notes, closed_at set', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const res = await update(r.confirmation, { status: 'completed', outcome: 'Pothole filled' });
    expect(res.statusCode).toBe(201);
    const shown = await georeport(r.confirmation);
    expect(shown).toMatchObject({ status: 'closed', status_notes: 'Pothole filled' });
    const [saved] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.id, r.id));
    expect(saved).toMatchObject({ status: 'completed', outcome: 'Pothole filled' });
    expect(saved!.closedAt).toBeInstanceOf(Date);
  });

  it('refuses to close without an outcome', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const res = await update(r.confirmation, { status: 'closed' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/outcome/);
  });

  it('texts the caller and each neighbour who asked, once each, in the language of their call', async () => {
    const db = t.database.db;
    const r = await insertPhoneRequest(db, { wantsText: true, callerNumber: '+14105550111' });
    await db.insert(requestReports).values([
      { requestId: r.id, callerNumber: '+14105550222', wantsText: true, callSid: 'CAspanish0001' },
      { requestId: r.id, callerNumber: '+14105550222', wantsText: true },
      { requestId: r.id, callerNumber: '+14105550333', wantsText: false },
    ]);
    await db.insert(callSessions).values({ callSid: 'CAspanish0001', line: 'main', revisionId: 1, language: 'es', step: 'goodbye' });
    const headers = { authorization: `Bearer ${dotKey}`, 'idempotency-key': `close-${r.id}` };
    await update(r.confirmation, { status: 'completed', outcome: 'Pothole filled' }, headers);
    await update(r.confirmation, { status: 'completed', outcome: 'Pothole filled' }, headers);

    const grouped = r.confirmation.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
    const caller = await textsTo('+14105550111');
    expect(caller.map((row) => row.payload.body)).toEqual([
      `Baltimore City 311: your request ${grouped} (Pothole) has been completed. Pothole filled`,
    ]);
    const neighbour = await textsTo('+14105550222');
    expect(neighbour).toHaveLength(1);
    expect(neighbour[0]!.payload.body).toMatch(new RegExp(`su solicitud ${grouped} \\(.+\\) fue completada`));
    expect(await textsTo('+14105550333')).toHaveLength(0);
  });

  it('texts nobody who did not ask', async () => {
    const r = await insertPhoneRequest(t.database.db, { wantsText: false, callerNumber: '+14105550444' });
    await update(r.confirmation, { status: 'completed', outcome: 'Done' });
    expect(await textsTo('+14105550444')).toHaveLength(0);
  });

  it('refuses to update a closed request until it is reopened, then takes updates again', async () => {
    const r = await insertPhoneRequest(t.database.db);
    await update(r.confirmation, { status: 'completed', outcome: 'Filled' });
    const late = await update(r.confirmation, { status: 'in_progress' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'DEPT_REQUEST_CLOSED' });
    expect((await update(r.confirmation, { status: 'reopened', note: 'Sinking again' })).statusCode).toBe(201);
    const [saved] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.id, r.id));
    expect(saved).toMatchObject({ status: 'reopened', closedAt: null, outcome: null });
    expect((await georeport(r.confirmation)).status).toBe('open');
  });

  it('closes a duplicate pointing at its parent, shown with duplicate and parent_service_request_id', async () => {
    const parent = await insertPhoneRequest(t.database.db);
    const child = await insertPhoneRequest(t.database.db);
    const res = await update(child.confirmation, { status: 'duplicate', duplicate_of: parent.confirmation });
    expect(res.statusCode).toBe(201);
    const xml = parseXml((await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${child.confirmation}.xml` })).body);
    expect(xml.service_requests.request[0]).toMatchObject({
      status: 'closed',
      duplicate: 'true',
      parent_service_request_id: parent.confirmation,
      status_notes: `Duplicate of ${parent.confirmation}`,
    });
    expect((await update(parent.confirmation, { status: 'duplicate', duplicate_of: parent.confirmation })).statusCode).toBe(400);
  });
});

describe('department updates: what they read', () => {
  it("lists only the department's own requests, with the detailed status", async () => {
    const mine = await insertPhoneRequest(t.database.db);
    const theirs = await insertPhoneRequest(t.database.db, { serviceCode: 'rats', agency: 'solid-waste' });
    const res = await t.app.inject({ method: 'GET', url: '/departments/v1/requests?status=open', headers: { authorization: `Bearer ${dotKey}` } });
    const ids = res.json().map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).toContain(mine.confirmation);
    expect(ids).not.toContain(theirs.confirmation);
    expect(res.json()[0]).toHaveProperty('detailed_status');
  });

  it('shows one request without the caller\'s details', async () => {
    const r = await insertPhoneRequest(t.database.db);
    const res = await t.app.inject({ method: 'GET', url: `/departments/v1/requests/${r.confirmation}`, headers: { authorization: `Bearer ${dotKey}` } });
    expect(res.statusCode).toBe(200);
    for (const secret of [CALLER.number, CALLER.email, CALLER.lastName]) expect(res.body).not.toContain(secret);
  });
});

describe('department updates reach the status line', () => {
  it('a caller checking the request hears the status and expected date a department set', async () => {
    const r = await insertPhoneRequest(t.database.db);
    await update(r.confirmation, { status: 'in_progress', expected_datetime: '2030-06-01T17:00:00-04:00' });
    const caller = t.caller({ from: '+14105550999' });
    await caller.start();
    await caller.press('2');
    await caller.press(`${r.confirmation}#`);
    expect(caller.heard()).toMatch(/is being worked on/);
    expect(caller.heard()).toMatch(/expects to finish it by June 1/);
  });
});
