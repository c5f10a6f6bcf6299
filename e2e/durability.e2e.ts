/**
 * Durability in Chromium with the real OPFS: an import that says "ok" reopens after a reload and a browser
 * restart, at a size where DuckDB used to checkpoint on its own (a large commit).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ordersCsv } from '../scripts/bench/ordersCsv';
import { appSession, kpiValues, launch, open } from './harness';

const SAMPLE = path.resolve('sample-data');
const manifest = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'manifest.json'), 'utf8')) as { files: string[] };
const firstOrders = manifest.files.find((f) => f.startsWith('Order.all'));
const RANGE = '/data?from=2024-01-01&to=2026-11-30';

/** The files of the app's OPFS in a closed profile, in creation order: the database, then its WAL. */
function opfsFiles(profile: string): string[] {
  const dir = path.join(profile, 'Default/File System/000/t/00');
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));
}

const session = appSession();

async function importOne(page: Page, name: string, buffer: Buffer, mimeType: string): Promise<string> {
  await page.setInputFiles('[data-testid="import-input"]', [{ name, mimeType, buffer }]);
  const report = page.locator(`[data-testid="import-report"][data-file="${name}"]`);
  await page.waitForFunction(
    (n) =>
      document.querySelector(`[data-testid="import-report"][data-file="${n}"]`)?.getAttribute('data-status') !==
      'pending',
    name,
    {
      timeout: 300_000,
    },
  );
  expect(await report.getAttribute('data-status'), (await report.textContent()) ?? '').toBe('ok');
  return (await report.textContent()) ?? '';
}

/** A write after a reopen (the shop calendar): it must commit and be kept. */
async function writeAndKeep(page: Page, origin: string, day: string): Promise<void> {
  await page.goto(`${origin}/settings`);
  await page.waitForSelector('[data-testid="lebaran-2027"]');
  await page.fill('[data-testid="lebaran-2027"]', day);
  await page.click('[data-testid="calendar-save"]');
  await page.waitForSelector('[data-testid="calendar-saved"]', { timeout: 30_000 });
  await page.reload();
  await page.waitForSelector('[data-testid="lebaran-2027"]');
  expect(await page.inputValue('[data-testid="lebaran-2027"]')).toBe(day);
}

async function settledKpis(page: Page, orders: string): Promise<Record<string, string>> {
  await page.waitForFunction(
    (v) => document.querySelector('[data-kpi="placed_orders"]')?.getAttribute('data-value') === v,
    orders,
    { timeout: 60_000 },
  );
  return kpiValues(page);
}

describe('durability', () => {
  it('a small import, then one of 50,000+ lines: every KPI is the same after a reload and a browser restart', async () => {
    const page = await open(session.browser, session.app.origin, RANGE);
    await page.waitForSelector('[data-testid="no-imports"]');
    await importOne(
      page,
      'Order.all.small.xlsx',
      fs.readFileSync(path.join(SAMPLE, firstOrders ?? '')),
      'application/octet-stream',
    );
    await page.waitForFunction(
      () => Number(document.querySelector('[data-kpi="placed_orders"]')?.getAttribute('data-value')) > 0,
    );
    const small = Number(await page.getAttribute('[data-kpi="placed_orders"]', 'data-value'));
    const big = ordersCsv(60_000);
    expect(big.lines).toBeGreaterThanOrEqual(50_000);
    const text = await importOne(page, 'Order.all.big.csv', Buffer.from(big.csv), 'text/csv');
    // The report counts every line of the file (the count is the generator's, not the app's).
    expect(text).toContain(`${big.lines.toLocaleString('id-ID')} baris dibaca`);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-kpi="placed_orders"]')?.getAttribute('data-value')) > n + 10_000,
      small,
    );
    const before = await kpiValues(page);

    await page.reload();
    expect(await settledKpis(page, before.placed_orders)).toEqual(before);

    const profile = session.browser.profile;
    await session.browser.close();
    session.browser = await launch(session.app.origin, profile);
    const again = await open(session.browser, session.app.origin, RANGE);
    expect(await again.locator('[data-testid="engine-failed"]').count()).toBe(0);
    expect(await settledKpis(again, before.placed_orders)).toEqual(before);
    // The list of imports is its own query: wait for both rows rather than read it as the KPIs arrive.
    await again.waitForFunction(() => document.querySelectorAll('[data-testid="import-row"]').length === 2, undefined, {
      timeout: 30_000,
    });
    expect(await again.$$eval('[data-testid="import-row"]', (r) => r.length)).toBe(2);
    await writeAndKeep(again, session.app.origin, '2027-03-11');
  });

  it('a WAL that does not replay is set aside: the checkpointed file opens with every KPI, and the seller is told', async () => {
    const page = await open(session.browser, session.app.origin, RANGE);
    await page.waitForSelector('[data-kpi="placed_orders"]');
    const before = await kpiValues(page);
    const profile = session.browser.profile;
    await session.browser.close();
    // A log from another database (a fresh one's migrations): replaying it onto this file fails.
    const other = await launch(session.app.origin);
    await open(other, session.app.origin, '/data');
    await other.close();
    const [, foreignWal] = opfsFiles(other.profile);
    const [db, wal] = opfsFiles(profile);
    expect(fs.statSync(foreignWal).size).toBeGreaterThan(0);
    fs.copyFileSync(foreignWal, wal);
    session.browser = await launch(session.app.origin, profile);
    const again = await open(session.browser, session.app.origin, RANGE);
    await again.waitForSelector('[data-testid="engine-repaired"][data-code="wal_set_aside"]');
    expect(await settledKpis(again, before.placed_orders)).toEqual(before);
    expect(fs.statSync(db).size).toBeGreaterThan(0);
    // Known limit: after this repair DuckDB-WASM 1.32 reopens with a log it cannot write, so the seller can read
    // everything but a later write fails (see the README); no write is tested here.
  });

  it('an emptied database file is reported, never replaced by an empty one, until the seller starts over', async () => {
    const profile = session.browser.profile;
    await session.browser.close();
    const [db] = opfsFiles(profile);
    const size = fs.statSync(db).size;
    fs.truncateSync(db, 0);
    session.browser = await launch(session.app.origin, profile);
    let page = await open(session.browser, session.app.origin, RANGE);
    const blocked = page.locator('[data-testid="engine-blocked"]');
    expect(await blocked.getAttribute('data-code')).toBe('database_missing');
    expect(await blocked.textContent()).toContain('0 byte');
    // Reopening changes nothing: still reported, the file still empty (not a new database).
    await page.reload();
    await page.waitForSelector('[data-testid="engine-blocked"]');
    await session.browser.close();
    expect(fs.statSync(db).size).toBe(0);
    expect(size).toBeGreaterThan(0);

    session.browser = await launch(session.app.origin, profile);
    page = await open(session.browser, session.app.origin, RANGE);
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="start-over"]');
    await page.waitForSelector('[data-testid="page-data"] [data-testid="no-imports"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="engine-blocked"]').count()).toBe(0);
  });

  it('an import cut off by a reload is listed as cut off after it, and nothing of it is stored', async () => {
    const page = await open(session.browser, session.app.origin, RANGE);
    const before = await page.$$eval('[data-testid="import-row"]', (r) => r.length);
    // Not the file the first test imported: that one would end at once as already imported, before the reload.
    const big = ordersCsv(60_000, 7);
    await page.setInputFiles('[data-testid="import-input"]', [
      { name: 'Order.all.cut.csv', mimeType: 'text/csv', buffer: Buffer.from(big.csv) },
    ]);
    await page.waitForSelector('[data-testid="import-report"][data-file="Order.all.cut.csv"][data-status="pending"]');
    await page.reload();
    const cut = await page.waitForSelector(
      '[data-testid="import-report"][data-file="Order.all.cut.csv"] [data-testid="import-error"]',
      { timeout: 60_000 },
    );
    expect(await cut.getAttribute('data-code')).toBe('import_interrupted');
    expect(await cut.textContent()).toContain('Order.all.cut.csv: impor terputus');
    expect(await page.$$eval('[data-testid="import-row"]', (r) => r.length)).toBe(before);
    // Said once: the next start has nothing pending.
    await page.reload();
    await page.waitForSelector('[data-testid="page-data"]');
    await page.waitForTimeout(1000);
    expect(await page.locator('[data-testid="import-report"][data-file="Order.all.cut.csv"]').count()).toBe(0);
  });

  it('a database file older than the last save opens with a notice that names the missing imports', async () => {
    const { origin } = session.app;
    let b = await launch(origin);
    const profile = b.profile;
    try {
      let page = await open(b, origin, RANGE);
      await importOne(
        page,
        'Order.all.first.xlsx',
        fs.readFileSync(path.join(SAMPLE, firstOrders ?? '')),
        'application/octet-stream',
      );
      await b.close();
      // The files as they were after the first import, kept aside.
      const saved = opfsFiles(profile).map((f) => [f, fs.readFileSync(f)] as const);
      b = await launch(origin, profile);
      page = await open(b, origin, RANGE);
      await importOne(page, 'Order.all.second.csv', Buffer.from(ordersCsv(2000).csv), 'text/csv');
      await b.close();
      // The database goes back to the first import's state; the marker in IndexedDB remembers two.
      for (const f of opfsFiles(profile)) fs.rmSync(f);
      for (const [f, bytes] of saved) fs.writeFileSync(f, bytes);
      b = await launch(origin, profile);
      page = await open(b, origin, RANGE);
      const notice = await page.waitForSelector('[data-testid="engine-repaired"][data-code="database_behind"]');
      expect(await notice.textContent()).toContain('berisi 1 impor, padahal penyimpanan terakhir');
      expect(await notice.textContent()).toContain('mencatat 2');
      await page.waitForSelector('[data-testid="import-row"]', { state: 'attached' });
      expect(await page.$$eval('[data-testid="import-row"]', (r) => r.length)).toBe(1);
    } finally {
      await b.close();
    }
  });
});
