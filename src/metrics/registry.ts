/**
 * The metrics of ../shared/METRICS.md, each declared once: name, unit, the formula shown beside the number,
 * the export it comes from, and for order metrics the parts it is made of. A part is a measure of the
 * orders of a scope (src/db/measures.ts); the same part reads the daily rollups or, under filters, the
 * orders (parts.ts compiles both), and a ratio is computed from summed parts, never averaged.
 */

import type { OrderMeasure, OrderScope } from '../db/measures';
import type { Text } from '../kernel/text';
import type { Quantity, Unit } from '../kernel/units';

export type { Unit };

export const ORDER_METRICS = [
  'placed_orders',
  'cancelled_orders',
  'orders',
  'sales',
  'units',
  'buyers',
  'aov',
  'cancel_rate',
  'returned_units',
  'repeat_buyer_rate',
  'new_buyers',
  'seller_discount',
] as const;

export const INCOME_METRICS = [
  'net_payout',
  'shopee_fees',
  'ads_topup_from_income',
  'shipping_net',
  'released_orders',
] as const;

export const TRAFFIC_METRICS = [
  'visitors',
  'new_visitors',
  'returning_visitors',
  'page_views',
  'bounce_rate',
  'avg_time_spent',
  'new_followers',
  'order_conversion_rate',
  'buyer_conversion_rate',
] as const;

export const SERVICE_METRICS = [
  'chats',
  'chat_response_rate',
  'avg_response_time',
  'first_response_time',
  'csat',
  'chat_orders',
  'chat_sales',
  'chat_conversion_rate',
] as const;

export type OrderMetricId = (typeof ORDER_METRICS)[number];
export type IncomeMetricId = (typeof INCOME_METRICS)[number];
export type TrafficMetricId = (typeof TRAFFIC_METRICS)[number];
export type ServiceMetricId = (typeof SERVICE_METRICS)[number];

/** The seller balance report's figures (src/metrics/wallet.ts holds their rules). */
export const WALLET_METRICS = [
  'balance_in',
  'balance_out',
  'withdrawals',
  'wallet_ads_topup',
  'wallet_order_income',
  'balance_adjustments',
] as const;
export type WalletMetricId = (typeof WALLET_METRICS)[number];
/** The metrics of the order and income KPI queries. */
export type KpiMetricId = OrderMetricId | IncomeMetricId;
export type MetricId = KpiMetricId | TrafficMetricId | ServiceMetricId | WalletMetricId;
/** The unit of a metric's figures, as its registry entry declares it. */
export type UnitOf<M extends MetricId> = (typeof METRICS)[M]['unit'];
/** A metric's figure, typed in its unit (a ratio cannot be summed, money cannot be added to a count). */
export type MetricFigure<M extends MetricId> = Quantity<UnitOf<M>>;

export interface MetricDefinition {
  id: MetricId;
  name: Text;
  unit: Unit;
  formula: Text;
  source: 'orders' | 'income' | 'traffic' | 'shop_stats' | 'chat' | 'wallet';
  /** Whether a rise is good news (green) or bad news (red); neutral metrics are not coloured. */
  better: 'up' | 'down' | 'neutral';
  /** For order metrics: the part it is, or the ratio of two parts. */
  parts?: OrderValue;
}

/** The additive parts of the order metrics: a measure summed over the orders of a scope. */
export const ORDER_PARTS = {
  placed_orders: { measure: 'orders', scope: 'placed' },
  cancelled_orders: { measure: 'orders', scope: 'cancelled' },
  completed_orders: { measure: 'orders', scope: 'completed' },
  paid_orders: { measure: 'paid', scope: 'placed' },
  shipped_orders: { measure: 'shipped', scope: 'placed' },
  orders: { measure: 'orders', scope: 'valid' },
  sales: { measure: 'sales', scope: 'valid' },
  units: { measure: 'units', scope: 'valid' },
  returned_units: { measure: 'returned_units', scope: 'valid' },
  seller_discount: { measure: 'seller_discount', scope: 'valid' },
  placed_sales: { measure: 'sales', scope: 'placed' },
  cancelled_sales: { measure: 'sales', scope: 'cancelled' },
  unpaid_sales: { measure: 'sales', scope: 'unpaid' },
} as const satisfies Record<string, { measure: OrderMeasure; scope: OrderScope }>;
export type OrderPartId = keyof typeof ORDER_PARTS;

/**
 * Buyer counts of a period. Distinct buyers do not add up over days, so each is read its own way: from the
 * rollup of previous-order dates, or from the orders grouped by buyer (parts.ts).
 */
export const BUYER_PARTS = ['buyers', 'repeat_buyers', 'new_buyers'] as const;
export type BuyerPartId = (typeof BUYER_PARTS)[number];
export type PartId = OrderPartId | BuyerPartId;

/** How an order metric is made: one part, or the ratio of two (null when the denominator is 0). */
export type OrderValue = { part: PartId } | { ratio: readonly [PartId, PartId] };
const part = (p: PartId): OrderValue => ({ part: p });
const ratio = (a: PartId, b: PartId): OrderValue => ({ ratio: [a, b] });

/** A metric's value from the summed parts of a period. */
export function metricValue(v: OrderValue, parts: Readonly<Record<PartId, number>>): number | null {
  if ('part' in v) return parts[v.part];
  const [a, b] = v.ratio;
  return parts[b] ? parts[a] / parts[b] : null;
}

const ORDER_SRC = 'orders' as const;
const INCOME_SRC = 'income' as const;

const wallet = (id: WalletMetricId, better: MetricDefinition['better'], name: Text, formula: Text) => ({
  id,
  unit: 'money' as const,
  better,
  source: 'wallet' as const,
  name,
  formula,
});

const bi = (
  id: TrafficMetricId | ServiceMetricId,
  unit: Unit,
  better: MetricDefinition['better'],
  source: MetricDefinition['source'],
  name: Text,
  formula: Text,
): MetricDefinition => ({ id, unit, better, source, name, formula });

export const METRICS = {
  placed_orders: {
    id: 'placed_orders',
    name: { id: 'Pesanan Dibuat', en: 'Placed orders' },
    unit: 'count',
    formula: {
      id: 'Jumlah No. Pesanan unik yang dibuat dalam periode, semua status',
      en: 'Distinct order ids created in the period, any status',
    },
    better: 'neutral',
    parts: part('placed_orders'),
    source: ORDER_SRC,
  },
  cancelled_orders: {
    id: 'cancelled_orders',
    name: { id: 'Pesanan Dibatalkan', en: 'Cancelled orders' },
    unit: 'count',
    formula: { id: 'Pesanan dibuat dengan status Batal', en: 'Placed orders whose status is cancelled' },
    better: 'down',
    parts: part('cancelled_orders'),
    source: ORDER_SRC,
  },
  orders: {
    id: 'orders',
    name: { id: 'Pesanan', en: 'Orders' },
    unit: 'count',
    formula: {
      id: 'Pesanan dibuat yang tidak Batal dan tidak Belum Bayar',
      en: 'Placed orders that are neither cancelled nor unpaid',
    },
    better: 'up',
    parts: part('orders'),
    source: ORDER_SRC,
  },
  sales: {
    id: 'sales',
    name: { id: 'Penjualan', en: 'Sales' },
    unit: 'money',
    formula: {
      id: 'Σ subtotal baris (Subtotal Pesanan / Total Harga Produk) atas baris Pesanan',
      en: 'Σ line subtotal (Subtotal Pesanan / Total Harga Produk / Product Subtotal) over the lines of orders',
    },
    better: 'up',
    parts: part('sales'),
    source: ORDER_SRC,
  },
  units: {
    id: 'units',
    name: { id: 'Produk Terjual', en: 'Units sold' },
    unit: 'count',
    formula: { id: 'Σ Jumlah atas baris Pesanan', en: 'Σ Quantity over the lines of orders' },
    better: 'up',
    parts: part('units'),
    source: ORDER_SRC,
  },
  buyers: {
    id: 'buyers',
    name: { id: 'Pembeli', en: 'Buyers' },
    unit: 'count',
    formula: {
      id: 'Username (Pembeli) unik yang tidak kosong atas Pesanan',
      en: 'Distinct non-empty buyer usernames over orders',
    },
    better: 'up',
    parts: part('buyers'),
    source: ORDER_SRC,
  },
  aov: {
    id: 'aov',
    name: { id: 'Penjualan per Pesanan', en: 'Sales per order' },
    unit: 'money',
    formula: { id: 'Penjualan ÷ Pesanan', en: 'Sales ÷ Orders' },
    better: 'up',
    parts: ratio('sales', 'orders'),
    source: ORDER_SRC,
  },
  cancel_rate: {
    id: 'cancel_rate',
    name: { id: 'Tingkat Pembatalan', en: 'Cancellation rate' },
    unit: 'ratio',
    formula: { id: 'Pesanan Dibatalkan ÷ Pesanan Dibuat', en: 'Cancelled orders ÷ Placed orders' },
    better: 'down',
    parts: ratio('cancelled_orders', 'placed_orders'),
    source: ORDER_SRC,
  },
  returned_units: {
    id: 'returned_units',
    name: { id: 'Produk Dikembalikan', en: 'Returned units' },
    unit: 'count',
    formula: { id: 'Σ Returned quantity atas baris Pesanan', en: 'Σ Returned quantity over the lines of orders' },
    better: 'down',
    parts: part('returned_units'),
    source: ORDER_SRC,
  },
  repeat_buyer_rate: {
    id: 'repeat_buyer_rate',
    name: { id: 'Pembeli Berulang', en: 'Repeat buyer rate' },
    unit: 'ratio',
    formula: {
      id: 'Pembeli dengan ≥ 2 Pesanan dalam periode ÷ Pembeli',
      en: 'Buyers with ≥ 2 orders in the period ÷ Buyers',
    },
    better: 'up',
    parts: ratio('repeat_buyers', 'buyers'),
    source: ORDER_SRC,
  },
  new_buyers: {
    id: 'new_buyers',
    name: { id: 'Pembeli Baru', en: 'New buyers' },
    unit: 'count',
    formula: {
      id: 'Pembeli periode ini tanpa Pesanan sebelum awal periode di seluruh data',
      en: 'Buyers of the period with no orders before the period start in all imported data',
    },
    better: 'up',
    parts: part('new_buyers'),
    source: ORDER_SRC,
  },
  seller_discount: {
    id: 'seller_discount',
    name: { id: 'Diskon Penjual', en: 'Seller-funded discounts' },
    unit: 'money',
    formula: {
      id: 'Σ Diskon Dari Penjual per baris + Σ per pesanan (Voucher Ditanggung Penjual + Paket Diskon (Diskon dari Penjual)), atas Pesanan',
      en: 'Σ line seller discount + Σ per order (seller voucher + seller bundle discount), over orders',
    },
    better: 'neutral',
    parts: part('seller_discount'),
    source: ORDER_SRC,
  },
  net_payout: {
    id: 'net_payout',
    name: { id: 'Penghasilan Bersih', en: 'Net payout' },
    unit: 'money',
    formula: {
      id: 'Σ Total Penghasilan per pesanan (format 2026: Σ kolom Rincian Jumlah Pelepasan Dana), menurut Tanggal Dana Dilepaskan',
      en: 'Σ Total Penghasilan per order (2026 layout: Σ of the Rincian Jumlah Pelepasan Dana columns), by release date',
    },
    better: 'up',
    source: INCOME_SRC,
  },
  shopee_fees: {
    id: 'shopee_fees',
    name: { id: 'Potongan Shopee', en: 'Shopee fees' },
    unit: 'money',
    formula: {
      id: 'Σ biaya (administrasi, layanan, proses pesanan, komisi AMS, program, transaksi, kampanye, pajak), sebagai angka positif, menurut Tanggal Dana Dilepaskan',
      en: 'Σ fees (admin, service, order processing, AMS commission, programme, transaction, campaign, tax), as a positive amount, by release date',
    },
    better: 'down',
    source: INCOME_SRC,
  },
  ads_topup_from_income: {
    id: 'ads_topup_from_income',
    name: { id: 'Isi Saldo Iklan dari Penghasilan', en: 'Ads top-up from income' },
    unit: 'money',
    formula: {
      id: 'Σ Biaya Isi Saldo Otomatis (dari Penghasilan): isi saldo iklan, bukan biaya',
      en: 'Σ Biaya Isi Saldo Otomatis (dari Penghasilan): an ads top-up, not a fee',
    },
    better: 'neutral',
    source: INCOME_SRC,
  },
  shipping_net: {
    id: 'shipping_net',
    name: { id: 'Ongkos Kirim Bersih', en: 'Net shipping' },
    unit: 'money',
    formula: {
      id: 'Σ arus ongkos kirim (Subtotal Ongkos Kirim, termasuk Return to Seller Fee)',
      en: 'Σ shipping flows (the Subtotal Ongkos Kirim group, with Return to Seller Fee)',
    },
    better: 'neutral',
    source: INCOME_SRC,
  },
  released_orders: {
    id: 'released_orders',
    name: { id: 'Pesanan Dana Dilepas', en: 'Released orders' },
    unit: 'count',
    formula: {
      id: 'Jumlah pesanan di ekspor Penghasilan, menurut Tanggal Dana Dilepaskan',
      en: 'Orders in income exports, by release date',
    },
    better: 'up',
    source: INCOME_SRC,
  },
  visitors: bi(
    'visitors',
    'count',
    'up',
    'traffic',
    { id: 'Pengunjung', en: 'Visitors' },
    {
      id: 'Σ Total Pengunjung harian (Tinjauan Trafik, Semua). Angka periode Shopee menghitung tiap pengunjung sekali, jadi bisa lebih kecil',
      en: "Σ daily Total Pengunjung (traffic overview, all platforms). Shopee's period figure counts each visitor once, so it can be lower",
    },
  ),
  new_visitors: bi(
    'new_visitors',
    'count',
    'up',
    'traffic',
    { id: 'Pengunjung Baru', en: 'New visitors' },
    { id: 'Σ Pengunjung Baru harian', en: 'Σ daily new visitors' },
  ),
  returning_visitors: bi(
    'returning_visitors',
    'count',
    'up',
    'traffic',
    { id: 'Pengunjung Lama', en: 'Returning visitors' },
    { id: 'Σ Pengunjung Lama harian', en: 'Σ daily returning visitors' },
  ),
  page_views: bi(
    'page_views',
    'count',
    'up',
    'traffic',
    { id: 'Produk Dilihat', en: 'Page views' },
    { id: 'Σ Produk Dilihat harian', en: 'Σ daily products viewed' },
  ),
  bounce_rate: bi(
    'bounce_rate',
    'ratio',
    'down',
    'traffic',
    { id: 'Melihat Tanpa Membeli', en: 'Bounce rate' },
    {
      id: 'Rata-rata tingkat harian, dibobot jumlah pengunjung (Shopee hanya memberi tingkatnya)',
      en: 'Mean of the daily rates weighted by visitors (Shopee gives only the rate)',
    },
  ),
  avg_time_spent: bi(
    'avg_time_spent',
    'duration',
    'up',
    'traffic',
    { id: 'Waktu di Halaman', en: 'Time on page' },
    {
      id: 'Rata-rata Waktu Dihabiskan harian, dibobot jumlah pengunjung',
      en: 'Daily average time spent, weighted by visitors',
    },
  ),
  new_followers: bi(
    'new_followers',
    'count',
    'up',
    'traffic',
    { id: 'Pengikut Baru', en: 'New followers' },
    { id: 'Σ Jumlah Pengikut Baru harian', en: 'Σ daily new followers' },
  ),
  order_conversion_rate: bi(
    'order_conversion_rate',
    'ratio',
    'up',
    'shop_stats',
    { id: 'Tingkat Konversi Pesanan', en: 'Order conversion rate' },
    {
      id: 'Σ Total Pesanan ÷ Σ Produk Diklik (Statistik Toko, basis Pesanan Dibuat), angka Shopee',
      en: "Σ orders ÷ Σ product clicks (shop stats, placed-order basis), Shopee's figure",
    },
  ),
  buyer_conversion_rate: bi(
    'buyer_conversion_rate',
    'ratio',
    'up',
    'shop_stats',
    { id: 'Pembeli per Pengunjung', en: 'Buyers per visitor' },
    {
      id: 'Σ Pembeli ÷ Σ Total Pengunjung (Statistik Toko, basis Pesanan Dibuat), dihitung dari ekspor',
      en: 'Σ buyers ÷ Σ visitors (shop stats, placed-order basis), computed from export',
    },
  ),
  chats: bi(
    'chats',
    'count',
    'neutral',
    'chat',
    { id: 'Jumlah Chat', en: 'Chats' },
    { id: 'Σ Jumlah Chat harian', en: 'Σ daily chats' },
  ),
  chat_response_rate: bi(
    'chat_response_rate',
    'ratio',
    'up',
    'chat',
    { id: 'Tingkat Respons Chat', en: 'Chat response rate' },
    {
      id: 'Σ Chat Dibalas ÷ Σ Jumlah Chat (target Shopee ≥ 70%)',
      en: 'Σ chats replied ÷ Σ chats (Shopee target ≥ 70%)',
    },
  ),
  avg_response_time: bi(
    'avg_response_time',
    'duration',
    'down',
    'chat',
    { id: 'Waktu Respons Rata-rata', en: 'Average response time' },
    {
      id: 'Waktu Respon Rata-rata harian, dibobot Chat Dibalas',
      en: 'Daily average response time, weighted by chats replied',
    },
  ),
  first_response_time: bi(
    'first_response_time',
    'duration',
    'down',
    'chat',
    { id: 'Waktu Respons Pertama', en: 'First response time' },
    {
      id: 'Waktu Respon Chat Pertama Kali harian, dibobot Chat Dibalas',
      en: 'Daily first response time, weighted by chats replied',
    },
  ),
  csat: bi(
    'csat',
    'ratio',
    'up',
    'chat',
    { id: 'CSAT', en: 'CSAT' },
    {
      id: 'Σ Penilaian Baik ÷ Σ (Baik + Cukup + Buruk), dari Rincian CSAT',
      en: 'Σ good ratings ÷ Σ (good + fair + poor), from the CSAT details',
    },
  ),
  chat_orders: bi(
    'chat_orders',
    'count',
    'up',
    'chat',
    { id: 'Pesanan dari Chat', en: 'Orders from chat' },
    { id: 'Σ Total Pesanan (Performa Chat)', en: 'Σ orders (chat performance)' },
  ),
  chat_sales: bi(
    'chat_sales',
    'money',
    'up',
    'chat',
    { id: 'Penjualan dari Chat', en: 'Sales from chat' },
    { id: 'Σ Penjualan (Performa Chat)', en: 'Σ sales (chat performance)' },
  ),
  chat_conversion_rate: bi(
    'chat_conversion_rate',
    'ratio',
    'up',
    'chat',
    { id: 'Konversi Chat', en: 'Chat conversion' },
    {
      id: 'Σ Pesanan dari Chat ÷ Σ Chat Dibalas',
      en: 'Σ orders from chat ÷ Σ chats replied',
    },
  ),
  balance_in: wallet(
    'balance_in',
    'up',
    { id: 'Saldo Masuk', en: 'Money in' },
    {
      id: 'Σ Jumlah transaksi dengan Jenis Transaksi "Transaksi Masuk", menurut Tanggal Transaksi',
      en: 'Σ Jumlah of transactions whose Jenis Transaksi is "Transaksi Masuk", by transaction date',
    },
  ),
  balance_out: wallet(
    'balance_out',
    'neutral',
    { id: 'Saldo Keluar', en: 'Money out' },
    {
      id: 'Σ Jumlah transaksi "Transaksi Keluar" (negatif), menurut Tanggal Transaksi',
      en: 'Σ Jumlah of "Transaksi Keluar" transactions (negative), by transaction date',
    },
  ),
  withdrawals: wallet(
    'withdrawals',
    'neutral',
    { id: 'Penarikan Dana', en: 'Withdrawals' },
    {
      id: 'Σ Jumlah transaksi bertipe "Penarikan Dana" (negatif)',
      en: 'Σ Jumlah of "Penarikan Dana" transactions (negative)',
    },
  ),
  wallet_ads_topup: wallet(
    'wallet_ads_topup',
    'neutral',
    { id: 'Isi Saldo Iklan dari Saldo', en: 'Ads top-ups from balance' },
    {
      id: 'Σ Jumlah transaksi "Isi Ulang Saldo Iklan/Koin Penjual" (negatif); bukan biaya iklan',
      en: 'Σ Jumlah of "Isi Ulang Saldo Iklan/Koin Penjual" transactions (negative); not ad spend',
    },
  ),
  wallet_order_income: wallet(
    'wallet_order_income',
    'up',
    { id: 'Penghasilan Pesanan di Saldo', en: 'Order income in balance' },
    {
      id: 'Σ Jumlah transaksi bertipe "Penghasilan dari Pesanan", masuk dan keluar',
      en: 'Σ Jumlah of "Penghasilan dari Pesanan" transactions, in and out',
    },
  ),
  balance_adjustments: wallet(
    'balance_adjustments',
    'neutral',
    { id: 'Penyesuaian', en: 'Adjustments' },
    {
      id: 'Σ Jumlah transaksi bertipe "Penyesuaian"',
      en: 'Σ Jumlah of "Penyesuaian" transactions',
    },
  ),
} as const satisfies Record<MetricId, MetricDefinition>;
