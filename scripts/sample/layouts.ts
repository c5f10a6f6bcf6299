/**
 * Shopee's export layouts, written from simulated rows: the verbatim headers and value formats of
 * ../shared/formats/shopee-exports.md (order exports as text cells like `91.425`, income as numbers).
 */
import * as XLSX from '@e965/xlsx';
import type { IncomeRow, OrderLine } from './generate';
import { incomeNet, isoDay } from './generate';

const ID_NUM = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const idn = (n: number) => ID_NUM.format(n);
const dt = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
const gr = (g: number) => `${g} gr`;

type Col = [header: string, value: (l: OrderLine) => string];

const COMMON_HEAD: Col[] = [
  ['No. Pesanan', (l) => l.orderId],
  ['Status Pesanan', (l) => l.status],
];
const SHIPPING_COLS: Col[] = [
  ['No. Resi', (l) => l.trackingNo],
  ['Opsi Pengiriman', (l) => l.shippingOption],
  ['Antar ke counter/ pick-up', (l) => (l.shipArranged ? l.shipMethod : '')],
  ['Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)', (l) => dt(l.shipBy)],
  ['Waktu Pengiriman Diatur', (l) => dt(l.shipArranged)],
  ['Waktu Pesanan Dibuat', (l) => dt(l.created)],
  ['Waktu Pembayaran Dilakukan', (l) => (l.paid === null ? '-' : dt(l.paid))],
];
const PRODUCT_COLS: Col[] = [
  ['Metode Pembayaran', (l) => l.paymentMethod],
  ['SKU Induk', (l) => l.parentSku],
  ['Nama Produk', (l) => l.productName],
  ['Nomor Referensi SKU', (l) => l.skuRef],
  ['Nama Variasi', (l) => l.variation],
  ['Harga Awal', (l) => idn(l.originalPrice)],
  ['Harga Setelah Diskon', (l) => idn(l.dealPrice)],
  ['Jumlah', (l) => String(l.qty)],
  ['Returned quantity', (l) => String(l.returnedQty)],
];
const DISCOUNT_COLS: Col[] = [
  ['Total Diskon', (l) => idn(l.sellerDiscount)],
  ['Diskon Dari Penjual', (l) => idn(l.sellerDiscount)],
  ['Diskon Dari Shopee', () => '0'],
  ['Berat Produk', (l) => gr(l.weightG)],
  ['Jumlah Produk di Pesan', (l) => String(l.itemsInOrder)],
  ['Total Berat', (l) => gr(l.orderWeightG)],
];
const ORDER_MONEY_COLS: Col[] = [
  ['Voucher Ditanggung Penjual', (l) => idn(l.sellerVoucher)],
  ['Cashback Koin', () => '0'],
  ['Voucher Ditanggung Shopee', (l) => idn(l.shopeeVoucher)],
  ['Paket Diskon', (l) => (l.bundle ? 'Y' : 'N')],
  ['Paket Diskon (Diskon dari Shopee)', () => '0'],
  ['Paket Diskon (Diskon dari Penjual)', (l) => idn(l.bundleSeller)],
  ['Potongan Koin Shopee', (l) => idn(l.coins)],
  ['Diskon Kartu Kredit', () => '0'],
  ['Ongkos Kirim Dibayar oleh Pembeli', (l) => idn(l.buyerShipping)],
  ['Estimasi Potongan Biaya Pengiriman', (l) => idn(l.shippingRebate)],
  ['Ongkos Kirim Pengembalian Barang', () => '0'],
  ['Total Pembayaran', (l) => idn(l.totalPayment)],
  ['Perkiraan Ongkos Kirim', (l) => idn(l.estShipping)],
  ['Catatan dari Pembeli', () => ''],
  ['Catatan', () => ''],
  ['Username (Pembeli)', (l) => l.buyer],
  ['Nama Penerima', (l) => l.recipient],
  ['No. Telepon', (l) => l.phone],
  ['Alamat Pengiriman', (l) => `****** (alamat disamarkan), ${l.city}, ${l.province}`],
  ['Kota/Kabupaten', (l) => l.city],
  ['Provinsi', (l) => l.province],
  ['Waktu Pesanan Selesai', (l) => dt(l.completed)],
];

/** 3.1.b: the 2025 order export (49 columns, `Total Harga Produk`, `Nama Gudang`). */
export const ORDER_COLUMNS_2025: Col[] = [
  ...COMMON_HEAD,
  ['Status Pembatalan/ Pengembalian', (l) => l.returnStatus],
  ...SHIPPING_COLS,
  ...PRODUCT_COLS,
  ['Total Harga Produk', (l) => idn(l.subtotal)],
  ...DISCOUNT_COLS,
  ['Nama Gudang', (l) => l.warehouse],
  ...ORDER_MONEY_COLS,
];

/** 3.1.a: the 2026 order export (50 columns, `Alasan Pembatalan`, `Tipe Pesanan`, `Subtotal Pesanan`). */
export const ORDER_COLUMNS_2026: Col[] = [
  ...COMMON_HEAD,
  ['Alasan Pembatalan', (l) => l.cancelReason],
  ['Status Pembatalan/ Pengembalian', (l) => l.returnStatus],
  ...SHIPPING_COLS.slice(0, 6),
  SHIPPING_COLS[6],
  ['Tipe Pesanan', (l) => l.orderType],
  ...PRODUCT_COLS,
  ['Subtotal Pesanan', (l) => idn(l.subtotal)],
  ...DISCOUNT_COLS,
  ...ORDER_MONEY_COLS,
];

/** An order export sheet (`orders`), every cell text as Shopee writes it. */
export function orderRows(lines: readonly OrderLine[], columns: readonly Col[]): string[][] {
  return [columns.map(([h]) => h), ...lines.map((l) => columns.map(([, v]) => v(l)))];
}

export function orderWorkbook(lines: readonly OrderLine[], columns: readonly Col[]): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(orderRows(lines, columns)), 'orders');
  return wb;
}

function summarySheet(username: string, from: string, to: string, total: number, grouped: boolean): XLSX.WorkSheet {
  const rows: (string | number | null)[][] = [
    ['Laporan Penghasilan'],
    [],
    [],
    [],
    ['Rincian Laporan'],
    ['Username (Penjual)', username],
    ['Dari', from],
    ['ke', to],
    [],
    ['Ringkasan Penghasilan', 'Rp'],
  ];
  rows.push([grouped ? '3. Total yang Dilepas' : 'Total Penghasilan', total]);
  return XLSX.utils.aoa_to_sheet(rows);
}

/** 3.3.b: the Aug 2025 income layout, header on row 6, 41 columns. */
export function income2025Workbook(
  rows: readonly IncomeRow[],
  username: string,
  from: string,
  to: string,
): XLSX.WorkBook {
  const header = [
    'No.',
    'No. Pesanan',
    'No. Pengajuan',
    'Username (Pembeli)',
    'Waktu Pesanan Dibuat',
    'Metode pembayaran pembeli',
    'Tanggal Dana Dilepaskan',
    'Harga Asli Produk',
    'Total Diskon Produk',
    'Jumlah Pengembalian Dana ke Pembeli',
    'Diskon Produk dari Shopee',
    'Diskon Voucher Ditanggung Penjual',
    'Cashback Koin yang Ditanggung Penjual',
    'Ongkir Dibayar Pembeli',
    'Diskon Ongkir Ditanggung Jasa Kirim',
    'Gratis Ongkir dari Shopee',
    'Ongkir yang Diteruskan oleh Shopee ke Jasa Kirim',
    'Ongkos Kirim Pengembalian Barang',
    'Kembali ke Biaya Pengiriman Pengirim',
    'Pengembalian Biaya Kirim',
    'Biaya Komisi AMS',
    'Biaya Administrasi (termasuk PPN 11%)',
    'Biaya Layanan',
    'Biaya Proses Pesanan',
    'Premi',
    'Biaya Program Hemat Biaya Kirim',
    'Biaya Transaksi',
    'Biaya Kampanye',
    'Bea Masuk, PPN & PPh',
    'Total Penghasilan',
    'Kode Voucher',
    'Kompensasi',
    'Promo Gratis Ongkir dari Penjual',
    'Jasa Kirim',
    'Nama Kurir',
    null,
    'Pengembalian Dana ke Pembeli',
    'Pro-rata Koin yang Ditukarkan untuk Pengembalian Barang',
    'Pro-rata Voucher Shopee untuk Pengembalian Barang',
    'Pro-rated Bank Payment Channel Promotion  for return refund Items',
    'Pro-rated Shopee Payment Channel Promotion  for return refund Items',
  ];
  // The 2025 layout has no ads top-up column: its amount is part of the other fees.
  const data = rows.map((i, n) => [
    n + 1,
    i.orderId,
    null,
    i.buyer,
    isoDay(i.created),
    i.paymentMethod,
    isoDay(i.released),
    i.productPrice,
    i.productDiscount,
    i.refund,
    0,
    i.sellerVoucher,
    0,
    i.buyerShipping,
    0,
    i.shopeeFreeShipping,
    i.shippingToCourier,
    0,
    0,
    0,
    i.feeAms,
    i.feeAdmin,
    i.feeService,
    i.feeProcessing,
    i.feeOther + i.adsTopup,
    0,
    0,
    0,
    i.feeTax + i.feeXtra,
    incomeNet(i),
    i.voucherCode || null,
    0,
    0,
    i.courierService,
    i.courier,
    null,
    0,
    0,
    0,
    0,
    0,
  ]);
  const sheet = XLSX.utils.aoa_to_sheet([
    ['Username (Penjual)', 'Dari', 'ke'],
    [username, from, to],
    [],
    [],
    ['total(Rp)'],
    header,
    ...data,
  ]);
  const wb = XLSX.utils.book_new();
  const total = rows.reduce((a, i) => a + incomeNet(i), 0);
  XLSX.utils.book_append_sheet(wb, summarySheet(username, from, to, total, false), 'Summary');
  XLSX.utils.book_append_sheet(wb, sheet, 'Income');
  return wb;
}

/** 3.3.a: the 2026 income layout, sheet `Penghasilan`, three grouped header rows, `Order` and `Sku` rows. */
export function income2026Workbook(
  rows: readonly IncomeRow[],
  username: string,
  from: string,
  to: string,
): XLSX.WorkBook {
  const INFO = 'Informasi Pesanan';
  const PAY = 'Rincian Jumlah Pelepasan Dana';
  type Def = [group: string, sub: string, name: string, order: (i: IncomeRow) => string | number | null];
  const defs: Def[] = [
    [INFO, '', 'No.', () => null],
    [INFO, '', 'Lihat berdasarkan', () => 'Order'],
    [INFO, '', 'No. Pesanan', (i) => i.orderId],
    [INFO, '', 'No. Pengajuan', () => null],
    [INFO, '', 'ID Produk', () => '-'],
    [INFO, '', 'Nama Produk', () => '-'],
    [INFO, '', 'Waktu Pesanan Dibuat', (i) => isoDay(i.created)],
    [INFO, '', 'Tanggal Dana Dilepaskan', (i) => isoDay(i.released)],
    [INFO, '', 'Metode Pelepasan Dana', () => 'Saldo Penjual'],
    [INFO, '', 'Tipe Pesanan', () => 'Normal Order'],
    [PAY, 'Subtotal Pesanan', 'Harga Produk', (i) => i.productPrice + i.productDiscount],
    [PAY, 'Subtotal Pesanan', 'Jumlah Pengembalian Dana ke Pembeli', (i) => i.refund],
    [PAY, 'Subtotal Ongkos Kirim', 'Ongkir Dibayar Pembeli', (i) => i.buyerShipping],
    [PAY, 'Subtotal Ongkos Kirim', 'Ongkos Kirim yang Dibayarkan ke Jasa Kirim', (i) => i.shippingToCourier],
    [PAY, 'Subtotal Ongkos Kirim', 'Potongan Ongkos Kirim dari Jasa Kirim', () => 0],
    [PAY, 'Subtotal Ongkos Kirim', 'Gratis Ongkir dari Shopee', (i) => i.shopeeFreeShipping],
    [PAY, 'Subtotal Ongkos Kirim', 'Ongkos Kirim Pengembalian Barang', () => 0],
    [PAY, 'Subtotal Ongkos Kirim', 'Return to Seller Fee', () => 0],
    [PAY, 'Subtotal Ongkos Kirim', 'Pengembalian Biaya Kirim', () => 0],
    [PAY, 'Voucher dan Potongan Harga', 'Penyesuaian Penjual - 1', (i) => i.sellerVoucher],
    [PAY, 'Voucher dan Potongan Harga', 'Cashback Koin disponsori Penjual', () => 0],
    [PAY, 'Voucher dan Potongan Harga', 'Diskon Produk dari Shopee', () => 0],
    [PAY, 'Voucher dan Potongan Harga', 'Penyesuaian Penjual - 2', () => 0],
    [PAY, 'Voucher dan Potongan Harga', 'Cashback Koin Co-fund disponsori Penjual', () => 0],
    [PAY, 'Biaya Platform', 'Biaya Administrasi', (i) => i.feeAdmin],
    [PAY, 'Biaya Platform', 'Biaya Proses Pesanan', (i) => i.feeProcessing],
    [PAY, 'Biaya Gratis Ongkir XTRA', 'Biaya Gratis Ongkir XTRA - Ukuran Biasa (Kategori F)', (i) => i.feeXtra],
    [PAY, 'Biaya Gratis Ongkir XTRA', 'Biaya Gratis Ongkir XTRA - Ukuran Biasa (Kategori F)', () => 0],
    [PAY, 'Biaya Layanan', 'Biaya Layanan Promo XTRA', (i) => i.feeService],
    [PAY, 'Biaya Promosi', 'AMS Service Fee', () => 0],
    [PAY, 'Biaya Promosi', 'Biaya Kampanye', () => 0],
    [PAY, 'Biaya Promosi', 'Biaya Komisi AMS', (i) => i.feeAms],
    [PAY, 'Biaya Promosi', 'Biaya Isi Saldo Otomatis (dari Penghasilan)', (i) => i.adsTopup],
    [PAY, 'Biaya Lainnya', 'Biaya Lainnya', (i) => i.feeOther],
    [PAY, 'Biaya Lainnya', 'Biaya Transaksi', () => 0],
    [PAY, 'Biaya Lainnya', 'FBS Fee', () => 0],
    [PAY, 'Pajak', 'PPh 22', (i) => i.feeTax],
    ['Buyer Info', '', 'Username (Pembeli)', (i) => i.buyer],
    [
      'Buyer Info',
      '',
      'Jumlah Dibayar Pembeli',
      (i) => i.productPrice + i.productDiscount + i.sellerVoucher + i.buyerShipping,
    ],
    ['Buyer Info', '', 'Metode pembayaran pembeli', (i) => i.paymentMethod],
    ['Buyer Info', '', 'Rincian Metode Pembayaran', () => null],
    ['Buyer Info', '', 'Rencana Cicilan (jika berlaku)', () => null],
    ['Informasi Referensi', 'Pengiriman', 'Promo Gratis Ongkir dari Penjual', () => 0],
    ['Informasi Referensi', 'Pengiriman', 'Jasa Kirim', (i) => i.courierService],
    ['Informasi Referensi', 'Pengiriman', 'Nama Kurir', (i) => i.courier],
    ['Informasi Referensi', 'Promosi', 'Kode Voucher', (i) => i.voucherCode || null],
    ['Informasi Referensi', 'Kompensasi', 'Kompensasi', () => 0],
  ];
  const aoa: (string | number | null)[][] = [defs.map((d) => d[0]), defs.map((d) => d[1]), defs.map((d) => d[2])];
  const merges: XLSX.Range[] = [];
  // Merge each run of equal labels in the group rows, as Shopee's file does.
  for (const r of [0, 1]) {
    let start = 0;
    for (let c = 1; c <= defs.length; c++) {
      const same = c < defs.length && defs[c][r] === defs[start][r] && (r === 0 || defs[c][0] === defs[start][0]);
      if (!same) {
        if (c - 1 > start && defs[start][r]) merges.push({ s: { r, c: start }, e: { r, c: c - 1 } });
        for (let k = start + 1; k < c; k++) aoa[r][k] = null;
        start = c;
      }
    }
  }
  let no = 1;
  for (const i of rows) {
    aoa.push(defs.map((d) => (d[2] === 'No.' ? no : d[3](i))));
    no++;
    for (const line of i.lines) {
      aoa.push(
        defs.map((d) => {
          if (d[2] === 'No.') return no;
          if (d[2] === 'Lihat berdasarkan') return 'Sku';
          if (d[2] === 'ID Produk') return line.productId;
          if (d[2] === 'Nama Produk') return line.productName;
          if (d[2] === 'Username (Pembeli)') return null;
          if (d[0] === PAY) return d[2] === 'Harga Produk' ? line.price : '-';
          return d[3](i);
        }),
      );
      no++;
    }
  }
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!merges'] = merges;
  const wb = XLSX.utils.book_new();
  const total = rows.reduce((a, i) => a + incomeNet(i), 0);
  XLSX.utils.book_append_sheet(wb, summarySheet(username, from, to, total, true), 'Summary');
  XLSX.utils.book_append_sheet(wb, sheet, 'Penghasilan');
  return wb;
}
