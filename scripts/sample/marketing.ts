/**
 * Marketing exports consistent with the simulated shop days: discounts and bundles (Business Insights
 * layout, daily rows per promotion type), Shopee Live streams, Shopee Affiliate (AMS) CSVs, the Ads
 * search-keyword and live-ads CSVs, and the shop-stats visit-source sheet.
 */
import type * as XLSX from '@e965/xlsx';
import type { AdRow } from './ads';
import { rng } from './generate';
import { type BiColumn, biWorkbook, formatBi, type ShopDay } from './insights';

const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const slash = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (rows: readonly (readonly (string | number)[])[]) =>
  `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;

/** One promotion type on one day. */
interface PromoDay {
  date: string;
  sales: number;
  orders: number;
  units: number;
  buyers: number;
  bundles: number;
  mainSales: number;
  mainUnits: number;
}

const PROMOS = [
  ['Diskon', 0.2, 0],
  ['Paket Diskon', 0.08, 1],
  ['Kombo Hemat', 0.04, 1],
] as const;

const both = (label: string, value: (p: PromoDay) => number, ready = 0.93): BiColumn<PromoDay>[] => [
  { header: `${label} (Pesanan Dibuat)`, format: 'int', value },
  { header: `${label} (Pesanan Siap Dikirim)`, format: 'int', value: (p) => Math.round(value(p) * ready) },
];
const perBuyer = (label: string, sales: (p: PromoDay) => number): BiColumn<PromoDay>[] =>
  [1, 0.93].map((k, i) => ({
    header: `${label} (${i ? 'Pesanan Siap Dikirim' : 'Pesanan Dibuat'}) (IDR)`,
    format: 'decimal' as const,
    value: (p: PromoDay) => (p.buyers ? (sales(p) * k) / Math.round(p.buyers * k || 1) : 0),
    summary: (ps: readonly PromoDay[]) =>
      ps.reduce((a, p) => a + sales(p) * k, 0) /
      Math.max(
        1,
        ps.reduce((a, p) => a + Math.round(p.buyers * k), 0),
      ),
  }));

/** 3.5.5c, the 26 verbatim columns after `Tanggal` and `Tipe Promosi`. */
const DISCOUNT_COLUMNS: BiColumn<PromoDay>[] = [
  ...both('Penjualan', (p) => p.sales).map((c) => ({ ...c, header: `${c.header} (IDR)` })),
  ...both('Pesanan', (p) => p.orders),
  ...both('Produk Terjual', (p) => p.units),
  ...both('Pembeli', (p) => p.buyers).map((c) => ({
    ...c,
    summary: (ps: readonly PromoDay[]) => Math.round(ps.reduce((a, p) => a + (c.value(p) ?? 0), 0) * 0.95),
  })),
  ...perBuyer('Penjualan per Pembeli', (p) => p.sales),
  ...both('Jumlah Pesanan Paket Diskon', (p) => p.bundles),
  ...both('Penjualan Produk Utama', (p) => p.mainSales).map((c) => ({ ...c, header: `${c.header} (IDR)` })),
  ...both('Penjualan Produk Tambahan', (p) => p.sales - p.mainSales).map((c) => ({
    ...c,
    header: `${c.header} (IDR)`,
  })),
  ...both('Produk Utama Terjual', (p) => p.mainUnits),
  ...both('Produk Tambahan Terjual', (p) => p.units - p.mainUnits),
  ...perBuyer('Penjualan Produk Utama per Pembeli', (p) => p.mainSales),
  ...both('Penjualan Produk Tambahan', (p) => p.sales - p.mainSales).map((c) => ({
    ...c,
    header: `${c.header} (IDR)`,
  })),
];

/** Discount, bundle and combo figures of a period: header, one summary row per type, blank, header, daily rows. */
export function discountWorkbook(days: readonly ShopDay[], seed: number): XLSX.WorkBook {
  const r = rng(seed);
  const header = ['Tanggal', 'Tipe Promosi', ...DISCOUNT_COLUMNS.map((c) => c.header)];
  const period = `${dmy(days[0].date)}-${dmy(days[days.length - 1].date)}`;
  const series = PROMOS.map(([type, share, bundle]) => {
    const ps = days.map((d): PromoDay => {
      const orders = Math.round(d.orders * share * (0.6 + 0.8 * r.next()));
      const sales = Math.round((d.sales / Math.max(1, d.orders)) * orders * (bundle ? 1.4 : 1));
      const units = Math.round(orders * (bundle ? 2.3 : 1.2));
      const mainShare = bundle ? 0.7 : 1;
      return {
        date: d.date,
        sales,
        orders,
        units,
        buyers: orders,
        bundles: bundle ? orders : 0,
        mainSales: Math.round(sales * mainShare),
        mainUnits: Math.round(units * mainShare),
      };
    });
    return { type, ps };
  });
  const cell = (c: BiColumn<PromoDay>, v: number | null) => formatBi(v, c.format);
  const sum = (c: BiColumn<PromoDay>, ps: readonly PromoDay[]) =>
    c.summary ? c.summary(ps) : ps.reduce((a, p) => a + (c.value(p) ?? 0), 0);
  const rows: string[][] = [header];
  for (const s of series) rows.push([period, s.type, ...DISCOUNT_COLUMNS.map((c) => cell(c, sum(c, s.ps)))]);
  rows.push([], header);
  days.forEach((d, i) => {
    for (const s of series) rows.push([dmy(d.date), s.type, ...DISCOUNT_COLUMNS.map((c) => cell(c, c.value(s.ps[i])))]);
  });
  return biWorkbook([{ name: 'Sheet1', rows }]);
}

/** Shopee Live streams: Friday and Saturday evenings, a share of those days' sales. */
export function liveWorkbook(days: readonly ShopDay[], seed: number): XLSX.WorkBook {
  const r = rng(seed);
  const header = [
    'Informasi Streaming',
    'Waktu Mulai',
    'Pengunjung',
    'Penonton Terbanyak',
    'Rata-rata Durasi Menonton',
    'Pesanan (COD Dibuat + non-COD Dibayar)',
    'Penjualan (Pesanan Siap Dikirim)(Rp)',
  ];
  const rows: string[][] = [header];
  for (const d of days) {
    const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
    if (weekday !== 5 && weekday !== 6) continue;
    const viewers = r.int(150, 900);
    const orders = Math.round(d.orders * (0.05 + 0.1 * r.next()));
    rows.push([
      `Live ${weekday === 5 ? 'Jumat' : 'Sabtu'} Hemat ${d.date.slice(8, 10)}/${d.date.slice(5, 7)}`,
      `${d.date} 19:${r.pick(['00', '15', '30'])}`,
      String(viewers),
      String(Math.round(viewers * (0.15 + 0.1 * r.next()))),
      formatBi(r.int(60, 420), 'duration'),
      String(orders),
      formatBi(Math.round((d.sales / Math.max(1, d.orders)) * orders), 'dotted'),
    ]);
  }
  return biWorkbook([{ name: 'Daftar Streaming', rows }]);
}

const AFFILIATES = ['rina.review', 'budi_gadget', 'sari.haul', 'dimas.tech', 'lia_shopping', 'yoga.unboxing'];

/** AMS per affiliate: about 6% of the period's sales through affiliates, commission 5–10%. */
export function affiliateCsv(days: readonly ShopDay[], seed: number): string {
  const r = rng(seed);
  const sales = days.reduce((a, d) => a + d.sales, 0) * 0.06;
  const orders = days.reduce((a, d) => a + d.orders, 0) * 0.06;
  const weights = AFFILIATES.map(() => r.next() ** 2);
  const total = weights.reduce((a, b) => a + b, 0);
  const rows: (string | number)[][] = [
    [
      'ID Affiliates',
      'Nama Affiliate',
      'Username Affiliate',
      'Omzet Penjualan(Rp)',
      'Produk Terjual',
      'Pesanan',
      'Clicks',
      'Estimasi Komisi(Rp)',
      'ROI',
      'Total Pembeli',
      'Pembeli Baru',
    ],
  ];
  AFFILIATES.forEach((name, i) => {
    const w = weights[i] / total;
    const o = Math.round(orders * w);
    const s = Math.round(sales * w);
    const commission = Math.round(s * (0.05 + 0.05 * r.next()));
    rows.push([
      String(100_000_000 + i * 7_907),
      name.replace(/[._]/g, ' '),
      name,
      s,
      Math.round(o * 1.3),
      o,
      Math.round(o * (20 + 30 * r.next())),
      commission,
      commission ? (s / commission).toFixed(2) : '0',
      o,
      Math.round(o * 0.6),
    ]);
  });
  return csv(rows);
}

/** AMS per product: the same period's affiliate sales over the top products. */
export function affiliateProductCsv(
  products: readonly { id: string; name: string; price: number; sales: number }[],
  seed: number,
): string {
  const r = rng(seed);
  const rows: (string | number)[][] = [
    [
      'Kode Item',
      'Nama Item',
      'Harga(Rp)',
      'Omzet Penjualan(Rp)',
      'Produk Terjual',
      'Pesanan',
      'Clicks',
      'Estimasi Komisi(Rp)',
      'ROI',
      'Total Pembeli',
      'Pembeli Baru',
    ],
  ];
  for (const p of products) {
    const s = Math.round(p.sales * 0.06);
    const units = Math.max(1, Math.round(s / Math.max(1, p.price)));
    const commission = Math.round(s * 0.07);
    rows.push([
      p.id,
      p.name,
      p.price,
      s,
      units,
      units,
      Math.round(units * (20 + 30 * r.next())),
      commission,
      commission ? (s / commission).toFixed(2) : '0',
      units,
      Math.round(units * 0.6),
    ]);
  }
  return csv(rows);
}

const adsPreamble = (shop: string, from: string, to: string) => [
  ['Username', shop],
  ['Nama Toko', shop],
  ['ID Toko', '1327966164'],
  ['Periode', `${slash(from)} - ${slash(to)}`],
  ['Waktu Pembuatan Laporan', `${slash(to)} 23:59`],
];
const pct = (a: number, b: number) => `${b ? ((a / b) * 100).toFixed(2) : '0.00'}%`;
const dec = (a: number, b: number) => (b ? (a / b).toFixed(2) : '0.00');

/** 3.5.6b: the product ads' figures split over a few search keywords each, header on line 8. */
export function keywordCsv(ads: readonly AdRow[], shop: string, from: string, to: string, seed: number): string {
  const r = rng(seed);
  const header = [
    'Urutan',
    'Nama Iklan',
    'Status',
    'Tampilan Iklan',
    'Mode Bidding',
    'Kata Pencarian',
    'Tanggal Mulai',
    'Tanggal Selesai',
    'SOV',
    'Dilihat',
    'Jumlah Klik',
    'Persentase Klik',
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
  ];
  const rows: (string | number)[][] = [...adsPreamble(shop, from, to), [], header];
  let n = 0;
  for (const a of ads.filter((x) => x.type === 'Iklan Produk')) {
    const words = a.name
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 3);
    const keywords = [words.slice(0, 2).join(' '), words.slice(-2).join(' '), `${words[0] ?? 'produk'} murah`].filter(
      (k, i, all) => k && all.indexOf(k) === i,
    );
    const shares = keywords.map(() => 0.3 + r.next());
    const total = shares.reduce((x, y) => x + y, 0);
    keywords.forEach((k, i) => {
      const w = shares[i] / total;
      const part = (v: number) => Math.round(v * w);
      const [imp, clicks, conv, items, gmv, spend] = [
        part(a.impressions),
        part(a.clicks),
        part(a.conversions),
        part(a.items),
        part(a.gmv),
        part(a.spend),
      ];
      const direct = Math.round(conv * 0.8);
      rows.push([
        ++n,
        a.name,
        'Berjalan',
        'Gambar',
        'Auto Bidding',
        k,
        `${slash(from)} 00:00:00`,
        'Unlimited',
        pct(r.int(5, 60), 100),
        imp,
        clicks,
        pct(clicks, imp),
        conv,
        direct,
        pct(conv, clicks),
        pct(direct, clicks),
        dec(spend, conv),
        dec(spend, direct),
        items,
        Math.round(items * 0.8),
        gmv,
        Math.round(gmv * 0.8),
        spend,
        dec(gmv, spend),
        dec(gmv * 0.8, spend),
        pct(spend, gmv),
        pct(spend, gmv * 0.8),
        imp,
        clicks,
        pct(clicks, imp),
      ]);
    });
  }
  return csv(rows);
}

/** 3.5.6c: one live ad per weekend of the period, header on line 7. */
export function liveAdsCsv(days: readonly ShopDay[], shop: string, seed: number): string {
  const r = rng(seed);
  const from = days[0].date;
  const to = days[days.length - 1].date;
  const header = [
    'Urutan',
    'Nama Iklan',
    'ID Iklan',
    'Status',
    'Tujuan',
    'Tanggal Mulai',
    'Tanggal Selesai',
    'Waktu Mulai Harian',
    'Waktu Berakhir Harian',
    'Modal',
    'Penonton',
    'Pesanan',
    'Tingkat konversi',
    'Omzet Penjualan',
    'Biaya',
    'Efektifitas Iklan',
  ];
  const rows: (string | number)[][] = [...adsPreamble(shop, from, to).slice(0, 4), [], header];
  let n = 0;
  for (const d of days.filter((x) => new Date(`${x.date}T00:00:00Z`).getUTCDay() === 5)) {
    const viewers = r.int(300, 1500);
    const orders = Math.round(d.orders * 0.05 + r.int(0, 3));
    const gmv = Math.round((d.sales / Math.max(1, d.orders)) * orders);
    const spend = Math.round(gmv / (3 + 6 * r.next()));
    rows.push([
      ++n,
      `Live Jumat ${d.date.slice(8, 10)}/${d.date.slice(5, 7)}`,
      String(700_000 + n),
      'Selesai',
      'Penonton',
      slash(d.date),
      slash(d.date),
      '19:00',
      '21:00',
      100_000,
      viewers,
      orders,
      pct(orders, viewers),
      gmv,
      spend,
      dec(gmv, spend),
    ]);
  }
  return csv(rows);
}

/** The visit-source sheet of a shop-stats workbook: one row per channel for the period. */
export function visitSourceRows(days: readonly ShopDay[], ads: readonly AdRow[]): string[][] {
  const header = [
    'Sumber Kunjungan',
    'Rasio Penjualan',
    'Penjualan (IDR)',
    'Jumlah Produk Dilihat',
    'Produk Diklik',
    'Total Pesanan',
    'Produk',
    'Persentase Klik',
    'Tingkat Konversi Pesanan',
    'Penjualan per Pesanan',
    'Total Pembeli',
    'Produk Unik Dilihat',
    'Produk Unik Diklik',
  ];
  const sales = days.reduce((a, d) => a + d.sales, 0);
  const orders = days.reduce((a, d) => a + d.orders, 0);
  const views = days.reduce((a, d) => a + d.pageViews, 0);
  const clicks = days.reduce((a, d) => a + d.clicks, 0);
  const adShare = Math.min(0.5, ads.reduce((a, x) => a + x.gmv, 0) / Math.max(1, sales));
  const channels: [string, number][] = [
    ['Halaman Produk', 0.9 - adShare - 0.16],
    ['Live Penjual', 0.05],
    ['Video Penjual', 0.05],
    ['Affiliate', 0.06],
    ['Iklan Shopee', adShare],
  ];
  const rows = channels.map(([name, share]) => {
    const o = Math.round(orders * share);
    const s = Math.round(sales * share);
    const v = Math.round(views * share);
    const c = Math.round(clicks * share);
    return [
      name,
      formatBi(share, 'percent'),
      formatBi(s, 'dotted'),
      formatBi(v, 'dotted'),
      formatBi(c, 'dotted'),
      String(o),
      String(Math.round(o * 1.3)),
      formatBi(v ? c / v : 0, 'percent'),
      formatBi(c ? o / c : 0, 'percent'),
      formatBi(o ? s / o : 0, 'decimal'),
      String(Math.round(o * 0.95)),
      String(Math.round(v * 0.6)),
      String(Math.round(c * 0.7)),
    ];
  });
  return [header, ...rows];
}
