import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { newClientKey, parseXml } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ OPEN311_READ_RATE_MAX: '3', OPEN311_WRITE_RATE_MAX: '1' });
});
afterAll(async () => t?.close());

describe('Open311 rate limits', () => {
  it('answers public reads past the limit with 429 in the spec\'s error format', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const xml = await t.app.inject({ method: 'GET', url: '/open311/v2/services.xml' });
    expect(xml.statusCode).toBe(429);
    expect(parseXml(xml.body).errors.error[0]).toMatchObject({ code: '429', description: expect.stringMatching(/too many requests/) });
    expect(xml.headers['retry-after']).toBeDefined();
  });

  it('limits writes separately and more tightly than reads', async () => {
    const apiKey = await newClientKey(t.database.db);
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ api_key: apiKey, service_code: 'potholes', lat: 39.2908, long: -76.6108 }),
      });
    expect((await post()).statusCode).toBe(201);
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()[0].code).toBe(429);
    // Limits count per route: a service definition has its own allowance.
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/services/potholes.json' })).statusCode).toBe(200);
  });
});
