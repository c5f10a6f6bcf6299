import { DAY_MS } from '../../kernel/days';
import { BatchBuilder, num } from '../batch';
import type { LocatedTable } from '../detect';
import { ImportError, type Note } from '../problems';
import { type ReadContext, TableReader } from '../rows';
import { FINAL_CLASSES, type StatusClass, statusClass } from '../status';
import type { ExportKindSpec } from './spec';
import { DateSpan, type KindOutput, periodFromFileName } from './output';

/** Order exports (`Order.all`, `Order.completed`, `Order.cancellation`, ...), Indonesian and English headers. */
export const ORDERS: ExportKindSpec = {
  id: 'orders',
  name: { id: 'Ekspor Pesanan', en: 'Order export' },
  source: {
    id: 'Seller Centre → Pesanan Saya → Ekspor',
    en: 'Seller Centre → My Orders → Export',
  },
  headerRows: 1,
  signature: ['order_id', 'status', 'product_name'],
  fields: [
    { id: 'order_id', aliases: ['No. Pesanan', 'Order ID'], type: 'text', required: true },
    { id: 'status', aliases: ['Status Pesanan', 'Order Status'], type: 'text', required: true, notEmpty: true },
    { id: 'cancel_reason', aliases: ['Alasan Pembatalan', 'Cancel reason', 'Cancel Reason'], type: 'text' },
    {
      id: 'return_status',
      aliases: ['Status Pembatalan/ Pengembalian', 'Return / Refund Status'],
      type: 'text',
    },
    { id: 'tracking_no', aliases: ['No. Resi', 'Tracking Number'], type: 'text' },
    { id: 'shipping_option', aliases: ['Opsi Pengiriman', 'Shipping Option'], type: 'text' },
    { id: 'ship_method', aliases: ['Antar ke counter/ pick-up', 'Shipment Method'], type: 'text' },
    {
      id: 'ship_by',
      aliases: ['Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)', 'Estimated Ship Out Date'],
      type: 'datetime',
    },
    { id: 'ship_arranged_at', aliases: ['Waktu Pengiriman Diatur', 'Ship Time'], type: 'datetime' },
    {
      id: 'created_at',
      aliases: ['Waktu Pesanan Dibuat', 'Order Creation Date'],
      type: 'datetime',
      required: true,
      notEmpty: true,
    },
    { id: 'paid_at', aliases: ['Waktu Pembayaran Dilakukan', 'Order Paid Time'], type: 'datetime' },
    { id: 'order_type', aliases: ['Tipe Pesanan'], type: 'text' },
    { id: 'payment_method', aliases: ['Metode Pembayaran', 'Payment Method'], type: 'text' },
    { id: 'parent_sku', aliases: ['SKU Induk', 'Parent SKU Reference No.'], type: 'text' },
    { id: 'product_name', aliases: ['Nama Produk', 'Product Name'], type: 'text', required: true, notEmpty: true },
    { id: 'sku_ref', aliases: ['Nomor Referensi SKU', 'SKU Reference No.'], type: 'text' },
    { id: 'variation', aliases: ['Nama Variasi', 'Variation Name'], type: 'text' },
    { id: 'original_price', aliases: ['Harga Awal', 'Original Price'], type: 'money' },
    { id: 'deal_price', aliases: ['Harga Setelah Diskon', 'Deal Price'], type: 'money' },
    { id: 'qty', aliases: ['Jumlah', 'Quantity'], type: 'int', required: true, notEmpty: true },
    { id: 'returned_qty', aliases: ['Returned quantity', 'Returned Quantity'], type: 'int' },
    {
      id: 'subtotal',
      aliases: ['Subtotal Pesanan', 'Total Harga Produk', 'Product Subtotal', "Products' Price Paid by Buyer"],
      type: 'money',
    },
    { id: 'total_discount', aliases: ['Total Diskon', 'Total Discount'], type: 'money' },
    {
      id: 'seller_discount',
      aliases: ['Diskon Dari Penjual', 'Seller Discount', 'Price Discount(from Seller)', 'Seller Rebate'],
      type: 'money',
    },
    { id: 'shopee_discount', aliases: ['Diskon Dari Shopee', 'Shopee Rebate'], type: 'money' },
    { id: 'weight_g', aliases: ['Berat Produk', 'Product Weight'], type: 'weight' },
    {
      id: 'items_in_order',
      aliases: ['Jumlah Produk di Pesan', 'No of product in order', 'Number of Items in Order'],
      type: 'int',
    },
    { id: 'order_weight_g', aliases: ['Total Berat', 'Order Total Weight'], type: 'weight' },
    { id: 'warehouse', aliases: ['Nama Gudang', 'Warehouse Name'], type: 'text' },
    { id: 'seller_voucher', aliases: ['Voucher Ditanggung Penjual', 'Seller Voucher'], type: 'money' },
    {
      id: 'seller_coin_cashback',
      aliases: ['Cashback Koin', 'Seller Absorbed Coin Cashback', 'Coin Cashback Voucher Amount Sponsored by Seller'],
      type: 'money',
    },
    { id: 'shopee_voucher', aliases: ['Voucher Ditanggung Shopee', 'Shopee Voucher'], type: 'money' },
    {
      id: 'bundle_flag',
      aliases: ['Paket Diskon', 'Bundle Deal Indicator', 'Bundle Deals Indicator(Y/N)'],
      type: 'text',
    },
    {
      id: 'bundle_shopee_discount',
      aliases: ['Paket Diskon (Diskon dari Shopee)', 'Shopee Bundle Discount'],
      type: 'money',
    },
    {
      id: 'bundle_seller_discount',
      aliases: ['Paket Diskon (Diskon dari Penjual)', 'Seller Bundle Discount'],
      type: 'money',
    },
    { id: 'coins_offset', aliases: ['Potongan Koin Shopee', 'Shopee Coins Offset'], type: 'money' },
    { id: 'card_discount', aliases: ['Diskon Kartu Kredit', 'Credit Card Discount Total'], type: 'money' },
    {
      id: 'buyer_shipping_fee',
      aliases: ['Ongkos Kirim Dibayar oleh Pembeli', 'Buyer Paid Shipping Fee'],
      type: 'money',
    },
    {
      id: 'shipping_rebate_est',
      aliases: ['Estimasi Potongan Biaya Pengiriman', 'Shipping Rebate Estimate'],
      type: 'money',
    },
    { id: 'return_shipping_fee', aliases: ['Ongkos Kirim Pengembalian Barang', 'Reverse Shipping Fee'], type: 'money' },
    { id: 'total_payment', aliases: ['Total Pembayaran', 'Grand Total'], type: 'money' },
    { id: 'est_shipping_fee', aliases: ['Perkiraan Ongkos Kirim', 'Estimated Shipping Fee'], type: 'money' },
    { id: 'buyer_note', aliases: ['Catatan dari Pembeli', 'Remark from buyer'], type: 'text' },
    { id: 'seller_note', aliases: ['Catatan', 'Note'], type: 'text' },
    { id: 'buyer', aliases: ['Username (Pembeli)', 'Username (Buyer)'], type: 'text' },
    { id: 'recipient', aliases: ['Nama Penerima', 'Receiver Name'], type: 'text' },
    { id: 'phone', aliases: ['No. Telepon', 'Phone Number'], type: 'text' },
    { id: 'address', aliases: ['Alamat Pengiriman', 'Delivery Address'], type: 'text' },
    { id: 'city', aliases: ['Kota/Kabupaten', 'City'], type: 'text' },
    { id: 'province', aliases: ['Provinsi', 'Province'], type: 'text' },
    { id: 'completed_at', aliases: ['Waktu Pesanan Selesai', 'Order Complete Time'], type: 'datetime' },
    // Order.failed_delivery: the failed delivery and its claim, stored as claim facts linked by order id.
    { id: 'failed_status', aliases: ['Status pengiriman gagal'], type: 'text' },
    { id: 'claim_status', aliases: ['Status Klaim'], type: 'text' },
    { id: 'claim_submitted_at', aliases: ['Tanggal Klaim Diajukan'], type: 'datetime' },
    { id: 'claim_approved_at', aliases: ['Tanggal Klaim Disetujui'], type: 'datetime' },
    { id: 'claim_paid_at', aliases: ['Tanggal Klaim Dicairkan'], type: 'datetime' },
    { id: 'claim_rejected_at', aliases: ['Tanggal Klaim Ditolak'], type: 'datetime' },
    { id: 'compensation', aliases: ['Jumlah Kompensasi'], type: 'money' },
    // Known columns the product does not use; listed so that they are not reported as unknown.
    { id: 'total_amount', aliases: ['Total Amount'], type: 'money' },
    { id: 'transaction_fee', aliases: ['Transaction Fee'], type: 'money' },
    { id: 'commission_fee', aliases: ['Commission Fee'], type: 'money' },
    { id: 'service_fee', aliases: ['Service Fee'], type: 'money' },
    { id: 'sku_total_weight', aliases: ['SKU Total Weight'], type: 'text' },
    { id: 'voucher_code', aliases: ['Voucher Code From Seller'], type: 'text' },
    { id: 'town', aliases: ['Town'], type: 'text' },
    { id: 'district', aliases: ['District'], type: 'text' },
    { id: 'country', aliases: ['Country'], type: 'text' },
    { id: 'zip', aliases: ['Zip Code'], type: 'text' },
  ],
};

/** Order-level money columns: they repeat on every line of an order and are counted once per order. */
const ORDER_LEVEL_MONEY = [
  'seller_voucher',
  'shopee_voucher',
  'bundle_seller_discount',
  'buyer_shipping_fee',
  'est_shipping_fee',
  'total_payment',
] as const;
const LINE_MONEY = ['original_price', 'deal_price', 'seller_discount', 'shopee_discount'] as const;
const TEXTS = [
  'cancel_reason',
  'return_status',
  'shipping_option',
  'payment_method',
  'parent_sku',
  'sku_ref',
  'variation',
  'buyer',
  'city',
  'province',
] as const;
const TIMES = ['created_at', 'paid_at', 'ship_arranged_at', 'completed_at'] as const;

const SEP = '\u001f';

const CLAIM_TIMES = ['claim_submitted_at', 'claim_approved_at', 'claim_paid_at', 'claim_rejected_at'] as const;

/** The claim facts of a failed-delivery export: one per order (its columns repeat on every line). */
class ClaimFacts {
  private readonly b = new BatchBuilder();
  private readonly seen = new Set<string>();
  private readonly text = {
    line_key: this.b.text('line_key'),
    order_id: this.b.text('order_id'),
    failed_status: this.b.text('failed_status'),
    claim_status: this.b.text('claim_status'),
  };
  private readonly times = {
    submitted_at: this.b.num('submitted_at'),
    approved_at: this.b.num('approved_at'),
    paid_at: this.b.num('paid_at'),
    rejected_at: this.b.num('rejected_at'),
  };
  private readonly compensation = this.b.num('compensation');

  add(
    orderId: string,
    failed: string | null,
    claim: string | null,
    times: readonly (number | null)[],
    compensation: number | null,
  ): void {
    if (this.seen.has(orderId)) return;
    this.seen.add(orderId);
    this.text.line_key.push(orderId);
    this.text.order_id.push(orderId);
    this.text.failed_status.push(failed);
    this.text.claim_status.push(claim);
    Object.values(this.times).forEach((col, k) => {
      col.push(num(times[k]));
    });
    this.compensation.push(num(compensation));
    this.b.endRow();
  }

  get count(): number {
    return this.seen.size;
  }

  finish() {
    return this.b.finish();
  }
}

/**
 * Reads the order lines of located order tables into a batch for `stage_order_lines`. Each line gets its
 * line key (order id, product, variation, SKU, and the occurrence index inside the order in this file).
 */
export function readOrderLines(tables: readonly LocatedTable[], ctx: ReadContext): KindOutput {
  const b = new BatchBuilder();
  const cols = {
    line_key: b.text('line_key'),
    order_id: b.text('order_id'),
    product_name: b.text('product_name'),
    status_text: b.text('status_text'),
    status_class: b.text('status_class'),
    is_final: b.bool('is_final'),
    qty: b.num('qty'),
    returned_qty: b.num('returned_qty'),
    subtotal: b.num('subtotal'),
    weight_g: b.num('weight_g'),
  };
  const texts = Object.fromEntries(TEXTS.map((f) => [f, b.text(f)])) as Record<
    (typeof TEXTS)[number],
    (string | null)[]
  >;
  const times = Object.fromEntries(TIMES.map((f) => [f, b.num(f)])) as Record<(typeof TIMES)[number], number[]>;
  const money = Object.fromEntries([...LINE_MONEY, ...ORDER_LEVEL_MONEY].map((f) => [f, b.num(f)])) as Record<
    (typeof LINE_MONEY)[number] | (typeof ORDER_LEVEL_MONEY)[number],
    number[]
  >;

  const occurrences = new Map<string, number>();
  // The status each order was first seen with in this file, and where: one order has one status.
  const orderStatus = new Map<string, { status: string; row: number }>();
  // No order is created after the period in the file name, nor after today (a day of slack for time zones).
  const period = periodFromFileName(ctx.fileName);
  const periodEnd = period ? period[1] + DAY_MS : Number.POSITIVE_INFINITY;
  const latestCreated = Math.min(periodEnd, Date.now() + 2 * DAY_MS);
  const emptyBuyerOrders = new Set<string>();
  const unknownStatus = new Map<string, number>();
  const unknownColumns = new Set<string>();
  // The snapshot is the latest of all four timestamp columns; the period is that of creation.
  const snapshot = new DateSpan();
  const created = new DateSpan();
  let blank = 0;
  let summary = 0;
  let rowsRead = 0;
  let claims: ClaimFacts | null = null;

  for (const table of tables) {
    for (const u of table.unknownColumns) unknownColumns.add(u);
    const r = new TableReader(table, ctx);
    const hasClaims = table.columns.has('claim_status') || table.columns.has('failed_status');
    if (hasClaims) claims ??= new ClaimFacts();
    const claimGet = {
      failed: r.getter('failed_status', 'text'),
      claim: r.getter('claim_status', 'text'),
      times: CLAIM_TIMES.map((f) => r.getter(f, 'datetime')),
      compensation: r.getter('compensation', 'money'),
    };
    const get = {
      order_id: r.getter('order_id', 'text', true),
      status: r.getter('status', 'text', true),
      product_name: r.getter('product_name', 'text', true),
      qty: r.getter('qty', 'int', true),
      returned_qty: r.getter('returned_qty', 'int'),
      subtotal: r.getter('subtotal', 'money'),
      weight_g: r.getter('weight_g', 'weight'),
    };
    const textGet = TEXTS.map((f) => [f, r.getter(f, 'text')] as const);
    const timeGet = TIMES.map((f) => [f, r.getter(f, 'datetime', f === 'created_at')] as const);
    const moneyGet = [...LINE_MONEY, ...ORDER_LEVEL_MONEY].map((f) => [f, r.getter(f, 'money')] as const);

    const skipped = r.forEachDataRow('order_id', (cells, i) => {
      rowsRead++;
      const orderId = get.order_id(cells, i) as string;
      const statusText = get.status(cells, i) as string;
      const productName = get.product_name(cells, i) as string;
      const qty = get.qty(cells, i) as number;
      if (qty < 0) r.refuse('qty', cells, i, 'not_negative');
      const seen = orderStatus.get(orderId);
      if (!seen) orderStatus.set(orderId, { status: statusText, row: r.rowNumber(i) });
      else if (seen.status !== statusText) {
        throw new ImportError('conflicting_status', {
          file: ctx.fileName,
          sheet: table.sheet.name,
          order: orderId,
          rows: `${seen.row} (${seen.status}), ${r.rowNumber(i)} (${statusText})`,
        });
      }
      const cls: StatusClass = statusClass(statusText);
      if (cls === 'unknown') unknownStatus.set(statusText, (unknownStatus.get(statusText) ?? 0) + 1);

      for (const [f, g] of textGet) {
        const v = g(cells, i);
        texts[f].push(v);
      }
      for (const [f, g] of timeGet) {
        const v = g(cells, i);
        times[f].push(num(v));
        if (v !== null) snapshot.add(v);
      }
      let dealPrice: number | null = null;
      for (const [f, g] of moneyGet) {
        const v = g(cells, i);
        if (f === 'deal_price') dealPrice = v;
        money[f].push(num(v));
      }
      let subtotal = get.subtotal(cells, i);
      if (subtotal === null && dealPrice !== null) subtotal = dealPrice * qty;
      const returned = get.returned_qty(cells, i);
      if (returned !== null && returned < 0) r.refuse('returned_qty', cells, i, 'not_negative');
      const weight = get.weight_g(cells, i);

      const variation = texts.variation[texts.variation.length - 1];
      const sku = texts.sku_ref[texts.sku_ref.length - 1];
      const base = orderId + SEP + productName + SEP + (variation ?? '') + SEP + (sku ?? '');
      const occ = occurrences.get(base) ?? 0;
      occurrences.set(base, occ + 1);

      const createdAt = times.created_at[times.created_at.length - 1];
      if (createdAt >= latestCreated)
        r.refuse('created_at', cells, i, period && periodEnd <= latestCreated ? 'date_in_period' : 'date_not_future');
      created.add(createdAt);
      if (!texts.buyer[texts.buyer.length - 1] && cls !== 'unknown') emptyBuyerOrders.add(orderId);

      cols.line_key.push(base + SEP + occ);
      cols.order_id.push(orderId);
      cols.product_name.push(productName);
      cols.status_text.push(statusText);
      cols.status_class.push(cls);
      cols.is_final.push(FINAL_CLASSES.has(cls));
      cols.qty.push(qty);
      cols.returned_qty.push(num(returned));
      cols.subtotal.push(num(subtotal));
      cols.weight_g.push(num(weight));
      b.endRow();
      if (hasClaims)
        claims?.add(
          orderId,
          claimGet.failed(cells, i),
          claimGet.claim(cells, i),
          claimGet.times.map((g) => g(cells, i)),
          claimGet.compensation(cells, i),
        );
    });
    blank += skipped.blank;
    summary += skipped.summary;
  }

  const notes: Note[] = [];
  if (emptyBuyerOrders.size)
    notes.push({ code: 'empty_buyer', level: 'info', params: { count: emptyBuyerOrders.size } });
  if (unknownStatus.size) {
    notes.push({
      code: 'unknown_status',
      level: 'warning',
      params: {
        texts: [...unknownStatus.keys()].join('; '),
        count: [...unknownStatus.values()].reduce((a, c) => a + c, 0),
      },
    });
  }
  if (unknownColumns.size)
    notes.push({ code: 'unknown_columns', level: 'info', params: { columns: [...unknownColumns].join(', ') } });
  if (blank || summary) notes.push({ code: 'skipped_rows', level: 'info', params: { blank, summary } });
  if (claims) notes.push({ code: 'claim_facts', level: 'info', params: { count: claims.count } });

  return {
    target: 'order_lines',
    staged: b.finish(),
    rowsRead,
    notes,
    snapshotAt: snapshot.last,
    dateRange: created.range,
    ...(claims ? { extra: [{ target: 'claims' as const, staged: claims.finish() }] } : {}),
  };
}
