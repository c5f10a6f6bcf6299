import { DAY_MS } from '../../kernel/days';
import type { LocatedTable } from '../detect';
import type { Note } from '../problems';
import { ImportError } from '../problems';
import type { WorkbookSource } from '../readers/source';
import { type ReadContext, TableReader } from '../rows';
import { factsBuilder } from './facts';
import { DateSpan, type KindOutput, periodFromFileName } from './output';
import type { ExportKindSpec, FieldSpec, FieldType } from './spec';

/**
 * Live streams and Shopee Affiliate (AMS) exports. Live streams are facts of the day each stream started;
 * affiliate reports are facts for the whole period of the file name (AMS files carry no dates inside).
 */

const m = (id: string, type: FieldType, ...aliases: string[]): FieldSpec => ({ id, aliases, type });
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const LIVE_STREAMING: ExportKindSpec = {
  id: 'live_streaming',
  name: { id: 'Shopee Live', en: 'Shopee Live' },
  source: {
    id: 'Seller Centre → Live & Video → Shopee Live → Daftar Streaming → Ekspor',
    en: 'Seller Centre → Live & Video → Shopee Live → Streaming List → Export',
  },
  headerRows: 1,
  signature: ['stream', 'started_at', 'peak_viewers'],
  fields: [
    {
      id: 'stream',
      aliases: ['Informasi Streaming', 'Streaming Information'],
      type: 'text',
      required: true,
      notEmpty: true,
    },
    { id: 'started_at', aliases: ['Waktu Mulai', 'Start Time'], type: 'datetime', required: true, notEmpty: true },
    m('viewers', 'number', 'Pengunjung', 'Viewers'),
    { id: 'peak_viewers', aliases: ['Penonton Terbanyak', 'Peak Concurrent Viewers'], type: 'number', required: true },
    m('avg_watch_time', 'duration', 'Rata-rata Durasi Menonton', 'Average Watch Duration'),
    m('orders', 'number', 'Pesanan (COD Dibuat + non-COD Dibayar)', 'Orders (Confirmed Order)'),
    m('sales', 'money', 'Penjualan (Pesanan Siap Dikirim)', 'Sales (Confirmed Order)'),
  ],
};

const AMS_SOURCE = {
  id: 'Seller Centre → Shopee Affiliate → Performa → Ekspor',
  en: 'Seller Centre → Shopee Affiliate → Performance → Export',
};
const AMS_FIGURES: FieldSpec[] = [
  { id: 'sales', aliases: ['Omzet Penjualan', 'Sales'], type: 'money', required: true },
  m('units', 'number', 'Produk Terjual', 'Item Sold'),
  m('orders', 'number', 'Pesanan', 'Orders'),
  m('clicks', 'number', 'Clicks'),
  {
    id: 'commission',
    aliases: ['Estimasi Komisi', 'Est.Commission', 'Est. Commission'],
    type: 'money',
    required: true,
  },
  m('roi', 'number', 'ROI'),
  m('buyers', 'number', 'Total Pembeli', 'Buyers'),
  m('new_buyers', 'number', 'Pembeli Baru', 'New Buyers'),
];

/** AMS per affiliate (`AMSAffiliatePerformance_….csv`). */
export const AFFILIATE: ExportKindSpec = {
  id: 'affiliate',
  name: { id: 'Performa Affiliate (AMS)', en: 'Affiliate performance (AMS)' },
  source: AMS_SOURCE,
  headerRows: 1,
  signature: ['affiliate_id', 'sales', 'commission'],
  fields: [
    { id: 'affiliate_id', aliases: ['ID Affiliates', 'Affiliate ID'], type: 'text', required: true, notEmpty: true },
    m('affiliate_name', 'text', 'Nama Affiliate', 'Affiliate Name'),
    m('affiliate_username', 'text', 'Username Affiliate', 'Affiliate Username'),
    ...AMS_FIGURES,
  ],
};

/** AMS per product (`ProductPerformance_….csv`). */
export const AFFILIATE_PRODUCT: ExportKindSpec = {
  id: 'affiliate_product',
  name: { id: 'Performa Produk Affiliate (AMS)', en: 'Affiliate product performance (AMS)' },
  source: AMS_SOURCE,
  headerRows: 1,
  signature: ['item_id', 'sales', 'commission'],
  fields: [
    { id: 'item_id', aliases: ['Kode Item', 'Item id'], type: 'text', required: true, notEmpty: true },
    m('item_name', 'text', 'Nama Item', 'Item Name'),
    m('price', 'money', 'Harga', 'Price'),
    ...AMS_FIGURES,
  ],
};

/** Additive figures stored per row; ROI is recomputed as Σ sales ÷ Σ commission. */
const AMS_METRICS = ['sales', 'units', 'orders', 'clicks', 'commission', 'buyers', 'new_buyers'] as const;
const LIVE_METRICS = ['viewers', 'peak_viewers', 'avg_watch_time', 'orders', 'sales'] as const;

/** Reads the stream list: facts per stream (scope = start time and title) on the day it started. */
export function readLiveStreams(tables: readonly LocatedTable[], ctx: ReadContext, _wb: WorkbookSource): KindOutput {
  const facts = factsBuilder();
  const span = new DateSpan();
  let rowsRead = 0;
  for (const table of tables) {
    const r = new TableReader(table, ctx);
    const title = r.getter('stream', 'text', true);
    const started = r.getter('started_at', 'datetime', true);
    const getters = r.metricGetters(LIVE_METRICS);
    r.forEachDataRow('stream', (cells, i) => {
      rowsRead++;
      const t = started(cells, i) as number;
      const d = t - (t % DAY_MS);
      span.add(d);
      const scope = `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')}\u001f${title(cells, i)}`;
      for (const g of getters) {
        const v = g.get(cells, i);
        if (v !== null) facts.push('live', scope, g.id, d, null, v);
      }
    });
  }
  return {
    target: 'insights',
    staged: facts.finish(),
    rowsRead,
    notes: [],
    snapshotAt: span.last,
    dateRange: span.range,
  };
}

/** Reads an AMS report: period facts per affiliate or per product, for the period of the file name. */
export function readAffiliate(tables: readonly LocatedTable[], ctx: ReadContext, _wb: WorkbookSource): KindOutput {
  const table = tables[0];
  const period = periodFromFileName(ctx.fileName);
  if (!period) throw new ImportError('missing_file_period', { file: ctx.fileName });
  const perAffiliate = table.kind.id === 'affiliate';
  const r = new TableReader(table, ctx);
  const key = r.getter(perAffiliate ? 'affiliate_id' : 'item_id', 'text', true);
  const name = r.getter(perAffiliate ? 'affiliate_username' : 'item_name', 'text');
  const getters = r.metricGetters(AMS_METRICS);
  const facts = factsBuilder();
  let rowsRead = 0;
  const skipped = r.forEachDataRow(perAffiliate ? 'affiliate_id' : 'item_id', (cells, i) => {
    rowsRead++;
    const scope = `${key(cells, i)}\u001f${name(cells, i) ?? ''}`;
    for (const g of getters) {
      const v = g.get(cells, i);
      if (v !== null) facts.push(table.kind.id, scope, g.id, period[0], period[1], v);
    }
  });
  const notes: Note[] = [
    { code: 'period_facts', level: 'info', params: { count: rowsRead, from: day(period[0]), to: day(period[1]) } },
  ];
  if (table.unknownColumns.length)
    notes.push({ code: 'unknown_columns', level: 'info', params: { columns: table.unknownColumns.join(', ') } });
  if (skipped.summary || skipped.blank) notes.push({ code: 'skipped_rows', level: 'info', params: skipped });
  return { target: 'insights', staged: facts.finish(), rowsRead, notes, snapshotAt: period[1], dateRange: period };
}
