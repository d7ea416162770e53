/**
 * Bad input on the public routes: forged, missing and tampered signatures, oversized and
 * malformed bodies, wrong content types, hostile speech, huge digit strings, unknown or missing
 * CallSids, and the staff APIs without credentials. Strangers get a clear 4xx; a Twilio call
 * hears spoken TwiML; nothing is written that should not be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows } from '../../db/client.js';
import { clampSpeech } from '../../src/flow/speech.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { assertValidTwiml, elementsOf, enqueueOf, spokenText, type TwimlElement } from '../helpers/twiml.js';
import { signedPost, twilioCallParams, twilioSignature, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import { FaultCaller, LAST_ANSWER, requestsOfCall, sessionOf, TECHNICAL_TROUBLE } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002' });
});
afterAll(async () => t?.close());

const VOICE_ROUTES = [
  '/voice/incoming',
  '/voice/step?seq=1',
  '/voice/status',
  '/voice/fallback',
  '/voice/queue/wait?queue=operator',
  '/voice/queue/callback?queue=operator&stage=offer&in=1&tries=0',
  '/voice/queue/done?queue=operator',
  '/voice/queue/whisper?queue=operator',
  '/voice/agent',
  '/voice/agent/callback-done?callback=1',
  '/voice/agent/after',
];

const TABLES = ['call_sessions', 'call_turns', 'call_events', 'service_requests', 'request_updates', 'outbox', 'callbacks', 'queue_waits'];

/** Rows in every table a request could write to. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await executeRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = row!.n;
  }
  return counts;
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

function post(url: string, params: Record<string, string>) {
  return signedPost(t.app, { url, params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
}

function expectApology(body: string) {
  expect(spokenText(assertValidTwiml(body)).join(' ')).toMatch(TECHNICAL_TROUBLE);
  expect(enqueueOf(body)?.name).toBe('operator');
}

/** The element names of a TwiML document, as a tree: what the caller's words must never change. */
function shape(el: TwimlElement): unknown {
  return [el.name, elementsOf(el).map(shape)];
}

describe('signatures', () => {
  it('refuses every voice route without a signature, with a forged one, or with one for other parameters, writing nothing', async () => {
    const before = await rowCounts();
    const params = twilioCallParams({ callStatus: 'in-progress' });
    for (const url of VOICE_ROUTES) {
      const full = `${TEST_PUBLIC_BASE_URL}${url}`;
      const attempts: Record<string, string | undefined> = {
        missing: undefined,
        empty: '',
        forged: twilioSignature('not-the-auth-token-0123456789', full, params),
        'for another URL': twilioSignature(TEST_AUTH_TOKEN, `${TEST_PUBLIC_BASE_URL}/voice/fallback?x=${url.length}`, params),
        'for other parameters': twilioSignature(TEST_AUTH_TOKEN, full, { ...params, Digits: '0' }),
        huge: 'A'.repeat(5000),
      };
      for (const [kind, signature] of Object.entries(attempts)) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === undefined ? {} : { 'x-twilio-signature': signature }) },
          payload: form({ ...params, Digits: '1' }),
        });
        expect(response.statusCode, `${url} ${kind}`).toBe(403);
        expect(response.body).not.toMatch(/<Response/);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('treats a replayed signed request as Twilio retrying: the same answer, nothing new written', async () => {
    const params = twilioCallParams({});
    const first = await post('/voice/incoming', params);
    const before = await rowCounts();
    const again = await post('/voice/incoming', params);
    expect(again.body).toBe(first.body);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('bodies', () => {
  const big = (n: number): Record<string, string> => ({ ...twilioCallParams({}), SpeechResult: 'x'.repeat(n) });

  it('answers an unsigned body over 64 KB with 413 on every voice route', async () => {
    const before = await rowCounts();
    for (const url of VOICE_ROUTES) {
      const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(big(70_000)) });
      expect(response.statusCode, url).toBe(413);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('gives a signed body over 64 KB (which cannot be checked) the spoken apology, and writes nothing', async () => {
    const before = await rowCounts();
    const params = big(70_000);
    const response = await post('/voice/incoming', params);
    expect(response.statusCode).toBe(200);
    expectApology(response.body);
    expect(await sessionOf(t.database.db, params.CallSid!)).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });

  it('takes a long but legal signed speech result (60 KB) as words, cut to size', async () => {
    const caller = new FaultCaller(t.app);
    await caller.start();
    await caller.press('1');
    await caller.say('pothole '.repeat(7500));
    expect(caller.heard()).toMatch(/It sounds like Pothole/);
  });

  it.each([
    // Fastify reads plain text as a string: the signature check then refuses it.
    ['text/plain', 'CallSid=CA00&From=%2B14105550123', 403],
    ['application/json', '{"CallSid": "CA0", "From": "+1410', 400],
    ['application/xml', '<CallSid>CA0</CallSid>', 415],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="CallSid"\r\n\r\nCA0\r\n--x--', 415],
  ])('refuses an unsigned %s body with a 4xx and no TwiML', async (type, payload, status) => {
    const before = await rowCounts();
    for (const url of ['/voice/incoming', '/voice/step?seq=1', '/voice/status']) {
      const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });
      expect(response.statusCode, `${url} ${type}`).toBe(status);
      expect(response.body).not.toMatch(/<Response/);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses malformed form encoding (bad escapes, empty names, binary) unless Twilio signed exactly it', async () => {
    const before = await rowCounts();
    for (const payload of ['CallSid=%zz&&&=&From=%E0%A4%A', '%%%%', '=\u0000=\u0001', Buffer.from([0xff, 0xfe, 0x00, 0x3d]).toString('latin1')]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/voice/incoming',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'aGVsbG8=' },
        payload,
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses oversized bodies on the Open311 and department APIs with a clear 4xx', async () => {
    const payload = form({ service_code: 'potholes', description: 'x'.repeat(70_000) });
    for (const url of ['/open311/v2/requests.json', '/departments/v1/requests/1/updates']) {
      const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body, url).toMatch(/too large|key|Payload/i);
    }
  });
});

describe('calls with odd parameters', () => {
  it('answers a missing or malformed CallSid with the spoken apology, writing nothing', async () => {
    const before = await rowCounts();
    for (const callSid of [undefined, '', 'CA123', `CA${'g'.repeat(32)}`, `'; drop table call_sessions; --`]) {
      const params = twilioCallParams({});
      if (callSid === undefined) delete params.CallSid;
      else params.CallSid = callSid;
      for (const url of ['/voice/incoming', '/voice/step?seq=1']) {
        const response = await post(url, params);
        expect(response.statusCode).toBe(200);
        expectApology(response.body);
      }
      expect((await post('/voice/status', { ...params, CallStatus: 'completed' })).statusCode).toBe(200);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('answers steps of a call it never started with the spoken apology, and creates no session', async () => {
    const before = await rowCounts();
    const params = twilioCallParams({ callStatus: 'in-progress' });
    for (const url of ['/voice/step?seq=1', '/voice/step?seq=0&silence=1', '/voice/step?seq=-1', '/voice/step?seq=99999999999999999999', '/voice/step']) {
      const response = await post(url, { ...params, Digits: '1' });
      expect(response.statusCode, url).toBe(200);
      expectApology(response.body);
    }
    const status = await post('/voice/status', { ...params, CallStatus: 'completed', CallDuration: '12' });
    expect(assertValidTwiml(status.body)).toBeTruthy();
    expect(await sessionOf(t.database.db, params.CallSid!)).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });

  it('treats a huge digit string as an answer it cannot use, and asks again', async () => {
    const caller = new FaultCaller(t.app);
    await caller.start();
    const menu = caller.lastGather()!;
    const seq = (await sessionOf(t.database.db, caller.callSid))!.seq;
    for (const digits of ['9'.repeat(20_000), '1'.repeat(41), '12ab#', '١٢٣']) {
      const response = await post(menu.action!, { ...caller.params, CallStatus: 'in-progress', Digits: digits });
      expect(response.statusCode).toBe(200);
      assertValidTwiml(response.body);
    }
    // The first of those was taken as the caller's answer (a no-match); the rest were replays of that step.
    const after = await sessionOf(t.database.db, caller.callSid);
    expect(after!.seq).toBe(seq + 1);
    expect(after!.step).toBe('welcome');
    expect(after!.language).toBe('en');
  });
});

describe("the caller's words", () => {
  const HOSTILE = [
    '</Say><Hangup/><Say>',
    '<Redirect>https://evil.example/take-over</Redirect>',
    '<![CDATA[ <Dial>+19005550100</Dial> ]]>',
    '&lt;Hangup/&gt; &amp; &#60;Play&#62;',
    `"'><script>alert(1)</script>`,
    "'); drop table service_requests; --",
    'pothole \u0000\u0007\u001b[31m red \u202e reversed \ufeff',
    'bache en la calle 🚧 ñandú Ōsaka',
    'lone \ud800 surrogate',
    '{{config.TWILIO_AUTH_TOKEN}} ${process.env.HOME}',
  ];

  it('never turns speech into TwiML: every answer has the shape a harmless answer has', async () => {
    const reference = new FaultCaller(t.app);
    await reference.start();
    await reference.press('1');
    await reference.say('mumble mumble');
    const expected = shape(assertValidTwiml(reference.twiml));

    for (const words of HOSTILE) {
      const caller = new FaultCaller(t.app);
      await caller.start();
      await caller.press('1');
      await caller.say(words);
      const doc = assertValidTwiml(caller.twiml);
      expect(shape(doc), words).toEqual(expected);
    }
  });

  it('stores hostile words as plain text and reads back the number, with the tables intact', async () => {
    for (const words of HOSTILE.slice(0, 6)) {
      const caller = new FaultCaller(t.app);
      await caller.start();
      await caller.press('1');
      await caller.say('pothole');
      await caller.say('yes');
      await caller.say('somewhere near my cousins place');
      await caller.say(words);
      // A hostile place is unknown too: the description is asked next either way.
      if (!/describe the problem/.test(caller.heard())) await caller.say(words);
      await caller.say(words);
      await caller.say(LAST_ANSWER);
      for (const [url, body] of caller.requests.map((r) => [r.url, r.body] as const)) {
        const doc = assertValidTwiml(body, url.includes('/queue/wait') ? { gatherFallthrough: 'none' } : {});
        expect(JSON.stringify(shape(doc))).not.toMatch(/script|Play|evil/);
      }
      const [request] = await requestsOfCall(t.database.db, caller.callSid);
      expect(request?.description).toBe(clampSpeech(words));
    }
    const [count] = await executeRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from service_requests`);
    expect(count!.n).toBeGreaterThan(0);
  });
});

describe('staff APIs without credentials', () => {
  it.each([
    ['GET', '/admin/flow'],
    ['GET', '/admin/api/draft'],
    ['PUT', '/admin/api/draft'],
    ['POST', '/admin/api/publish'],
    ['GET', '/admin/api/revisions'],
    ['GET', '/admin/audit'],
    ['GET', '/admin/api/catalogue'],
    ['GET', '/departments/v1/requests'],
    ['GET', '/departments/v1/requests/1'],
    ['POST', '/departments/v1/requests/1/updates'],
  ] as const)('refuses %s %s', async (method, url) => {
    const before = await rowCounts();
    const response = await t.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' ? undefined : JSON.stringify({ status: 'closed' }) });
    expect([401, 403]).toContain(response.statusCode);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses the department API with a made-up key', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/departments/v1/requests', headers: { authorization: 'Bearer made-up-key' } });
    expect(response.statusCode).toBe(401);
  });
});
