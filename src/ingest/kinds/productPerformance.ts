import type { LocatedTable } from '../detect';
import type { Note } from '../problems';
import { ImportError } from '../problems';
import type { WorkbookSource } from '../readers/source';
import { type ReadContext, TableReader } from '../rows';
import { cellText, isEmptyValue } from '../values';
import { factsBuilder } from './facts';
import { type KindOutput, periodFromFileName } from './output';
import type { ExportKindSpec, FieldSpec, FieldType } from './spec';

const m = (id: string, type: FieldType, ...aliases: string[]): FieldSpec => ({ id, aliases, type });

/**
 * Product performance (`parentskudetail.YYYYMMDD_YYYYMMDD.xlsx`, sheet `Produk dengan Performa Terbaik`): one
 * parent row per product (`Kode Variasi` = `-`) and one row per variation, for the period in the file name.
 * Two columns are both named `Kode Variasi`: the first is Shopee's variation id, the second the seller's SKU.
 * Stored as period facts per SKU (variation rows) or per product (parent rows).
 */
export const PRODUCT_PERFORMANCE: ExportKindSpec = {
  id: 'product_performance',
  name: { id: 'Performa Produk', en: 'Product performance' },
  source: {
    id: 'Seller Centre → Bisnis Saya → Produk → Performa Produk → Ekspor',
    en: 'Seller Centre → Business Insights → Products → Product Performance → Export',
  },
  headerRows: 1,
  signature: ['product_id', 'product', 'variation_id'],
  fields: [
    { id: 'product_id', aliases: ['Kode Produk', 'Item ID'], type: 'text', required: true, notEmpty: true },
    { id: 'product', aliases: ['Produk', 'Product'], type: 'text', required: true },
    m('product_status', 'text', 'Status Produk Saat Ini', 'Current Item Status'),
    { id: 'variation_id', aliases: ['Kode Variasi', 'Variation ID'], type: 'text', required: true },
    m('variation', 'text', 'Nama Variasi', 'Variation Name'),
    m('variation_status', 'text', 'Status Variasi Saat Ini', 'Current Variation Status'),
    m('variation_sku', 'text', 'Kode Variasi', 'SKU'),
    m('parent_sku', 'text', 'SKU Induk', 'Parent SKU'),
    m('sales_placed', 'money', 'Total Penjualan (Pesanan Dibuat)', 'Sales (Placed Order)'),
    m('sales_ready', 'money', 'Penjualan (Pesanan Siap Dikirim)', 'Sales (Confirmed Order)'),
    m('impressions', 'number', 'Jumlah Produk Dilihat', 'Product Impression'),
    m('clicks', 'number', 'Produk Diklik', 'Product Clicks'),
    m('ctr', 'percent', 'Persentase Klik', 'CTR'),
    m('order_conversion_placed', 'percent', 'Tingkat Konversi Pesanan (Pesanan Dibuat)'),
    m(
      'order_conversion_ready',
      'percent',
      'Tingkat Konversi Pesanan (Pesanan Siap Dikirim)',
      'Order Conversion Rate (Confirmed Order)',
    ),
    m('orders_placed', 'number', 'Pesanan Dibuat', 'Placed Order'),
    m('orders_ready', 'number', 'Pesanan Siap Dikirim', 'Confirmed Order'),
    m('units_placed', 'number', 'Produk (Pesanan Dibuat)', 'Units (Placed Order)'),
    m('units_ready', 'number', 'Produk (Pesanan Siap Dikirim)', 'Units (Confirmed Order)'),
    m('buyers_placed', 'number', 'Total Pembeli (Pesanan Dibuat)', 'Buyers (Placed Order)'),
    m('buyers_ready', 'number', 'Total Pembeli (Pesanan Siap Dikirim)', 'Buyers (Confirmed Order)'),
    m('conversion_placed', 'percent', 'Tingkat Konversi (Pesanan yang Dibuat)', 'Conversion Rate (Placed Order)'),
    m('conversion_ready', 'percent', 'Tingkat Konversi (Pesanan Siap Dikirim)'),
    m('sales_per_order_placed', 'number', 'Penjualan per Pesanan (Pesanan Dibuat)'),
    m('sales_per_order_ready', 'number', 'Penjualan per Pesanan (Pesanan Siap Dikirim)'),
    m('unique_impressions', 'number', 'Produk Unik Dilihat'),
    m('unique_clicks', 'number', 'Produk Unik Diklik'),
    m('visitors', 'number', 'Pengunjung Produk (Kunjungan)', 'Product Visitors (Visit)'),
    m('page_views', 'number', 'Halaman Produk Dilihat', 'Product Page Views'),
    m('bounce_visitors', 'number', 'Pengunjung Melihat Tanpa Membeli', 'Product Bounce Visitors'),
    m('bounce_rate', 'percent', 'Tingkat Pengunjung Melihat Tanpa Membeli', 'Product Bounce Rate'),
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
    m('repeat_rate_placed', 'percent', 'Tingkat Pesanan Berulang (Pesanan Dibuat)'),
    m('repeat_rate_ready', 'percent', '% Pembelian Ulang (Pesanan Siap Dikirim)', 'Repeat Order Rate (Paid Order)'),
    m('repeat_days_placed', 'number', 'Rata-rata hari Pesanan Berulang (Pesanan Dibuat)'),
    m(
      'repeat_days_ready',
      'number',
      'Rata-rata Hari Pembelian Terulang (Pesanan Siap Dikirim)',
      'Average Days to Repeat Order (Paid Order)',
    ),
  ],
};

/** The additive figures kept per SKU and period. */
const METRICS = [
  'impressions',
  'clicks',
  'visitors',
  'page_views',
  'cart_visitors',
  'cart_units',
  'orders_placed',
  'units_placed',
  'sales_placed',
  'likes',
  'search_clicks',
] as const;

export function readProductPerformance(
  tables: readonly LocatedTable[],
  ctx: ReadContext,
  _wb: WorkbookSource,
): KindOutput {
  const table = tables[0];
  const period = periodFromFileName(ctx.fileName);
  if (!period) throw new ImportError('missing_file_period', { file: ctx.fileName });
  const r = new TableReader(table, ctx);
  const productId = r.getter('product_id', 'text', true);
  const variationId = r.getter('variation_id', 'text');
  const sku = r.getter('variation_sku', 'text');
  const parentSku = r.getter('parent_sku', 'text');
  const getters = r.metricGetters(METRICS);
  const facts = factsBuilder();
  let rowsRead = 0;
  let parents = 0;
  r.forEachDataRow('product_id', (cells, i) => {
    rowsRead++;
    const isParent = isEmptyValue(variationId(cells, i)) || cellText(variationId(cells, i)) === '-';
    if (isParent) parents++;
    // Variation rows are keyed by the seller's SKU (as order exports' Nomor Referensi SKU); parents by product.
    const scope = isParent
      ? `product:${productId(cells, i)}:${parentSku(cells, i) ?? ''}`
      : `sku:${sku(cells, i) || `${productId(cells, i)}/${variationId(cells, i)}`}`;
    for (const g of getters) {
      const v = g.get(cells, i);
      if (v !== null) facts.push('product_performance', scope, g.id, period[0], period[1], v);
    }
  });
  const staged = facts.finish();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const notes: Note[] = [
    {
      code: 'report_period',
      level: 'info',
      params: { products: parents, variations: rowsRead - parents, from: day(period[0]), to: day(period[1]) },
    },
  ];
  return { target: 'insights', staged, rowsRead, notes, snapshotAt: period[1], dateRange: period };
}
