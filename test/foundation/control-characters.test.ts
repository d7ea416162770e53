import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartmentKey } from '../../src/departments/keys.js';
import { createLogger } from '../../src/logging.js';
import { findControlCharacter } from '../../src/plugins/text-guard.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, PASSWORD, postSignIn, signIn, type ConsoleClient } from '../admin/console-client.js';
import { insertPhoneRequest, newClientKey } from '../open311/fixtures.js';

// Personal strings the test sends; none may reach a log line.
const PERSONAL = { first: 'Ysolde', last: 'Quarrington', email: 'ysolde.q@example.org', phone: '4105559876', description: 'Sinkhole beside the Quarrington house' };
const NUL = '\u0000';

const lines: string[] = [];
const stream = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let t: TestApp;
let apiKey: string;
let deptKey: string;
let sam: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: 'info' }, { logger: createLogger('info', stream) });
  apiKey = await newClientKey(t.database.db);
  deptKey = (await createDepartmentKey(t.database.db, 'transportation', 'work orders')).key;
  await addUser(t.app, 'sam', 'supervisor');
  sam = await signIn(t.app, 'sam');
});
afterAll(async () => t?.close());

function expectNoPersonalData() {
  const log = lines.join('');
  for (const value of Object.values(PERSONAL)) expect(log).not.toContain(value);
}

describe('finding control characters', () => {
  it('names the field, at any depth, and lets tab and line breaks through', () => {
    expect(findControlCharacter({ a: 'fine\tline\r\n', b: ['x', { c: `bad${NUL}` }] })).toBe('b[1].c');
    expect(findControlCharacter({ a: 'ok', b: 'bell\u0007' })).toBe('b');
    expect(findControlCharacter({ a: 'ok', b: 'del\u007f' })).toBe('b');
    expect(findControlCharacter({ a: 'fine\tline\r\n', accents: 'Peña, café — ok' })).toBeUndefined();
    expect(findControlCharacter({ [`k${NUL}`]: 'x' })).toBe('a field name');
  });
});

describe('control characters refused with a coded 400 before the database sees them', () => {
  const open311Fields = {
    service_code: 'potholes',
    description: PERSONAL.description,
    first_name: PERSONAL.first,
    last_name: PERSONAL.last,
    email: PERSONAL.email,
    phone: PERSONAL.phone,
    address_string: '100 N Holliday St',
    device_id: 'device-1',
    account_id: 'account-1',
    lat: '39.2908',
    long: '-76.6108',
    media_url: 'https://example.org/photo.jpg',
  };

  it.each(Object.keys(open311Fields))('Open311 POST: NUL in %s, as JSON and as a form', async (field) => {
    const body = { api_key: apiKey, ...open311Fields, [field]: `${open311Fields[field as keyof typeof open311Fields]}${NUL}` };
    const json = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(json.statusCode).toBe(400);
    expect(json.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining(`body field ${field} contains a control character`) });
    const form = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(body).toString(),
    });
    expect(form.statusCode).toBe(400);
    expectNoPersonalData();
  });

  it('Open311 POST: the api_key itself and a query parameter', async () => {
    const key = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ api_key: `${apiKey}${NUL}`, ...open311Fields }) });
    expect(key.statusCode).toBe(400);
    const query = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?service_code=potholes%00' });
    expect(query.statusCode).toBe(400);
  });

  it.each(['status', 'note', 'outcome', 'duplicate_of', 'expected_datetime'])('department update: NUL in %s', async (field) => {
    const r = await insertPhoneRequest(t.database.db);
    const values: Record<string, string> = { status: 'assigned', note: PERSONAL.description, outcome: 'fixed', duplicate_of: '12345', expected_datetime: '2030-01-01T10:00:00Z' };
    const response = await t.app.inject({
      method: 'POST',
      url: `/departments/v1/requests/${r.confirmation}/updates`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${deptKey}` },
      payload: JSON.stringify({ ...values, [field]: `${values[field]}${NUL}` }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INPUT_CONTROL_CHARACTER', message: expect.stringContaining(field) });
    expectNoPersonalData();
  });

  it('console sign-in form: NUL in the username or the password', async () => {
    expect((await postSignIn(t.app, `sam${NUL}`, PASSWORD)).statusCode).toBe(400);
    expect((await postSignIn(t.app, 'sam', `${PASSWORD}${NUL}`)).statusCode).toBe(400);
  });

  it('console catalogue form and API: NUL in a keyword, department or handling', async () => {
    for (const field of ['keywordsEn', 'keywordsEs', 'departmentCode', 'handling']) {
      const body = { keywordsEn: 'pothole', keywordsEs: 'bache', departmentCode: 'transportation', handling: 'report', active: '1', [field]: `x${NUL}` };
      const form = await t.app.inject({
        method: 'POST',
        url: '/admin/catalogue/potholes',
        headers: { cookie: sam.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...body, _csrf: sam.csrf }).toString(),
      });
      expect(form.statusCode, field).toBe(400);
      expect(form.body).toContain('contains a control character');
    }
    const api = await sam.put('/admin/api/catalogue/potholes', { keywords: { en: [`pot${NUL}hole`], es: [] }, departmentCode: 'transportation', handling: 'report' });
    expect(api.statusCode).toBe(400);
    expect(api.json().code).toBe('INPUT_CONTROL_CHARACTER');
  });

  it('console draft, publish, roll back and try: NUL anywhere in the body', async () => {
    const draft = (await sam.get('/admin/api/draft')).json();
    const text = JSON.stringify(draft.document);
    expect(text).toContain('"en":"');
    const document = JSON.parse(text.replace('"en":"', `"en":"${PERSONAL.description}\\u0000`));
    const put = await sam.put('/admin/api/draft', { document, expectedVersion: draft.version });
    expect(put.statusCode).toBe(400);
    expect(put.json().code).toBe('INPUT_CONTROL_CHARACTER');
    expect((await sam.post('/admin/api/publish', { message: `ship it${NUL}` })).json().code).toBe('INPUT_CONTROL_CHARACTER');
    expect((await sam.post('/admin/api/revisions/1/rollback', { message: `back${NUL}` })).json().code).toBe('INPUT_CONTROL_CHARACTER');
    expect((await sam.post('/admin/api/try', { say: `${PERSONAL.description}${NUL}` })).json().code).toBe('INPUT_CONTROL_CHARACTER');
    expectNoPersonalData();
  });

  it('logs the refusal with its code, route and request id', () => {
    const refusals = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'refused a control character');
    expect(refusals.length).toBeGreaterThan(0);
    for (const line of refusals) {
      expect(line).toMatchObject({ code: 'INPUT_CONTROL_CHARACTER', route: expect.any(String), reqId: expect.any(String) });
    }
  });
});
