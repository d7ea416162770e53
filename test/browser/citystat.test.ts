/**
 * CityStat in a real headless Chromium (Debian's package, driven by playwright-core): a viewer
 * signs in, the charts are drawn by chart.js and the map by our SVG projection, with no script
 * error and no CSP violation. Set SCREENSHOT_DIR to keep citystat.png (npm run screenshots).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateTraffic } from '../../scripts/generate-year.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addUser, PASSWORD } from '../admin/console-client.js';
import { insertKnownCalls } from '../stats/known-day.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED CityStat browser test: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const shots = process.env.SCREENSHOT_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'b311-shots-'));
// A month of made-up traffic ending 28 February 2025, so the page has something to show.
const PAGE = '/admin/stats?from=2025-01-30&to=2025-02-28&line=both';
const CHARTS = ['chart-hour', 'chart-day', 'chart-endings', 'chart-speech', 'chart-queues', 'chart-callbacks', 'chart-departments', 'chart-close', 'chart-types'];

let t: TestApp;
let browser: Browser;
let page: Page;
let base: string;
const problems: string[] = [];

describe.skipIf(!hasChromium)('CityStat in a browser', () => {
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t.app, 'vic', 'viewer');
    await insertKnownCalls(t.app.db);
    await generateTraffic(t.app.db, { days: 30, callsPerDay: 160, end: new Date('2025-03-01T05:00:00Z'), seed: 7 });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // A CSP violation or a script error shows up here.
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a viewer through the sign-in form and back to the figures', async () => {
    await page.goto(`${base}${PAGE}`);
    await expect.poll(() => page.url()).toContain('/admin/sign-in');
    await page.getByLabel('Username').fill('vic');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'CityStat: what the line did' }).waitFor();
    expect(page.url()).toBe(`${base}${PAGE}`);
  });

  it('draws every chart with chart.js, each canvas with ink on it', async () => {
    await page.waitForFunction(() => document.documentElement.dataset.charts !== undefined);
    const drawn = await page.evaluate((ids) => {
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): unknown } }).Chart;
      return ids.map((id) => {
        const canvas = document.getElementById(id) as HTMLCanvasElement;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
        return { id, chart: chart.getChart(canvas) !== undefined, width: canvas.width, inked };
      });
    }, CHARTS);
    for (const c of drawn) {
      expect(c.chart, c.id).toBe(true);
      expect(c.width, c.id).toBeGreaterThan(100);
      expect(c.inked, c.id).toBeGreaterThan(2000);
    }
  });

  it('draws the map offline: parks and districts from the seeded outlines, open requests as dots', async () => {
    await page.waitForSelector('#map[data-drawn="true"]', { timeout: 15_000 });
    const map = await page.evaluate(() => {
      const box = document.getElementById('map')!;
      return {
        parks: box.querySelectorAll('path.park').length,
        council: box.querySelectorAll('path.council').length,
        police: box.querySelectorAll('path.police').length,
        dots: box.querySelectorAll('circle.dot').length,
        legend: document.querySelectorAll('#map-legend li').length,
        width: box.querySelector('svg')!.getBoundingClientRect().width,
      };
    });
    expect(map.council).toBe(14);
    expect(map.police).toBeGreaterThanOrEqual(9);
    expect(map.parks).toBeGreaterThan(100);
    expect(map.dots).toBeGreaterThan(20);
    expect(map.legend).toBeGreaterThanOrEqual(8);
    expect(map.width).toBeGreaterThan(800);
  });

  it('switches the districts drawn from council to police', async () => {
    const visible = () => page.evaluate(() => ({
      council: getComputedStyle(document.querySelector('g.council')!).display !== 'none',
      police: getComputedStyle(document.querySelector('g.police')!).display !== 'none',
    }));
    expect(await visible()).toEqual({ council: true, police: false });
    await page.getByLabel('Police').check();
    expect(await visible()).toEqual({ council: false, police: true });
    await page.getByLabel('Council').check();
  });

  it('keeps the figures for another line and period in the address, from the form', async () => {
    await page.getByLabel('Line').selectOption('main');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/line=main/);
    await page.waitForSelector('#map[data-drawn="true"]');
    expect(await page.locator('select[name="line"]').inputValue()).toBe('main');
    await page.goto(`${base}${PAGE}`);
    await page.waitForSelector('#map[data-drawn="true"]');
  });

  it('met no script error, no CSP violation and no failed request', async () => {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'citystat.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
