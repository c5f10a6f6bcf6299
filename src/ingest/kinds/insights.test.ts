import * as XLSX from '@e965/xlsx';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { sampleOrders } from '../../../scripts/make-sample-data';
import {
  type BiColumn,
  insightWorkbooks,
  SHOP_STATS_COLUMNS,
  type ShopDay,
  shopDays,
  stackedSheet,
  TRAFFIC_COLUMNS,
} from '../../../scripts/sample/insights';
import { discountWorkbook, visitSourceRows } from '../../../scripts/sample/marketing';
import { xlsxBytes } from '../../../test/fixtures';
import { type ParsedExport, parseExport } from '../parseExport';
import { DISTINCT_COUNT_METRICS, INSIGHT_KINDS, NON_ADDITIVE_METRICS } from './insights';

const days = shopDays(sampleOrders(), '2026-07-01', '2026-07-31', 5);
const books = insightWorkbooks(days);
const bytes = (wb: XLSX.WorkBook) => new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

interface Fact {
  scope: string;
  metric: string;
  is_summary: boolean;
  value: number;
  day: number;
}
function facts(p: ParsedExport): Fact[] {
  return p.output.staged.chunks.flatMap((c) =>
    tableFromIPC(c)
      .toArray()
      .map((r) => r.toJSON() as unknown as Fact),
  );
}

const additive = (kindId: string) => {
  const kind = INSIGHT_KINDS.find((k) => k.id === kindId);
  return new Set(
    kind?.fields
      .filter(
        (f) =>
          (f.type === 'number' || f.type === 'money') &&
          !NON_ADDITIVE_METRICS.has(f.id) &&
          !DISTINCT_COUNT_METRICS.has(f.id),
      )
      .map((f) => f.id),
  );
};

/** Σ of the parsed daily rows equals the file's own period-summary row, for every additive column. */
function expectDailySumsMatchSummary(p: ParsedExport) {
  const all = facts(p);
  const add = additive(p.kind);
  const checked = new Set<string>();
  for (const s of all.filter((f) => f.is_summary && add.has(f.metric))) {
    const daily = all.filter((f) => !f.is_summary && f.metric === s.metric && f.scope === s.scope);
    expect(daily.length, `${p.kind} ${s.scope} ${s.metric}`).toBeGreaterThan(0);
    expect(
      daily.reduce((a, f) => a + f.value, 0),
      `${p.kind} ${s.scope} ${s.metric}`,
    ).toBeCloseTo(s.value, 6);
    checked.add(s.metric);
  }
  return checked;
}

describe('Business Insights exports', () => {
  it.each([
    ['shop_stats', 'asta.shopee-shop-stats.20260701-20260731.xlsx', books.shopStats, 7],
    ['traffic_overview', 'traffic_overview_20260701_20260731.xlsx', books.traffic, 2],
    ['chat', 'chat_20260701_20260731.xlsx', books.chat, 13],
    ['flash_sale', 'In_Shop_Flash_Sale_Metrics_20260701_20260731.xlsx', books.flashSale, 6],
    ['voucher', 'voucher_20260701_20260731.xlsx', books.voucher, 7],
    ['sales_overview', 'sales_overview_20260701-20260731.xlsx', books.salesOverview, 5],
    ['product_overview', 'productoverview20260701-20260731.xlsx', books.productOverview, 9],
    ['discount', 'discount_20260701_20260731.xlsx', discountWorkbook(days, 3), 12],
  ] as const)(
    '%s: detected, stacked tables read apart, daily sums equal the period-summary row',
    (kind, name, wb, minChecked) => {
      const p = parseExport(name, bytes(wb));
      expect(p.kind).toBe(kind);
      expect(p.output.notes.map((n) => n.code)).toContain('period_summary_rows');
      expect(expectDailySumsMatchSummary(p).size).toBeGreaterThanOrEqual(minChecked);
      expect(p.output.dateRange?.map((d) => new Date(d).toISOString().slice(0, 10))).toEqual([
        '2026-07-01',
        '2026-07-31',
      ]);
    },
  );

  it('keeps one scope per shop-stats basis and per traffic platform', () => {
    const shop = facts(parseExport('s.shopee-shop-stats.x.xlsx', bytes(books.shopStats)));
    expect([...new Set(shop.map((f) => f.scope))].sort()).toEqual(['paid', 'placed', 'ready']);
    const traffic = facts(parseExport('traffic_overview_x.xlsx', bytes(books.traffic)));
    expect([...new Set(traffic.map((f) => f.scope))].sort()).toEqual(['all', 'app', 'web']);
  });

  it('reads the quoted real shop-stats rows: dotted and plain integers, comma decimals, percentages', () => {
    const header = ['Tanggal', ...SHOP_STATS_COLUMNS.map((c) => c.header)];
    header.splice(header.indexOf('Tingkat Pembelian Berulang') + 1, 0);
    const summary = [
      '01-07-2026-31-07-2026',
      '1515002476',
      '12801',
      '118350,32',
      '552545',
      '361197',
      '2,32%',
      '2016',
      '249181974',
      '140',
      '24586464',
      '11046',
      '10461',
      '585',
      '51417',
      '11,35%',
    ];
    const daily = [
      '01-07-2026',
      '53089166',
      '438',
      '121208,14',
      '16583',
      '15095',
      '2,64%',
      '56',
      '6458732',
      '8',
      '1648328',
      '393',
      '347',
      '46',
      '1679',
      '9,41%',
    ];
    const p = parseExport(
      'fim.shopee-shop-stats.20260701-20260731.xlsx',
      xlsxBytes([{ name: 'Pesanan Siap Dikirim', rows: [header, summary, [], header, daily] }]),
    );
    const f = facts(p);
    const get = (metric: string, summaryRow: boolean) =>
      f.find((x) => x.metric === metric && x.is_summary === summaryRow)?.value;
    expect(get('sales', true)).toBe(1515002476);
    expect(get('sales_per_order', true)).toBeCloseTo(118350.32, 6);
    expect(get('order_conversion_rate', false)).toBeCloseTo(0.0264, 10);
    expect(get('orders', false)).toBe(438);
    expect(f.every((x) => x.scope === 'ready')).toBe(true);
  });

  it('reads the English shop-stats and traffic headers', () => {
    const en = (cols: BiColumn<ShopDay>[], names: Record<string, string>) =>
      stackedSheet(
        cols.map((c) => ({ ...c, header: names[c.header] ?? c.header })),
        days,
        'Date',
      );
    const shop = en(SHOP_STATS_COLUMNS, {
      'Total Penjualan (IDR)': 'Sales (IDR)',
      'Total Pesanan': 'Orders',
      'Total Pengunjung': 'Visitors',
      Pembeli: '# of buyers',
      'Penjualan Dibatalkan': 'Cancelled Sales',
      'Penjualan Dikembalikan': 'Returned/Refunded Sales',
      'Produk Diklik': 'Product Clicks',
    });
    const p = parseExport('x.shopee-shop-stats.en.xlsx', xlsxBytes([{ name: 'Placed Order', rows: shop }]));
    expect(p.kind).toBe('shop_stats');
    expect(expectDailySumsMatchSummary(p)).toContain('cancelled_sales');
    const traffic = en(TRAFFIC_COLUMNS, {
      'Produk Dilihat': 'Products Viewed',
      'Total Pengunjung': 'Total Visitors',
      'Pengunjung Baru': 'New Visitors',
      'Pengunjung Lama': 'Returning Visitors',
      'Jumlah Pengikut Baru': 'New Followers',
      'Rata-rata Waktu Dihabiskan': 'Average Time Spent (HH:MM:SS)',
    });
    const t = parseExport('traffic_overview_en.xlsx', xlsxBytes([{ name: 'All', rows: traffic }]));
    expect(t.kind).toBe('traffic_overview');
    expect(expectDailySumsMatchSummary(t)).toContain('new_followers');
  });

  it('lists an unknown extra column and fails on a bad value with its row and column', () => {
    const rows = stackedSheet(TRAFFIC_COLUMNS, days);
    const withExtra = rows.map((r, i) => (r.length ? [...r, i === 0 || i === 3 ? 'Kolom Baru 2027' : '1'] : r));
    const p = parseExport('traffic_overview_x.xlsx', xlsxBytes([{ name: 'Semua', rows: withExtra }]));
    expect(p.output.notes.find((n) => n.code === 'unknown_columns')?.params.columns).toBe('Kolom Baru 2027');
    const bad = rows.map((r) => [...r]);
    bad[6][5] = 'banyak';
    expect(() => parseExport('traffic_overview_x.xlsx', xlsxBytes([{ name: 'Semua', rows: bad }]))).toThrowError(
      /bad_value.*"row":7.*"column":"F"/,
    );
  });

  it('discounts: one scope per promotion type; the repeated add-on header pair is not a second metric', () => {
    const f = facts(parseExport('discount_20260701_20260731.xlsx', bytes(discountWorkbook(days, 3))));
    expect([...new Set(f.map((x) => x.scope))].sort()).toEqual(['Diskon', 'Kombo Hemat', 'Paket Diskon']);
    expect(f.some((x) => x.metric.startsWith('unused_'))).toBe(false);
  });

  it('reads the shop-stats visit-source sheet as period facts per source, for the period of the file name', () => {
    const rows = visitSourceRows(days, []);
    const wb = xlsxBytes([{ name: 'Asal Kunjungan (Pesanan Dibuat)', rows }]);
    const p = parseExport('asta.shopee-shop-stats.20260701-20260731.xlsx', wb);
    expect(p.kind).toBe('shop_stats');
    const f = facts(p);
    expect(f.every((x) => x.is_summary)).toBe(true);
    const sales = f.filter((x) => x.metric === 'sales');
    expect(sales.map((x) => x.scope.split('\u001f'))).toEqual(rows.slice(1).map((r) => ['placed', r[0]]));
    expect(sales[0].value).toBe(Number(rows[1][2].replace(/\./g, '')));
    expect(() => parseExport('asal_kunjungan.xlsx', wb)).toThrowError(/missing_file_period/);
  });
});
