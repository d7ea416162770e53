import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequests } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { CITY_HALL, newClientKey, parseXml, TOWSON } from './fixtures.js';

let t: TestApp;
let apiKey: string;
beforeAll(async () => {
  t = await createTestApp();
  apiKey = await newClientKey(t.database.db);
});
afterAll(async () => t?.close());

const form = (url: string, params: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: body.toString(),
  });
};
const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

const stored = async (id: string) =>
  (await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.confirmation, id)))[0]!;

describe('POST requests', () => {
  it('creates a request from a form post at lat/long and answers its id in XML', async () => {
    const res = await form('/open311/v2/requests.xml', {
      api_key: apiKey,
      service_code: 'potholes',
      lat: String(CITY_HALL.lat),
      long: String(CITY_HALL.long),
      description: 'Pothole in front of City Hall',
      first_name: 'Ada',
      email: 'ada@example.org',
    });
    expect(res.statusCode).toBe(201);
    const [created] = parseXml(res.body).service_requests.request;
    expect(created.service_request_id).toMatch(/^\d{9}$/);
    expect(created).toHaveProperty('service_notice');
    expect(created).toHaveProperty('account_id');
    const row = await stored(created.service_request_id);
    expect(row).toMatchObject({ serviceCode: 'potholes', channel: 'open311', agency: 'transportation', firstName: 'Ada', status: 'received' });
    expect(row.councilDistrict).toBeTruthy();
  });

  it('creates a request from a JSON body at an address_string, placed by the phone line\'s resolver', async () => {
    const res = await json('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 'street-light-out',
      address_string: '1200 N Charles St, Baltimore, MD 21201',
      attribute: { pole_number: 'BGE-1234' },
      account_id: 'acct-9',
    });
    expect(res.statusCode).toBe(201);
    const [created] = res.json();
    expect(created).toEqual({ service_request_id: expect.stringMatching(/^\d{9}$/), service_notice: '', account_id: 'acct-9' });
    const row = await stored(created.service_request_id);
    expect(row.addressString).toBe('1200 N Charles St, Baltimore, MD');
    expect(row.neighborhood).toBe('Mid-Town Belvedere');
    expect(row.lat).toBeCloseTo(39.30, 1);
    expect(row.attributes).toEqual({ pole_number: 'BGE-1234' });
  });

  it('takes attribute[code] form fields and stores them typed by the service definition', async () => {
    const res = await form('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 'bulk-trash',
      lat: String(CITY_HALL.lat),
      long: String(CITY_HALL.long),
      'attribute[item_type]': 'mattress',
      'attribute[item_count]': '3',
    });
    expect(res.statusCode).toBe(201);
    expect((await stored(res.json()[0].service_request_id)).attributes).toEqual({ item_type: 'mattress', item_count: 3 });
  });

  it('refuses a missing required attribute, a value not in the list and an unknown attribute', async () => {
    const base = { api_key: apiKey, service_code: 'bulk-trash', lat: String(CITY_HALL.lat), long: String(CITY_HALL.long) };
    const missing = await form('/open311/v2/requests.json', base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual([{ code: 400, description: expect.stringContaining('attribute[item_type] is required') }]);
    const wrong = await form('/open311/v2/requests.json', { ...base, 'attribute[item_type]': 'spaceship' });
    expect(wrong.json()[0].description).toMatch(/attribute\[item_type\] must be one of/);
    const unknown = await form('/open311/v2/requests.json', { ...base, 'attribute[colour]': 'red' });
    expect(unknown.json()[0].description).toMatch(/attribute\[colour\] is not an attribute/);
  });

  it('refuses an unknown api_key with 403 in the format asked for', async () => {
    const params = { api_key: 'o311_not-a-key', service_code: 'potholes', lat: String(CITY_HALL.lat), long: String(CITY_HALL.long) };
    const asJson = await form('/open311/v2/requests.json', params);
    expect(asJson.statusCode).toBe(403);
    expect(asJson.json()).toEqual([{ code: 403, description: 'api_key was not provided or is not valid' }]);
    const asXml = await form('/open311/v2/requests.xml', params);
    expect(asXml.statusCode).toBe(403);
    expect(parseXml(asXml.body)).toEqual({ errors: { error: [{ code: '403', description: 'api_key was not provided or is not valid' }] } });
  });

  it('refuses a post without an api_key with 403', async () => {
    const res = await form('/open311/v2/requests.json', { service_code: 'potholes', lat: String(CITY_HALL.lat), long: String(CITY_HALL.long) });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a missing service_code with 400 and an unknown one with 404', async () => {
    const missing = await form('/open311/v2/requests.json', { api_key: apiKey, lat: String(CITY_HALL.lat), long: String(CITY_HALL.long) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toMatch(/service_code/);
    const unknown = await form('/open311/v2/requests.json', { api_key: apiKey, service_code: 'unicorns', lat: '39.29', long: '-76.61' });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a point outside the city with 400 saying so', async () => {
    const res = await form('/open311/v2/requests.xml', { api_key: apiKey, service_code: 'potholes', lat: String(TOWSON.lat), long: String(TOWSON.long) });
    expect(res.statusCode).toBe(400);
    expect(parseXml(res.body).errors.error[0].description).toMatch(/outside Baltimore City/);
  });

  it('refuses an address the city does not have with 400 saying what to send', async () => {
    const res = await json('/open311/v2/requests.json', { api_key: apiKey, service_code: 'potholes', address_string: 'Xyzzy Plugh Boulevard Frobozz' });
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].description).toMatch(/address_string/);
  });

  it('refuses a post with no location at all, or lat without long', async () => {
    const none = await json('/open311/v2/requests.json', { api_key: apiKey, service_code: 'potholes' });
    expect(none.json()[0].description).toMatch(/location is required/);
    const half = await json('/open311/v2/requests.json', { api_key: apiKey, service_code: 'potholes', lat: 39.29 });
    expect(half.json()[0].description).toMatch(/lat and long/);
  });

  it('refuses a description over 4,000 characters and takes one of exactly 4,000', async () => {
    const base = { api_key: apiKey, service_code: 'potholes', lat: CITY_HALL.lat, long: CITY_HALL.long };
    const long = await json('/open311/v2/requests.json', { ...base, description: 'x'.repeat(4001) });
    expect(long.statusCode).toBe(400);
    expect(long.json()[0].description).toMatch(/description must be at most 4000/);
    const exact = await json('/open311/v2/requests.json', { ...base, description: 'y'.repeat(4000) });
    expect(exact.statusCode).toBe(201);
  });

  it('refuses a body over the size limit with a 400 error list', async () => {
    const res = await form('/open311/v2/requests.json', { api_key: apiKey, service_code: 'potholes', description: 'z'.repeat(70_000) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ code: 400, description: 'request body is too large' }]);
  });

  it('refuses malformed JSON with a 400 error list', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', headers: { 'content-type': 'application/json' }, payload: '{"api_key":' });
    expect(res.statusCode).toBe(400);
    expect(parseXml(res.body).errors.error[0].code).toBe('400');
  });

  it('answers a retried post with the same Idempotency-Key with the request it already made', async () => {
    const params = { api_key: apiKey, service_code: 'graffiti', lat: String(CITY_HALL.lat), long: String(CITY_HALL.long) };
    const first = await form('/open311/v2/requests.json', params, { 'idempotency-key': 'retry-1' });
    const again = await form('/open311/v2/requests.json', params, { 'idempotency-key': 'retry-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
    const other = await form('/open311/v2/requests.json', params);
    expect(other.json()[0].service_request_id).not.toBe(first.json()[0].service_request_id);
  });

  it('makes one request of two simultaneous posts with the same Idempotency-Key', async () => {
    const params = { api_key: apiKey, service_code: 'graffiti', lat: String(CITY_HALL.lat), long: String(CITY_HALL.long) };
    const [a, b] = await Promise.all([
      form('/open311/v2/requests.json', params, { 'idempotency-key': 'race-1' }),
      form('/open311/v2/requests.json', params, { 'idempotency-key': 'race-1' }),
    ]);
    expect(a.json()[0].service_request_id).toBe(b.json()[0].service_request_id);
  });

  it('does not let two clients\' Idempotency-Keys collide', async () => {
    const otherKey = await newClientKey(t.database.db, 'Other client');
    const params = { service_code: 'graffiti', lat: String(CITY_HALL.lat), long: String(CITY_HALL.long) };
    const mine = await form('/open311/v2/requests.json', { ...params, api_key: apiKey }, { 'idempotency-key': 'same' });
    const theirs = await form('/open311/v2/requests.json', { ...params, api_key: otherKey }, { 'idempotency-key': 'same' });
    expect(theirs.json()[0].service_request_id).not.toBe(mine.json()[0].service_request_id);
  });

  it('refuses a phone number that is not one and a media_url that is not http', async () => {
    const base = { api_key: apiKey, service_code: 'potholes', lat: CITY_HALL.lat, long: CITY_HALL.long };
    expect((await json('/open311/v2/requests.json', { ...base, phone: '12' })).json()[0].description).toMatch(/phone/);
    expect((await json('/open311/v2/requests.json', { ...base, media_url: 'javascript:alert(1)' })).json()[0].description).toMatch(/media_url/);
  });
});
