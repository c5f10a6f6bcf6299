import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, TABLE_PAGE_SIZE } from '../src/app/pages';
import { presetRange } from '../src/app/range';
import { addDays, isoDay } from '../src/kernel/days';
import { STRINGS } from '../src/i18n/ui';
import { mergeFiles, netPayout, orderMetrics, readIncomeFile, readOrderFile } from '../test/independent';
import { type App, type Browser, kpiValues, launch, open, serveApp } from './harness';

const SAMPLE = path.resolve('sample-data');
const manifest = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'manifest.json'), 'utf8')) as {
  files: string[];
  to: string;
};
const bytes = (f: string) => new Uint8Array(fs.readFileSync(path.join(SAMPLE, f)));
const lines = mergeFiles(manifest.files.filter((f) => f.startsWith('Order.')).map((f) => readOrderFile(bytes(f))));
const income = manifest.files.filter((f) => f.startsWith('Income.')).map((f) => readIncomeFile(bytes(f)).rows);
const SHOTS = path.resolve('e2e/screenshots');

let app: App;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await serveApp();
  browser = await launch(app.origin);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const OVERVIEW_IDS = [
  'sales',
  'orders',
  'buyers',
  'units',
  'aov',
  'cancel_rate',
  'repeat_buyer_rate',
  'new_buyers',
] as const;

async function expectOverviewMatches(page: Page, from: string, to: string): Promise<void> {
  const expected = orderMetrics(lines, from, to);
  await page.waitForFunction(
    (v) => document.querySelector('[data-kpi="orders"]')?.getAttribute('data-value') === v,
    String(expected.orders),
    { timeout: 120_000 },
  );
  const shown = await kpiValues(page);
  for (const id of OVERVIEW_IDS) {
    const v = expected[id];
    if (v === null) expect(shown[id], id).toBe('');
    else expect(Number(shown[id]), `${id} ${from}..${to}`).toBeCloseTo(v, 9);
  }
  expect(Number(shown.net_payout)).toBe(netPayout(income, from, to));
}

/** Visible text nodes of the page (what a seller reads). */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script,style,option:not(:checked)')) continue;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none') out.push(text);
    }
    return out;
  });
}

/** Desktop and phone widths: no horizontal scroll, and a full-page screenshot of each (`<name>-<width>.png`). */
async function shootBothWidths(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      `${name} at ${w}`,
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('the app', () => {
  it('starts empty, lands on the Overview, and every page is in the navigation', async () => {
    const page = await open(browser, app.origin, '/');
    expect(new URL(page.url()).pathname).toBe('/overview');
    await page.waitForSelector('[data-testid="empty-state"] [data-testid="load-sample"]');
    for (const p of PAGES) expect(await page.locator(`[data-testid="nav-${p}"]`).count(), p).toBe(1);
    // With no data, a report cannot be generated yet, and the inbox is empty.
    await page.click('[data-testid="nav-reports"]');
    await page.waitForSelector('[data-testid="page-reports"] [data-testid="generate-report"][disabled]');
    await page.click('[data-testid="nav-alerts"]');
    await page.waitForSelector('[data-testid="page-alerts"] [data-testid="inbox"]');
    expect(await page.locator('[data-testid="inbox-item"]').count()).toBe(0);
  });

  it('imports the sample data with one click, and the Overview equals an independent calculation', async () => {
    const page = await open(browser, app.origin, '/overview');
    await page.click('[data-testid="load-sample"]');
    await page.waitForSelector('[data-testid="overview-kpis"]', { timeout: 170_000 });
    await expectOverviewMatches(page, '2025-06-01', '2026-11-30');
    await page.waitForSelector('[data-testid="funnel"]');
    // The breakdowns are their own query: the table fills once it answers.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="top-products"] tbody tr').length === 10);
  });

  it('keeps the range in the URL and answers for a preset', async () => {
    const page = await open(browser, app.origin, '/overview');
    await page.selectOption('[data-testid="range-preset"]', 'last_month');
    const expected = presetRange('last_month', isoDay(manifest.to));
    if (!expected) throw new Error('no range');
    await page.waitForURL(
      (u) => u.searchParams.get('from') === expected.from && u.searchParams.get('to') === expected.to,
    );
    await expectOverviewMatches(page, expected.from, expected.to);
    await page.click('[data-testid="nav-data"]');
    expect(new URL(page.url()).searchParams.get('from')).toBe(expected.from);
  });

  it('says how much of a range the order exports cover, and says nothing when they cover all of it', async () => {
    const page = await open(browser, app.origin, '/overview');
    await page.waitForSelector('[data-testid="overview-kpis"]');
    await page.waitForSelector('.card:has([data-testid="grain-day"]) .chart canvas');
    expect(await page.locator('[data-testid="coverage-note"]').count()).toBe(0);
    // The 31 days before the first order, and the 30 from it: the first export covers (at most) the latter.
    const created = lines.map((l) => l.created).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    const first = isoDay(created.reduce((m, d) => (d < m ? d : m)));
    await page.goto(`${app.origin}/overview?from=${addDays(first, -31)}&to=${addDays(first, 29)}`);
    const note = (await (await page.waitForSelector('[data-testid="coverage-note"]')).textContent()) ?? '';
    const [, covered, days] = /(\d+) dari (\d+) hari/.exec(note) ?? [];
    expect(Number(days)).toBe(61);
    expect(Number(covered)).toBe(new Set(created.filter((d) => d <= addDays(first, 29))).size);
  });

  it('has no horizontal scroll, no overlap, and visible charts at phone and desktop sizes', async () => {
    const page = await open(browser, app.origin, '/overview?from=2026-09-01&to=2026-11-30');
    for (const [w, h, name] of [
      [390, 844, 'overview-390'],
      [1280, 800, 'overview-1280'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForSelector('.chart canvas');
      await page.waitForTimeout(400);
      const layout = await page.evaluate(() => {
        const cards = [...document.querySelectorAll('[data-kpi]')].map((e) => e.getBoundingClientRect());
        const overlaps = cards.some((a, i) =>
          cards.some(
            (b, j) =>
              j > i && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1,
          ),
        );
        const canvas = document.querySelector('.chart canvas')?.getBoundingClientRect();
        return {
          scroll: document.documentElement.scrollWidth - window.innerWidth,
          overlaps,
          chart: canvas ? [canvas.width, canvas.height] : [0, 0],
        };
      });
      expect(layout.scroll, name).toBeLessThanOrEqual(0);
      expect(layout.overlaps, name).toBe(false);
      expect(layout.chart[0], name).toBeGreaterThan(200);
      expect(layout.chart[1], name).toBeGreaterThan(150);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('switches every visible string between Indonesian and English', async () => {
    const otherLocale = { id: 'en', en: 'id' } as const;
    for (const lang of ['en', 'id'] as const) {
      const page = await open(browser, app.origin, '/settings');
      await page.selectOption('[data-testid="language"]', lang);
      const foreign = new Set(
        Object.values(STRINGS)
          .filter((v) => v.id !== v.en)
          .map((v) => v[otherLocale[lang]]),
      );
      for (const p of PAGES) {
        await page.click(`[data-testid="nav-${p}"]`);
        await page.waitForSelector(`[data-testid="page-${p}"]`);
        await page.waitForTimeout(150);
        const untranslated = (await visibleTexts(page)).filter((t) => foreign.has(t));
        expect(untranslated, `${lang} on /${p}`).toEqual([]);
      }
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    }
  });

  it('works offline after the first visit: reload with the network off shows the same numbers', async () => {
    const page = await open(browser, app.origin, '/overview?from=2026-11-01&to=2026-11-30');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 60_000 });
    await expectOverviewMatches(page, '2026-11-01', '2026-11-30');
    await browser.context.setOffline(true);
    try {
      const failed: string[] = [];
      // A request of the previous page that the reload cancels fails as ERR_ABORTED; that is not the network.
      page.on('requestfailed', (r) => {
        if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${r.failure()?.errorText}`);
      });
      await page.reload();
      await expectOverviewMatches(page, '2026-11-01', '2026-11-30');
      expect(failed).toEqual([]);
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it.each([
    ['traffic', 'traffic-kpis', ['visitors', 'page_views', 'bounce_rate', 'order_conversion_rate']],
    ['service', 'service-kpis', ['chats', 'chat_response_rate', 'csat', 'avg_response_time']],
    [
      'campaigns',
      'campaign-kpis',
      [
        'ad_spend',
        'ad_gmv',
        'roas',
        'voucher_cost',
        'flash_sale_sales',
        'affiliate_sales',
        'affiliate_roi',
        'live_sales',
      ],
    ],
    ['sales', 'sales-kpis', ['sales', 'orders', 'buyers', 'units']],
    ['products', 'product-kpis', ['sku_count', 'a_class_skus', 'skus_without_cost']],
  ] as const)('the %s page renders its KPIs and a chart with data', async (pageId, kpis, ids) => {
    const page = await open(browser, app.origin, `/${pageId}?from=2026-07-01&to=2026-07-31`);
    await page.waitForSelector(`[data-testid="${kpis}"]`, { timeout: 60_000 });
    const shown = await kpiValues(page);
    for (const id of ids) expect(Number(shown[id]), id).toBeGreaterThan(0);
    await page.waitForSelector('.chart canvas');
    const tables: Record<string, string[]> = {
      campaigns: ['ads-table', 'keyword-table', 'live-ads-table', 'promotion-table', 'live-table', 'affiliate-table'],
      traffic: ['visit-sources'],
      sales: ['categories'],
    };
    for (const t of tables[pageId] ?? []) {
      const rows = await page.$$eval(`[data-testid="${t}"] tbody tr`, (els) => els.length);
      expect(rows, t).toBeGreaterThan(0);
    }
    const points = await page.$$eval('.chart-host', (els) => els.length);
    expect(points).toBeGreaterThan(0);
    if (pageId === 'sales') {
      // The trend's line switches between orders, buyers and units.
      await page.click('[data-testid="trend-line-buyers"]');
      await page.waitForSelector('[data-testid="trend-line-buyers"][aria-pressed="true"]');
      const legend = await page.$eval(
        '.card:has([data-testid="trend-line-buyers"]) .chart',
        (el) => el.textContent ?? '',
      );
      expect(legend).toMatch(/Pembeli|Buyers/);
    }
    await shootBothWidths(page, pageId);
  });

  it('the predictions page forecasts sales with intervals, backtests it, and fits SKU demand with progress', async () => {
    const page = await open(browser, app.origin, '/predictions');
    await page.waitForSelector('[data-kpi="forecast_sales"]', { timeout: 60_000 });
    await page.waitForSelector('[data-kpi="backtest_mase"]', { timeout: 60_000 });
    await page.waitForSelector('[data-kpi="at_risk_value"]', { timeout: 60_000 });
    const v = await kpiValues(page);
    expect(Number(v.forecast_sales)).toBeGreaterThan(0);
    expect(Number(v.forecast_sales_lo80)).toBeLessThanOrEqual(Number(v.forecast_sales));
    expect(Number(v.forecast_sales_hi80)).toBeGreaterThanOrEqual(Number(v.forecast_sales));
    expect(Number(v.backtest_mape)).toBeGreaterThan(0);
    expect(v.anomalies).not.toBe('');
    expect(Number(v.at_risk_buyers)).toBeGreaterThan(0);
    // The at-risk table lists every at-risk buyer (a page at a time), and its Excel download sums to the value at risk.
    expect(Number(await page.getAttribute('[data-testid="at-risk"]', 'data-rows'))).toBe(Number(v.at_risk_buyers));
    const file = page.waitForEvent('download');
    await page.click('[data-testid="at-risk-xlsx"]');
    const wb = XLSX.read(fs.readFileSync((await (await file).path()) as string), { type: 'buffer' });
    const atRisk = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 }).slice(1);
    expect(atRisk).toHaveLength(Number(v.at_risk_buyers));
    expect(atRisk.reduce((t, r) => t + (r[2] as number), 0)).toBeCloseTo(Number(v.at_risk_value), 0);
    // Each at-risk buyer's offer: products to buy again, then a new one; the broadcast CSV lists them all.
    await page.waitForFunction(() => document.querySelector('[data-testid="at-risk-offer"]')?.textContent?.trim());
    const broadcast = page.waitForEvent('download');
    await page.click('[data-testid="at-risk-export"]');
    const rows = fs
      .readFileSync((await (await broadcast).path()) as string, 'utf8')
      .trim()
      .split('\r\n');
    expect(rows).toHaveLength(Number(v.at_risk_buyers) + 1);
    expect(rows[0]).toMatch(/^\ufeff?username,/);
    expect(rows.slice(1).every((r) => r.split(',').length >= 9 && r.split(',')[3] !== '')).toBe(true);
    await page.waitForSelector('.chart canvas');
    expect(await page.locator('[data-testid="model-performance"] tbody tr').count()).toBe(3);
    await page.click('[data-testid="demand-run"]');
    await page.waitForSelector('[data-testid="demand-table"] tbody tr', { timeout: 120_000 });
    expect(await page.locator('[data-testid="demand-table"] tbody tr').count()).toBe(20);
    await shootBothWidths(page, 'predictions');
  });

  it('the ML Insights page segments buyers, clusters them, shows cohorts and bundle ideas', async () => {
    const page = await open(browser, app.origin, '/insights');
    await page.waitForSelector('[data-kpi="champions"]', { timeout: 60_000 });
    await page.waitForSelector('[data-kpi="repeat_rate_90d"]', { timeout: 60_000 });
    const v = await kpiValues(page);
    expect(Number(v.segments)).toBeGreaterThan(3);
    expect(Number(v.champions)).toBeGreaterThan(0);
    expect(Number(v.at_risk)).toBeGreaterThan(0);
    expect(Number(v.repeat_rate_90d)).toBeGreaterThan(0);
    await page.waitForSelector('[data-kpi="top_bundle_lift"]');
    await page.waitForSelector('[data-kpi="mmm_expected_sales"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="bandit"] tbody tr');
    expect(Number((await kpiValues(page)).mmm_expected_sales)).toBeGreaterThan(0);
    expect(Number((await kpiValues(page)).top_bundle_lift)).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="rfm-segments"] tbody tr').count()).toBe(Number(v.segments));
    await page.waitForSelector('[data-testid="findings"] li[data-finding] a', { timeout: 60_000 });
    await page.click('[data-testid="price-run"]');
    await page.waitForSelector('[data-testid="prices"] tbody tr', { timeout: 60_000 });
    expect(await page.locator('[data-testid="prices"] tbody tr').count()).toBe(20);
    expect(await page.locator('[data-testid="cohorts"] tbody tr').count()).toBeGreaterThan(12);
    await page.click('[data-testid="kmeans-run"]');
    await page.waitForSelector('[data-testid="kmeans-segments"] tbody tr', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="dendrogram"] path');
    await page.waitForSelector('[data-testid="outliers"] tbody tr');
    const download = page.waitForEvent('download');
    await page.click('[data-testid="export-champions"]');
    const file = await (await download).path();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length - 1).toBe(Number(v.champions));
    // The segment's broadcast list: each buyer with a product to buy again.
    expect(lines.slice(1).every((l) => l.split(',')[1] !== '')).toBe(true);
    expect(await page.locator('[data-testid="rfm-segments"] [data-testid="buy-again"]').count()).toBeGreaterThan(3);
    // The model the holdout chose (EASE, EASE with a best-seller weight, or the best sellers), with its test.
    expect(await page.textContent('[data-testid="recommender"]')).toMatch(
      /(EASE \(λ \d+|terlaris|best sellers).*\d+,?\d*%/,
    );
    await shootBothWidths(page, 'insights');
  });

  it('a long table pages its rows, and downloads every row as CSV and as Excel', async () => {
    const page = await open(browser, app.origin, '/campaigns');
    const table = '[data-testid="live-table"]';
    await page.waitForSelector(`${table} tbody tr`);
    const total = Number(await page.getAttribute(table, 'data-rows'));
    expect(total).toBeGreaterThan(2 * TABLE_PAGE_SIZE);
    const shown = () => page.locator(`${table} tbody tr`).count();
    expect(await shown()).toBe(TABLE_PAGE_SIZE);
    await page.click('[data-testid="live-table-more"]');
    expect(await shown()).toBe(2 * TABLE_PAGE_SIZE);
    await page.click('[data-testid="live-table-all"]');
    expect(await shown()).toBe(total);
    expect(await page.locator('[data-testid="live-table-more"]').count()).toBe(0);
    const firstRow = await page.$$eval(`${table} tbody tr:first-child td`, (tds) =>
      tds.map((td) => td.textContent ?? ''),
    );
    // Back to the first page: the downloads still hold every row, not just the ones shown.
    await page.goto(`${app.origin}/campaigns`);
    await page.waitForSelector(`${table} tbody tr`);
    expect(await shown()).toBe(TABLE_PAGE_SIZE);
    const excel = async () => {
      const file = page.waitForEvent('download');
      await page.click('[data-testid="live-table-xlsx"]');
      const wb = XLSX.read(fs.readFileSync((await (await file).path()) as string), { type: 'buffer' });
      return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    };
    const rows = await excel();
    expect(rows).toHaveLength(total + 1);
    // A two-line cell (the stream's title, and its start below) keeps both parts apart.
    const [title, start] = String(rows[1][0]).split(' · ');
    expect(firstRow[0]).toBe(`${title}${start}`);
    expect(start).toMatch(/\d/);
    const csv = page.waitForEvent('download');
    await page.click('[data-testid="live-table-csv"]');
    const text = fs.readFileSync((await (await csv).path()) as string, 'utf8');
    expect(text.trim().split('\r\n')).toHaveLength(total + 1);
    expect(text.split('\r\n')[0]).toContain(String(rows[0][0]));
    // Sorting by a figure orders every row, not just the page shown; Excel gets the figures as numbers.
    await page.click(`${table} th:nth-child(2) button.sort`);
    expect(await page.getAttribute(`${table} th:nth-child(2)`, 'aria-sort')).toBe('descending');
    const sorted = await excel();
    const viewers = sorted.slice(1).map((r) => r[1]);
    expect(viewers.every((v) => typeof v === 'number')).toBe(true);
    expect(viewers).toEqual([...(viewers as number[])].sort((a, b) => b - a));
    expect([...(viewers as number[])].sort((a, b) => a - b)).toEqual(
      rows
        .slice(1)
        .map((r) => r[1] as number)
        .sort((a, b) => a - b),
    );
    const top = await page.$eval(`${table} tbody tr:first-child td:nth-child(2)`, (td) => td.textContent ?? '');
    expect(Number(top.replace(/\D/g, ''))).toBe(viewers[0]);
    await page.click(`${table} th:nth-child(2) button.sort`);
    expect(await page.getAttribute(`${table} th:nth-child(2)`, 'aria-sort')).toBe('ascending');
  });

  it('the products table sorts by a figure, and a unit cost typed into a row is kept and gives its gross profit', async () => {
    const page = await open(browser, app.origin, '/products');
    const table = '[data-testid="product-table"]';
    await page.waitForSelector(`${table} tbody tr`);
    const withoutCost = async () => Number((await kpiValues(page)).skus_without_cost);
    const before = await withoutCost();
    expect(before).toBeGreaterThan(0);
    // The decisive columns lead: SKU, units, sales, unit cost, gross profit, margin, ABC.
    const headers = await page.$$eval(`${table} thead th`, (ths) => ths.map((th) => th.textContent?.trim() ?? ''));
    expect(headers.slice(0, 7)).toEqual([
      'SKU',
      'Produk terjual',
      'Penjualan',
      'Harga pokok/unit',
      'Laba kotor',
      'Margin',
      'ABC',
    ]);
    // Units sold (the second column), largest first.
    await page.click(`${table} th:nth-child(2) button.sort`);
    const units = await page.$$eval(`${table} tbody td:nth-child(2)`, (tds) =>
      tds.map((td) => Number((td.textContent ?? '').replace(/\D/g, ''))),
    );
    expect(units.length).toBeGreaterThan(1);
    expect(units).toEqual([...units].sort((a, b) => b - a));
    // A SKU the sample's product master gives no cost (the others have their master's).
    await page.click(`[data-testid="product-table-all"]`);
    const sku = (await page.$eval(`${table} tbody tr[data-unit-cost=""]`, (tr) => tr.getAttribute('data-sku'))) ?? '';
    expect(sku).not.toBe('');
    const cost = page.locator(`${table} input[aria-label$=" ${sku}"]`);
    // Text that is not a number is refused with a message naming the SKU and what was typed; nothing is stored.
    await cost.fill('sepuluh ribu');
    await cost.press('Enter');
    const message = await page.waitForSelector('[data-testid="cost-message"]');
    expect(await message.textContent()).toContain(sku);
    expect(await message.textContent()).toContain('sepuluh ribu');
    expect(await withoutCost()).toBe(before);
    await cost.fill('10000');
    await cost.press('Enter');
    await page.waitForFunction(
      (n) => document.querySelector('[data-kpi="skus_without_cost"]')?.getAttribute('data-value') === String(n),
      before - 1,
    );
    // Kept after a reload; the search finds the row wherever it sorts.
    await page.reload();
    await page.waitForSelector(`${table} tbody tr`);
    expect(await withoutCost()).toBe(before - 1);
    await page.fill('[data-testid="product-search"]', sku);
    await page.waitForFunction((t) => document.querySelector(t)?.getAttribute('data-rows') === '1', table);
    expect(await page.locator(`${table} input[aria-label$=" ${sku}"]`).inputValue()).toBe('10000');
    const row = page.locator(`${table} tbody tr`, { has: page.locator(`input[aria-label$=" ${sku}"]`) });
    expect(await row.locator('.flagged').count()).toBe(0);
  });

  it('the shop calendar is editable in Settings and kept with the data', async () => {
    const page = await open(browser, app.origin, '/settings');
    await page.waitForSelector('[data-testid="lebaran-2027"]');
    await page.fill('[data-testid="lebaran-2027"]', '2027-03-11');
    await page.click('[data-testid="calendar-save"]');
    await page.waitForSelector('[data-testid="calendar-saved"]');
    await page.reload();
    await page.waitForSelector('[data-testid="lebaran-2027"]');
    expect(await page.inputValue('[data-testid="lebaran-2027"]')).toBe('2027-03-11');
  });

  it('never made a request outside its own origin, and logged no console error', () => {
    expect(browser.external).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
