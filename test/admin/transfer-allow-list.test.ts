import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { validateFlow } from '../../src/flow/validate.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, signIn } from './console-client.js';

const ALLOWED = '+14103962525';
const OUTSIDE = '+19005550199';

/** The default flow with its police queue replaced by a transfer to `number`. */
function withTransfer(number: string) {
  const document = JSON.parse(readFileSync('flows/main.json', 'utf8'));
  document.steps = document.steps.map((step: { id: string; type: string; reason?: unknown }) =>
    step.id === 'police-queue' ? { id: step.id, type: 'transfer', prompt: step.reason, number } : step,
  );
  return document;
}

describe('transfer numbers in the flow validator', () => {
  it('reports a transfer to a number outside the allow-list as a problem of that step', () => {
    const result = validateFlow(withTransfer(OUTSIDE), { transferNumbers: [ALLOWED] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toContainEqual(
      expect.objectContaining({ stepId: 'police-queue', path: 'number', message: expect.stringContaining(`${OUTSIDE} is not an allowed transfer number`) }),
    );
  });

  it('accepts a listed number, with or without its plus', () => {
    expect(validateFlow(withTransfer(ALLOWED), { transferNumbers: [ALLOWED] }).ok).toBe(true);
    expect(validateFlow(withTransfer(ALLOWED.slice(1)), { transferNumbers: [ALLOWED] }).ok).toBe(true);
  });

  it('allows no transfer at all when the list is empty', () => {
    expect(validateFlow(withTransfer(ALLOWED), { transferNumbers: [] }).ok).toBe(false);
  });
});

describe('TRANSFER_ALLOWED_NUMBERS', () => {
  it('is empty by default and takes E.164 numbers only', () => {
    expect(loadConfig({}).TRANSFER_ALLOWED_NUMBERS).toBe('');
    expect(loadConfig({ TRANSFER_ALLOWED_NUMBERS: '+14103962525, +14435550100' }).TRANSFER_ALLOWED_NUMBERS).toBe('+14103962525, +14435550100');
    expect(() => loadConfig({ TRANSFER_ALLOWED_NUMBERS: '911' })).toThrow(/TRANSFER_ALLOWED_NUMBERS/);
    expect(() => loadConfig({ TRANSFER_ALLOWED_NUMBERS: '+14103962525;+14435550100' })).toThrow(/TRANSFER_ALLOWED_NUMBERS/);
  });
});

describe('transfer numbers in the console', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRANSFER_ALLOWED_NUMBERS: ALLOWED });
    await addUser(t.app, 'sam', 'supervisor');
  });
  afterAll(async () => t?.close());

  it('shows the problem beside the step and will not publish it; a listed number publishes', async () => {
    const sam = await signIn(t.app, 'sam');
    const draft = (await sam.get('/admin/api/draft')).json();
    const saved = await sam.put('/admin/api/draft', { document: withTransfer(OUTSIDE), expectedVersion: draft.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().problems).toContainEqual(
      expect.objectContaining({ stepId: 'police-queue', field: 'number', message: expect.stringContaining('not an allowed transfer number') }),
    );
    expect((await sam.get('/admin/flow/draft')).body).toContain('is not an allowed transfer number');
    const refused = await sam.post('/admin/api/publish', { message: 'transfer the police line' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('ADMIN_DRAFT_INVALID');

    const fixed = await sam.put('/admin/api/draft', { document: withTransfer(ALLOWED), expectedVersion: saved.json().version });
    expect(fixed.json().problems).toEqual([]);
    expect((await sam.post('/admin/api/publish', { message: 'transfer the police line' })).statusCode).toBe(200);
  });
});
