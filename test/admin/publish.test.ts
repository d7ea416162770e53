import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, callSessions } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, signIn, type ConsoleClient } from './console-client.js';

type Loose = Record<string, any>;
const OLD_GREETING = /Thank you for calling Baltimore City 3 1 1\./;
const NEW_GREETING = 'Thank you for calling Baltimore City 3 1 1. During the storm, say downed tree to report one.';
const OLD_OUT_OF_AREA = /on our out-of-area line/;
const NEW_OUT_OF_AREA = 'This is the 3 1 1 out-of-area line. We take reports inside Baltimore City only.';
const OLD_QUESTION = /How can I help you today\?/;
const NEW_QUESTION = 'What can we do for you? Press 1 to report a problem, 2 to check on a request, 3 for the police, or 0 for an operator.';

let t: TestApp;
let sam: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp();
  await addUser(t.app, 'sam', 'supervisor');
  sam = await signIn(t.app, 'sam');
});
afterAll(async () => t?.close());

const step = (doc: Loose, id: string) => doc.steps.find((s: Loose) => s.id === id);

async function saveDraft(edit: (doc: Loose) => void) {
  const draft = (await sam.get('/admin/api/draft')).json();
  edit(draft.document);
  const saved = await sam.put('/admin/api/draft', { document: draft.document, expectedVersion: draft.version });
  expect(saved.statusCode).toBe(200);
  return saved.json() as { version: string; problems: { stepId?: string; field: string; message: string }[] };
}

describe('editing, publishing and rolling back the menu', () => {
  it('publishes a fixed draft that new calls hear, keeps calls in progress on theirs, and rolls back', async () => {
    const live = (await sam.get('/admin/api/revisions')).json().revisions[0];
    // A call on the out-of-area line that started before anything was published.
    const earlier = t.caller({ to: t.config.OUT_OF_AREA_NUMBER });
    await earlier.start();
    expect(earlier.heard()).toMatch(OLD_OUT_OF_AREA);
    expect(earlier.heard()).not.toMatch(OLD_GREETING);

    // An edit that routes an option nowhere is kept as a draft, with the problem on its step.
    const broken = await saveDraft((doc) => {
      step(doc, 'welcome').greeting.en = NEW_GREETING;
      step(doc, 'welcome').outOfAreaGreeting.en = NEW_OUT_OF_AREA;
      step(doc, 'welcome').prompt.en = NEW_QUESTION;
      step(doc, 'welcome').on.police = 'downed-trees';
    });
    expect(broken.problems).toContainEqual({ stepId: 'welcome', field: 'on.police', message: 'goes to "downed-trees", which is not a step' });
    const page = await sam.get('/admin/flow/draft');
    expect(page.body).toMatch(/id="edit-welcome"[^>]*>[\s\S]*?goes to &quot;downed-trees&quot;, which is not a step/);

    const refused = await sam.post('/admin/api/publish', { message: 'Storm menu' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('ADMIN_DRAFT_INVALID');
    expect(refused.json().problems[0].stepId).toBe('welcome');

    // Fixed, it publishes.
    const fixed = await saveDraft((doc) => {
      step(doc, 'welcome').on.police = 'police-transfer';
    });
    expect(fixed.problems).toEqual([]);
    const published = await sam.post('/admin/api/publish', { message: 'Storm menu', expectedVersion: fixed.version });
    expect(published.statusCode).toBe(200);
    expect(published.json().version).toBe(live.version + 1);

    const newCaller = t.caller();
    await newCaller.start();
    expect(newCaller.heard()).toContain(NEW_GREETING);
    expect(newCaller.heard()).toContain(NEW_QUESTION);

    // The call already in progress stays on the revision it started with.
    await earlier.silence();
    expect(earlier.heard()).toMatch(OLD_QUESTION);
    expect(earlier.heard()).not.toContain(NEW_QUESTION);
    const [session] = await t.app.db.select().from(callSessions).where(eq(callSessions.callSid, earlier.callSid));
    expect(session!.revisionId).toBe(live.id);
    const outOfArea = t.caller({ to: t.config.OUT_OF_AREA_NUMBER });
    await outOfArea.start();
    expect(outOfArea.heard()).toContain(NEW_OUT_OF_AREA);
    expect(outOfArea.heard()).not.toMatch(OLD_OUT_OF_AREA);

    // History shows who published what, with a readable diff.
    const history = (await sam.get('/admin/api/revisions')).json().revisions;
    expect(history[0]).toMatchObject({ author: 'sam', message: 'Storm menu', version: live.version + 1 });
    const diff = (await sam.get(`/admin/api/revisions/${history[0].id}`)).json();
    expect(diff.changes).toContainEqual(expect.objectContaining({ kind: 'changed', stepId: 'welcome', field: 'greeting.en', to: NEW_GREETING }));
    const diffPage = await sam.get(`/admin/flow/revisions/${history[0].id}`);
    expect(diffPage.body).toMatch(/Prompt \(English\) changed/);

    // Rolling back publishes the earlier document again; the next call hears the old greeting.
    const rolled = await sam.post(`/admin/api/revisions/${live.id}/rollback`, {});
    expect(rolled.statusCode).toBe(200);
    const after = (await sam.get('/admin/api/revisions')).json().revisions[0];
    expect(after).toMatchObject({ restoredFrom: live.id, author: 'sam', version: live.version + 2 });
    const next = t.caller();
    await next.start();
    expect(next.heard()).toMatch(OLD_GREETING);
    expect(next.heard()).not.toContain('downed tree');

    const audit = await t.app.db.select().from(auditLog);
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['sign-in', 'draft-edit', 'publish', 'rollback']));
    const publish = audit.find((a) => a.action === 'publish')!;
    expect(publish.actor).toBe('sam');
    expect((publish.detail.changes as string[]).join('\n')).toContain('welcome: greeting.en');
  });

  it('refuses to save over a draft someone else saved since it was loaded', async () => {
    const draft = (await sam.get('/admin/api/draft')).json();
    const first = await sam.put('/admin/api/draft', { document: draft.document, expectedVersion: draft.version });
    expect(first.statusCode).toBe(200);
    const stale = await sam.put('/admin/api/draft', { document: draft.document, expectedVersion: draft.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('ADMIN_DRAFT_CONFLICT');
  });

  it('adds and removes steps and options through structural edits', async () => {
    let draft = (await sam.get('/admin/api/draft')).json();
    let res = await sam.put('/admin/api/draft', { document: draft.document, expectedVersion: draft.version, op: { op: 'add-step', type: 'hang-up', id: 'trees-goodbye' } });
    expect(res.json().focus).toBe('trees-goodbye');
    // A new step starts empty: the validator asks for its prompts.
    expect(res.json().problems).toContainEqual({ stepId: 'trees-goodbye', field: 'prompt.en', message: 'must not be empty' });
    draft = (await sam.get('/admin/api/draft')).json();
    await sam.put('/admin/api/draft', { document: draft.document, expectedVersion: draft.version, op: { op: 'add-item', stepId: 'welcome', field: 'options' } });
    draft = (await sam.get('/admin/api/draft')).json();
    const options = step(draft.document, 'welcome').options;
    expect(options).toHaveLength(4);
    expect(options[3]).toEqual({ key: '4', intent: 'report', words: { en: [], es: [] } });
    res = await sam.put('/admin/api/draft', { document: draft.document, expectedVersion: draft.version, op: { op: 'remove-step', stepId: 'trees-goodbye' } });
    expect(res.statusCode).toBe(200);
    draft = (await sam.get('/admin/api/draft')).json();
    expect(step(draft.document, 'trees-goodbye')).toBeUndefined();
    expect((await sam.request('DELETE', '/admin/api/draft')).statusCode).toBe(200);
  });

  it('warns about a question with no keypad answer beside its step, and still publishes', async () => {
    await sam.request('DELETE', '/admin/api/draft');
    const saved = (await saveDraft((doc) => {
      delete step(doc, 'describe').optional;
      step(doc, 'welcome').prompt.es = '¿En qué le puedo ayudar? Oprima 1 para reportar, 2 para consultar, 3 para la policía o 0 para un operador.';
    })) as Awaited<ReturnType<typeof saveDraft>> & { warnings: { stepId?: string; field: string; message: string }[] };
    expect(saved.problems).toEqual([]);
    expect(saved.warnings).toContainEqual({ stepId: 'describe', field: 'optional', message: expect.stringMatching(/has no keypad answer/) });
    expect(saved.warnings).toContainEqual({ stepId: 'welcome', field: 'languages.1.key', message: 'no prompt says key 8, so a caller on the keypad cannot switch to English' });
    const page = await sam.get('/admin/flow/draft');
    expect(page.body).toMatch(/id="warning-count">2 warnings, which do not block publishing/);
    expect(page.body).toMatch(/id="edit-describe"[^>]*>[\s\S]*?class="warnings"[\s\S]*?has no keypad answer/);
    // The flag is a checkbox in the step's card: unticked on the step that lost it, ticked on the other.
    expect(page.body).toMatch(/id="edit-describe"[^>]*>(?:(?!id="edit-)[\s\S])*?Callers may press pound to skip it(?:(?!id="edit-)[\s\S])*?data-path="optional" data-kind="bool" /);
    expect(page.body).toMatch(/id="edit-wanted"[^>]*>(?:(?!id="edit-)[\s\S])*?data-path="optional" data-kind="bool" checked/);
    expect(page.body).not.toMatch(/Publish draft<\/button>[^<]*disabled|disabled>Publish draft/);
    const published = await sam.post('/admin/api/publish', { message: 'Description required', expectedVersion: saved.version });
    expect(published.statusCode).toBe(200);
  });

  it('shows supervisor text as text, never as markup', async () => {
    await saveDraft((doc) => {
      step(doc, 'welcome').label = '<script>alert(1)</script>';
      step(doc, 'welcome').prompt.es = '"><img src=x onerror=alert(1)>';
    });
    const page = await sam.get('/admin/flow/draft');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await sam.request('DELETE', '/admin/api/draft')).statusCode).toBe(200);
  });
});
