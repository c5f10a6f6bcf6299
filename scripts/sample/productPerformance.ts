/** `parentskudetail.YYYYMMDD_YYYYMMDD.xlsx`: §3.5.2's 40 columns, a parent row and its variation rows. */
import * as XLSX from '@e965/xlsx';
import { catalog, isoDay, rng, type SimOrder } from './generate';

export const PRODUCT_PERFORMANCE_HEADER = [
  'Kode Produk',
  'Produk',
  'Status Produk Saat Ini',
  'Kode Variasi',
  'Nama Variasi',
  'Status Variasi Saat Ini',
  'Kode Variasi',
  'SKU Induk',
  'Total Penjualan (Pesanan Dibuat) (IDR)',
  'Penjualan (Pesanan Siap Dikirim) (IDR)',
  'Jumlah Produk Dilihat',
  'Produk Diklik',
  'Persentase Klik',
  'Tingkat Konversi Pesanan (Pesanan Dibuat)',
  'Tingkat Konversi Pesanan (Pesanan Siap Dikirim)',
  'Pesanan Dibuat',
  'Pesanan Siap Dikirim',
  'Produk (Pesanan Dibuat)',
  'Produk (Pesanan Siap Dikirim)',
  'Total Pembeli (Pesanan Dibuat)',
  'Total Pembeli (Pesanan Siap Dikirim)',
  'Tingkat Konversi (Pesanan yang Dibuat)',
  'Tingkat Konversi (Pesanan Siap Dikirim)',
  'Penjualan per Pesanan (Pesanan Dibuat) (IDR)',
  'Penjualan per Pesanan (Pesanan Siap Dikirim) (IDR)',
  'Produk Unik Dilihat',
  'Produk Unik Diklik',
  'Pengunjung Produk (Kunjungan)',
  'Halaman Produk Dilihat',
  'Pengunjung Melihat Tanpa Membeli',
  'Tingkat Pengunjung Melihat Tanpa Membeli',
  'Klik Pencarian',
  'Suka',
  'Pengunjung Produk (Menambahkan Produk ke Keranjang)',
  'Dimasukkan ke Keranjang (Produk)',
  'Tingkat Konversi Produk Dimasukkan ke Keranjang',
  'Tingkat Pesanan Berulang (Pesanan Dibuat)',
  '% Pembelian Ulang (Pesanan Siap Dikirim)',
  'Rata-rata hari Pesanan Berulang (Pesanan Dibuat)',
  'Rata-rata Hari Pembelian Terulang (Pesanan Siap Dikirim)',
];

const ID = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const pct = (a: number, b: number) => `${(b ? (a / b) * 100 : 0).toFixed(2).replace('.', ',')}%`;

interface Stat {
  orders: number;
  units: number;
  sales: number;
}

/** One period's product performance, consistent with the orders placed in it. */
export function productPerformanceWorkbook(
  orders: readonly SimOrder[],
  from: string,
  to: string,
  seed: number,
): XLSX.WorkBook {
  const r = rng(seed);
  const bySku = new Map<string, Stat>();
  for (const o of orders) {
    const d = isoDay(o.created);
    if (d < from || d > to) continue;
    for (const l of o.lines) {
      const s = bySku.get(l.skuRef) ?? { orders: 0, units: 0, sales: 0 };
      s.orders++;
      s.units += l.qty;
      s.sales += l.subtotal;
      bySku.set(l.skuRef, s);
    }
  }
  const rows: (string | number)[][] = [PRODUCT_PERFORMANCE_HEADER];
  catalog().forEach((p, pi) => {
    const code = String(20_000_000_000 + pi * 7_919);
    const vars = p.variations.map((v, vi) => {
      const s = bySku.get(v.sku) ?? { orders: 0, units: 0, sales: 0 };
      const visitors = Math.round(s.orders * (25 + 30 * r.next())) + r.int(5, 40);
      const clicks = Math.round(visitors * 1.4);
      const cart = Math.round(visitors * (0.05 + 0.05 * r.next()));
      return {
        v,
        vi,
        s,
        visitors,
        clicks,
        impressions: clicks * r.int(8, 14),
        cart,
        cartUnits: Math.round(cart * 1.2),
      };
    });
    const sum = (k: 'visitors' | 'clicks' | 'impressions' | 'cart' | 'cartUnits') => vars.reduce((a, x) => a + x[k], 0);
    const total = vars.reduce(
      (a, x) => ({ orders: a.orders + x.s.orders, units: a.units + x.s.units, sales: a.sales + x.s.sales }),
      { orders: 0, units: 0, sales: 0 },
    );
    const row = (
      vid: string,
      name: string,
      sku: string,
      s: Stat,
      visitors: number,
      clicks: number,
      impressions: number,
      cart: number,
      cartUnits: number,
    ) => [
      code,
      p.name,
      'Normal',
      vid,
      name,
      vid === '-' ? '-' : 'Normal',
      sku,
      p.parentSku || '-',
      ID.format(s.sales),
      ID.format(Math.round(s.sales * 0.92)),
      ID.format(impressions),
      ID.format(clicks),
      pct(clicks, impressions),
      pct(s.orders, clicks),
      pct(s.orders * 0.92, clicks),
      s.orders,
      Math.round(s.orders * 0.92),
      s.units,
      Math.round(s.units * 0.92),
      s.orders,
      Math.round(s.orders * 0.92),
      pct(s.orders, visitors),
      pct(s.orders * 0.92, visitors),
      s.orders ? (s.sales / s.orders).toFixed(2).replace('.', ',') : '0',
      s.orders ? (s.sales / s.orders).toFixed(2).replace('.', ',') : '0',
      ID.format(Math.round(impressions * 0.7)),
      ID.format(Math.round(clicks * 0.8)),
      ID.format(visitors),
      ID.format(Math.round(visitors * 1.6)),
      ID.format(Math.round(visitors * 0.6)),
      pct(visitors * 0.6, visitors),
      ID.format(Math.round(clicks * 0.3)),
      r.int(0, 20),
      cart,
      cartUnits,
      pct(cart, visitors),
      '2,10%',
      '1,90%',
      '21',
      '24',
    ];
    rows.push(
      row('-', '-', '-', total, sum('visitors'), sum('clicks'), sum('impressions'), sum('cart'), sum('cartUnits')),
    );
    for (const x of vars)
      rows.push(
        row(
          String(100_000 + pi * 100 + x.vi),
          x.v.name,
          x.v.sku,
          x.s,
          x.visitors,
          x.clicks,
          x.impressions,
          x.cart,
          x.cartUnits,
        ),
      );
  });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Produk dengan Performa Terbaik');
  return wb;
}
