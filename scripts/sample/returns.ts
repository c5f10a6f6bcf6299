/** `Order.return_refund.*.xls` (an xlsx inside): the 46 columns of shopee-exports.md §3.1.c, money as `RP 86.400⏎`. */
import * as XLSX from '@e965/xlsx';
import { isoDay, rng, type SimOrder } from './generate';

const HEADER = [
  'No. Pengembalian',
  'No. Pesanan',
  'Tanggal Pesanan Dibuat',
  'Username (Pembeli)',
  'Nama Produk',
  'SKU Induk',
  'Variasi',
  'Kode Variasi',
  'Harga Satuan',
  'Waktu Pengembalian Diajukan',
  'Status Pembatalan/ Pengembalian',
  'Tipe Pengembalian',
  'Jumlah Produk Dikembalikan',
  'Solusi Pengembalian Barang/Dana',
  'Alasan Pengembalian',
  'Catatan Pengembalian Barang',
  'Total Pengembalian Dana',
  'Waktu Pengembalian Dana Selesai',
  'Dikembalikan ke Gudang Shopee',
  'Pilihan Jasa Kirim Pengembalian Barang',
  'No. Resi Pengembalian Barang',
  'Status Pengembalian Barang',
  'Waktu Pengiriman Pengembalian Barang Selesai',
  'Alamat Pengiriman',
  'Provinsi',
  'Kota/Kabupaten',
  'Kode Pos',
  'No. Telepon',
  'Alamat Pickup Pengembalian Barang',
  'Provinsi',
  'Kota',
  'Kode Pos',
  'Buyer contact number',
  'Dapat Mengajukan Banding pada',
  'Alasan Penolakan',
  'Catatan Penjual untuk Banding',
  'Jumlah Kompensasi',
  'Pilihan Jasa Kirim Pengiriman Terusan',
  'No. Resi Pengiriman Terusan',
  'Total Pesanan',
  'Metode Pembayaran',
  'Catatan Pembeli untuk Pesanan',
  'Pelepasan Dana',
  'Ongkos Kirim Pengiriman',
  'Ongkos Kirim Pengembalian',
  'Penyesuaian Alasan Pengembalian',
];

const REASONS = [
  'Produk tidak lengkap',
  'Barang tidak berfungsi/tidak bisa dipakai',
  'Produk rusak',
  'Produk berbeda dengan deskripsi',
  'Produk tidak sesuai pesanan (misalnya salah ukuran/warna)',
];

const ID = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const rp = (n: number) => `RP ${ID.format(n)}\n`;
const dt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The returns requested from `from` to `to` of the simulated orders (the returned lines). */
export function returnsWorkbook(
  orders: readonly SimOrder[],
  from: string,
  to: string,
  seed: number,
): XLSX.WorkBook | null {
  const r = rng(seed);
  const rows: (string | number)[][] = [];
  for (const o of orders) {
    if (o.completed === null) continue;
    for (const l of o.lines) {
      if (!l.returnedQty) continue;
      const requested = o.completed - 2 * 86_400_000 + r.int(0, 86_399) * 1000;
      const day = isoDay(requested);
      if (day < from || day > to) continue;
      const refund = l.dealPrice * l.returnedQty;
      rows.push([
        `${day.slice(2).replace(/-/g, '')}${r.int(10_000_000, 99_999_999)}`,
        o.id,
        dt(o.created),
        o.buyer,
        l.productName,
        l.parentSku,
        l.variation,
        l.skuRef,
        rp(l.dealPrice),
        dt(requested),
        'Dana Dikembalikan ke Pembeli',
        l.returnedQty === l.qty ? 'Seluruh Pesanan' : 'Sebagian Pesanan',
        l.returnedQty,
        r.next() < 0.6 ? 'Pengembalian Barang dan Dana' : 'Pengembalian Dana Saja',
        r.pick(REASONS),
        '',
        rp(refund),
        dt(requested + 86_400_000),
        'Tidak',
        'SPX Express',
        '',
        'Pengiriman pengembalian barang selesai',
        '',
        '',
        l.province,
        l.city,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        rp(0),
        'Reguler',
        '',
        rp(o.subtotal),
        o.paymentMethod,
        '',
        rp(o.subtotal - refund),
        rp(-o.shippingCost),
        rp(0),
        '',
      ]);
    }
  }
  if (!rows.length) return null;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADER, ...rows]), 'Sheet1');
  return wb;
}
