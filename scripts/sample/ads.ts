/**
 * Shopee Ads exports consistent with the simulated orders: the all-CPC-ads report (preamble with the
 * period, header on line 8, one row per ad for the period) and the ads billing CSV (daily deductions per
 * ad type, and top-ups). Ads CSVs write numbers the English way (`13.97`, `4.00%`).
 */
import { isoDay, rng, type SimOrder } from './generate';

const HEADER_ID = [
  'Urutan',
  'Nama Iklan',
  'Status',
  'Jenis Iklan',
  'Kode Produk',
  'Tampilan Iklan',
  'Mode Bidding',
  'Penempatan Iklan',
  'Tanggal Mulai',
  'Tanggal Selesai',
  'Dilihat',
  'Jumlah Klik',
  'Persentase Klik',
  'Add to Cart',
  'Add to Cart Rate',
  'Konversi',
  'Konversi Langsung',
  'Tingkat konversi',
  'Tingkat Konversi Langsung',
  'Biaya per Konversi',
  'Biaya per Konversi Langsung',
  'Produk Terjual',
  'Terjual Langsung',
  'Omzet Penjualan',
  'Penjualan Langsung (GMV Langsung)',
  'Biaya',
  'Efektifitas Iklan',
  'Efektivitas Langsung',
  'Persentase Biaya Iklan terhadap Penjualan dari Iklan (ACOS)',
  'Persentase Biaya Iklan terhadap Penjualan dari Iklan Langsung (ACOS Langsung)',
  'Jumlah Produk Dilihat',
  'Jumlah Klik Produk',
  'Persentase Klik Produk',
  'Voucher Amount',
  'Vouchered Sales',
];

export interface AdRow {
  name: string;
  type: string;
  product: string;
  impressions: number;
  clicks: number;
  conversions: number;
  items: number;
  gmv: number;
  spend: number;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const pct = (a: number, b: number) => `${b ? ((a / b) * 100).toFixed(2) : '0.00'}%`;
const dec = (a: number, b: number) => (b ? (a / b).toFixed(2) : '0.00');
const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** The all-CPC-ads report of a period, with its verbatim Indonesian header and preamble. */
export function adsReportCsv(ads: readonly AdRow[], shop: string, from: string, to: string): string {
  const lines = [
    `Username,${shop}`,
    `Nama Toko,${shop}`,
    'ID Toko,1327966164',
    `Periode,${dmy(from)} - ${dmy(to)}`,
    `Waktu Pembuatan Laporan,${dmy(to)} 23:59`,
    '',
    '',
    HEADER_ID.join(','),
  ];
  ads.forEach((a, i) => {
    const direct = Math.round(a.conversions * 0.8);
    const directGmv = Math.round(a.gmv * 0.8);
    lines.push(
      [
        i + 1,
        a.name,
        'Berjalan',
        a.type,
        a.product,
        a.product === '-' ? '-' : 'Gambar',
        'Auto Bidding',
        'Semua',
        `${dmy(from)} 00:00:00`,
        'Unlimited',
        a.impressions,
        a.clicks,
        pct(a.clicks, a.impressions),
        Math.round(a.clicks * 0.1),
        pct(a.clicks * 0.1, a.clicks),
        a.conversions,
        direct,
        pct(a.conversions, a.clicks),
        pct(direct, a.clicks),
        dec(a.spend, a.conversions),
        dec(a.spend, direct),
        a.items,
        Math.round(a.items * 0.8),
        a.gmv,
        directGmv,
        a.spend,
        dec(a.gmv, a.spend),
        dec(directGmv, a.spend),
        pct(a.spend, a.gmv),
        pct(a.spend, directGmv),
        a.impressions,
        a.clicks,
        pct(a.clicks, a.impressions),
        0,
        0,
      ]
        .map(csvCell)
        .join(','),
    );
  });
  return `\ufeff${lines.join('\n')}\n`;
}

/** Ads of a period derived from the orders: about a quarter of sales attributed, ROAS between 4 and 12. */
export function adsFor(orders: readonly SimOrder[], from: string, to: string, seed: number): AdRow[] {
  const r = rng(seed);
  const inRange = orders.filter(
    (o) => o.statusClass !== 'cancelled' && isoDay(o.created) >= from && isoDay(o.created) <= to,
  );
  const byProduct = new Map<string, { sales: number; units: number; orders: number }>();
  for (const o of inRange) {
    for (const l of o.lines) {
      const g = byProduct.get(l.productName) ?? { sales: 0, units: 0, orders: 0 };
      g.sales += l.subtotal;
      g.units += l.qty;
      g.orders += 1;
      byProduct.set(l.productName, g);
    }
  }
  const top = [...byProduct.entries()].sort((a, b) => b[1].sales - a[1].sales).slice(0, 8);
  const total = inRange.reduce((a, o) => a + o.subtotal, 0);
  const shop = { sales: total * 0.1, units: 0, orders: Math.round(inRange.length * 0.1) };
  return [
    ['Shop GMV Max', 'Iklan Toko', '-', shop] as const,
    ...top.map(
      ([name, g], i) =>
        [name, 'Iklan Produk', String(20_000_000_000 + i * 7_919), { ...g, sales: g.sales * 0.25 }] as const,
    ),
  ].map(([name, type, product, g]) => {
    const gmv = Math.round(g.sales);
    const roas = 4 + 8 * r.next();
    const conversions = Math.max(1, Math.round(g.orders * 0.25 || gmv / 250_000));
    const clicks = Math.round(conversions / (0.02 + 0.03 * r.next()));
    return {
      name,
      type,
      product,
      impressions: Math.round(clicks / (0.02 + 0.04 * r.next())),
      clicks,
      conversions,
      items: Math.round(conversions * 1.2),
      gmv,
      spend: Math.round(gmv / roas),
    };
  });
}

/** The billing CSV of a period: the period's ad spend spread over its days as deductions, plus top-ups. */
export function billingCsv(ads: readonly AdRow[], shop: string, from: string, to: string, seed: number): string {
  const r = rng(seed);
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(isoDay(t));
  const byType = new Map<string, number>();
  for (const a of ads) {
    const type = a.type === 'Iklan Toko' ? 'Shop Ad (Auto Bidding - GMV Max)' : 'Product Ad (Auto Bidding - GMV Max)';
    byType.set(type, (byType.get(type) ?? 0) + a.spend);
  }
  const rows: string[][] = [];
  for (const [type, spend] of byType) {
    const weights = days.map(() => 0.5 + r.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    let left = spend;
    days.forEach((d, i) => {
      const v = i === days.length - 1 ? left : Math.round((spend * weights[i]) / sum);
      left -= v;
      rows.push([dmy(d), `Deduction for ${type}`, String(-v), '-']);
    });
  }
  for (const d of days.filter((_, i) => i % 7 === 0)) rows.push([dmy(d), 'Isi Saldo', '500000', '-']);
  rows.sort((a, b) => (a[0].split('/').reverse().join('') < b[0].split('/').reverse().join('') ? 1 : -1));
  const lines = [
    'Riwayat Transaksi',
    'Mata uang:,IDR',
    `Username:,${shop}`,
    `Tanggal:,${dmy(from)} -- ${dmy(to)}`,
    'ID Toko:,1327966164',
    '',
    'Urutan,Waktu,Deskripsi,Jumlah,Catatan',
    ...rows.map((row, i) => [String(i + 1), ...row].map(csvCell).join(',')),
  ];
  return `\ufeff${lines.join('\n')}\n`;
}
