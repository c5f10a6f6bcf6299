/** Small in-memory exports for tests, built with SheetJS in Shopee's layouts. */
import type { SqlConnection } from '../src/db/connection';
import { applyScope } from '../src/db/scope';
import * as XLSX from '@e965/xlsx';
import type { OrderLine } from '../scripts/sample/generate';
import { ORDER_COLUMNS_2025, ORDER_COLUMNS_2026, orderRows } from '../scripts/sample/layouts';

export interface SheetSpec {
  name: string;
  rows: (string | number | null)[][];
  merges?: XLSX.Range[];
}

export function xlsxBytes(sheets: SheetSpec[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    if (s.merges) ws['!merges'] = s.merges;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export const textBytes = (s: string) => new TextEncoder().encode(s);

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1, 9, 0);

/** An order line with sensible defaults; override what a test is about. */
export function line(p: Partial<OrderLine> & { orderId: string }): OrderLine {
  return {
    status: 'Selesai',
    cancelReason: '',
    returnStatus: '',
    trackingNo: 'SPXID1',
    shippingOption: 'Reguler (Cashless)-SPX Standard',
    shipMethod: 'Pickup',
    shipBy: T0 + 2 * DAY,
    shipArranged: T0 + 3_600_000,
    created: T0,
    paid: T0 + 60_000,
    orderType: '',
    paymentMethod: 'COD (Bayar di Tempat)',
    parentSku: '',
    productName: 'Kemeja Tactical',
    skuRef: 'M-TAC',
    variation: 'Hitam,L',
    originalPrice: 91_425,
    dealPrice: 82_500,
    qty: 1,
    returnedQty: 0,
    subtotal: 82_500,
    sellerDiscount: 8_925,
    weightG: 333,
    itemsInOrder: 1,
    orderWeightG: 333,
    sellerVoucher: 500,
    shopeeVoucher: 0,
    bundle: false,
    bundleSeller: 0,
    coins: 0,
    buyerShipping: 0,
    shippingRebate: 0,
    totalPayment: 84_000,
    estShipping: 8_000,
    buyer: 'buyer_a',
    recipient: 'I******o',
    phone: '******46',
    city: 'KAB. KEDIRI',
    province: 'JAWA TIMUR',
    completed: T0 + 4 * DAY,
    warehouse: 'warehouse1',
    ...p,
  };
}

export const at = (iso: string) => Date.parse(`${iso.replace(' ', 'T')}:00Z`);

/** An order export in the 2026 (50 columns) or 2025 (49 columns) layout. */
export function orderFile(lines: OrderLine[], layout: 2025 | 2026 = 2026): Uint8Array {
  return xlsxBytes([
    { name: 'orders', rows: orderRows(lines, layout === 2025 ? ORDER_COLUMNS_2025 : ORDER_COLUMNS_2026) },
  ]);
}

export const CLAIM_COLUMNS = [
  'Status Klaim',
  'Tanggal Klaim Diajukan',
  'Tanggal Klaim Disetujui',
  'Tanggal Klaim Dicairkan',
  'Tanggal Klaim Ditolak',
  'Jumlah Kompensasi',
];

/**
 * An `Order.failed_delivery` export (55 columns, shopee-exports.md 3.1): the 2026 layout without `Alasan
 * Pembatalan` and `Tipe Pesanan`, `Status pengiriman gagal` after the return status, and the six claim columns
 * at the end. `claims` gives each order's failed-delivery status and claim cells (empty claims otherwise).
 */
export function failedDeliveryFile(
  lines: OrderLine[],
  claims: Record<string, { failed: string; claim: string[] }>,
): Uint8Array {
  const header = ORDER_COLUMNS_2026.map(([h]) => h);
  const keep = header.map((h, i) => (h === 'Alasan Pembatalan' || h === 'Tipe Pesanan' ? -1 : i)).filter((i) => i >= 0);
  const at = keep.findIndex((i) => header[i] === 'Status Pembatalan/ Pengembalian') + 1;
  const rows = orderRows(lines, ORDER_COLUMNS_2026).map((r, n) => {
    const kept = keep.map((i) => r[i] ?? '');
    const c = n === 0 ? null : (claims[String(r[0])] ?? { failed: '', claim: ['', '-', '-', '-', '-', '0'] });
    return [
      ...kept.slice(0, at),
      c ? c.failed : 'Status pengiriman gagal',
      ...kept.slice(at),
      ...(c ? c.claim : CLAIM_COLUMNS),
    ];
  });
  return xlsxBytes([{ name: 'orders', rows }]);
}

/** One row of a seller balance report's "Rincian Transaksi" (shopee-exports.md §3.4). */
export interface WalletRow {
  at: string;
  type: string;
  description: string;
  orderId?: string;
  direction: 'Transaksi Masuk' | 'Transaksi Keluar';
  amount: number;
  balance?: number;
}

/** The detail header of the balance report, verbatim (row 18 of sheet `Transaction Report`). */
export const WALLET_HEADER = [
  'Tanggal Transaksi',
  'Tipe Transaksi',
  'Deskripsi',
  'No. Pesanan',
  'Jenis Transaksi',
  'Jumlah',
  'Status',
  'Saldo Akhir',
];

/**
 * A `my_balance_transaction_report` workbook: the preamble, the summary block (its totals from the rows
 * unless `summary` says otherwise) and the transactions, amounts as the floats the report writes.
 */
export function balanceReportFile(
  rows: WalletRow[],
  summary?: { in: [number, number]; out: [number, number] },
): Uint8Array {
  const side = (d: WalletRow['direction']) => rows.filter((r) => r.direction === d);
  const total = (d: WalletRow['direction']): [number, number] => [
    side(d).reduce((a, r) => a + r.amount, 0),
    side(d).length,
  ];
  const [inAmount, inCount] = summary?.in ?? total('Transaksi Masuk');
  const [outAmount, outCount] = summary?.out ?? total('Transaksi Keluar');
  const preamble: (string | number | null)[][] = [
    ['Laporan', 'Laporan Transaksi Saldo Penjual'],
    ['Info Rekening', 'BCA ****1234'],
    ['Username (Penjual)', 'toko_contoh'],
    ['Dari', '2026-07-07'],
    ['Ke', '2026-08-06'],
    ['Laporan ini hanya mencakup transaksi yang telah selesai.'],
    [],
    ['Ringkasan', '$', 'Mata Uang', 'Jumlah Transaksi'],
    ['Total Saldo Masuk', `${inAmount}.0`, 'IDR', inCount],
    ['Total Saldo Keluar', `${outAmount}.0`, 'IDR', outCount],
    [],
    [],
    [],
    [],
    [],
    [],
    ['Rincian Transaksi'],
  ];
  const data = rows.map((r) => [
    r.at,
    r.type,
    r.description,
    r.orderId ?? '-',
    r.direction,
    `${r.amount}.0`,
    'Transaksi Selesai',
    `${r.balance ?? 0}.0`,
  ]);
  return xlsxBytes([{ name: 'Transaction Report', rows: [...preamble, WALLET_HEADER, ...data] }]);
}

/**
 * Shows a test the tables themselves rather than the views of the shops an engine last read
 * (src/db/scope.ts): before it writes to them, or reads a table every shop's rows are in.
 */
export const rawTables = (db: SqlConnection) => applyScope(db, null);
