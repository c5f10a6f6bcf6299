import { DAY_MS } from '../../kernel/days';
import type { LocatedTable } from '../detect';
import type { Note } from '../problems';
import { ImportError } from '../problems';
import type { WorkbookSource } from '../readers/source';
import { type ReadContext, TableReader } from '../rows';
import { cellText, normalizeLabel, parseDateTime } from '../values';
import { factsBuilder } from './facts';
import { DateSpan, type KindOutput } from './output';
import type { ExportKindSpec, FieldSpec, FieldType } from './spec';

/**
 * Shopee Ads exports. The per-ad report (all CPC ads) has a preamble with the report `Periode` and one row
 * per ad for that whole period: its figures are stored as period facts (never daily), and every ratio is
 * recomputed from the summed parts (the file's ROAS, ACOS and CTR columns are not used). The billing CSV
 * gives the daily ad spend: its deduction rows, per ad type.
 */

const m = (id: string, type: FieldType, ...aliases: string[]): FieldSpec => ({ id, aliases, type });
const ADS_SOURCE = {
  id: 'Seller Centre → Iklan Shopee → Laporan → Unduh',
  en: 'Seller Centre → Shopee Ads → Reports → Download',
};

export const ADS: ExportKindSpec = {
  id: 'ads',
  name: { id: 'Laporan Iklan Shopee', en: 'Shopee Ads report' },
  source: ADS_SOURCE,
  headerRows: 1,
  numberConvention: 'en',
  signature: ['seq', 'ad_name', 'impressions', 'spend'],
  fields: [
    { id: 'seq', aliases: ['Urutan', 'Sequence'], type: 'text', required: true },
    {
      id: 'ad_name',
      aliases: ['Nama Iklan', 'Ad Name', 'Ad / Product Name'],
      type: 'text',
      required: true,
      notEmpty: true,
    },
    m('status', 'text', 'Status'),
    m('ad_type', 'text', 'Jenis Iklan', 'Ads Type'),
    m('product_id', 'text', 'Kode Produk', 'Product ID'),
    m('creative', 'text', 'Tampilan Iklan', 'Creative'),
    m('bidding', 'text', 'Mode Bidding', 'Bidding Method'),
    m('placement', 'text', 'Penempatan Iklan', 'Placement'),
    m('start', 'text', 'Tanggal Mulai', 'Start Date'),
    m('end', 'text', 'Tanggal Selesai', 'End Date'),
    { id: 'impressions', aliases: ['Dilihat', 'Impression'], type: 'number', required: true },
    m('clicks', 'number', 'Jumlah Klik', 'Clicks'),
    m('ctr', 'percent', 'Persentase Klik', 'CTR'),
    m('add_to_cart', 'number', 'Add to Cart'),
    m('add_to_cart_rate', 'percent', 'Add to Cart Rate'),
    m('conversions', 'number', 'Konversi', 'Conversions'),
    m('direct_conversions', 'number', 'Konversi Langsung', 'Direct Conversions'),
    m('conversion_rate', 'percent', 'Tingkat konversi', 'Conversion Rate'),
    m('direct_conversion_rate', 'percent', 'Tingkat Konversi Langsung', 'Direct Conversion Rate'),
    m('cost_per_conversion', 'number', 'Biaya per Konversi', 'Cost per Conversion'),
    m('cost_per_direct_conversion', 'number', 'Biaya per Konversi Langsung', 'Cost per Direct Conversion'),
    m('items_sold', 'number', 'Produk Terjual', 'Items Sold'),
    m('direct_items_sold', 'number', 'Terjual Langsung', 'Direct Items Sold'),
    m('gmv', 'money', 'Omzet Penjualan', 'GMV'),
    m('direct_gmv', 'money', 'Penjualan Langsung (GMV Langsung)', 'Direct GMV'),
    { id: 'spend', aliases: ['Biaya', 'Expense'], type: 'money', required: true },
    m('roas', 'number', 'Efektifitas Iklan', 'ROAS'),
    m('direct_roas', 'number', 'Efektivitas Langsung', 'Direct ROAS'),
    m('acos', 'percent', 'Persentase Biaya Iklan terhadap Penjualan dari Iklan (ACOS)', 'ACOS'),
    m(
      'direct_acos',
      'percent',
      'Persentase Biaya Iklan terhadap Penjualan dari Iklan Langsung (ACOS Langsung)',
      'Direct ACOS',
    ),
    m('product_impressions', 'number', 'Jumlah Produk Dilihat', 'Product Impressions'),
    m('product_clicks', 'number', 'Jumlah Klik Produk', 'Product Clicks'),
    m('product_ctr', 'percent', 'Persentase Klik Produk', 'Product CTR'),
    m('voucher_amount', 'money', 'Voucher Amount'),
    m('vouchered_sales', 'money', 'Vouchered Sales'),
  ],
};

/** Search-keyword report (`Search-Ads-Overall-Data-….csv`): one row per ad and keyword for the period. */
export const ADS_KEYWORD: ExportKindSpec = {
  id: 'ads_keyword',
  name: { id: 'Laporan Kata Pencarian Iklan', en: 'Shopee Ads search keywords' },
  source: ADS_SOURCE,
  headerRows: 1,
  numberConvention: 'en',
  signature: ['seq', 'ad_name', 'keyword', 'impressions', 'spend'],
  fields: [
    ...ADS.fields.filter((f) => !['ad_type', 'product_id', 'placement'].includes(f.id)),
    m('keyword', 'text', 'Kata Pencarian', 'Keyword'),
    m('sov', 'percent', 'SOV'),
  ],
};

/** Live ads (`Data-Semua-Iklan-Live-….csv`, header on line 7): one row per live ad for the period. */
export const ADS_LIVE: ExportKindSpec = {
  id: 'ads_live',
  name: { id: 'Laporan Iklan Live', en: 'Shopee Ads live' },
  source: ADS_SOURCE,
  headerRows: 1,
  numberConvention: 'en',
  signature: ['seq', 'ad_name', 'viewers', 'spend'],
  fields: [
    { id: 'seq', aliases: ['Urutan', 'Sequence'], type: 'text', required: true },
    { id: 'ad_name', aliases: ['Nama Iklan', 'Ad Name'], type: 'text', required: true, notEmpty: true },
    m('ad_id', 'text', 'ID Iklan', 'Ad ID'),
    m('status', 'text', 'Status'),
    m('objective', 'text', 'Tujuan', 'Objective'),
    m('start', 'text', 'Tanggal Mulai', 'Start Date'),
    m('end', 'text', 'Tanggal Selesai', 'End Date'),
    m('daily_start', 'text', 'Waktu Mulai Harian'),
    m('daily_end', 'text', 'Waktu Berakhir Harian'),
    m('budget', 'money', 'Modal', 'Budget'),
    { id: 'viewers', aliases: ['Penonton', 'Viewers'], type: 'number', required: true },
    m('orders', 'number', 'Pesanan', 'Orders'),
    m('conversion_rate', 'percent', 'Tingkat konversi', 'Conversion Rate'),
    m('gmv', 'money', 'Omzet Penjualan', 'GMV'),
    { id: 'spend', aliases: ['Biaya', 'Expense'], type: 'money', required: true },
    m('roas', 'number', 'Efektifitas Iklan', 'ROAS'),
  ],
};

/**
 * What each per-period ads report keeps: the fields that name one row (scope, with the value used when the
 * column is absent) and its additive figures. Ratios are derived from these, never stored.
 */
const AD_REPORTS: Record<
  'ads' | 'ads_keyword' | 'ads_live',
  { scope: readonly (readonly [string, string])[]; metrics: readonly string[] }
> = {
  ads: {
    scope: [
      ['ad_type', ''],
      ['ad_name', ''],
      ['product_id', '-'],
    ],
    metrics: [
      'impressions',
      'clicks',
      'add_to_cart',
      'conversions',
      'direct_conversions',
      'items_sold',
      'direct_items_sold',
      'gmv',
      'direct_gmv',
      'spend',
      'product_impressions',
      'product_clicks',
    ],
  },
  ads_keyword: {
    scope: [
      ['ad_name', ''],
      ['keyword', '-'],
    ],
    metrics: [
      'impressions',
      'clicks',
      'conversions',
      'direct_conversions',
      'items_sold',
      'direct_items_sold',
      'gmv',
      'direct_gmv',
      'spend',
      'product_impressions',
      'product_clicks',
    ],
  },
  ads_live: {
    scope: [
      ['ad_name', ''],
      ['ad_id', '-'],
    ],
    metrics: ['viewers', 'orders', 'gmv', 'spend'],
  },
};

export const ADS_BILLING: ExportKindSpec = {
  id: 'ads_billing',
  name: { id: 'Riwayat Transaksi Iklan', en: 'Ads billing' },
  source: {
    id: 'Seller Centre → Iklan Shopee → Saldo Iklan → Riwayat Transaksi → Unduh',
    en: 'Seller Centre → Shopee Ads → Ads Balance → Transaction History → Download',
  },
  headerRows: 1,
  numberConvention: 'en',
  signature: ['seq', 'time', 'description', 'amount'],
  fields: [
    { id: 'seq', aliases: ['Urutan', 'Sequence'], type: 'text', required: true },
    { id: 'time', aliases: ['Waktu', 'Time', 'Date'], type: 'datetime', required: true, notEmpty: true },
    { id: 'description', aliases: ['Deskripsi', 'Description'], type: 'text', required: true, notEmpty: true },
    { id: 'amount', aliases: ['Jumlah', 'Amount'], type: 'money', required: true, notEmpty: true },
    m('note', 'text', 'Catatan', 'Note'),
  ],
};

const PERIOD = /(\d{1,2}\/\d{1,2}\/\d{4})\s*(?:-|–|--)\s*(\d{1,2}\/\d{1,2}\/\d{4})/;

/** The report period from the preamble lines above the header (`Periode,01/07/2026 - 31/07/2026`). */
function preamblePeriod(table: LocatedTable): [number, number] | null {
  for (const row of table.sheet.head(table.headerRow)) {
    const label = normalizeLabel(row[0]);
    if (!/^(periode|date period|tanggal|period)/.test(label)) continue;
    const text = row.map((c) => cellText(c)).join(' ');
    const p = PERIOD.exec(text);
    const from = p ? parseDateTime(p[1]) : null;
    const to = p ? parseDateTime(p[2]) : null;
    if (from !== null && to !== null) return [from, to];
  }
  return null;
}

/** One scope per ad: its type, name and product code, so ads with the same name stay apart. */
export const adScope = (type: string, name: string, product: string) => [type, name, product].join('\u001f');

/** Reads a per-period ads report (all ads, keywords or live): one set of period facts per row scope. */
export function readAds(tables: readonly LocatedTable[], ctx: ReadContext, _wb: WorkbookSource): KindOutput {
  const table = tables[0];
  const kind = table.kind.id as keyof typeof AD_REPORTS;
  const report = AD_REPORTS[kind];
  const period = preamblePeriod(table);
  if (!period) throw new ImportError('missing_period', { file: ctx.fileName, sheet: table.sheet.name });
  const r = new TableReader(table, ctx);
  const scopeParts = report.scope.map(([id, absent]) => ({ get: r.getter(id, 'text', id === 'ad_name'), absent }));
  const getters = r.metricGetters(report.metrics);
  const facts = factsBuilder();
  const totals = new Map<string, Map<string, number>>();
  let rowsRead = 0;
  const skipped = r.forEachDataRow('ad_name', (cells, i) => {
    rowsRead++;
    const scope = scopeParts.map((p) => (p.get(cells, i) as string | null) ?? p.absent).join('\u001f');
    const t = totals.get(scope) ?? new Map<string, number>();
    for (const g of getters) t.set(g.id, (t.get(g.id) ?? 0) + (g.get(cells, i) ?? 0));
    totals.set(scope, t);
  });
  for (const [scope, t] of totals)
    for (const [metric, v] of t) facts.push(kind, scope, metric, period[0], period[1], v);
  const staged = facts.finish();
  const notes: Note[] = [
    {
      code: 'ads_period',
      level: 'info',
      params: {
        ads: totals.size,
        from: new Date(period[0]).toISOString().slice(0, 10),
        to: new Date(period[1]).toISOString().slice(0, 10),
      },
    },
  ];
  if (table.unknownColumns.length)
    notes.push({ code: 'unknown_columns', level: 'info', params: { columns: table.unknownColumns.join(', ') } });
  if (skipped.summary || skipped.blank) notes.push({ code: 'skipped_rows', level: 'info', params: skipped });
  return { target: 'insights', staged, rowsRead, notes, snapshotAt: period[1], dateRange: period };
}

/** `Deduction for Product Ad (Auto Bidding - GMV Max)` -> `Product Ad (Auto Bidding - GMV Max)`. */
export function adTypeOf(description: string): string {
  const m = /^(?:deduction for|potongan untuk|pemotongan untuk)\s+(.+)$/i.exec(description.trim());
  return m ? m[1] : description.trim();
}

/** Reads the ads billing CSV: deductions summed per day and ad type as `spend`; top-ups are not spend. */
export function readAdsBilling(tables: readonly LocatedTable[], ctx: ReadContext, _wb: WorkbookSource): KindOutput {
  const table = tables[0];
  const r = new TableReader(table, ctx);
  const time = r.getter('time', 'datetime', true);
  const desc = r.getter('description', 'text', true);
  const amount = r.getter('amount', 'money', true);
  const spend = new Map<string, number>();
  let topups = 0;
  let rowsRead = 0;
  const span = new DateSpan();
  r.forEachDataRow('time', (cells, i) => {
    rowsRead++;
    const t = time(cells, i) as number;
    const day = t - (t % DAY_MS);
    span.add(day);
    const a = amount(cells, i) as number;
    if (a >= 0) {
      topups += a;
      return;
    }
    const key = `${day}\u001f${adTypeOf(desc(cells, i) as string)}`;
    spend.set(key, (spend.get(key) ?? 0) - a);
  });
  const facts = factsBuilder();
  for (const [key, v] of spend) {
    const [day, type] = key.split('\u001f');
    facts.push('ads_billing', type, 'spend', Number(day), null, v);
  }
  const notes: Note[] = [{ code: 'ads_topups', level: 'info', params: { amount: topups, currency: ctx.currency } }];
  return {
    target: 'insights',
    staged: facts.finish(),
    rowsRead,
    notes,
    snapshotAt: span.last,
    dateRange: span.range,
  };
}
