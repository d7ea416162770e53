/**
 * The supervisor console in a real headless Chromium (Debian's package, driven by playwright-core):
 * sign in, edit, see a validation error, try the draft, publish, hear it on a signed call, roll
 * back, read the audit log. Set SCREENSHOT_DIR to keep the screenshots (npm run screenshots).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, PASSWORD } from '../admin/console-client.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const NEW_GREETING = 'Thank you for calling Baltimore City 3 1 1. Storm line: to report a downed tree, press 1 and say downed tree.';
const shots = process.env.SCREENSHOT_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'b311-shots-'));

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
const problems: string[] = [];

async function shot(name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

describe.skipIf(!hasChromium)('the supervisor console in a browser', () => {
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t.app, 'sam', 'supervisor');
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8000);
    // A CSP violation or a script error shows up here.
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    page.on('dialog', (d) => void d.accept());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in and shows the live menu as an outline', async () => {
    await page.goto(`${base}/admin/flow`);
    await expect.poll(() => page.url()).toContain('/admin/sign-in');
    await page.getByLabel('Username').fill('sam');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Live menu: version 1/ }).waitFor();
    expect(await page.locator('#step-welcome table.options').first().locator('tbody tr').count()).toBe(3);
    await shot('outline');
  });

  it('shows a validation error beside the step after a bad edit', async () => {
    await page.goto(`${base}/admin/flow/draft`);
    const welcome = page.locator('#edit-welcome');
    await welcome.locator('#s0-greeting-en').fill(NEW_GREETING);
    await welcome.locator('#s0-options-2-words-en').fill('police\nnoise complaint\ndowned tree');
    await welcome.locator('#s0-on-police').selectOption('');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('#edit-welcome .problems').waitFor();
    expect(await page.locator('#edit-welcome .field-error').first().textContent()).toMatch(/choose a step/);
    expect(await page.locator('#problem-count').textContent()).toMatch(/1 problem must be fixed/);
    expect(await page.getByRole('button', { name: 'Publish draft' }).isDisabled()).toBe(true);
    // The step's problem list and its first fields, below the sticky save bar.
    await page.evaluate(() => {
      document.getElementById('edit-welcome')!.scrollIntoView();
      window.scrollBy(0, -70);
    });
    await shot('editor-validation');

    await page.locator('#s0-on-police').selectOption('police-transfer');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('No problems found: ready to publish.').waitFor();
  });

  it('labels every control in the editor', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    expect(unlabelled).toEqual([]);
  });

  it('tries the draft in the page softphone', async () => {
    const phone = page.locator('[data-softphone]');
    await phone.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => phone.locator('[data-try-transcript]').textContent()).toContain('Storm line');
    await expect.poll(() => phone.locator('[data-try-status]').textContent()).toMatch(/At step welcome/);
    await phone.getByRole('button', { name: 'Press 3' }).click();
    await expect.poll(() => phone.locator('[data-try-transcript]').textContent()).toMatch(/police/i);
    // The side column scrolls on its own: show the transcript at its end.
    await page.evaluate(() => {
      document.querySelector('.side-col')!.scrollTop = 1e6;
    });
    await shot('try-it');
  });

  it('publishes, and a signed test call hears the new prompt', async () => {
    await page.getByLabel('What changed, for the history').fill('Storm: downed trees go to police');
    await page.getByRole('button', { name: 'Publish draft' }).click();
    await page.getByRole('heading', { name: 'Published versions' }).waitFor();
    expect(await page.locator('tr.live').textContent()).toContain('Storm: downed trees go to police');
    const caller = t.caller();
    await caller.start();
    expect(caller.heard()).toContain(NEW_GREETING);
    await shot('history');

    await page.locator('tr.live').getByRole('link', { name: 'Changes' }).click();
    await page.getByText(/Greeting on the 311 line \(English\) changed/).first().waitFor();
    await shot('diff');
  });

  it('rolls back, and the next call hears the old prompt', async () => {
    await page.goto(`${base}/admin/flow/history`);
    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    await page.getByText('Rolled back.').waitFor();
    expect(await page.locator('tr.live').textContent()).toContain('restores version 1');
    const caller = t.caller();
    await caller.start();
    expect(caller.heard()).toMatch(/Thank you for calling Baltimore City 3 1 1\. If this is an emergency/);
  });

  it('lists the changes in the audit log', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const actions = await page.locator('.action').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['sign-in', 'draft-edit', 'publish', 'rollback']));
    await shot('audit');
    expect(problems).toEqual([]);
  });

  it('fits a tablet screen', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${base}/admin/flow/draft`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('editor-tablet');
  });
});
