import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signedPost, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import { addFollowUp } from '../../src/status/queries.js';
import { DAY_MS, callStatusLine, insertRequest, requestById, updatesOf } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ FOLLOW_UP_WINDOW_DAYS: '30' });
});
afterAll(async () => t?.close());

describe("status line: \"it's still not fixed\"", () => {
  it('adds a follow-up to an open request, for the department to see', async () => {
    const r = await insertRequest(t.database.db, { status: 'assigned' });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    await caller.press('1');
    expect(caller.heard()).toMatch(/tell me what you'd like to add/);
    expect(caller.gather()).toMatchObject({ input: 'dtmf speech' });
    await caller.say('the hole is twice as big now and a car lost a tire');
    expect(caller.heard()).toMatch(/I've added that to the request, and the department will see it/);

    const updates = await updatesOf(t.database.db, r.id);
    const followUps = updates.filter((u) => u.kind === 'follow-up');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ note: 'the hole is twice as big now and a car lost a tire', author: 'caller' });
    expect(followUps[0]!.idempotencyKey).toMatch(new RegExp(`^${caller.callSid}:\\d+$`));
    expect((await requestById(t.database.db, r.id)).status).toBe('assigned');
  });

  it('reopens a recently closed request the caller says is not done', async () => {
    const closedAt = new Date(Date.now() - 5 * DAY_MS);
    const r = await insertRequest(t.database.db, { status: 'completed', closedAt, updatedAt: closedAt });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    expect(caller.heard()).toMatch(/If the problem is not fixed, press 1/);
    await caller.say("it's still not fixed");
    expect(caller.heard()).toMatch(/tell me what is still wrong, and I'll reopen the request/);
    await caller.say('they patched the wrong side of the street');
    expect(caller.heard()).toMatch(/I've reopened the request for review/);

    const after = await requestById(t.database.db, r.id);
    expect(after.status).toBe('reopened');
    expect(after.closedAt).toBeNull();
    const kinds = (await updatesOf(t.database.db, r.id)).map((u) => u.kind);
    expect(kinds).toEqual(expect.arrayContaining(['follow-up', 'reopen']));
    // What the caller hears next is about an open request again.
    expect(caller.heard()).toMatch(/To add something to this request, press 1/);
  });

  it('does not reopen a request closed longer ago than the window', async () => {
    const closedAt = new Date(Date.now() - 45 * DAY_MS);
    const r = await insertRequest(t.database.db, { status: 'completed', closedAt, updatedAt: closedAt });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    await caller.press('1');
    expect(caller.heard()).toMatch(/didn't understand/);
    expect((await requestById(t.database.db, r.id)).status).toBe('completed');
  });

  it('adds a follow-up on a duplicate to the request it was merged into', async () => {
    const parent = await insertRequest(t.database.db, { status: 'in_progress' });
    const r = await insertRequest(t.database.db, { status: 'duplicate', duplicateOf: parent.id, closedAt: new Date() });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    await caller.press('1');
    await caller.say('still there');
    expect((await updatesOf(t.database.db, parent.id)).filter((u) => u.kind === 'follow-up')).toHaveLength(1);
    expect((await updatesOf(t.database.db, r.id)).filter((u) => u.kind === 'follow-up')).toHaveLength(0);
  });

  it('adds nothing twice when Twilio retries the webhook', async () => {
    const r = await insertRequest(t.database.db, { status: 'received' });
    const caller = await callStatusLine(t);
    await caller.press(`${r.confirmation}#`);
    await caller.press('1');
    const params = { ...caller.params, CallStatus: 'in-progress', SpeechResult: 'please hurry', Confidence: '0.9' };
    const action = caller.lastGather()!.action!;
    const first = await signedPost(t.app, { url: action, params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
    const retry = await signedPost(t.app, { url: action, params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
    expect(retry.body).toBe(first.body);
    expect((await updatesOf(t.database.db, r.id)).filter((u) => u.kind === 'follow-up')).toHaveLength(1);
  });

  it('writes a follow-up once per idempotency key, and reopens once', async () => {
    const r = await insertRequest(t.database.db, { status: 'closed', closedAt: new Date() });
    const followUp = { requestId: r.id, words: 'not done', reopen: true, idempotencyKey: 'CAtest:7' };
    expect(await addFollowUp(t.database.db, followUp)).toBe(true);
    expect(await addFollowUp(t.database.db, followUp)).toBe(false);
    const kinds = (await updatesOf(t.database.db, r.id)).map((u) => u.kind);
    expect(kinds.filter((k) => k === 'follow-up')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'reopen')).toHaveLength(1);
  });
});
