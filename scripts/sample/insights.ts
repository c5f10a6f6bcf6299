/**
 * Business Insights exports in Shopee's layout: per sheet, the header, Shopee's one-row period summary, a
 * blank row, the header again, then the daily rows (`DD-MM-YYYY`). Numbers are written the way Business
 * Insights writes them: integers plain or dotted (`28.200.952`), decimals with a comma (`118350,32`),
 * percentages `2,32%`, durations `00:12:30`.
 */
import * as XLSX from '@e965/xlsx';
import { isoDay, rng, type SimOrder } from './generate';

export type BiValue = number | null;
export type ColumnFormat = 'int' | 'dotted' | 'decimal' | 'percent' | 'duration';

/** One column of a Business Insights sheet: its verbatim header, how it is written, and its period value. */
export interface BiColumn<D> {
  header: string;
  format: ColumnFormat;
  value: (day: D) => BiValue;
  /** The period-summary value from the days (a sum, unless given). */
  summary?: (days: readonly D[]) => BiValue;
}

/** Visitors and buyers counted once per period: Shopee's summary is below the sum of the days. */
const distinct =
  <D>(v: (d: D) => number) =>
  (days: readonly D[]) =>
    Math.round(days.reduce((a, d) => a + v(d), 0) * 0.93);

const ID = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const ID2 = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

export function formatBi(v: BiValue, format: ColumnFormat): string {
  if (v === null || !Number.isFinite(v)) return '-';
  switch (format) {
    case 'int':
      return String(Math.round(v));
    case 'dotted':
      return ID.format(Math.round(v));
    case 'decimal':
      return ID2.format(v);
    case 'percent':
      return `${ID2.format(v * 100)}%`;
    case 'duration': {
      const s = Math.round(v);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
    }
  }
}

const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** A stacked sheet: header, period summary, blank, header, daily rows. */
export function stackedSheet<D extends { date: string }>(
  columns: readonly BiColumn<D>[],
  days: readonly D[],
  dateHeader = 'Tanggal',
): string[][] {
  const header = [dateHeader, ...columns.map((c) => c.header)];
  const period = `${dmy(days[0].date)}-${dmy(days[days.length - 1].date)}`;
  const sum = (c: BiColumn<D>) =>
    days.reduce<number | null>((a, d) => {
      const v = c.value(d);
      return v === null ? a : (a ?? 0) + v;
    }, null);
  const summary = [period, ...columns.map((c) => formatBi(c.summary ? c.summary(days) : sum(c), c.format))];
  const daily = days.map((d) => [dmy(d.date), ...columns.map((c) => formatBi(c.value(d), c.format))]);
  return [header, summary, [], header, ...daily];
}

export function biWorkbook(sheets: readonly { name: string; rows: string[][] }[]): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), s.name);
  return wb;
}

/** What Business Insights saw on one day, derived from the simulated orders of that day. */
export interface ShopDay {
  date: string;
  sales: number;
  orders: number;
  buyers: number;
  visitors: number;
  clicks: number;
  pageViews: number;
  newVisitors: number;
  cancelledOrders: number;
  cancelledSales: number;
  returnedOrders: number;
  returnedSales: number;
  newBuyers: number;
  followers: number;
  timeSpent: number;
  bounce: number;
  chats: number;
  chatsReplied: number;
  responseTime: number;
  firstResponse: number;
  chatOrders: number;
  chatBuyers: number;
  chatSales: number;
  csatGood: number;
  csatOk: number;
  csatBad: number;
  fsSales: number;
  fsOrders: number;
  fsBuyers: number;
  fsViews: number;
  fsClicks: number;
  vClaims: number;
  vOrders: number;
  vBuyers: number;
  vSales: number;
  vCost: number;
}

/** Daily Business Insights figures consistent with the orders: conversion, traffic and chats around them. */
export function shopDays(orders: readonly SimOrder[], from: string, to: string, seed: number): ShopDay[] {
  const r = rng(seed);
  const byDay = new Map<string, SimOrder[]>();
  for (const o of orders) {
    const d = isoDay(o.created);
    if (d >= from && d <= to) byDay.set(d, [...(byDay.get(d) ?? []), o]);
  }
  const days: ShopDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = isoDay(t);
    const os = byDay.get(date) ?? [];
    const sales = os.reduce((a, o) => a + o.subtotal, 0);
    const buyers = new Set(os.map((o) => o.buyer).filter(Boolean)).size;
    const cancelled = os.filter((o) => o.statusClass === 'cancelled');
    const conversion = 0.018 + 0.01 * r.next();
    const visitors = Math.max(os.length * 3, Math.round(os.length / conversion + r.int(20, 80)));
    const clicks = Math.round(visitors * (1.3 + 0.4 * r.next()));
    const chats = Math.round(os.length * (0.35 + 0.2 * r.next())) + r.int(2, 8);
    const replied = Math.round(chats * (0.78 + 0.2 * r.next()));
    const rated = Math.round(replied * 0.2);
    let csatBad = 0;
    let csatOk = 0;
    for (let i = 0; i < rated; i++) {
      const x = r.next();
      if (x < 0.05) csatBad++;
      else if (x < 0.15) csatOk++;
    }
    const campaign = os.length > 0 && new Date(t).getUTCDate() === new Date(t).getUTCMonth() + 1;
    const fsOrders = campaign ? Math.round(os.length * 0.3) : Math.round(os.length * 0.05 * r.next());
    const vOrders = Math.round(os.length * (campaign ? 0.5 : 0.2) * r.next());
    days.push({
      date,
      sales,
      orders: os.length,
      buyers,
      visitors,
      clicks,
      pageViews: Math.round(clicks * (1.8 + 0.6 * r.next())),
      newVisitors: Math.round(visitors * (0.55 + 0.15 * r.next())),
      cancelledOrders: cancelled.length,
      cancelledSales: cancelled.reduce((a, o) => a + o.subtotal, 0),
      returnedOrders: os.filter((o) => o.lines.some((l) => l.returnedQty > 0)).length,
      returnedSales: os.reduce((a, o) => a + o.lines.reduce((s, l) => s + l.returnedQty * l.dealPrice, 0), 0),
      newBuyers: Math.round(buyers * (0.75 + 0.2 * r.next())),
      followers: r.int(0, 12),
      timeSpent: r.int(40, 160),
      bounce: 0.45 + 0.2 * r.next(),
      chats,
      chatsReplied: replied,
      responseTime: r.int(120, 1800),
      firstResponse: r.int(60, 900),
      chatOrders: Math.round(os.length * 0.12),
      chatBuyers: Math.round(buyers * 0.12),
      chatSales: Math.round(sales * 0.12),
      csatGood: rated - csatBad - csatOk,
      csatOk,
      csatBad,
      fsSales: Math.round((sales * fsOrders) / Math.max(1, os.length)),
      fsOrders,
      fsBuyers: fsOrders,
      fsViews: Math.round(visitors * 0.2),
      fsClicks: Math.round(visitors * 0.05),
      vClaims: vOrders * 3 + r.int(0, 10),
      vOrders,
      vBuyers: vOrders,
      vSales: Math.round((sales * vOrders) / Math.max(1, os.length)),
      vCost: vOrders * r.pick([1_000, 2_000, 5_000]),
    });
  }
  return days;
}

const ratio = (a: (d: ShopDay) => number, b: (d: ShopDay) => number) => (days: readonly ShopDay[]) => {
  const den = days.reduce((s, d) => s + b(d), 0);
  return den ? days.reduce((s, d) => s + a(d), 0) / den : null;
};
/** A duration or rate averaged over days weighted by `w` (how Shopee's summary row reads). */
const weighted = (v: (d: ShopDay) => number, w: (d: ShopDay) => number) => (days: readonly ShopDay[]) => {
  const den = days.reduce((s, d) => s + w(d), 0);
  return den ? days.reduce((s, d) => s + v(d) * w(d), 0) / den : null;
};

/** 3.5.1: shop stats, 16 columns, one sheet per order basis. */
export const SHOP_STATS_COLUMNS: BiColumn<ShopDay>[] = [
  { header: 'Total Penjualan (IDR)', format: 'int', value: (d) => d.sales },
  { header: 'Total Pesanan', format: 'int', value: (d) => d.orders },
  {
    header: 'Penjualan per Pesanan',
    format: 'decimal',
    value: (d) => (d.orders ? d.sales / d.orders : 0),
    summary: ratio(
      (d) => d.sales,
      (d) => d.orders,
    ),
  },
  { header: 'Produk Diklik', format: 'int', value: (d) => d.clicks },
  { header: 'Total Pengunjung', format: 'int', value: (d) => d.visitors, summary: distinct((d) => d.visitors) },
  {
    header: 'Tingkat Konversi Pesanan',
    format: 'percent',
    value: (d) => (d.clicks ? d.orders / d.clicks : 0),
    summary: ratio(
      (d) => d.orders,
      (d) => d.clicks,
    ),
  },
  { header: 'Pesanan Dibatalkan', format: 'int', value: (d) => d.cancelledOrders },
  { header: 'Penjualan Dibatalkan', format: 'int', value: (d) => d.cancelledSales },
  { header: 'Pesanan Dikembalikan', format: 'int', value: (d) => d.returnedOrders },
  { header: 'Penjualan Dikembalikan', format: 'int', value: (d) => d.returnedSales },
  { header: 'Pembeli', format: 'int', value: (d) => d.buyers, summary: distinct((d) => d.buyers) },
  { header: 'Total Pembeli Baru', format: 'int', value: (d) => d.newBuyers, summary: distinct((d) => d.newBuyers) },
  { header: 'Total Pembeli Saat Ini', format: 'int', value: (d) => d.buyers - d.newBuyers },
  { header: 'Total Potensi Pembeli', format: 'int', value: (d) => Math.round(d.visitors * 0.1) },
  {
    header: 'Tingkat Pembelian Berulang',
    format: 'percent',
    value: (d) => (d.buyers ? (d.buyers - d.newBuyers) / d.buyers : 0),
    summary: ratio(
      (d) => d.buyers - d.newBuyers,
      (d) => d.buyers,
    ),
  },
];

/** 3.5.3b: traffic overview, one sheet per platform (`Semua`, `Situs`, `Aplikasi`). */
export const TRAFFIC_COLUMNS: BiColumn<ShopDay>[] = [
  { header: 'Produk Dilihat', format: 'dotted', value: (d) => d.pageViews },
  {
    header: 'Rata-rata Dilihat',
    format: 'decimal',
    value: (d) => d.pageViews / Math.max(1, d.visitors),
    summary: ratio(
      (d) => d.pageViews,
      (d) => d.visitors,
    ),
  },
  {
    header: 'Rata-rata Waktu Dihabiskan',
    format: 'duration',
    value: (d) => d.timeSpent,
    summary: weighted(
      (d) => d.timeSpent,
      (d) => d.visitors,
    ),
  },
  {
    header: 'Tingkat Pengunjung Melihat Tanpa Membeli',
    format: 'percent',
    value: (d) => d.bounce,
    summary: weighted(
      (d) => d.bounce,
      (d) => d.visitors,
    ),
  },
  { header: 'Total Pengunjung', format: 'dotted', value: (d) => d.visitors, summary: distinct((d) => d.visitors) },
  { header: 'Pengunjung Baru', format: 'dotted', value: (d) => d.newVisitors, summary: distinct((d) => d.newVisitors) },
  { header: 'Pengunjung Lama', format: 'dotted', value: (d) => d.visitors - d.newVisitors },
  { header: 'Jumlah Pengikut Baru', format: 'int', value: (d) => d.followers },
];

/** The app and web split of a day's traffic (the `Aplikasi` and `Situs` sheets). */
export const platformShare = (d: ShopDay, app: boolean): ShopDay => {
  const part = (n: number) => (app ? Math.round(n * 0.86) : n - Math.round(n * 0.86));
  return {
    ...d,
    pageViews: part(d.pageViews),
    visitors: part(d.visitors),
    newVisitors: part(d.newVisitors),
    followers: part(d.followers),
  };
};

/** 3.5.4: chat performance, `Grafik Kriteria` (daily) with the `Kriteria Utama` header. */
export const CHAT_COLUMNS: BiColumn<ShopDay>[] = [
  { header: 'Pengunjung', format: 'int', value: (d) => d.visitors, summary: distinct((d) => d.visitors) },
  { header: 'Jumlah Chat', format: 'int', value: (d) => d.chats },
  { header: 'Pengunjung Bertanya', format: 'int', value: (d) => Math.round(d.chats * 0.9) },
  { header: 'Pertanyaan Diajukan', format: 'int', value: (d) => Math.round(d.chats * 1.4) },
  { header: 'Chat Dibalas', format: 'int', value: (d) => d.chatsReplied },
  { header: 'Chat Belum Dibalas', format: 'int', value: (d) => d.chats - d.chatsReplied },
  {
    header: 'Waktu Respon Rata-rata',
    format: 'duration',
    value: (d) => d.responseTime,
    summary: weighted(
      (d) => d.responseTime,
      (d) => d.chatsReplied,
    ),
  },
  {
    header: 'CSAT %',
    format: 'percent',
    value: (d) => csat(d),
    summary: ratio(
      (d) => d.csatGood,
      (d) => d.csatGood + d.csatOk + d.csatBad,
    ),
  },
  {
    header: 'Waktu Respon Chat Pertama Kali',
    format: 'duration',
    value: (d) => d.firstResponse,
    summary: weighted(
      (d) => d.firstResponse,
      (d) => d.chatsReplied,
    ),
  },
  {
    header: 'Tingkat Konversi (Jumlah Chat yang Direspon)',
    format: 'percent',
    value: (d) => (d.chatsReplied ? d.chatOrders / d.chatsReplied : 0),
    summary: ratio(
      (d) => d.chatOrders,
      (d) => d.chatsReplied,
    ),
  },
  { header: 'Total Pembeli', format: 'int', value: (d) => d.chatBuyers, summary: distinct((d) => d.chatBuyers) },
  { header: 'Total Pesanan', format: 'int', value: (d) => d.chatOrders },
  { header: 'Produk', format: 'int', value: (d) => d.chatOrders },
  { header: 'Penjualan (IDR)', format: 'int', value: (d) => d.chatSales },
  {
    header: 'Tingkat Konversi (Chat Dibalas)',
    format: 'percent',
    value: (d) => (d.chatsReplied ? d.chatBuyers / d.chatsReplied : 0),
    summary: ratio(
      (d) => d.chatBuyers,
      (d) => d.chatsReplied,
    ),
  },
];
const csat = (d: ShopDay) => {
  const n = d.csatGood + d.csatOk + d.csatBad;
  return n ? d.csatGood / n : null;
};

/** `Rincian CSAT`: ratings and reasons. */
export const CSAT_COLUMNS: BiColumn<ShopDay>[] = [
  {
    header: 'CSAT %',
    format: 'percent',
    value: csat,
    summary: ratio(
      (d) => d.csatGood,
      (d) => d.csatGood + d.csatOk + d.csatBad,
    ),
  },
  { header: 'Penilaian Baik', format: 'int', value: (d) => d.csatGood },
  { header: 'Penilaian Cukup', format: 'int', value: (d) => d.csatOk },
  { header: 'Penilaian Buruk', format: 'int', value: (d) => d.csatBad },
  { header: 'Tidak ada alasan dipilih', format: 'int', value: (d) => Math.round((d.csatOk + d.csatBad) / 3) },
  { header: 'Respon terlalu lama', format: 'int', value: (d) => d.csatBad },
  { header: 'Masalah tidak selesai', format: 'int', value: (d) => Math.round(d.csatOk / 2) },
  { header: 'Tidak sopan', format: 'int', value: () => 0 },
  { header: 'Lainnya', format: 'int', value: (d) => d.csatOk - Math.round(d.csatOk / 2) },
];

/** 3.5.5a: shop flash sale. */
export const FLASH_SALE_COLUMNS: BiColumn<ShopDay>[] = [
  { header: 'Penjualan (Pesanan Dibuat)(Rp)', format: 'int', value: (d) => d.fsSales },
  { header: 'Penjualan (Pesanan Siap Dikirim)(Rp)', format: 'int', value: (d) => Math.round(d.fsSales * 0.92) },
  { header: 'Pesanan (Pesanan Dibuat)', format: 'int', value: (d) => d.fsOrders },
  { header: 'Pesanan (Pesanan Siap Dikirim)', format: 'int', value: (d) => Math.round(d.fsOrders * 0.92) },
  { header: 'Pembeli (Pesanan Dibuat)', format: 'int', value: (d) => d.fsBuyers },
  { header: 'Pembeli (Pesanan Siap Dikirim)', format: 'int', value: (d) => Math.round(d.fsBuyers * 0.92) },
  {
    header: 'Persentase Klik',
    format: 'percent',
    value: (d) => (d.fsViews ? d.fsClicks / d.fsViews : 0),
    summary: ratio(
      (d) => d.fsClicks,
      (d) => d.fsViews,
    ),
  },
  { header: 'Jumlah Produk Dilihat', format: 'int', value: (d) => d.fsViews },
  { header: 'Produk Diklik', format: 'int', value: (d) => d.fsClicks },
  {
    header: 'Penjualan per Pembeli (Pesanan Dibuat)(Rp)',
    format: 'decimal',
    value: (d) => (d.fsBuyers ? d.fsSales / d.fsBuyers : 0),
    summary: ratio(
      (d) => d.fsSales,
      (d) => d.fsBuyers,
    ),
  },
  {
    header: 'Penjualan per Pembeli (Pesanan Siap Dikirim)(Rp)',
    format: 'decimal',
    value: (d) => (d.fsBuyers ? d.fsSales / d.fsBuyers : 0),
    summary: ratio(
      (d) => d.fsSales,
      (d) => d.fsBuyers,
    ),
  },
];

/** 3.5.5b: vouchers. */
export const VOUCHER_COLUMNS: BiColumn<ShopDay>[] = [
  { header: 'Penjualan (Pesanan Dibuat) (IDR)', format: 'int', value: (d) => d.vSales },
  { header: 'Penjualan (Pesanan Siap Dikirim) (IDR)', format: 'int', value: (d) => Math.round(d.vSales * 0.93) },
  { header: 'Klaim', format: 'int', value: (d) => d.vClaims },
  { header: 'Pesanan (Pesanan Dibuat)', format: 'int', value: (d) => d.vOrders },
  { header: 'Pesanan (Pesanan Siap Dikirim)', format: 'int', value: (d) => Math.round(d.vOrders * 0.93) },
  {
    header: 'Tingkat Penggunaan (Pesanan Dibuat)',
    format: 'percent',
    value: (d) => (d.vClaims ? d.vOrders / d.vClaims : 0),
    summary: ratio(
      (d) => d.vOrders,
      (d) => d.vClaims,
    ),
  },
  {
    header: 'Tingkat Penggunaan (Pesanan Siap Dikirim)',
    format: 'percent',
    value: (d) => (d.vClaims ? (d.vOrders * 0.93) / d.vClaims : 0),
    summary: ratio(
      (d) => d.vOrders * 0.93,
      (d) => d.vClaims,
    ),
  },
  { header: 'Pembeli (Pesanan Dibuat)', format: 'int', value: (d) => d.vBuyers },
  { header: 'Pembeli (Pesanan Siap Dikirim)', format: 'int', value: (d) => Math.round(d.vBuyers * 0.93) },
  { header: 'Total Biaya (Pesanan Dibuat) (IDR)', format: 'int', value: (d) => d.vCost },
  { header: 'Total Biaya (Pesanan Siap Dikirim) (IDR)', format: 'int', value: (d) => Math.round(d.vCost * 0.93) },
];

/** 3.5.3a: sales overview (a 1-row period summary, a blank row, then the daily series). */
export const SALES_OVERVIEW_COLUMNS: BiColumn<ShopDay>[] = [
  {
    header: 'Total Pengunjung (Kunjungan)',
    format: 'dotted',
    value: (d) => d.visitors,
    summary: distinct((d) => d.visitors),
  },
  {
    header: 'Total Pembeli (Pesanan Dibuat)',
    format: 'int',
    value: (d) => d.buyers,
    summary: distinct((d) => d.buyers),
  },
  { header: 'Total Produk Dipesan', format: 'int', value: (d) => Math.round(d.orders * 1.3) },
  { header: 'Produk (Pesanan Dibuat)', format: 'int', value: (d) => Math.round(d.orders * 1.4) },
  { header: 'Penjualan (Pesanan Dibuat) (IDR)', format: 'dotted', value: (d) => d.sales },
  {
    header: 'Tingkat Konversi (Pesanan Dibuat dibagi Kunjungan)',
    format: 'percent',
    value: (d) => (d.visitors ? d.buyers / d.visitors : 0),
    summary: ratio(
      (d) => d.buyers,
      (d) => d.visitors,
    ),
  },
  {
    header: 'Total Pembeli (Pesanan Siap Dikirim)',
    format: 'int',
    value: (d) => Math.round(d.buyers * 0.9),
    summary: distinct((d) => Math.round(d.buyers * 0.9)),
  },
  { header: 'Produk (Pesanan Siap Dikirim)', format: 'int', value: (d) => Math.round(d.orders * 1.25) },
  { header: 'Pesanan (COD Dibuat + non-COD Dibayar)', format: 'int', value: (d) => Math.round(d.orders * 0.9) },
  { header: 'Penjualan (Pesanan Siap Dikirim) (IDR)', format: 'dotted', value: (d) => Math.round(d.sales * 0.9) },
  {
    header: 'Penjualan per Pembeli (Pesanan COD Dibuat + non-COD Dibayar) (IDR)',
    format: 'decimal',
    value: (d) => (d.buyers ? (d.sales * 0.9) / (d.buyers * 0.9) : 0),
    summary: ratio(
      (d) => d.sales,
      (d) => d.buyers,
    ),
  },
  {
    header: 'Tingkat Konversi (Pesanan Siap Dikirim dibagi Pesanan Dibuat)',
    format: 'percent',
    value: () => 0.9,
    summary: () => 0.9,
  },
];

/** Visitors who added a product to the cart. */
const cartVisitors = (d: ShopDay) => Math.round(d.visitors * 0.08);

/** 3.5.3c: product overview, daily series with add-to-cart. */
export const PRODUCT_OVERVIEW_COLUMNS: BiColumn<ShopDay>[] = [
  {
    header: 'Pengunjung Produk (Kunjungan)',
    format: 'dotted',
    value: (d) => Math.round(d.visitors * 0.9),
    summary: distinct((d) => Math.round(d.visitors * 0.9)),
  },
  { header: 'Halaman Produk Dilihat', format: 'dotted', value: (d) => d.pageViews },
  { header: 'Produk Dikunjungi', format: 'int', value: () => 20, summary: () => 20 },
  {
    header: 'Pengunjung Melihat Tanpa Membeli',
    format: 'int',
    value: (d) => Math.round(d.visitors * 0.9 * d.bounce),
    summary: distinct((d) => Math.round(d.visitors * 0.9 * d.bounce)),
  },
  {
    header: 'Tingkat Pengunjung Melihat Tanpa Membeli',
    format: 'percent',
    value: (d) => d.bounce,
    summary: weighted(
      (d) => d.bounce,
      (d) => d.visitors,
    ),
  },
  { header: 'Klik Pencarian', format: 'int', value: (d) => Math.round(d.clicks * 0.3) },
  { header: 'Suka', format: 'int', value: (d) => d.followers * 2 },
  {
    header: 'Pengunjung Produk (Menambahkan Produk ke Keranjang)',
    format: 'int',
    value: (d) => cartVisitors(d),
    summary: distinct(cartVisitors),
  },
  { header: 'Dimasukkan ke Keranjang (Produk)', format: 'int', value: (d) => Math.round(cartVisitors(d) * 1.3) },
  {
    header: 'Tingkat Konversi Produk Dimasukkan ke Keranjang',
    format: 'percent',
    value: (d) => cartVisitors(d) / Math.max(1, d.visitors),
    summary: ratio(cartVisitors, (d) => d.visitors),
  },
  {
    header: 'Total Pembeli (Pesanan Dibuat)',
    format: 'int',
    value: (d) => d.buyers,
    summary: distinct((d) => d.buyers),
  },
  { header: 'Produk (Pesanan Dibuat)', format: 'int', value: (d) => Math.round(d.orders * 1.4) },
  { header: 'Produk Dipesan', format: 'int', value: (d) => Math.min(20, d.orders) },
  { header: 'Total Penjualan (Pesanan Dibuat) (IDR)', format: 'dotted', value: (d) => d.sales },
  {
    header: 'Tingkat Konversi (Pesanan yang Dibuat)',
    format: 'percent',
    value: (d) => d.buyers / Math.max(1, d.visitors),
    summary: ratio(
      (d) => d.buyers,
      (d) => d.visitors,
    ),
  },
  {
    header: 'Total Pembeli (Pesanan Siap Dikirim)',
    format: 'int',
    value: (d) => Math.round(d.buyers * 0.9),
    summary: distinct((d) => Math.round(d.buyers * 0.9)),
  },
  { header: 'Produk (Pesanan Siap Dikirim)', format: 'int', value: (d) => Math.round(d.orders * 1.25) },
  { header: 'Produk Siap Dikirim', format: 'int', value: (d) => Math.min(18, d.orders) },
  { header: 'Penjualan (Pesanan Siap Dikirim) (IDR)', format: 'dotted', value: (d) => Math.round(d.sales * 0.9) },
  {
    header: 'Tingkat Konversi (Pesanan Siap Dikirim)',
    format: 'percent',
    value: (d) => (d.buyers * 0.9) / Math.max(1, d.visitors),
    summary: ratio(
      (d) => d.buyers * 0.9,
      (d) => d.visitors,
    ),
  },
  {
    header: 'Tingkat Konversi (Pesanan Siap Dikirim dibagi Pesanan Dibuat)',
    format: 'percent',
    value: () => 0.9,
    summary: () => 0.9,
  },
];
/** The Business Insights workbooks of one period, keyed by their file-name stem. */
export function insightWorkbooks(days: readonly ShopDay[]) {
  const basis = (k: number) =>
    days.map((d) => ({
      ...d,
      orders: Math.round(d.orders * k),
      sales: Math.round(d.sales * k),
      buyers: Math.round(d.buyers * k),
    }));
  return {
    shopStats: biWorkbook([
      { name: 'Pesanan Dibuat', rows: stackedSheet(SHOP_STATS_COLUMNS, days) },
      { name: 'Pesanan Siap Dikirim', rows: stackedSheet(SHOP_STATS_COLUMNS, basis(0.9)) },
      { name: 'Pesanan Dibayar', rows: stackedSheet(SHOP_STATS_COLUMNS, basis(0.86)) },
    ]),
    traffic: biWorkbook([
      { name: 'Semua', rows: stackedSheet(TRAFFIC_COLUMNS, days) },
      {
        name: 'Situs',
        rows: stackedSheet(
          TRAFFIC_COLUMNS,
          days.map((d) => platformShare(d, false)),
        ),
      },
      {
        name: 'Aplikasi',
        rows: stackedSheet(
          TRAFFIC_COLUMNS,
          days.map((d) => platformShare(d, true)),
        ),
      },
    ]),
    chat: biWorkbook([
      { name: 'Kriteria Utama', rows: stackedSheet(CHAT_COLUMNS, days, 'Periode Waktu').slice(0, 2) },
      { name: 'Grafik Kriteria', rows: stackedSheet(CHAT_COLUMNS, days, 'Periode Waktu').slice(3) },
      { name: 'Rincian CSAT', rows: stackedSheet(CSAT_COLUMNS, days, 'Periode Waktu') },
    ]),
    flashSale: biWorkbook([{ name: 'Sheet1', rows: stackedSheet(FLASH_SALE_COLUMNS, days, 'Periode Waktu') }]),
    voucher: biWorkbook([{ name: 'Sheet1', rows: stackedSheet(VOUCHER_COLUMNS, days, 'Periode Waktu') }]),
    salesOverview: biWorkbook([{ name: 'Sheet1', rows: stackedSheet(SALES_OVERVIEW_COLUMNS, days) }]),
    productOverview: biWorkbook([{ name: 'Sheet1', rows: stackedSheet(PRODUCT_OVERVIEW_COLUMNS, days) }]),
  };
}
