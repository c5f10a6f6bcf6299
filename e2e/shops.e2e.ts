/**
 * Two shops in one workspace, made through the Data page's contract (`shop-name`, `shop-create`,
 * `shop-select`), each fed its own exports in one batch: a real shop's files split in two where
 * ../shared/data/real is present, else the sample's. Each shop's Overview equals the calculation over its
 * files alone; all shops sum the additive KPIs and count a buyer of both once; removing one shop's import
 * changes nothing in the other. The second shop's income carries the first shop's seller username: the
 * import refuses it until the seller imports it on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type IndependentLine, netPayout, orderMetrics, readIncomeFile, readOrderFile } from '../test/independent';
import { appSession, kpiValues, open } from './harness';

const REAL = path.resolve('../shared/data/real');
const real = ['Order.completed.20250501_20250531.xlsx', 'Income.sudah dilepas.id.20250801_20250822.xlsx'].every((f) =>
  fs.existsSync(path.join(REAL, f)),
);
const SHOPS = real
  ? {
      dir: REAL,
      range: { from: '2025-05-01', to: '2025-08-31' },
      a: ['Order.completed.20250501_20250531.xlsx', 'Income.sudah dilepas.id.20250101_20250630.xlsx'],
      b: ['Order.completed.20250801_20250820.xlsx', 'Income.sudah dilepas.id.20250801_20250822.xlsx'],
    }
  : {
      dir: path.resolve('sample-data'),
      range: { from: '2026-09-01', to: '2026-11-30' },
      a: ['Order.all.20261001_20261031.xlsx', 'Income.sudah dilepas.id.20261001_20261031.xlsx'],
      b: ['Order.all.20261101_20261130.xlsx', 'Income.sudah dilepas.id.20261101_20261130.xlsx'],
    };
const read = (f: string) => fs.readFileSync(path.join(SHOPS.dir, f));
const { from, to } = SHOPS.range;

/** The order KPIs and net payout of shops' files, counted independently (order ids within their shop). */
function expected(...shops: string[][]) {
  const lines: IndependentLine[] = shops.flatMap((files, s) =>
    files
      .filter((f) => f.startsWith('Order.'))
      .flatMap((f) =>
        readOrderFile(new Uint8Array(read(f))).lines.map((l) => ({ ...l, orderId: `${s}:${l.orderId}` })),
      ),
  );
  const income = shops.map((files) =>
    files.filter((f) => f.startsWith('Income.')).flatMap((f) => readIncomeFile(new Uint8Array(read(f))).rows),
  );
  return {
    ...orderMetrics(lines, from, to),
    net_payout: income.reduce((a, rows) => a + netPayout([rows], from, to), 0),
  };
}

async function importBatch(page: Page, files: string[]): Promise<[string | null, string | null, string | null][]> {
  const before = await page.locator('[data-testid="import-report"]').count();
  await page.setInputFiles(
    '[data-testid="import-input"]',
    files.map((f) => ({ name: f, buffer: read(f), mimeType: 'application/octet-stream' })),
  );
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('[data-testid="import-report"]')].filter(
        (e) => e.getAttribute('data-status') !== 'pending',
      ).length === n,
    before + files.length,
    { timeout: 170_000 },
  );
  return page.$$eval('[data-testid="import-report"]', (els) =>
    els.map((e) => [
      e.getAttribute('data-file'),
      e.getAttribute('data-status'),
      e.querySelector('[data-testid="import-error"]')?.getAttribute('data-code') ?? null,
    ]),
  );
}

async function createShop(page: Page, name: string): Promise<string> {
  await page.fill('[data-testid="shop-name"]', name);
  await page.click('[data-testid="shop-create"]');
  await page.waitForFunction(
    (n) => {
      const s = document.querySelector<HTMLSelectElement>('[data-testid="shop-select"]');
      return s?.selectedOptions[0]?.textContent === n;
    },
    name,
    { timeout: 30_000 },
  );
  return page.$eval('[data-testid="shop-select"]', (s) => (s as HTMLSelectElement).value);
}

/** The Overview's KPIs for a shop selection, as numbers. */
async function overview(page: Page, shop: string): Promise<Record<string, number>> {
  await page.goto(`${page.url().split('/').slice(0, 3).join('/')}/overview?shop=${shop}&from=${from}&to=${to}`);
  await page.waitForSelector('[data-testid="overview-kpis"] [data-kpi="orders"][data-value]', { timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), null, { timeout: 60_000 });
  const shown = await kpiValues(page);
  return Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v === '' ? Number.NaN : Number(v)]));
}

describe(`two shops in one workspace (${real ? 'real exports' : 'sample exports'})`, () => {
  const session = appSession();

  it('each shop equals its own files, all shops their union; one removal leaves the other shop as it was', async () => {
    const page = await open(session.browser, session.app.origin, '/data');
    const a = await createShop(page, 'Toko A');
    expect((await importBatch(page, SHOPS.a)).map(([, s]) => s)).toEqual(SHOPS.a.map(() => 'ok'));
    const b = await createShop(page, 'Toko B');
    const reports = await importBatch(page, SHOPS.b);
    // Shop B's income names the seller of shop A: refused, then imported on purpose.
    const income = SHOPS.b.find((f) => f.startsWith('Income.'));
    expect(reports.filter(([f]) => SHOPS.b.includes(f ?? '')).sort()).toEqual(
      SHOPS.b.map((f) => [f, f === income ? 'error' : 'ok', f === income ? 'other_shop' : null]).sort(),
    );
    await page.click('[data-testid="import-on-purpose"]');
    await page.waitForFunction(
      (f) =>
        [...document.querySelectorAll(`[data-testid="import-report"][data-file="${f}"]`)].some(
          (e) => e.getAttribute('data-status') === 'ok',
        ),
      income,
      { timeout: 120_000 },
    );

    const want = { a: expected(SHOPS.a), b: expected(SHOPS.b), all: expected(SHOPS.a, SHOPS.b) };
    const got = { a: await overview(page, a), b: await overview(page, b), all: await overview(page, 'all') };
    for (const key of ['a', 'b', 'all'] as const)
      for (const [k, v] of Object.entries(want[key]))
        if (k in got[key]) expect([key, k, got[key][k]]).toEqual([key, k, v ?? Number.NaN]);
    const additive = ['placed_orders', 'cancelled_orders', 'orders', 'sales', 'units', 'net_payout'].filter(
      (k) => k in got.all,
    );
    expect(additive.length).toBeGreaterThan(3);
    for (const k of additive) expect([k, got.all[k]]).toEqual([k, got.a[k] + got.b[k]]);
    expect(got.all.buyers).toBe(want.all.buyers);

    // The comparison shows both, with the Overview's figures.
    await page.goto(`${session.app.origin}/shops?from=${from}&to=${to}`);
    await page.waitForSelector('[data-testid="shops-table"] [data-shop]', { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid="shops-table"] [data-shop]', (els) =>
      els.map((e) => [e.getAttribute('data-shop'), Number(e.getAttribute('data-sales'))]),
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        [a, got.a.sales],
        [b, got.b.sales],
      ]),
    );

    // Removing shop B's orders changes nothing in shop A.
    await page.goto(`${session.app.origin}/data?shop=${b}`);
    await page.waitForSelector('[data-testid="import-row"]', { state: 'attached', timeout: 60_000 });
    await page.click('[data-testid="import-group"][data-kind="orders"] summary');
    page.once('dialog', (d) => void d.accept());
    await page
      .locator('[data-testid="import-row"]', { hasText: SHOPS.b[0] })
      .getByRole('button', { name: /Hapus|Remove/ })
      .click();
    await page.waitForFunction(
      (f) => ![...document.querySelectorAll('[data-testid="import-row"]')].some((e) => e.textContent?.includes(f)),
      SHOPS.b[0],
      { timeout: 60_000 },
    );
    expect(await overview(page, a)).toEqual(got.a);
    expect((await overview(page, b)).orders).toBe(0);

    // With all shops shown, an import asks which shop the files go into, and its report names it.
    await page.goto(`${session.app.origin}/data?shop=all`);
    await page.waitForSelector(`[data-testid="shop-select"] option[value="${b}"]`, { state: 'attached' });
    await page.setInputFiles('[data-testid="import-input"]', [
      { name: SHOPS.b[0], buffer: read(SHOPS.b[0]), mimeType: 'application/octet-stream' },
    ]);
    await page.click(`[data-testid="ask-shop-choice"][data-shop="${b}"]`);
    const back = `[data-testid="import-report"][data-file="${SHOPS.b[0]}"][data-status="ok"]`;
    await page.waitForSelector(back, { timeout: 120_000 });
    expect(await page.getAttribute(`${back} [data-testid="import-shop"]`, 'data-shop')).toBe(b);
    expect((await overview(page, b)).orders).toBe(got.b.orders);
  });
});
