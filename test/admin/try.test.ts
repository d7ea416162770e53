import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, signIn, type ConsoleClient } from './console-client.js';

type Loose = Record<string, any>;
let t: TestApp;
let sam: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp();
  await addUser(t.app, 'sam', 'supervisor');
  sam = await signIn(t.app, 'sam');
});
afterAll(async () => t?.close());

async function rowCounts() {
  const [row] = await executeRows<Record<string, number>>(
    t.app.db,
    sql`select (select count(*)::int from call_sessions) as sessions, (select count(*)::int from call_turns) as turns,
               (select count(*)::int from flow_revisions) as revisions, (select count(*)::int from audit_log) as audit`,
  );
  return row;
}

describe('trying a draft in the softphone', () => {
  it('runs the edited document on the real engine, turn by turn, and keeps nothing', async () => {
    const before = await rowCounts();
    const { document } = (await sam.get('/admin/api/draft')).json();
    document.steps.find((s: Loose) => s.id === 'welcome').outOfAreaGreeting.en = 'Storm line: we take reports inside the city only.';

    let answer = (await sam.post('/admin/api/try', { document, line: 'outOfArea' })).json();
    expect(answer.heard.join(' ')).toMatch(/^Storm line: we take reports inside the city only\. How can I help you today\?/);
    expect(answer.reply.gather).toBeDefined();
    expect(answer.step).toBe('welcome');

    answer = (await sam.post('/admin/api/try', { document, session: answer.session, input: { kind: 'digits', digits: '1' } })).json();
    expect(answer.heard.join(' ')).toMatch(/tell me the problem you're reporting/);
    expect(answer.step).toBe('report-issue');

    answer = (await sam.post('/admin/api/try', { document, session: answer.session, input: { kind: 'digits', digits: '0' } })).json();
    expect(answer.ended).toBe('enqueue');
    expect(answer.reply.end.queue).toBe('operator');

    expect(await rowCounts()).toEqual(before);
  });

  it('counts silence like a call does: re-asks, then sends the caller to an operator', async () => {
    const { document } = (await sam.get('/admin/api/draft')).json();
    let answer = (await sam.post('/admin/api/try', { document, line: 'outOfArea' })).json();
    for (let i = 0; i < 2; i++) {
      answer = (await sam.post('/admin/api/try', { document, session: answer.session, input: { kind: 'silence' } })).json();
      expect(answer.heard.join(' ')).toMatch(/didn't hear anything/);
    }
    answer = (await sam.post('/admin/api/try', { document, session: answer.session, input: { kind: 'silence' } })).json();
    expect(answer.ended).toBe('enqueue');
    expect(answer.reply.end.queue).toBe('operator');
  });

  it('refuses to try a draft that does not validate, naming the problems', async () => {
    const { document } = (await sam.get('/admin/api/draft')).json();
    document.steps.find((s: Loose) => s.id === 'welcome').on.report = 'nowhere';
    const response = await sam.post('/admin/api/try', { document });
    expect(response.statusCode).toBe(422);
    expect(response.json().problems).toContainEqual(expect.objectContaining({ stepId: 'welcome', field: 'on.report' }));
  });

  it('tries a published revision by id, and refuses a call state from another flow', async () => {
    const [live] = (await sam.get('/admin/api/revisions')).json().revisions;
    const answer = (await sam.post('/admin/api/try', { revisionId: live.id })).json();
    expect(answer.revisionId).toBe(live.id);
    const lost = await sam.post('/admin/api/try', {
      revisionId: live.id,
      session: { ...answer.session, state: { ...answer.session.state, step: 'no-such-step' } },
      input: { kind: 'digits', digits: '1' },
    });
    expect(lost.statusCode).toBe(400);
    expect(lost.json().code).toBe('ADMIN_BAD_REQUEST');
    expect((await sam.post('/admin/api/try', { revisionId: 99999 })).statusCode).toBe(404);
  });
});
