import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, services } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, hiddenField, signIn, type ConsoleClient } from './console-client.js';

let t: TestApp;
let sam: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp();
  await addUser(t.app, 'sam', 'supervisor');
  sam = await signIn(t.app, 'sam');
});
afterAll(async () => t?.close());

describe('editing the service catalogue', () => {
  it('changes the words, department and handling of a service and records what changed', async () => {
    const response = await sam.put('/admin/api/catalogue/missed-trash', {
      keywords: { en: ['missed trash', 'Trash Not Picked Up', 'missed trash'], es: ['basura no recogida'] },
      departmentCode: 'public-works',
      handling: 'police',
    });
    expect(response.statusCode).toBe(200);
    const [row] = await t.app.db.select().from(services).where(eq(services.code, 'missed-trash'));
    expect(row).toMatchObject({ departmentCode: 'public-works', handling: 'police', keywords: { en: ['missed trash', 'trash not picked up'], es: ['basura no recogida'] } });
    const [entry] = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'catalogue-edit'));
    expect(entry).toMatchObject({ actor: 'sam', subject: 'service:missed-trash' });
    expect(entry!.detail.handling).toEqual({ from: 'report', to: 'police' });
  });

  it('saves from the plain HTML form, one phrase per line', async () => {
    const form = await sam.get('/admin/catalogue/missed-trash');
    expect(form.statusCode).toBe(200);
    // The form's hidden field carries the token; a browser posting it sends no header.
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/catalogue/missed-trash',
      headers: { cookie: sam.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({
        _csrf: hiddenField(form.body, '_csrf'),
        keywordsEn: 'missed trash\ngarbage not picked up, trash day skipped',
        keywordsEs: 'basura',
        departmentCode: 'solid-waste',
        handling: 'report',
        active: '1',
      }).toString(),
    });
    expect(response.statusCode).toBe(303);
    const [row] = await t.app.db.select().from(services).where(eq(services.code, 'missed-trash'));
    expect(row!.keywords.en).toEqual(['missed trash', 'garbage not picked up', 'trash day skipped']);
    expect(row!.handling).toBe('report');
  });

  it('lets the next call use a new word at once', async () => {
    const before = t.caller();
    await before.start();
    await before.press('1');
    await before.say('the trash monster');
    expect(before.heard()).not.toMatch(/Missed trash pick-up/);

    const edited = await sam.put('/admin/api/catalogue/missed-trash', {
      keywords: { en: ['missed trash', 'trash monster'], es: ['basura no recogida'] },
      departmentCode: 'solid-waste',
      handling: 'report',
    });
    expect(edited.statusCode).toBe(200);
    const after = t.caller();
    await after.start();
    await after.press('1');
    await after.say('the trash monster');
    expect(after.heard()).toMatch(/Missed trash pick-up/);
  });

  it('lists every service with its department and handling', async () => {
    const page = await sam.get('/admin/catalogue');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Missed trash pick-up');
    expect(page.body).toContain('href="/admin/catalogue/missed-trash"');
  });

  it('refuses an unknown department or an empty word list', async () => {
    const bad = await sam.put('/admin/api/catalogue/missed-trash', { keywords: { en: ['x'], es: [] }, departmentCode: 'nope', handling: 'report' });
    expect(bad.statusCode).toBe(400);
    const empty = await sam.put('/admin/api/catalogue/missed-trash', { keywords: { en: [], es: [] }, departmentCode: 'solid-waste', handling: 'report' });
    expect(empty.statusCode).toBe(400);
    expect((await sam.put('/admin/api/catalogue/no-such', { keywords: { en: ['x'], es: [] }, departmentCode: 'solid-waste', handling: 'report' })).statusCode).toBe(404);
  });
});
