import { type LocatedTable, matchRow } from '../detect';
import type { Note } from '../problems';
import { ImportError } from '../problems';
import { columnLetter, type WorkbookSource } from '../readers/source';
import { isBlankRow, type ReadContext, TableReader } from '../rows';
import { type Cell, cellText, normalizeLabel, parseDateTime, ValueError } from '../values';
import { factsBuilder } from './facts';
import { DateSpan, type KindOutput, periodFromFileName } from './output';
import type { ExportKindSpec, FieldSpec, FieldType } from './spec';

/**
 * Business Insights exports (shop stats, traffic overview, chat, flash sale, voucher) as data. Each is a
 * table of metrics per day, often stacked: a one-row period summary, a blank row, the header again, then
 * the daily rows. Every metric becomes one fact (kind, scope, day or period, metric, value); Shopee's own
 * period-summary rows are kept apart (`is_summary`), never mixed with the daily rows.
 */

const DATE_ALIASES = ['Tanggal', 'Date', 'Periode Waktu', 'Periode Data', 'Periode'];
const date: FieldSpec = { id: 'date', aliases: DATE_ALIASES, type: 'text', required: true };
const m = (id: string, type: FieldType, ...aliases: string[]): FieldSpec => ({ id, aliases, type });
const BI_SOURCE = {
  id: 'Seller Centre → Bisnis Saya → (halaman terkait) → Ekspor Data',
  en: 'Seller Centre → Business Insights → (the page) → Export Data',
};

export const SHOP_STATS: ExportKindSpec = {
  id: 'shop_stats',
  name: { id: 'Statistik Toko', en: 'Shop stats' },
  source: BI_SOURCE,
  headerRows: 1,
  signature: ['date', 'sales', 'orders', 'product_clicks'],
  // The visit-source sheets (`Asal Kunjungan (…)` / `Source Contribution (…)`): one row per source.
  altSignatures: [['source', 'sales_ratio', 'sales']],
  fields: [
    // Not required: the daily tables have it by their signature; the visit-source tables have none.
    { ...date, required: false },
    m('source', 'text', 'Sumber Kunjungan', 'Traffic Source'),
    m('sales_ratio', 'percent', 'Rasio Penjualan', 'Sales Ratio'),
    m('sales', 'money', 'Total Penjualan', 'Sales', 'Penjualan'),
    m(
      'impressions',
      'number',
      'Jumlah Produk Dilihat',
      'Product Impressions',
      'Live Views',
      'Video Views',
      'Ads Impression',
    ),
    m('units', 'number', 'Produk', 'Units'),
    m('ctr', 'percent', 'Persentase Klik', 'CTR'),
    m('unique_impressions', 'number', 'Produk Unik Dilihat'),
    m('unique_clicks', 'number', 'Produk Unik Diklik'),
    m('ads_expense', 'money', 'Ads Expense'),
    m('ads_roas', 'number', 'Ads ROAS'),
    m('orders', 'number', 'Total Pesanan', 'Orders'),
    m('sales_per_order', 'number', 'Penjualan per Pesanan'),
    m('product_clicks', 'number', 'Produk Diklik', 'Product Clicks'),
    m('visitors', 'number', 'Total Pengunjung', 'Visitors'),
    m('order_conversion_rate', 'percent', 'Tingkat Konversi Pesanan', 'Order Conversion Rate'),
    m('cancelled_orders', 'number', 'Pesanan Dibatalkan', 'Cancelled Orders'),
    m('cancelled_sales', 'money', 'Penjualan Dibatalkan', 'Cancelled Sales'),
    m('returned_orders', 'number', 'Pesanan Dikembalikan', 'Returned/Refunded Orders'),
    m('returned_sales', 'money', 'Penjualan Dikembalikan', 'Returned/Refunded Sales'),
    m('buyers', 'number', 'Pembeli', '# of buyers', 'Buyers', 'Total Pembeli'),
    m('new_buyers', 'number', 'Total Pembeli Baru', 'New Buyers'),
    m('existing_buyers', 'number', 'Total Pembeli Saat Ini', 'Existing Buyers'),
    m('potential_buyers', 'number', 'Total Potensi Pembeli', 'Potential Buyers'),
    m('repeat_purchase_rate', 'percent', 'Tingkat Pembelian Berulang', 'Repeat Purchase Rate'),
  ],
};

export const TRAFFIC_OVERVIEW: ExportKindSpec = {
  id: 'traffic_overview',
  name: { id: 'Tinjauan Trafik', en: 'Traffic overview' },
  source: BI_SOURCE,
  headerRows: 1,
  signature: ['date', 'page_views', 'new_visitors'],
  fields: [
    date,
    m('page_views', 'number', 'Produk Dilihat', 'Products Viewed'),
    m('avg_views', 'number', 'Rata-rata Dilihat', 'Average Views'),
    m(
      'avg_time_spent',
      'duration',
      'Rata-rata Waktu Dihabiskan',
      'Average Time Spent (HH:MM:SS)',
      'Average Time Spent',
    ),
    m('bounce_rate', 'percent', 'Tingkat Pengunjung Melihat Tanpa Membeli', 'Rate Visitors Viewing Without Buying'),
    m('visitors', 'number', 'Total Pengunjung', 'Total Visitors'),
    m('new_visitors', 'number', 'Pengunjung Baru', 'New Visitors'),
    m('returning_visitors', 'number', 'Pengunjung Lama', 'Returning Visitors'),
    m('new_followers', 'number', 'Jumlah Pengikut Baru', 'New Followers'),
  ],
};

export const CHAT: ExportKindSpec = {
  id: 'chat',
  name: { id: 'Performa Chat', en: 'Chat performance' },
  source: BI_SOURCE,
  headerRows: 1,
  signature: ['date', 'chats', 'chats_replied'],
  altSignatures: [['date', 'csat_good', 'csat_bad']],
  fields: [
    date,
    m('chat_visitors', 'number', 'Pengunjung'),
    m('chats', 'number', 'Jumlah Chat'),
    m('visitors_asking', 'number', 'Pengunjung Bertanya'),
    m('questions', 'number', 'Pertanyaan Diajukan'),
    m('chats_replied', 'number', 'Chat Dibalas'),
    m('chats_unreplied', 'number', 'Chat Belum Dibalas'),
    m('avg_response_time', 'duration', 'Waktu Respon Rata-rata'),
    m('csat_rate', 'percent', 'CSAT %'),
    m('first_response_time', 'duration', 'Waktu Respon Chat Pertama Kali'),
    m('chat_reply_conversion', 'percent', 'Tingkat Konversi (Jumlah Chat yang Direspon)'),
    m('chat_buyers', 'number', 'Total Pembeli'),
    m('chat_orders', 'number', 'Total Pesanan'),
    m('chat_units', 'number', 'Produk'),
    m('chat_sales', 'money', 'Penjualan'),
    m('chat_conversion', 'percent', 'Tingkat Konversi (Chat Dibalas)'),
    m('response_rate', 'percent', 'Persentase Chat Dibalas'),
    m('csat_good', 'number', 'Penilaian Baik'),
    m('csat_ok', 'number', 'Penilaian Cukup'),
    m('csat_bad', 'number', 'Penilaian Buruk'),
    m('csat_reason_none', 'number', 'Tidak ada alasan dipilih'),
    m('csat_reason_slow', 'number', 'Respon terlalu lama'),
    m('csat_reason_unresolved', 'number', 'Masalah tidak selesai'),
    m('csat_reason_impolite', 'number', 'Tidak sopan'),
    m('csat_reason_other', 'number', 'Lainnya'),
  ],
};

export const FLASH_SALE: ExportKindSpec = {
  id: 'flash_sale',
  name: { id: 'Flash Sale Toko', en: 'Shop flash sale' },
  source: {
    id: 'Seller Centre → Promosi → Flash Sale Toko → Data',
    en: 'Seller Centre → Marketing → Shop Flash Sale → Data',
  },
  headerRows: 1,
  signature: ['date', 'sales_placed', 'click_rate', 'product_clicks'],
  fields: [
    date,
    m('sales_placed', 'money', 'Penjualan (Pesanan Dibuat)'),
    m('sales_ready', 'money', 'Penjualan (Pesanan Siap Dikirim)'),
    m('orders_placed', 'number', 'Pesanan (Pesanan Dibuat)'),
    m('orders_ready', 'number', 'Pesanan (Pesanan Siap Dikirim)'),
    m('buyers_placed', 'number', 'Pembeli (Pesanan Dibuat)'),
    m('buyers_ready', 'number', 'Pembeli (Pesanan Siap Dikirim)'),
    m('click_rate', 'percent', 'Persentase Klik'),
    m('product_views', 'number', 'Jumlah Produk Dilihat'),
    m('product_clicks', 'number', 'Produk Diklik'),
    m('sales_per_buyer_placed', 'money', 'Penjualan per Pembeli (Pesanan Dibuat)'),
    m('sales_per_buyer_ready', 'money', 'Penjualan per Pembeli (Pesanan Siap Dikirim)'),
  ],
};

export const VOUCHER: ExportKindSpec = {
  id: 'voucher',
  name: { id: 'Voucher', en: 'Vouchers' },
  source: { id: 'Seller Centre → Promosi → Voucher Saya → Data', en: 'Seller Centre → Marketing → My Vouchers → Data' },
  headerRows: 1,
  signature: ['date', 'claims', 'cost_placed'],
  fields: [
    date,
    m('sales_placed', 'money', 'Penjualan (Pesanan Dibuat)'),
    m('sales_ready', 'money', 'Penjualan (Pesanan Siap Dikirim)'),
    m('claims', 'number', 'Klaim'),
    m('orders_placed', 'number', 'Pesanan (Pesanan Dibuat)'),
    m('orders_ready', 'number', 'Pesanan (Pesanan Siap Dikirim)'),
    m('usage_rate_placed', 'percent', 'Tingkat Penggunaan (Pesanan Dibuat)'),
    m('usage_rate_ready', 'percent', 'Tingkat Penggunaan (Pesanan Siap Dikirim)'),
    m('buyers_placed', 'number', 'Pembeli (Pesanan Dibuat)'),
    m('buyers_ready', 'number', 'Pembeli (Pesanan Siap Dikirim)'),
    m('cost_placed', 'money', 'Total Biaya (Pesanan Dibuat)'),
    m('cost_ready', 'money', 'Total Biaya (Pesanan Siap Dikirim)'),
  ],
};

export const SALES_OVERVIEW: ExportKindSpec = {
  id: 'sales_overview',
  name: { id: 'Tinjauan Penjualan', en: 'Sales overview' },
  source: BI_SOURCE,
  headerRows: 1,
  signature: ['date', 'visits', 'buyers_placed', 'units_placed'],
  fields: [
    date,
    m('visits', 'number', 'Total Pengunjung (Kunjungan)', 'Visitors (Visit)'),
    m('buyers_placed', 'number', 'Total Pembeli (Pesanan Dibuat)', 'Buyers (Placed Orders)'),
    m('units_ordered', 'number', 'Total Produk Dipesan'),
    m('units_placed', 'number', 'Produk (Pesanan Dibuat)'),
    m('sales_placed', 'money', 'Penjualan (Pesanan Dibuat)'),
    m('visit_conversion_placed', 'percent', 'Tingkat Konversi (Pesanan Dibuat dibagi Kunjungan)'),
    m('buyers_ready', 'number', 'Total Pembeli (Pesanan Siap Dikirim)'),
    m('units_ready', 'number', 'Produk (Pesanan Siap Dikirim)'),
    m('orders_confirmed', 'number', 'Pesanan (COD Dibuat + non-COD Dibayar)'),
    m('sales_ready', 'money', 'Penjualan (Pesanan Siap Dikirim)', 'Sales(Confirmed Orders)'),
    m('sales_per_buyer_confirmed', 'number', 'Penjualan per Pembeli (Pesanan COD Dibuat + non-COD Dibayar)'),
    m('ready_per_placed', 'percent', 'Tingkat Konversi (Pesanan Siap Dikirim dibagi Pesanan Dibuat)'),
  ],
};

export const PRODUCT_OVERVIEW: ExportKindSpec = {
  id: 'product_overview',
  name: { id: 'Tinjauan Produk', en: 'Product overview' },
  source: BI_SOURCE,
  headerRows: 1,
  signature: ['date', 'product_visitors', 'cart_units'],
  fields: [
    date,
    m('product_visitors', 'number', 'Pengunjung Produk (Kunjungan)', 'Product Visitors (Visit)'),
    m('product_page_views', 'number', 'Halaman Produk Dilihat', 'Product Page Views'),
    m('products_visited', 'number', 'Produk Dikunjungi'),
    m('bounce_visitors', 'number', 'Pengunjung Melihat Tanpa Membeli', 'Product Bounce Visitors'),
    m('product_bounce_rate', 'percent', 'Tingkat Pengunjung Melihat Tanpa Membeli', 'Product Bounce Rate'),
    m('search_clicks', 'number', 'Klik Pencarian', 'Search Clicks'),
    m('likes', 'number', 'Suka', 'Likes'),
    m(
      'cart_visitors',
      'number',
      'Pengunjung Produk (Menambahkan Produk ke Keranjang)',
      'Product Visitors (Add to Cart)',
    ),
    m('cart_units', 'number', 'Dimasukkan ke Keranjang (Produk)', 'Units (Add to Cart)'),
    m('cart_conversion', 'percent', 'Tingkat Konversi Produk Dimasukkan ke Keranjang', 'Conversion Rate (Add to Cart)'),
    m('buyers_placed', 'number', 'Total Pembeli (Pesanan Dibuat)', 'Buyers (Placed Order)'),
    m('units_placed', 'number', 'Produk (Pesanan Dibuat)', 'Units (Placed Order)'),
    m('products_ordered', 'number', 'Produk Dipesan'),
    m('sales_placed', 'money', 'Total Penjualan (Pesanan Dibuat)', 'Sales (Placed Order)'),
    m('conversion_placed', 'percent', 'Tingkat Konversi (Pesanan yang Dibuat)', 'Conversion Rate (Placed Order)'),
    m('buyers_ready', 'number', 'Total Pembeli (Pesanan Siap Dikirim)'),
    m('units_ready', 'number', 'Produk (Pesanan Siap Dikirim)'),
    m('products_ready', 'number', 'Produk Siap Dikirim'),
    m('sales_ready', 'money', 'Penjualan (Pesanan Siap Dikirim)'),
    m('conversion_ready', 'percent', 'Tingkat Konversi (Pesanan Siap Dikirim)'),
    m('ready_per_placed', 'percent', 'Tingkat Konversi (Pesanan Siap Dikirim dibagi Pesanan Dibuat)'),
  ],
};

/** Both order bases of a promotion column: `Penjualan (Pesanan Dibuat)` and `Penjualan (Pesanan Siap Dikirim)`. */
const bases = (id: string, type: FieldType, label: string): FieldSpec[] => [
  m(`${id}_placed`, type, `${label} (Pesanan Dibuat)`),
  m(`${id}_ready`, type, `${label} (Pesanan Siap Dikirim)`),
];

/**
 * Discount, bundle and combo promotions (`discount_….xlsx`): daily rows per promotion type. Shopee's file
 * repeats the `Penjualan Produk Tambahan` header pair at the end; the second pair is ignored.
 */
export const DISCOUNT: ExportKindSpec = {
  id: 'discount',
  name: { id: 'Diskon, Paket Diskon dan Kombo', en: 'Discounts, bundles and combos' },
  source: {
    id: 'Seller Centre → Promosi → Diskon / Paket Diskon → Data',
    en: 'Seller Centre → Marketing → Discount / Bundle Deal → Data',
  },
  headerRows: 1,
  signature: ['date', 'promo_type', 'bundle_orders_placed'],
  fields: [
    date,
    { id: 'promo_type', aliases: ['Tipe Promosi', 'Promotion Type'], type: 'text', required: true },
    ...bases('sales', 'money', 'Penjualan'),
    ...bases('orders', 'number', 'Pesanan'),
    ...bases('units', 'number', 'Produk Terjual'),
    ...bases('buyers', 'number', 'Pembeli'),
    ...bases('sales_per_buyer', 'money', 'Penjualan per Pembeli'),
    ...bases('bundle_orders', 'number', 'Jumlah Pesanan Paket Diskon'),
    ...bases('main_sales', 'money', 'Penjualan Produk Utama'),
    ...bases('addon_sales', 'money', 'Penjualan Produk Tambahan'),
    ...bases('main_units', 'number', 'Produk Utama Terjual'),
    ...bases('addon_units', 'number', 'Produk Tambahan Terjual'),
    ...bases('main_sales_per_buyer', 'money', 'Penjualan Produk Utama per Pembeli'),
    ...bases('unused_addon_sales', 'text', 'Penjualan Produk Tambahan'),
  ],
};

export const INSIGHT_KINDS = [
  SHOP_STATS,
  TRAFFIC_OVERVIEW,
  CHAT,
  FLASH_SALE,
  VOUCHER,
  SALES_OVERVIEW,
  PRODUCT_OVERVIEW,
  DISCOUNT,
] as const;

/** Metrics that are ratios, averages or durations: never summed, always recomputed from additive parts. */
export const NON_ADDITIVE_TYPES: ReadonlySet<FieldType> = new Set(['percent', 'duration']);
export const NON_ADDITIVE_METRICS: ReadonlySet<string> = new Set([
  'sales_per_order',
  'avg_views',
  'sales_per_buyer_placed',
  'sales_per_buyer_ready',
  'sales_per_buyer_confirmed',
  'main_sales_per_buyer_placed',
  'main_sales_per_buyer_ready',
  'ads_roas',
]);

/**
 * Counts of distinct people: Shopee's period-summary row counts each visitor or buyer once, so it is less
 * than the sum of the days. The sum of days is shown as such, never as the period's figure.
 */
export const DISTINCT_COUNT_METRICS: ReadonlySet<string> = new Set([
  'visitors',
  'buyers',
  'new_buyers',
  'existing_buyers',
  'potential_buyers',
  'new_visitors',
  'returning_visitors',
  'chat_visitors',
  'visitors_asking',
  'chat_buyers',
  'buyers_placed',
  'buyers_ready',
  'visits',
  'product_visitors',
  'cart_visitors',
  'bounce_visitors',
  'products_visited',
]);

/** The scope a sheet's rows describe: the order basis of shop stats, the platform of traffic, else none. */
const SHEET_SCOPES: Record<string, string> = {
  'pesanan dibuat': 'placed',
  'placed order': 'placed',
  'pesanan siap dikirim': 'ready',
  'confirmed order': 'ready',
  'pesanan dibayar': 'paid',
  'paid order': 'paid',
  semua: 'all',
  all: 'all',
  situs: 'web',
  website: 'web',
  aplikasi: 'app',
  app: 'app',
};
export function scopeOfSheet(sheet: string): string {
  const name = normalizeLabel(sheet);
  const exact = SHEET_SCOPES[name];
  if (exact !== undefined) return exact;
  // `Asal Kunjungan (pesanan yang dibuat)`, `Source Contribution (Placed Order)`.
  if (/dibuat|placed/.test(name)) return 'placed';
  if (/siap dikirim|confirmed/.test(name)) return 'ready';
  if (/dibayar|paid/.test(name)) return 'paid';
  return '';
}

const PERIOD =
  /^(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})\s*(?:-|–|s\/d|~)\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})$/;
const HOURLY = /\d{1,2}:\d{2}/;

type RowDate = { kind: 'day'; day: number } | { kind: 'period'; from: number; to: number } | { kind: 'hour' };

/** Reads the date cell of a Business Insights row: a day, Shopee's period-summary label, or an hour. */
export function rowDate(cell: Cell): RowDate | null {
  const t = cellText(cell);
  const p = PERIOD.exec(t);
  if (p) {
    const from = parseDateTime(p[1]);
    const to = parseDateTime(p[2]);
    if (from !== null && to !== null) return { kind: 'period', from, to };
  }
  if (HOURLY.test(t)) return { kind: 'hour' };
  try {
    const d = parseDateTime(cell);
    return d === null ? null : { kind: 'day', day: d };
  } catch (e) {
    if (e instanceof ValueError) return null;
    throw e;
  }
}

/**
 * Reads the facts of located Business Insights tables. A repeated header inside a sheet starts a new
 * table (its columns are mapped again); blank rows are skipped; hourly rows are counted and skipped.
 */
export function readInsights(tables: readonly LocatedTable[], ctx: ReadContext, _wb: WorkbookSource): KindOutput {
  const facts = factsBuilder();
  const kindId = tables[0].kind.id;
  const unknownColumns = new Set<string>();
  let rowsRead = 0;
  let blank = 0;
  let hourly = 0;
  let summaries = 0;
  const span = new DateSpan();

  for (const located of tables) {
    const sheetScope = scopeOfSheet(located.sheet.name);
    if (located.columns.has('source')) {
      const period = periodFromFileName(ctx.fileName);
      if (!period) throw new ImportError('missing_file_period', { file: ctx.fileName });
      span.add(period[0], period[1]);
      const n = readSourceRows(located, ctx, sheetScope, period, facts);
      rowsRead += n;
      summaries += n;
      continue;
    }
    let table = located;
    let reader = new TableReader(table, ctx);
    let getters = reader.metricGetters();
    for (const u of table.unknownColumns) unknownColumns.add(u);

    table.sheet.forEachRow(located.headerRow + 1, (cells, i) => {
      if (isBlankRow(cells)) {
        blank++;
        return;
      }
      const dateCol = table.columns.get('date') ?? 0;
      const promo = table.columns.get('promo_type');
      const scope = promo === undefined ? sheetScope : cellText(cells[promo]);
      const header = matchRow(table.kind, cells);
      if (header.complete) {
        // The header again: the next stacked table starts here, with its own columns.
        table = {
          ...table,
          headerRow: i,
          headers: cells.map((x) => cellText(x)),
          columns: header.columns,
          unknownColumns: header.unknown,
        };
        reader = new TableReader(table, ctx);
        getters = reader.metricGetters();
        for (const u of header.unknown) unknownColumns.add(u);
        return;
      }
      const when = rowDate(cells[dateCol]);
      if (!when && promo !== undefined && !scope) return; // a promotion table's total row
      if (!when) {
        throw new ImportError('bad_value', {
          file: ctx.fileName,
          sheet: table.sheet.name,
          row: i + 1,
          column: columnLetter(dateCol),
          header: table.headers[dateCol] ?? '',
          value: cellText(cells[dateCol]),
          expected: 'not_a_date',
        });
      }
      if (when.kind === 'hour') {
        hourly++;
        return;
      }
      rowsRead++;
      if (when.kind === 'period') summaries++;
      const day = when.kind === 'day' ? when.day : when.from;
      const periodTo = when.kind === 'period' ? when.to : null;
      span.add(day, periodTo ?? day);
      for (const g of getters) {
        const v = g.get(cells, i);
        if (v !== null) facts.push(kindId, scope, g.id, day, periodTo, v);
      }
    });
  }

  const staged = facts.finish();
  const notes: Note[] = [{ code: 'values_read', level: 'info', params: { rows: rowsRead, values: staged.rows } }];
  if (summaries) notes.push({ code: 'period_summary_rows', level: 'info', params: { count: summaries } });
  if (hourly) notes.push({ code: 'detail_rows_skipped', level: 'info', params: { count: hourly } });
  if (unknownColumns.size)
    notes.push({ code: 'unknown_columns', level: 'info', params: { columns: [...unknownColumns].join(', ') } });
  if (blank) notes.push({ code: 'skipped_rows', level: 'info', params: { blank, summary: 0 } });
  if (tables.length > 1)
    notes.push({ code: 'sheets_read', level: 'info', params: { sheets: tables.map((t) => t.sheet.name).join(', ') } });
  return {
    target: 'insights',
    staged,
    // Each row carries many metrics; the merge counts values, so the report does too.
    rowsRead: staged.rows,
    notes,
    snapshotAt: span.last,
    dateRange: span.range,
  };
}

/**
 * A visit-source sheet: one row per source (`Halaman Produk`, `Live Penjual`, `Iklan Shopee`, …) for the
 * period of the file name. A row holding only a label names the channel block of the rows below it.
 */
function readSourceRows(
  located: LocatedTable,
  ctx: ReadContext,
  basis: string,
  period: [number, number],
  facts: ReturnType<typeof factsBuilder>,
): number {
  let table = located;
  let reader = new TableReader(table, ctx);
  let getters = reader.metricGetters();
  let channel = '';
  let rows = 0;
  table.sheet.forEachRow(located.headerRow + 1, (cells, i) => {
    if (isBlankRow(cells)) return;
    const header = matchRow(table.kind, cells);
    if (header.complete) {
      table = {
        ...table,
        headerRow: i,
        headers: cells.map((x) => cellText(x)),
        columns: header.columns,
        unknownColumns: header.unknown,
      };
      reader = new TableReader(table, ctx);
      getters = reader.metricGetters();
      return;
    }
    const source = cellText(cells[table.columns.get('source') ?? 0]);
    if (cells.filter((c) => cellText(c) !== '').length === 1 && source) {
      channel = source;
      return;
    }
    rows++;
    const scope = [basis, channel && channel !== source ? `${channel} › ${source}` : source].join('\u001f');
    for (const g of getters) {
      const v = g.get(cells, i);
      if (v !== null) facts.push('visit_source', scope, g.id, period[0], period[1], v);
    }
  });
  return rows;
}
