/**
 * Writes sample-data/: 18 months of a simulated shop's Shopee exports in the real layouts (seeded, so the
 * files are the same on every run). Usage: npm run sample-data
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { incomeFor, isoDay, type OrderLine, type SimOrder, simulateOrders } from './sample/generate';
import { adsFor, adsReportCsv, billingCsv } from './sample/ads';
import { insightWorkbooks, shopDays } from './sample/insights';
import {
  affiliateCsv,
  affiliateProductCsv,
  discountWorkbook,
  keywordCsv,
  liveAdsCsv,
  liveWorkbook,
  visitSourceRows,
} from './sample/marketing';
import { productPerformanceWorkbook } from './sample/productPerformance';
import { productMasterWorkbook } from './sample/productMaster';
import { returnsWorkbook } from './sample/returns';
import {
  income2025Workbook,
  income2026Workbook,
  ORDER_COLUMNS_2025,
  ORDER_COLUMNS_2026,
  orderWorkbook,
} from './sample/layouts';

XLSX.set_fs(fs);

export const SAMPLE = {
  seed: 20250601,
  from: '2025-06-01',
  to: '2026-11-30',
  snapshot: '2026-11-30 21:00',
  /** An earlier, overlapping export of November: its recent orders were still in transit. */
  earlySnapshot: '2026-11-20 21:00',
  shop: 'asta_dapur_official',
};

const DAY = 86_400_000;

/** The period's ten best-selling products, with a code like product performance's and their mean price. */
function topProducts(orders: readonly SimOrder[], from: string, to: string) {
  const by = new Map<string, { sales: number; units: number }>();
  for (const o of orders) {
    const d = isoDay(o.created);
    if (d < from || d > to || o.statusClass === 'cancelled') continue;
    for (const l of o.lines) {
      const g = by.get(l.productName) ?? { sales: 0, units: 0 };
      g.sales += l.subtotal;
      g.units += l.qty;
      by.set(l.productName, g);
    }
  }
  return [...by.entries()]
    .sort((a, b) => b[1].sales - a[1].sales)
    .slice(0, 10)
    .map(([name, g], i) => ({
      id: String(30_000_000_000 + i * 7_919),
      name,
      price: Math.round(g.sales / Math.max(1, g.units)),
      sales: g.sales,
    }));
}

/** An xlsx under any name (Shopee's return exports end in .xls). */
function wb2file(wb: XLSX.WorkBook, file: string): void {
  wb.Props = {
    ...wb.Props,
    CreatedDate: new Date(`${SAMPLE.to}T21:00:00Z`),
    ModifiedDate: new Date(`${SAMPLE.to}T21:00:00Z`),
  };
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
}

/** Writes a workbook with fixed document dates, so the same seed gives the same bytes. */
function write(wb: XLSX.WorkBook, file: string): void {
  wb.Props = {
    ...wb.Props,
    CreatedDate: new Date(`${SAMPLE.to}T21:00:00Z`),
    ModifiedDate: new Date(`${SAMPLE.to}T21:00:00Z`),
  };
  XLSX.writeFile(wb, file, { compression: true, bookSST: true });
}
const compact = (iso: string) => iso.replace(/-/g, '');

function monthStarts(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  while (isoDay(d.getTime()) <= to) {
    out.push(isoDay(d.getTime()));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}
const monthEnd = (start: string) => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return isoDay(d.getTime() - DAY);
};

/** The same orders as seen in an export taken at `snapshot`: later completions are still in transit. */
function asOf(orders: readonly SimOrder[], snapshot: number): OrderLine[] {
  const lines: OrderLine[] = [];
  for (const o of orders) {
    if (o.created > snapshot) continue;
    const inTransit = o.statusClass === 'completed' && (o.completed ?? 0) > snapshot;
    for (const l of o.lines) {
      if (!inTransit) lines.push(l);
      else {
        const toShip = o.created > snapshot - 2 * DAY;
        lines.push({
          ...l,
          status: toShip ? 'Perlu Dikirim' : 'Sedang Dikirim',
          completed: null,
          shipArranged: toShip ? null : l.shipArranged,
          trackingNo: toShip ? '' : l.trackingNo,
          returnedQty: 0,
          returnStatus: '',
        });
      }
    }
  }
  return lines;
}

export function sampleOrders(): SimOrder[] {
  return simulateOrders({
    seed: SAMPLE.seed,
    from: SAMPLE.from,
    to: SAMPLE.to,
    baseOrdersPerDay: 12,
    repeatShare: 0.16,
    snapshot: SAMPLE.snapshot,
  });
}

function main() {
  const out = path.resolve('sample-data');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const orders = sampleOrders();
  const snapshotMs = Date.parse(`${SAMPLE.snapshot.replace(' ', 'T')}:00Z`);
  const written: string[] = [];
  for (const start of monthStarts(SAMPLE.from, SAMPLE.to)) {
    const end = monthEnd(start);
    const inMonth = orders.filter((o) => isoDay(o.created) >= start && isoDay(o.created) <= end);
    const columns = start < '2026-01-01' ? ORDER_COLUMNS_2025 : ORDER_COLUMNS_2026;
    const name = `Order.all.${compact(start)}_${compact(end)}.xlsx`;
    write(orderWorkbook(asOf(inMonth, snapshotMs), columns), path.join(out, name));
    written.push(name);
  }
  // An earlier overlapping November export: the merge must let the final export win.
  const early = Date.parse(`${SAMPLE.earlySnapshot.replace(' ', 'T')}:00Z`);
  const earlyName = `Order.all.20261101_${compact(SAMPLE.earlySnapshot.slice(0, 10))}.xlsx`;
  const novOrders = orders.filter((o) => isoDay(o.created) >= '2026-11-01');
  write(orderWorkbook(asOf(novOrders, early), ORDER_COLUMNS_2026), path.join(out, earlyName));
  written.push(earlyName);

  const income = incomeFor(orders, SAMPLE.seed + 1, Date.parse(`${SAMPLE.to}T00:00:00Z`) + DAY);
  for (const start of monthStarts(SAMPLE.from, SAMPLE.to)) {
    const end = monthEnd(start);
    const rows = income.filter((i) => isoDay(i.released) >= start && isoDay(i.released) <= end);
    if (!rows.length) continue;
    const wb =
      start < '2026-01-01'
        ? income2025Workbook(rows, SAMPLE.shop, start, end)
        : income2026Workbook(rows, SAMPLE.shop, start, end);
    const name = `Income.sudah dilepas.id.${compact(start)}_${compact(end)}.xlsx`;
    write(wb, path.join(out, name));
    written.push(name);
  }
  // Business Insights for the last six months, monthly, as sellers download them.
  for (const start of monthStarts('2026-06-01', SAMPLE.to)) {
    const end = monthEnd(start);
    const days = shopDays(orders, start, end, SAMPLE.seed + Number(compact(start)));
    const ads = adsFor(orders, start, end, SAMPLE.seed + Number(compact(start)) + 1);
    const books = {
      ...insightWorkbooks(days),
      discount: discountWorkbook(days, SAMPLE.seed + Number(compact(start)) + 4),
      live: liveWorkbook(days, SAMPLE.seed + Number(compact(start)) + 5),
    };
    XLSX.utils.book_append_sheet(
      books.shopStats,
      XLSX.utils.aoa_to_sheet(visitSourceRows(days, ads)),
      'Asal Kunjungan (Pesanan Dibuat)',
    );
    const names: Record<string, string> = {
      shopStats: `${SAMPLE.shop}.shopee-shop-stats.${compact(start)}-${compact(end)}.xlsx`,
      traffic: `traffic_overview_${compact(start)}_${compact(end)}.xlsx`,
      chat: `chat_${compact(start)}_${compact(end)}.xlsx`,
      flashSale: `In_Shop_Flash_Sale_Metrics_${compact(start)}_${compact(end)}.xlsx`,
      voucher: `voucher_${compact(start)}_${compact(end)}.xlsx`,
      salesOverview: `sales_overview_${compact(start)}-${compact(end)}.xlsx`,
      productOverview: `productoverview${compact(start)}-${compact(end)}.xlsx`,
      discount: `discount_${compact(start)}_${compact(end)}.xlsx`,
      live: `live_streaming_${compact(start)}_${compact(end)}.xlsx`,
    };
    for (const [key, wb] of Object.entries(books)) {
      write(wb, path.join(out, names[key]));
      written.push(names[key]);
    }
    const dm = (iso: string) => `${iso.slice(8, 10)}_${iso.slice(5, 7)}_${iso.slice(0, 4)}`;
    const adsName = `Data+Keseluruhan+Iklan+Shopee-${dm(start)}-${dm(end)}.csv`;
    fs.writeFileSync(path.join(out, adsName), adsReportCsv(ads, SAMPLE.shop, start, end));
    const csvs: Record<string, string> = {
      [`Search-Ads-Overall-Data-${dm(start)}-${dm(end)}.csv`]: keywordCsv(
        ads,
        SAMPLE.shop,
        start,
        end,
        SAMPLE.seed + Number(compact(start)) + 6,
      ),
      [`Data-Semua-Iklan-Live-${dm(start)}-${dm(end)}.csv`]: liveAdsCsv(
        days,
        SAMPLE.shop,
        SAMPLE.seed + Number(compact(start)) + 7,
      ),
      [`AMSAffiliatePerformance_${compact(start)}_${compact(end)}.csv`]: affiliateCsv(
        days,
        SAMPLE.seed + Number(compact(start)) + 8,
      ),
      [`ProductPerformance_${compact(start)}_${compact(end)}.csv`]: affiliateProductCsv(
        topProducts(orders, start, end),
        SAMPLE.seed + Number(compact(start)) + 9,
      ),
    };
    for (const [name, text] of Object.entries(csvs)) {
      fs.writeFileSync(path.join(out, name), text);
      written.push(name);
    }
    const billName = `${SAMPLE.shop}_adwords_bill_${end}.csv`;
    fs.writeFileSync(
      path.join(out, billName),
      billingCsv(ads, SAMPLE.shop, start, end, SAMPLE.seed + Number(compact(end))),
    );
    written.push(adsName, billName);
    const perf = `parentskudetail.${compact(start)}_${compact(end)}.xlsx`;
    write(
      productPerformanceWorkbook(orders, start, end, SAMPLE.seed + Number(compact(start)) + 3),
      path.join(out, perf),
    );
    written.push(perf);
    const returns = returnsWorkbook(orders, start, end, SAMPLE.seed + Number(compact(start)) + 2);
    if (returns) {
      // Shopee names it .xls, but the file is an xlsx.
      const name = `Order.return_refund.${compact(start)}_${compact(end)}.xls`;
      wb2file(returns, path.join(out, name));
      written.push(name);
    }
  }
  // The seller's own product master, last: it is matched against the SKUs of the orders.
  const master = 'master_barang_asta_dapur.xlsx';
  write(productMasterWorkbook(), path.join(out, master));
  written.push(master);
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify({ ...SAMPLE, files: written }, null, 2)}\n`);
  const lines = orders.reduce((a, o) => a + o.lines.length, 0);
  console.log(
    `sample-data: ${written.length} files, ${orders.length} orders, ${lines} lines, ${income.length} released orders`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
