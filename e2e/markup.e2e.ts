/**
 * Text from a file is never markup: exports whose text fields hold HTML are imported, every page is
 * visited and every chart hovered, and nothing is injected, nothing leaves the origin, the page never moves.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { billingCsv } from '../scripts/sample/ads';
import { simulateOrders } from '../scripts/sample/generate';
import { ORDER_COLUMNS_2026 } from '../scripts/sample/layouts';
import { PAGES } from '../src/app/pages';
import { appSession, open } from './harness';

const EVIL = 'http://evil.example/';
const payload = (text: string) =>
  `${text}<meta http-equiv="refresh" content="1;url=${EVIL}"><img src="/injected.png" data-injected="1"><b data-injected="1">x</b>`;

/** The order columns a page shows as text: every one carries markup. */
const TEXT_COLUMNS = new Set([
  'Nama Produk',
  'Nama Variasi',
  'SKU Induk',
  'Nomor Referensi SKU',
  'Username (Pembeli)',
  'Kota/Kabupaten',
  'Provinsi',
  'Metode Pembayaran',
  'Opsi Pengiriman',
  'Alasan Pembatalan',
  'Nama Gudang',
]);

function markupOrdersCsv(): string {
  const esc = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const orders = simulateOrders({
    seed: 5,
    from: '2026-10-01',
    to: '2026-11-30',
    baseOrdersPerDay: 8,
    repeatShare: 0.5,
    snapshot: '2026-11-30 23:00',
  });
  const rows = orders.flatMap((o) =>
    o.lines.map((l) =>
      ORDER_COLUMNS_2026.map(([h, v]) => esc(TEXT_COLUMNS.has(h) && v(l) ? payload(v(l)) : v(l))).join(','),
    ),
  );
  return [ORDER_COLUMNS_2026.map(([h]) => esc(h)).join(','), ...rows].join('\n');
}

function markupBillingCsv(): string {
  const csv = billingCsv([{ type: 'Iklan Produk', spend: 3_000_000 } as never], 'shop', '2026-10-01', '2026-11-30', 7);
  return csv.replace(/Deduction for ([^,\n]+)/g, (_, t: string) => `Deduction for ${payload(t).replace(/"/g, "'")}`);
}

const CHART_PAGES = new Set([
  'overview',
  'traffic',
  'sales',
  'campaigns',
  'service',
  'products',
  'predictions',
  'insights',
]);

const session = appSession();

const injected = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('[data-injected], #root meta, img[src="/injected.png"]').length);

describe('markup in files', () => {
  it('is shown as text on every page and in every chart tooltip', async () => {
    const page = await open(session.browser, session.app.origin, '/data');
    await page.click('[data-testid="page-data"] [data-testid="load-sample"]');
    await page.waitForSelector('[data-kpi="placed_orders"]');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="import-report"]')].every(
          (e) => e.getAttribute('data-status') !== 'pending',
        ),
      null,
      {
        timeout: 170_000,
      },
    );
    await page.setInputFiles('[data-testid="import-input"]', [
      { name: 'Order.all.markup.csv', mimeType: 'text/csv', buffer: Buffer.from(markupOrdersCsv()) },
      { name: 'shop_adwords_bill_2026-11-30.csv', mimeType: 'text/csv', buffer: Buffer.from(markupBillingCsv()) },
    ]);
    for (const name of ['Order.all.markup.csv', 'shop_adwords_bill_2026-11-30.csv']) {
      const report = page.locator(`[data-testid="import-report"][data-file="${name}"]`);
      await page
        .waitForFunction(
          (n) =>
            document.querySelector(`[data-testid="import-report"][data-file="${n}"]`)?.getAttribute('data-status') ===
            'ok',
          name,
          { timeout: 60_000 },
        )
        .catch(async () => {
          throw new Error(`${name}: ${await report.textContent()}`);
        });
    }
    let hovered = 0;
    let markupTips = 0;
    for (const p of PAGES) {
      await page.click(`[data-testid="nav-${p}"]`);
      await page.waitForSelector(`[data-testid="page-${p}"]`);
      if (CHART_PAGES.has(p)) await page.waitForSelector('.chart .u-over', { timeout: 60_000 });
      // The marketing mix names its channels after the billing descriptions: its chart is the one of the report.
      if (p === 'insights')
        await page.waitForSelector('[data-testid="marketing-mix"] .chart .u-over', { timeout: 60_000 });
      await page.waitForTimeout(2000);
      const overs = await page.$$('.chart .u-over');
      for (const over of overs) {
        const box = await over.boundingBox();
        if (!box || box.width < 10) continue;
        await over.scrollIntoViewIfNeeded();
        const b = (await over.boundingBox()) ?? box;
        for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
          await page.mouse.move(b.x + b.width * f, b.y + b.height / 2);
          const tip = await page.evaluate(() =>
            [...document.querySelectorAll('.chart-tooltip')].map((t) => t.textContent ?? '').join(' '),
          );
          if (tip.includes('<b data-injected="1">')) markupTips++;
        }
        hovered++;
      }
      expect(await injected(page), p).toBe(0);
    }
    // The markup reached the screen as text (a product name on Products, for one).
    await page.click('[data-testid="nav-products"]');
    await page.fill('[data-testid="product-search"]', 'data-injected');
    await expect.poll(() => page.evaluate(() => document.body.innerText.includes('<b data-injected="1">'))).toBe(true);
    expect(hovered).toBeGreaterThanOrEqual(CHART_PAGES.size);
    // A tooltip showed a label from the billing file, as text.
    expect(markupTips).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    expect(page.url().startsWith(session.app.origin)).toBe(true);
    expect(session.browser.external).toEqual([]);
    expect(session.browser.errors.filter((e) => /trusted|refused/i.test(e))).toEqual([]);
  });
});
