import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeFiles, netPayout, orderMetrics, readIncomeFile, readOrderFile } from '../test/independent';
import { type App, type Browser, kpiValues, launch, open, SAMPLE_EXPORTS, serveApp } from './harness';

const SAMPLE = path.resolve('sample-data');
const manifest = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'manifest.json'), 'utf8')) as { files: string[] };
const samplePaths = manifest.files.map((f) => path.join(SAMPLE, f));
const bytes = (p: string) => new Uint8Array(fs.readFileSync(p));

const lines = mergeFiles(
  samplePaths.filter((p) => path.basename(p).startsWith('Order.')).map((p) => readOrderFile(bytes(p))),
);
const income = samplePaths
  .filter((p) => path.basename(p).startsWith('Income.'))
  .map((p) => readIncomeFile(bytes(p)).rows);

let app: App;
let browser: Browser;

beforeAll(async () => {
  app = await serveApp();
  browser = await launch(app.origin);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function waitForKpi(page: Page, id: string, value: number): Promise<void> {
  await page.waitForFunction(
    ([k, v]) => document.querySelector(`[data-kpi="${k}"]`)?.getAttribute('data-value') === v,
    [id, String(value)] as const,
    { timeout: 60_000 },
  );
}

async function expectPageMatches(page: Page, from: string, to: string): Promise<void> {
  const expected = orderMetrics(lines, from, to);
  await waitForKpi(page, 'placed_orders', expected.placed_orders);
  const shown = await kpiValues(page);
  for (const [id, v] of Object.entries(expected)) {
    if (v === null) expect(shown[id], id).toBe('');
    else expect(Number(shown[id]), `${id} ${from}..${to}`).toBeCloseTo(v, 9);
  }
  expect(Number(shown.net_payout)).toBe(netPayout(income, from, to));
}

describe('Data page', () => {
  it('starts empty on a fresh profile, with every order KPI present', async () => {
    const page = await open(browser, app.origin, '/data');
    await page.waitForSelector('[data-testid="no-imports"]');
    await page.waitForSelector('[data-testid="page-data"] [data-testid="load-sample"]');
    // The KPIs come from their own query: wait for them rather than for the list of imports.
    await page.waitForSelector('[data-kpi="new_buyers"]');
    const shown = await kpiValues(page);
    for (const id of [
      'placed_orders',
      'cancelled_orders',
      'orders',
      'sales',
      'units',
      'buyers',
      'aov',
      'cancel_rate',
      'returned_units',
      'repeat_buyer_rate',
      'new_buyers',
    ]) {
      expect(shown[id], id).toBeDefined();
    }
    expect(shown.orders).toBe('0');
  });

  it('imports the sample exports: each file reports pending, then ok, and the KPIs equal an independent calculation', async () => {
    const page = await open(browser, app.origin, '/data');
    const t0 = Date.now();
    await page.setInputFiles('[data-testid="import-input"]', samplePaths);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="import-report"]').length === n,
      samplePaths.length,
    );
    const statuses = await page.$$eval('[data-testid="import-report"]', (els) =>
      els.map((e) => e.getAttribute('data-status')),
    );
    expect(statuses.filter((s) => s === 'pending').length).toBeGreaterThan(0);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="import-report"]')].every(
          (e) => e.getAttribute('data-status') !== 'pending',
        ),
      undefined,
      { timeout: 170_000 },
    );
    console.log(`sample import in chromium: ${samplePaths.length} files in ${Date.now() - t0} ms`);
    const final = await page.$$eval('[data-testid="import-report"]', (els) =>
      els.map((e) => e.getAttribute('data-status')),
    );
    expect(final.every((s) => s === 'ok')).toBe(true);
    await expectPageMatches(page, '2025-06-01', '2026-11-30');
  });

  it('answers for the range in the URL', async () => {
    const page = await open(browser, app.origin, '/data?from=2025-11-01&to=2025-11-30');
    await expectPageMatches(page, '2025-11-01', '2025-11-30');
    const page2 = await open(browser, app.origin, '/data?from=2026-03-01&to=2026-04-15');
    await expectPageMatches(page2, '2026-03-01', '2026-04-15');
  });

  it('keeps the data after a reload and after a browser restart', async () => {
    const page = await open(browser, app.origin, '/data?from=2026-01-01&to=2026-01-31');
    await page.reload();
    await expectPageMatches(page, '2026-01-01', '2026-01-31');
    const profile = browser.profile;
    await browser.close();
    browser = await launch(app.origin, profile);
    const again = await open(browser, app.origin, '/data?from=2026-01-01&to=2026-01-31');
    await expectPageMatches(again, '2026-01-01', '2026-01-31');
    // The list of imports is its own query: wait for it rather than read it as the KPIs arrive.
    await again.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="import-row"]').length === n,
      SAMPLE_EXPORTS.length,
      { timeout: 30_000 },
    );
    // The product master is kept too: its costs are on the Products rows.
    await again.goto(`${app.origin}/products?from=2026-01-01&to=2026-01-31`);
    await again.waitForSelector('[data-testid="master-summary"]');
    expect(
      await again.locator('[data-testid="product-table"] [data-unit-cost]:not([data-unit-cost=""])').count(),
    ).toBeGreaterThan(0);
  });

  it('a corrupt file in a batch of five fails alone, with a clear message, and loses nothing', async () => {
    const page = await open(browser, app.origin, '/data?from=2025-06-01&to=2026-11-30');
    await expectPageMatches(page, '2025-06-01', '2026-11-30');
    const good = bytes(samplePaths[0]);
    const files = [
      {
        name: 'Order.all.copy1.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(bytes(samplePaths.find((p) => p.includes('Order.all.20250601'))!)),
      },
      { name: 'Income.copy.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(good) },
      { name: 'Order.all.rusak.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(good.slice(0, 2000)) },
      { name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan ekspor') },
      {
        name: 'Order.all.copy2.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(bytes(samplePaths.find((p) => p.includes('Order.all.20251101'))!)),
      },
    ];
    await page.setInputFiles('[data-testid="import-input"]', files);
    const reports = page.locator('[data-testid="import-report"]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="import-report"]')].every(
        (e) => e.getAttribute('data-status') !== 'pending',
      ),
    );
    // The failed files come first, then the files that imported, each in the order given.
    const status = await reports.evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-file'), e.getAttribute('data-status')]),
    );
    expect(status).toEqual([
      ['Order.all.rusak.xlsx', 'error'],
      ['catatan.txt', 'error'],
      ['Order.all.copy1.xlsx', 'ok'],
      ['Income.copy.xlsx', 'ok'],
      ['Order.all.copy2.xlsx', 'ok'],
    ]);
    expect(await page.textContent('[data-testid="import-totals"]')).toMatch(/^5 dari 5 file selesai, 2 gagal/);
    const message = await page.locator('[data-file="Order.all.rusak.xlsx"] [data-testid="import-error"]').textContent();
    expect(message).toContain('Order.all.rusak.xlsx');
    expect(message).toContain('rusak');
    await expectPageMatches(page, '2025-06-01', '2026-11-30');

    await page.click('[data-testid="nav-settings"]');
    await page.selectOption('[data-testid="language"]', 'en');
    await page.click('[data-testid="nav-data"]');
    const english = await page.locator('[data-file="catatan.txt"] [data-testid="import-error"]').textContent();
    expect(english).toContain('catatan.txt');
    expect(english).toMatch(/not a Shopee export/);
  });

  it('a second tab waits for the lock, then says the app is open elsewhere', async () => {
    const second = await browser.context.newPage();
    await second.goto(`${app.origin}/data`);
    await second.waitForSelector('[data-testid="engine-other-tab"]', { timeout: 20_000 });
    await second.close();
  });

  it('never made a request outside its own origin', () => {
    expect(browser.external).toEqual([]);
  });
});
