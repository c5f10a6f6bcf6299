/**
 * A real shop's batch as a seller drops it (../shared/data/real; skips without it): its order exports, a
 * cancellation export, its income exports, its own product master and its balance report, together. Every
 * report is ok; every SKU text of its orders shows its master's cost, those matched only through an alias
 * row included; the wallet KPIs are the report's rows to the rupiah.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { at, balanceReportFile, line, orderFile, type WalletRow } from '../test/fixtures';
import { mergeFiles, readIncomeFile, readOrderFile } from '../test/independent';
import { appSession, kpiValues, open } from './harness';

const DIR = path.resolve('../shared/data/real');
const ORDERS = ['Order.completed.20250501_20250531.xlsx', 'Order.completed.20250801_20250820.xlsx'];
const INCOME = ['Income.sudah dilepas.id.20250101_20250630.xlsx', 'Income.sudah dilepas.id.20250801_20250822.xlsx'];
const present = [...ORDERS, ...INCOME].every((f) => fs.existsSync(path.join(DIR, f)));
const read = (f: string) => fs.readFileSync(path.join(DIR, f));

describe.skipIf(!present)("a real shop's batch, with its product master and balance report", () => {
  const session = appSession();

  it('imports every file ok, costs every SKU text through its master, and shows the wallet of the rows', async () => {
    const lines = mergeFiles(ORDERS.map((f) => readOrderFile(new Uint8Array(read(f)))));
    const skuOf = (l: (typeof lines)[number]) => l.sku || `${l.product} · ${l.variation ?? ''}`;
    // The seller's master: one master per product, its cost on the first SKU text only; the others are alias
    // rows written in capitals with doubled spaces; one row repeated. No header names SKU or HPP.
    const productOf = new Map<string, string>();
    for (const l of lines) if (!productOf.has(skuOf(l))) productOf.set(skuOf(l), l.product);
    const costOf = new Map<string, number>();
    const rows: (string | number | null)[][] = [['Barang', 'Teks di toko', 'Biaya per pcs']];
    for (const [sku, product] of productOf) {
      const first = !costOf.has(product);
      if (first) costOf.set(product, 1000 * (costOf.size + 10));
      rows.push([
        product,
        first ? sku : `  ${sku.toUpperCase().replace(/ /g, '  ')} `,
        first ? (costOf.get(product) ?? 0) : null,
      ]);
      if (first && costOf.size === 1) rows.push([product, sku, costOf.get(product) ?? 0]);
    }
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Master');
    const master = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    // A cancellation export of one order, and a balance report paying in the August income.
    const [someSku] = productOf.keys();
    const cancelled = orderFile([
      line({ orderId: 'BATAL-1', status: 'Batal', skuRef: someSku, created: at('2025-05-20 10:00'), completed: null }),
    ]);
    const aug = readIncomeFile(new Uint8Array(read(INCOME[1]))).rows;
    const wallet: WalletRow[] = aug.slice(0, 60).map((r, i) => ({
      at: `2025-08-${String(1 + (i % 20)).padStart(2, '0')} 10:00:00`,
      type: 'Penghasilan dari Pesanan',
      description: `Penghasilan dari Pesanan #${r.orderId}`,
      orderId: r.orderId,
      direction: 'Transaksi Masuk',
      amount: r.net,
    }));
    wallet.push(
      {
        at: '2025-08-15 09:00:00',
        type: 'Penarikan Dana',
        description: 'Penarikan Dana',
        direction: 'Transaksi Keluar',
        amount: -1_500_000,
      },
      {
        at: '2025-08-16 09:00:00',
        type: 'Pembayaran dengan Saldo Penjual',
        description: 'Isi Ulang Saldo Iklan/Koin Penjual',
        direction: 'Transaksi Keluar',
        amount: -200_000,
      },
    );
    const files = [
      { name: 'master barang toko.xlsx', buffer: master },
      ...ORDERS.map((f) => ({ name: f, buffer: read(f) })),
      { name: 'Order.cancellation.20250501_20250531.xlsx', buffer: Buffer.from(cancelled) },
      ...INCOME.map((f) => ({ name: f, buffer: read(f) })),
      {
        name: 'my_balance_transaction_report.shopee.20250801_20250822.xlsx',
        buffer: Buffer.from(balanceReportFile(wallet)),
      },
    ];
    const page = await open(session.browser, session.app.origin, '/data?from=2025-08-01&to=2025-08-31');
    await page.setInputFiles(
      '[data-testid="import-input"]',
      files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })),
    );
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('[data-testid="import-report"]')].filter(
          (e) => e.getAttribute('data-status') !== 'pending',
        ).length === n,
      files.length,
      { timeout: 170_000 },
    );
    const statuses = await page.$$eval('[data-testid="import-report"]', (els) =>
      els.map((e) => [e.getAttribute('data-file'), e.getAttribute('data-status')]),
    );
    expect(statuses.sort()).toEqual(files.map((f) => [f.name, 'ok']).sort());

    await page.waitForSelector('[data-testid="wallet-kpis"] [data-kpi="balance_in"]', { timeout: 60_000 });
    const total = (keep: (r: WalletRow) => boolean) => wallet.filter(keep).reduce((a, r) => a + r.amount, 0);
    const shown = await kpiValues(page);
    expect(Number(shown.balance_in)).toBe(total((r) => r.direction === 'Transaksi Masuk'));
    expect(Number(shown.balance_out)).toBe(total((r) => r.direction === 'Transaksi Keluar'));
    expect(Number(shown.withdrawals)).toBe(-1_500_000);

    await page.goto(`${session.app.origin}/products?from=2025-05-01&to=2025-08-31`);
    await page.waitForSelector('[data-testid="master-summary"]', { timeout: 60_000 });
    if (await page.locator('[data-testid="product-table-all"]').count())
      await page.click('[data-testid="product-table-all"]');
    const got = await page.$$eval('[data-testid="product-table"] [data-sku]', (els) =>
      els.map((e) => [e.getAttribute('data-sku'), e.getAttribute('data-unit-cost')]),
    );
    const valid = new Set(lines.filter((l) => !['Batal', 'Belum Bayar'].includes(l.status)).map(skuOf));
    expect(got.length).toBeGreaterThan(10);
    expect(got.map(([s]) => s).sort()).toEqual([...valid].sort());
    expect(got).toEqual(got.map(([s]) => [s, String(costOf.get(productOf.get(s ?? '') ?? '') ?? '')]));
    // Most SKU texts of a product are costed only through an alias row.
    expect(got.filter(([s]) => rows.some((r) => r[1] === s && r[2] !== null)).length).toBeLessThan(got.length);
  });
});

describe('a product master that reads two ways', () => {
  const session = appSession();

  it('asks which column holds the cost, and imports with the column the seller picks', async () => {
    const orders = orderFile([
      line({ orderId: 'A1', skuRef: 'KAOS-HITAM', created: at('2026-06-02 08:00') }),
      line({ orderId: 'A2', skuRef: 'KAOS-PUTIH', created: at('2026-06-03 08:00') }),
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['KAOS-HITAM', 89_000, 41_000],
        ['KAOS-PUTIH', 89_000, 43_000],
      ]),
      'Harga',
    );
    const page = await open(session.browser, session.app.origin, '/data?from=2026-06-01&to=2026-06-30');
    await page.setInputFiles('[data-testid="import-input"]', [
      { name: 'Order.all.20260601_20260630.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(orders) },
      {
        name: 'harga.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer),
      },
    ]);
    const report = '[data-testid="import-report"][data-file="harga.xlsx"]';
    await page.waitForSelector(`${report} [data-testid="master-question"][data-role="cost"]`, { timeout: 60_000 });
    expect(await page.textContent(`${report} [data-testid="import-error"]`)).toContain('B, C');
    await page.locator(report).screenshot({ path: path.resolve('e2e/screenshots/master-question.png') });
    await page.check(`${report} [data-testid="master-choice-C"]`);
    await page.click(`${report} [data-testid="master-answer"]`);
    await page.waitForSelector(`${report}[data-status="ok"]`);
    // The columns can be changed afterwards: B read as the cost, then C again.
    await page.click(`${report} [data-testid="master-mapping"] summary`);
    await page.selectOption(`${report} [data-testid="master-map-cost"]`, '1');
    await page.click(`${report} [data-testid="master-remap"]`);
    // In the app (not a reload, which ends the session's memory of the file).
    await page.click('[data-testid="nav-products"]');
    await page.waitForSelector('[data-testid="product-table"] [data-sku="KAOS-PUTIH"][data-unit-cost="89000"]');
    await page.click('[data-testid="nav-data"]');
    await page.waitForSelector(`${report}[data-status="ok"] [data-testid="master-mapping"]`);
    await page.click(`${report} [data-testid="master-mapping"] summary`);
    await page.selectOption(`${report} [data-testid="master-map-cost"]`, '2');
    await page.click(`${report} [data-testid="master-remap"]`);
    await page.click('[data-testid="nav-products"]');
    await page.waitForSelector('[data-testid="product-table"] [data-sku="KAOS-PUTIH"][data-unit-cost="43000"]');
    // Kept after a reload.
    await page.reload();
    await page.waitForSelector('[data-testid="product-table"] [data-sku="KAOS-PUTIH"][data-unit-cost="43000"]');
    expect(await page.getAttribute('[data-testid="product-table"] [data-sku="KAOS-HITAM"]', 'data-unit-cost')).toBe(
      '41000',
    );
  });
});
