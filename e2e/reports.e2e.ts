/**
 * Reports, schedules and alerts in the browser: every template generated from sample data and downloaded,
 * the PDF rendered with pdftoppm (Debian poppler-utils), the Excel KPI cells checked against the app's own
 * `data-value`s, a due schedule run exactly once across reloads, and an alert raised by an import.
 */
import * as XLSX from '@e965/xlsx';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../src/automation/periods';
import { at, failedDeliveryFile, line } from '../test/fixtures';
import { type App, type Browser, kpiValues, launch, open, serveApp } from './harness';

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

async function downloadOf(page: Page, selector: string): Promise<{ name: string; file: string }> {
  const wait = page.waitForEvent('download');
  await page.click(selector);
  const d = await wait;
  return { name: d.suggestedFilename(), file: (await d.path()) as string };
}

/** Renders a PDF with pdftoppm (grey, 40 dpi) and returns each page's share of non-white pixels. */
function renderPdf(file: string): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toko-pdf-'));
  execFileSync('pdftoppm', ['-r', '40', '-gray', file, path.join(dir, 'p')]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const buf = fs.readFileSync(path.join(dir, f));
      // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'));
      if (!header) throw new Error(`${f}: not a PGM`);
      const pixels = buf.subarray(header[0].length);
      let ink = 0;
      for (const p of pixels) if (p < 200) ink++;
      return ink / pixels.length;
    });
}

const pdfPageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);

describe('reports, schedules and alerts', () => {
  it('a rule that fires on sample data raises an alert after the import; read stays read across a reload', async () => {
    const page = await open(browser, app.origin, '/alerts');
    await page.selectOption('[data-testid="rule-type"]', 'threshold');
    await page.fill('[data-testid="rule-name"]', 'Pembatalan tinggi');
    await page.selectOption('[data-testid="rule-metric"]', 'cancel_rate');
    await page.selectOption('[data-testid="rule-op"]', '>');
    await page.fill('[data-testid="rule-value"]', '1');
    await page.selectOption('[data-testid="rule-window"]', '30d');
    await page.click('[data-testid="rule-add"]');
    await page.waitForSelector('[data-testid="rule-row"]');
    expect(await page.locator('[data-testid="inbox-item"]').count()).toBe(0);

    await page.click('[data-testid="nav-overview"]');
    await page.click('[data-testid="load-sample"]');
    await page.waitForSelector('[data-testid="overview-kpis"]', { timeout: 170_000 });
    await page.waitForSelector('[data-testid="unread-count"][data-count="1"]', { timeout: 60_000 });
    await page.click('[data-testid="nav-alerts"]');
    await page.waitForSelector('[data-testid="inbox-item"][data-read="0"]');
    expect(await page.locator('[data-testid="inbox-item"]').count()).toBe(1);
    expect(await page.textContent('[data-testid="inbox-item"]')).toMatch(/Tingkat Pembatalan .*(aturan: > 1,00%)/);
    await page.click('[data-testid="mark-read"]');
    await page.waitForSelector('[data-testid="inbox-item"][data-read="1"]');
    await page.reload();
    await page.waitForSelector('[data-testid="inbox-item"][data-read="1"]');
    expect(await page.locator('[data-testid="unread-count"]').count()).toBe(0);
    expect(await page.locator('[data-testid="inbox-item"]').count()).toBe(1);
  });

  it('every template is generated and downloaded: the PDF renders with pages that are not blank, the Excel KPI cells equal the app', async () => {
    const page = await open(browser, app.origin, '/reports');
    for (const template of TEMPLATES) {
      await page.waitForSelector('[data-testid="generate-report"]:not([disabled])');
      await page.selectOption('[data-testid="report-template"]', template);
      await page.selectOption('[data-testid="report-locale"]', template === 'monthly' ? 'en' : 'id');
      const before = await page.locator('[data-testid="report-row"]').count();
      await page.click('[data-testid="generate-report"]');
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="report-row"]').length === n + 1,
        before,
        { timeout: 60_000 },
      );
      const row = page.locator('[data-testid="report-row"]').first();
      expect(await row.getAttribute('data-template')).toBe(template);
      const period = row.locator('[data-testid="report-period"]');
      const from = (await period.getAttribute('data-from')) as string;
      const to = (await period.getAttribute('data-to')) as string;

      const pdf = await downloadOf(page, '[data-testid="report-row"]:first-child [data-testid="report-pdf"]');
      expect(pdf.name).toMatch(/\.pdf$/);
      const pages = pdfPageCount(pdf.file);
      const ink = renderPdf(pdf.file);
      expect(ink.length, template).toBe(pages);
      expect(pages, template).toBeGreaterThanOrEqual(2);
      for (const share of ink) expect(share, `${template}: a page is blank`).toBeGreaterThan(0.01);
      fs.copyFileSync(pdf.file, path.join(SHOTS, `report-${template}.pdf`));

      const xlsx = await downloadOf(page, '[data-testid="report-row"]:first-child [data-testid="report-xlsx"]');
      const wb = XLSX.read(fs.readFileSync(xlsx.file), { type: 'buffer' });
      const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[1]], { header: 1, raw: true });
      const cells = new Map(
        rows
          .filter((r) => typeof r[0] === 'string' && /^[a-z_]+$/.test(r[0] as string))
          .map((r) => [r[0] as string, r[2]]),
      );
      expect(cells.size, template).toBeGreaterThan(0);

      // The same range on the Overview (one tab owns the database): each KPI both show is the same number.
      await page.goto(`${app.origin}/overview?from=${from}&to=${to}`);
      await page.waitForFunction(
        (v) =>
          document.querySelector('[data-testid="overview-kpis"] [data-kpi="orders"]')?.getAttribute('data-value') === v,
        String(cells.get('orders')),
        { timeout: 60_000 },
      );
      const shown = await kpiValues(page);
      await page.goto(`${app.origin}/reports`);
      let compared = 0;
      for (const [id, value] of cells) {
        if (!(id in shown)) continue;
        expect(shown[id] === '' ? null : Number(shown[id]), `${template} ${id} ${from}..${to}`).toBe(
          value === undefined ? null : value,
        );
        compared++;
      }
      expect(compared, template).toBeGreaterThanOrEqual(4);
    }
    await page.screenshot({ path: path.join(SHOTS, 'reports-1280.png'), fullPage: true });
  });

  it('reopens a report, and shares the PDF through the share sheet where files can be shared, else downloads it and offers an email with the summary', async () => {
    const page = await open(browser, app.origin, '/reports');
    await page.waitForSelector('[data-testid="report-row"]');
    // Reopen: the PDF opens in the browser's viewer.
    const popup = page.waitForEvent('popup');
    await page.click('[data-testid="report-row"]:first-child [data-testid="report-open"]');
    const viewer = await popup;
    await viewer.waitForURL(/^blob:/);
    await viewer.close();
    // A device with Web Share level 2: the system share sheet gets the PDF file and the summary.
    await page.evaluate(() => {
      const w = window as unknown as { shared: { name: string; type: string; text: string }[] };
      w.shared = [];
      Object.defineProperty(navigator, 'canShare', { configurable: true, value: (d: ShareData) => !!d.files?.length });
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: async (d: ShareData) => {
          for (const f of d.files ?? []) w.shared.push({ name: f.name, type: f.type, text: d.text ?? '' });
        },
      });
    });
    await page.click('[data-testid="report-row"]:first-child [data-testid="report-share"]');
    await page.waitForFunction(() => (window as unknown as { shared: unknown[] }).shared.length === 1);
    const [shared] = await page.evaluate(
      () => (window as unknown as { shared: { name: string; type: string; text: string }[] }).shared,
    );
    expect(shared.type).toBe('application/pdf');
    expect(shared.name).toMatch(/\.pdf$/);
    expect(shared.text).toMatch(/Penjualan: Rp/);
    expect(await page.locator('[data-testid="share-fallback"]').count()).toBe(0);

    // A device without it: the file is downloaded and an email with the summary is offered.
    await page.evaluate(() => Object.defineProperty(navigator, 'canShare', { configurable: true, value: undefined }));
    const d = await downloadOf(page, '[data-testid="report-row"]:first-child [data-testid="report-share"]');
    expect(d.name).toMatch(/\.pdf$/);
    const href = (await page.getAttribute('[data-testid="share-mailto"]', 'href')) as string;
    expect(href.startsWith('mailto:?subject=')).toBe(true);
    expect(decodeURIComponent(href)).toMatch(/Penjualan: Rp/);
  });

  it('a schedule that is due makes exactly one report and one inbox item, and reloads make no duplicates', async () => {
    const page = await open(browser, app.origin, '/reports');
    await page.waitForSelector('[data-testid="report-row"]');
    const reportsBefore = await page.locator('[data-testid="report-row"]').count();
    // Weekly on yesterday's weekday at 00:00, counted from 8 days ago: exactly one run is due (yesterday's).
    const { weekday, since } = await page.evaluate(() => {
      const p = (n: number) => String(n).padStart(2, '0');
      const y = new Date(Date.now() - 86_400_000);
      const s = new Date(Date.now() - 8 * 86_400_000);
      return {
        weekday: String(y.getDay() === 0 ? 7 : y.getDay()),
        since: `${s.getFullYear()}-${p(s.getMonth() + 1)}-${p(s.getDate())}T${p(s.getHours())}:${p(s.getMinutes())}`,
      };
    });
    await page.selectOption('[data-testid="schedule-template"]', 'weekly');
    await page.selectOption('[data-testid="schedule-every"]', 'week');
    await page.selectOption('[data-testid="schedule-weekday"]', weekday);
    await page.fill('[data-testid="schedule-time"]', '00:00');
    await page.fill('[data-testid="schedule-since"]', since);
    await page.click('[data-testid="schedule-add"]');
    await page.waitForSelector('[data-testid="schedule-row"] [data-testid="schedule-result"]:text("berhasil")', {
      timeout: 60_000,
    });
    await page.reload();
    await page.waitForSelector('[data-testid="schedule-row"]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="report-row"]').length >= n + 1,
      reportsBefore,
    );
    const check = async () => {
      expect(await page.locator('[data-testid="report-row"]').count()).toBe(reportsBefore + 1);
      await page.click('[data-testid="nav-alerts"]');
      await page.waitForSelector('[data-testid="inbox-item"]');
      expect(await page.locator('[data-testid="inbox-item"][data-kind="report"]').count()).toBe(1);
      await page.click('[data-testid="nav-reports"]');
      await page.waitForSelector('[data-testid="report-row"]');
    };
    await check();
    await page.reload();
    await page.waitForSelector('[data-testid="schedule-row"]');
    // Give the automations that run on open their time, then check again.
    await page.waitForTimeout(2000);
    await check();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'reports-390.png'), fullPage: true });
    await page.goto(`${app.origin}/alerts`);
    await page.waitForSelector('[data-testid="inbox-item"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'alerts-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('the Data page downloads the range as Excel whose KPI cells are the numbers it shows', async () => {
    const page = await open(browser, app.origin, '/data?from=2026-10-01&to=2026-10-31');
    await page.waitForSelector('[data-testid="order-kpis"] [data-kpi="sales"]');
    const shown = await kpiValues(page);
    const x = await downloadOf(page, '[data-testid="export-data"]');
    const wb = XLSX.read(fs.readFileSync(x.file), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
    for (const id of ['sales', 'orders', 'buyers', 'units', 'aov', 'net_payout'])
      expect(rows.find((r) => r[0] === id)?.[2], id).toBe(Number(shown[id]));
    expect(wb.SheetNames.at(-1)).toBe('Definisi');
  });

  it('a failed-delivery export adds its claims to the Sales page, one row per order', async () => {
    const lines = [
      line({ orderId: 'FD-1', buyer: 'pembeli_fd', status: 'Batal', created: at('2026-11-20 10:00'), completed: null }),
      line({
        orderId: 'FD-1',
        buyer: 'pembeli_fd',
        status: 'Batal',
        created: at('2026-11-20 10:00'),
        completed: null,
        productName: 'Topi',
        skuRef: 'TP',
        variation: '',
      }),
      line({
        orderId: 'FD-2',
        buyer: 'pembeli_fd2',
        status: 'Batal',
        created: at('2026-11-21 10:00'),
        completed: null,
      }),
    ];
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'toko-fd-')),
      'Order.failed_delivery.20261101_20261130.xlsx',
    );
    fs.writeFileSync(
      file,
      failedDeliveryFile(lines, {
        'FD-1': {
          failed: 'Paket hilang',
          claim: ['Klaim Dicairkan', '2026-11-22 10:00', '2026-11-23 10:00', '2026-11-25 10:00', '-', 'RP 86.400'],
        },
        'FD-2': {
          failed: 'Ditolak pembeli',
          claim: ['Klaim Ditolak', '2026-11-22 11:00', '-', '-', '2026-11-24 09:00', '0'],
        },
      }),
    );
    const page = await open(browser, app.origin, '/data');
    await page.setInputFiles('[data-testid="import-input"]', [file]);
    await page.waitForSelector('[data-testid="import-report"][data-status="ok"][data-file^="Order.failed_delivery"]', {
      timeout: 60_000,
    });
    expect(await page.textContent('[data-testid="import-report"][data-file^="Order.failed_delivery"]')).toMatch(
      /2 pesanan gagal kirim/,
    );
    await page.goto(`${app.origin}/sales?from=2026-11-01&to=2026-11-30`);
    await page.waitForSelector('[data-testid="claims-table"] tbody tr');
    expect(await page.locator('[data-testid="claims-table"] tbody tr').count()).toBe(2);
    expect(await page.textContent('[data-testid="claims-summary"]')).toMatch(
      /2 pesanan gagal kirim; 2 klaim diajukan, 1 dicairkan, 1 ditolak; kompensasi dicairkan Rp86\.400/,
    );
  });

  it('never made a request outside its own origin, and logged no console error', () => {
    expect(browser.external).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
