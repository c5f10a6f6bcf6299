/**
 * Backup, restore and move in Chromium with the real OPFS: a workspace exported from one profile comes back
 * whole in a fresh one (every KPI, cost, schedule and rule), a file that is not a backup or is newer is refused
 * by name, and a deleted database is restored from the backup instead of being replaced by an empty one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/db/schema';
import { decodeBackup, encodeBackup } from '../src/store/backup';
import { appSession, type Browser, kpiValues, launch, open, SAMPLE_EXPORTS, SAMPLE_FILES } from './harness';

const SAMPLE = path.resolve('sample-data');

const RANGE = '?from=2024-01-01&to=2026-11-30';
const session = appSession();

/** What a seller would check after a move: the Overview and Products KPIs, the cost, schedules and rules. */
async function workspace(b: Browser, origin: string, sku: string) {
  const page = await open(b, origin, `/overview${RANGE}`);
  await page.waitForSelector('[data-kpi="orders"][data-value]:not([data-value="0"]):not([data-value=""])', {
    timeout: 60_000,
  });
  const overview = await kpiValues(page);
  await page.goto(`${origin}/products${RANGE}`);
  await page.waitForSelector('[data-testid="product-table"] tbody tr');
  const products = await kpiValues(page);
  await page.fill('[data-testid="product-search"]', sku);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="product-table"]')?.getAttribute('data-rows') === '1',
  );
  const cost = await page.locator(`[data-testid="product-table"] input[aria-label$=" ${sku}"]`).inputValue();
  await page.goto(`${origin}/reports`);
  await page.waitForSelector('[data-testid="schedule-row"]', { timeout: 30_000 });
  const schedules = await page.$$eval('[data-testid="schedule-row"]', (rows) => rows.map((r) => r.textContent));
  await page.goto(`${origin}/alerts`);
  await page.waitForSelector('[data-testid="rule-row"]', { timeout: 30_000 });
  const rules = await page.$$eval('[data-testid="rule-row"]', (rows) => rows.map((r) => r.textContent));
  return { overview, products, cost, schedules, rules };
}

async function choose(page: Page, file: string | { name: string; buffer: Buffer }) {
  await page.setInputFiles(
    '[data-testid="restore-file"]',
    typeof file === 'string' ? file : { name: file.name, mimeType: 'application/octet-stream', buffer: file.buffer },
  );
  await page.waitForSelector('[data-testid="restore-preview"], [data-testid="restore-error"]', { timeout: 60_000 });
}

describe('backup, restore and move', () => {
  let backupFile = '';
  let before: Awaited<ReturnType<typeof workspace>>;
  let sku = '';

  it('a workspace exported in one profile comes back whole in a fresh one', async () => {
    const { app } = session;
    const page = await open(session.browser, app.origin, '/alerts');
    await page.selectOption('[data-testid="rule-type"]', 'threshold');
    await page.fill('[data-testid="rule-name"]', 'Pesanan sepi');
    await page.selectOption('[data-testid="rule-metric"]', 'cancel_rate');
    await page.fill('[data-testid="rule-value"]', '50');
    await page.click('[data-testid="rule-add"]');
    await page.waitForSelector('[data-testid="rule-row"]');
    await page.goto(`${app.origin}/overview${RANGE}`);
    await page.click('[data-testid="load-sample"]');
    await page.waitForSelector('[data-testid="overview-kpis"]', { timeout: 170_000 });
    // Data, no backup, and storage the browser may clear: reminded (not when the storage is persistent).
    if (await page.evaluate(() => navigator.storage.persisted()))
      expect(await page.locator('[data-testid="backup-reminder"]').count()).toBe(0);
    else await page.waitForSelector('[data-testid="backup-reminder"]', { timeout: 30_000 });

    await page.goto(`${app.origin}/products${RANGE}`);
    await page.waitForSelector('[data-testid="product-table"] tbody tr');
    // A SKU the sample's product master gives no cost.
    sku =
      (await page.$eval('[data-testid="product-table"] tbody tr[data-unit-cost=""]', (tr) =>
        tr.getAttribute('data-sku'),
      )) ?? '';
    const cost = page.locator(`[data-testid="product-table"] input[aria-label$=" ${sku}"]`);
    const without = Number((await kpiValues(page)).skus_without_cost);
    await cost.fill('12500');
    await cost.press('Enter');
    await page.waitForFunction(
      (n) => document.querySelector('[data-kpi="skus_without_cost"]')?.getAttribute('data-value') === String(n),
      without - 1,
    );
    await page.goto(`${app.origin}/reports`);
    await page.fill('[data-testid="schedule-time"]', '07:30');
    await page.click('[data-testid="schedule-add"]');
    await page.waitForSelector('[data-testid="schedule-row"]');
    before = await workspace(session.browser, app.origin, sku);
    expect(before.cost).toBe('12500');

    await page.goto(`${app.origin}/settings`);
    // Chromium grants persistence on its own once the site has been used enough: the page says which it is.
    const shown =
      (await (await page.waitForSelector('[data-testid="storage-state"]')).getAttribute('data-persisted')) === 'true';
    expect(shown).toBe(await page.evaluate(() => navigator.storage.persisted()));
    expect(await page.textContent('[data-testid="storage-state"]')).toContain(
      shown ? 'Penyimpanan permanen' : 'belum permanen',
    );
    expect(await page.textContent('[data-testid="last-backup"]')).toContain('Belum pernah');
    const download = page.waitForEvent('download');
    await page.click('[data-testid="backup-now"]');
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/^toko-insight-\d{4}-\d{2}-\d{2}\.tokoinsight$/);
    backupFile = path.join(path.dirname(session.browser.profile), `backup-${Date.now()}.tokoinsight`);
    await d.saveAs(backupFile);
    await page.waitForSelector('[data-testid="backup-saved"]');
    expect(await page.textContent('[data-testid="last-backup"]')).toContain('Cadangan terakhir');
    expect(await page.locator('[data-testid="backup-reminder"]').count()).toBe(0);
    expect(await page.locator('[data-testid="backup-share"]').count()).toBe(1);

    // The move: a new browser profile, as on a new phone.
    const other = await launch(app.origin);
    try {
      const fresh = await open(other, app.origin, '/settings');
      await choose(fresh, backupFile);
      // The preview names what the backup holds beside this (empty) device: every sample export's import.
      const importsRow = await fresh.$$eval('[data-testid="restore-preview"] tr', (rows) =>
        rows.map((r) => [...r.children].map((c) => c.textContent)).find((cells) => cells[0] === 'Impor'),
      );
      expect(importsRow).toEqual(['Impor', String(SAMPLE_EXPORTS.length), '0']);
      // An empty device needs no consent.
      expect(await fresh.locator('[data-testid="restore-consent"]').count()).toBe(0);
      await fresh.click('[data-testid="restore-go"]');
      await fresh.waitForSelector('[data-testid="restore-done"]', { timeout: 120_000 });
      expect(await workspace(other, app.origin, sku)).toEqual(before);

      // A device that holds data asks before it replaces it.
      const again = await open(other, app.origin, '/settings');
      await choose(again, backupFile);
      expect(await again.isDisabled('[data-testid="restore-go"]')).toBe(true);
      await again.check('[data-testid="restore-consent"]');
      expect(await again.isDisabled('[data-testid="restore-go"]')).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('a file that is not a backup, or one from a newer version, is refused by name and changes nothing', async () => {
    const page = await open(session.browser, session.app.origin, '/settings');
    const orders = SAMPLE_FILES.find((f) => f.startsWith('Order.all')) as string;
    await choose(page, { name: orders, buffer: fs.readFileSync(path.join(SAMPLE, orders)) });
    expect(await page.textContent('[data-testid="restore-error"]')).toContain(
      `${orders} bukan file cadangan Toko Insight`,
    );
    const decoded = await decodeBackup(new Uint8Array(fs.readFileSync(backupFile)), {
      schemaVersion: SCHEMA_VERSION,
      stateVersion: 99,
    });
    const parts = decoded.manifest.parts.map((p) => ({
      name: p.name,
      bytes: decoded.parts.get(p.name) as Uint8Array,
      rows: p.rows,
    }));
    const newer = await encodeBackup({ ...decoded.manifest, schemaVersion: SCHEMA_VERSION + 1 }, parts);
    await choose(page, { name: 'dari-hp-baru.tokoinsight', buffer: Buffer.from(newer) });
    expect(await page.textContent('[data-testid="restore-error"]')).toContain(
      `dari-hp-baru.tokoinsight dibuat oleh versi Toko Insight yang lebih baru (schema versi ${SCHEMA_VERSION + 1}`,
    );
    expect(await workspace(session.browser, session.app.origin, sku)).toEqual(before);
  });

  it('a deleted database is reported, and restoring the backup there brings the workspace back', async () => {
    const profile = session.browser.profile;
    await session.browser.close();
    const dir = path.join(profile, 'Default/File System/000/t/00');
    const [db, wal] = fs.readdirSync(dir).sort();
    fs.rmSync(path.join(dir, db));
    if (wal) fs.rmSync(path.join(dir, wal));
    session.browser = await launch(session.app.origin, profile);
    const page = await open(session.browser, session.app.origin, '/settings');
    expect(await page.getAttribute('[data-testid="engine-blocked"]', 'data-code')).toBe('database_missing');
    expect(await page.textContent('[data-testid="engine-blocked"]')).toContain('hilang');
    await choose(page, backupFile);
    await page.click('[data-testid="restore-go"]');
    await page.waitForSelector('[data-testid="restore-done"]', { timeout: 120_000 });
    expect(await workspace(session.browser, session.app.origin, sku)).toEqual(before);
  });

  it('never made a request outside its own origin, and logged no console error', () => {
    expect(session.browser.external).toEqual([]);
    expect(session.browser.errors).toEqual([]);
  });
});
