import { BatchBuilder, num } from '../batch';
import type { LocatedTable } from '../detect';
import type { Note } from '../problems';
import { ImportError } from '../problems';
import type { WorkbookSource } from '../readers/source';
import { type Getter, type ReadContext, TableReader } from '../rows';
import { cellText, normalizeLabel, parseNumber } from '../values';
import { DateSpan, type KindOutput } from './output';
import type { ExportKindSpec, FieldSpec } from './spec';

const SOURCE = {
  id: 'Seller Centre → Keuangan → Penghasilan Saya → Sudah Dilepas → Ekspor',
  en: 'Seller Centre → Finance → My Income → Released → Export',
};

const money = (id: string, ...aliases: string[]): FieldSpec => ({ id, aliases, type: 'money' });
const text = (id: string, ...aliases: string[]): FieldSpec => ({ id, aliases, type: 'text' });

/** Fee columns of the 2025 layouts (METRICS.md: shopee_fees). */
const FEES_2025: FieldSpec[] = [
  money('fee_ams', 'Biaya Komisi AMS'),
  money('fee_admin', 'Biaya Administrasi', 'Biaya Administrasi (termasuk PPN 11%)'),
  money('fee_service', 'Biaya Layanan', 'Biaya Layanan (termasuk PPN 11%)'),
  money('fee_processing', 'Biaya Proses Pesanan'),
  money('fee_premi', 'Premi'),
  money('fee_program', 'Biaya Program'),
  money('fee_program_shipping', 'Biaya Program Hemat Biaya Kirim'),
  money('fee_card', 'Biaya Kartu Kredit'),
  money('fee_transaction', 'Biaya Transaksi'),
  money('fee_campaign', 'Biaya Kampanye'),
  money('fee_tax', 'Bea Masuk, PPN & PPh'),
];

/** Shipping flows of the 2025 layouts (METRICS.md: shipping_net). */
const SHIPPING_2025: FieldSpec[] = [
  money('ship_buyer_paid', 'Ongkir Dibayar Pembeli'),
  money('ship_courier_discount', 'Diskon Ongkir Ditanggung Jasa Kirim'),
  money('ship_shopee_free', 'Gratis Ongkir dari Shopee'),
  money('ship_to_courier', 'Ongkir yang Diteruskan oleh Shopee ke Jasa Kirim'),
  money('ship_return', 'Ongkos Kirim Pengembalian Barang'),
  money('ship_return_to_sender', 'Kembali ke Biaya Pengiriman Pengirim'),
  money('ship_refund', 'Pengembalian Biaya Kirim'),
];

const COMMON_INFO: FieldSpec[] = [
  { id: 'order_id', aliases: ['No. Pesanan'], type: 'text', required: true, notEmpty: true },
  { id: 'created_at', aliases: ['Waktu Pesanan Dibuat'], type: 'datetime' },
  { id: 'released_at', aliases: ['Tanggal Dana Dilepaskan'], type: 'datetime', required: true, notEmpty: true },
  text('buyer', 'Username (Pembeli)'),
  text('payment_method', 'Metode pembayaran pembeli'),
  text('row_no', 'No.'),
  text('request_no', 'No. Pengajuan'),
  text('voucher_code', 'Kode Voucher'),
  money('compensation', 'Kompensasi'),
  money('seller_free_shipping', 'Promo Gratis Ongkir dari Penjual'),
  text('courier_service', 'Jasa Kirim'),
  text('courier', 'Nama Kurir'),
  money('ref_refund', 'Pengembalian Dana ke Pembeli'),
  money('ref_coins', 'Pro-rata Koin yang Ditukarkan untuk Pengembalian Barang'),
  money('ref_voucher', 'Pro-rata Voucher Shopee untuk Pengembalian Barang'),
  money('ref_bank', 'Pro-rated Bank Payment Channel Promotion for return refund Items'),
  money('ref_shopee_pay', 'Pro-rated Shopee Payment Channel Promotion for return refund Items'),
];

/** Income export, 2025 layouts: one `Income` sheet (or `Income - 1`, `- 2`), header on row 6. */
export const INCOME_2025: ExportKindSpec = {
  id: 'income_2025',
  name: { id: 'Penghasilan (format 2025)', en: 'Income (2025 layout)' },
  source: SOURCE,
  headerRows: 1,
  signature: ['order_id', 'released_at', 'net_payout'],
  fields: [
    ...COMMON_INFO,
    { id: 'net_payout', aliases: ['Total Penghasilan'], type: 'money', required: true, notEmpty: true },
    money('product_price', 'Harga Asli Produk'),
    money('product_discount', 'Total Diskon Produk'),
    money('refund_amount', 'Jumlah Pengembalian Dana ke Pembeli'),
    money('shopee_product_discount', 'Diskon Produk dari Shopee'),
    money('seller_voucher', 'Diskon Voucher Ditanggung Penjual'),
    money('seller_coin_cashback', 'Cashback Koin yang Ditanggung Penjual'),
    ...FEES_2025,
    ...SHIPPING_2025,
  ],
};

/** Income export, 2026 layout: sheet `Penghasilan`, three grouped header rows, `Order` and `Sku` rows. */
export const INCOME_2026: ExportKindSpec = {
  id: 'income_2026',
  name: { id: 'Penghasilan (format 2026)', en: 'Income (2026 layout)' },
  source: SOURCE,
  headerRows: 3,
  signature: ['order_id', 'released_at', 'view_by'],
  fields: [
    ...COMMON_INFO,
    { id: 'view_by', aliases: ['Lihat berdasarkan', 'View By'], type: 'text', required: true, notEmpty: true },
    text('product_id', 'ID Produk'),
    text('product_name', 'Nama Produk'),
    text('order_type', 'Tipe Pesanan'),
    text('release_method', 'Metode Pelepasan Dana'),
    money('buyer_paid', 'Jumlah Dibayar Pembeli'),
    text('payment_detail', 'Rincian Metode Pembayaran'),
    text('installment', 'Rencana Cicilan (jika berlaku)'),
  ],
};

/** 2026 groups under "Rincian Jumlah Pelepasan Dana" and what each counts towards. */
type AmountRole = 'revenue' | 'shipping' | 'fee' | 'ads_topup';
const PAYOUT_GROUP = 'rincian jumlah pelepasan dana';
const GROUP_ROLES: Record<string, AmountRole> = {
  'subtotal pesanan': 'revenue',
  'voucher dan potongan harga': 'revenue',
  'subtotal ongkos kirim': 'shipping',
  'biaya platform': 'fee',
  'biaya gratis ongkir xtra': 'fee',
  'biaya layanan': 'fee',
  'biaya promosi': 'fee',
  'biaya lainnya': 'fee',
  pajak: 'fee',
};
const ADS_TOPUP_COLUMN = 'biaya isi saldo otomatis (dari penghasilan)';
const FEE_LIKE = /biaya|fee|premi|pajak|pph|ppn|komisi/i;

interface AmountColumn {
  col: number;
  role: AmountRole;
}

function amountColumns(table: LocatedTable): { columns: AmountColumn[]; unknownGroups: string[] } {
  const columns: AmountColumn[] = [];
  const unknownGroups = new Set<string>();
  const [outer = [], inner = []] = table.groups;
  table.headers.forEach((h, col) => {
    if (!h || normalizeLabel(outer[col]) !== PAYOUT_GROUP) return;
    const group = normalizeLabel(inner[col]);
    let role = GROUP_ROLES[group];
    if (!role) {
      unknownGroups.add(cellText(inner[col]) || cellText(h));
      role = FEE_LIKE.test(group) ? 'fee' : 'revenue';
    }
    if (normalizeLabel(h) === ADS_TOPUP_COLUMN) role = 'ads_topup';
    columns.push({ col, role });
  });
  return { columns, unknownGroups: [...unknownGroups] };
}

/** `3. Total yang Dilepas` from the Summary sheet, when the workbook has one. */
function summaryTotalReleased(wb: WorkbookSource): number | null {
  const sheet = wb.sheets.find((s) => normalizeLabel(s.name) === 'summary');
  if (!sheet) return null;
  let found: number | null = null;
  sheet.forEachRow(0, (cells) => {
    if (found !== null) return;
    const i = cells.findIndex((c) => normalizeLabel(c).startsWith('3. total yang dilepas'));
    if (i < 0) return;
    for (const c of cells.slice(i + 1)) {
      if (cellText(c) === '') continue;
      try {
        found = parseNumber(c, 'id');
      } catch {
        found = null;
      }
      return;
    }
  });
  return found;
}

/**
 * Reads the per-order rows of income exports (2025 and 2026 layouts) into a batch for `stage_income`.
 * Amounts are as Shopee writes them (fees negative); the batch carries `shopee_fees` and
 * `ads_topup_from_income` as positive amounts, and `shipping_net` signed.
 */
export function readIncome(tables: readonly LocatedTable[], ctx: ReadContext, wb: WorkbookSource): KindOutput {
  const b = new BatchBuilder();
  const c = {
    line_key: b.text('line_key'),
    order_id: b.text('order_id'),
    layout: b.text('layout'),
    buyer: b.text('buyer'),
    payment_method: b.text('payment_method'),
    created_at: b.num('created_at'),
    released_at: b.num('released_at'),
    product_price: b.num('product_price'),
    net_payout: b.num('net_payout'),
    shopee_fees: b.num('shopee_fees'),
    ads_topup: b.num('ads_topup'),
    shipping_net: b.num('shipping_net'),
  };
  const notes: Note[] = [];
  const unknownColumns = new Set<string>();
  const unknownFees = new Set<string>();
  const unknownGroups = new Set<string>();
  const occurrences = new Map<string, number>();
  let rowsRead = 0;
  let blank = 0;
  let summary = 0;
  let detailRows = 0;
  const span = new DateSpan();
  let payoutSum = 0;
  const is2026 = tables[0]?.kind.id === 'income_2026';

  for (const table of tables) {
    const r = new TableReader(table, ctx);
    const get = {
      order_id: r.getter('order_id', 'text', true),
      created_at: r.getter('created_at', 'datetime'),
      released_at: r.getter('released_at', 'datetime', true),
      buyer: r.getter('buyer', 'text'),
      payment_method: r.getter('payment_method', 'text'),
      view_by: r.getter('view_by', 'text', is2026),
    };
    let amounts: { role: AmountRole; get: Getter<number | null> }[];
    let productPrice: Getter<number | null>;
    let netGetter: Getter<number | null> | null = null;
    if (is2026) {
      const found = amountColumns(table);
      for (const g of found.unknownGroups) unknownGroups.add(g);
      const groupedCols = new Set(found.columns.map((a) => a.col));
      for (const [i, h] of table.headers.entries()) {
        if (h && !groupedCols.has(i) && table.unknownColumns.includes(h)) unknownColumns.add(h);
      }
      amounts = found.columns.map((a) => ({
        role: a.role,
        get: r.columnGetter(a.col, 'money'),
      }));
      const priceCol = found.columns.find((a) => normalizeLabel(table.headers[a.col]) === 'harga produk');
      productPrice = priceCol ? r.columnGetter(priceCol.col, 'money') : () => null;
    } else {
      for (const h of table.unknownColumns) {
        if (FEE_LIKE.test(h)) unknownFees.add(h);
        else unknownColumns.add(h);
      }
      amounts = [
        ...FEES_2025.map((f) => ({ role: 'fee' as const, get: r.getter(f.id, 'money') })),
        ...SHIPPING_2025.map((f) => ({ role: 'shipping' as const, get: r.getter(f.id, 'money') })),
      ];
      productPrice = r.getter('product_price', 'money');
      netGetter = r.getter('net_payout', 'money', true);
    }

    const skipped = r.forEachDataRow('order_id', (cells, i) => {
      if (is2026) {
        const view = normalizeLabel(get.view_by(cells, i));
        if (view === 'sku') {
          detailRows++;
          return;
        }
        if (view !== 'order') {
          throw new ImportError('bad_row_type', {
            file: ctx.fileName,
            sheet: table.sheet.name,
            row: r.rowNumber(i),
            value: cellText(get.view_by(cells, i)),
          });
        }
      }
      rowsRead++;
      const orderId = get.order_id(cells, i) as string;
      const released = get.released_at(cells, i) as number;
      const created = get.created_at(cells, i);
      let fees = 0;
      let shipping = 0;
      let topup = 0;
      let total = 0;
      for (const a of amounts) {
        const v = a.get(cells, i) ?? 0;
        total += v;
        if (a.role === 'fee') fees -= v;
        else if (a.role === 'shipping') shipping += v;
        else if (a.role === 'ads_topup') topup -= v;
      }
      const net = netGetter ? (netGetter(cells, i) as number) : total;
      const buyer = get.buyer(cells, i);
      const pay = get.payment_method(cells, i);
      const price = productPrice(cells, i);
      payoutSum += net;
      span.add(released);

      const occ = occurrences.get(orderId) ?? 0;
      occurrences.set(orderId, occ + 1);
      c.line_key.push(`${orderId}\u001f${occ}`);
      c.order_id.push(orderId);
      c.layout.push(is2026 ? '2026' : '2025');
      c.buyer.push(buyer);
      c.payment_method.push(pay);
      c.created_at.push(num(created));
      c.released_at.push(released);
      c.product_price.push(num(price));
      c.net_payout.push(net);
      c.shopee_fees.push(fees === 0 ? 0 : fees);
      c.ads_topup.push(topup === 0 ? 0 : topup);
      c.shipping_net.push(shipping);
      b.endRow();
    });
    blank += skipped.blank;
    summary += skipped.summary;
  }

  if (is2026) {
    const expected = summaryTotalReleased(wb);
    if (expected !== null) {
      const actual = payoutSum;
      notes.push(
        Math.round(expected * ctx.minorFactor) === actual
          ? { code: 'payout_check_ok', level: 'info', params: { total: actual, currency: ctx.currency } }
          : {
              code: 'payout_check_mismatch',
              level: 'warning',
              params: { computed: actual, summary: Math.round(expected * ctx.minorFactor), currency: ctx.currency },
            },
      );
    }
  }
  if (detailRows) notes.push({ code: 'detail_rows_skipped', level: 'info', params: { count: detailRows } });
  if (unknownFees.size)
    notes.push({ code: 'unknown_fee_columns', level: 'warning', params: { columns: [...unknownFees].join(', ') } });
  if (unknownGroups.size)
    notes.push({ code: 'unknown_fee_groups', level: 'warning', params: { groups: [...unknownGroups].join(', ') } });
  if (unknownColumns.size)
    notes.push({ code: 'unknown_columns', level: 'info', params: { columns: [...unknownColumns].join(', ') } });
  if (blank || summary) notes.push({ code: 'skipped_rows', level: 'info', params: { blank, summary } });
  if (tables.length > 1)
    notes.push({ code: 'sheets_read', level: 'info', params: { sheets: tables.map((t) => t.sheet.name).join(', ') } });

  return {
    target: 'income',
    staged: b.finish(),
    rowsRead,
    notes,
    snapshotAt: span.last,
    dateRange: span.range,
  };
}
