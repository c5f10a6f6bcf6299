/**
 * An independent calculation of the metrics, for tests: plain TypeScript over rows read straight from the
 * files with SheetJS and the header names, written without the importer, the merge SQL or the KPI SQL.
 */
import * as XLSX from '@e965/xlsx';

type Row = Record<string, unknown>;

export interface IndependentLine {
  orderId: string;
  product: string;
  variation: string;
  sku: string;
  status: string;
  created: string;
  qty: number;
  returned: number;
  subtotal: number;
  sellerDiscount: number;
  sellerVoucher: number;
  bundleSeller: number;
  buyer: string;
  parentSku: string;
  province: string;
  payment: string;
  shipping: string;
  paid: boolean;
  shipArranged: boolean;
}

const idInt = (v: unknown): number => {
  if (v === null || v === undefined || v === '' || v === '-') return 0;
  if (typeof v === 'number') return v;
  const s = String(v)
    .replace(/^RP\s*/i, '')
    .trim();
  return Number(s.replace(/\./g, '').replace(',', '.'));
};
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const pick = (r: Row, ...names: string[]) =>
  names.map((n) => r[n]).find((v) => v !== undefined && v !== null && v !== '');

function sheetObjects(ws: XLSX.WorkSheet, headerRowIndex: number): Row[] {
  return XLSX.utils.sheet_to_json<Row>(ws, { range: headerRowIndex, defval: null, raw: true });
}

export interface IndependentFile {
  lines: IndependentLine[];
  /** Latest of the creation, payment, shipping-arranged and completion times (text compares as time). */
  snapshot: string;
}

/** An order export read independently: the header is the first row with `No. Pesanan` / `Order ID`. */
export function readOrderFile(bytes: Uint8Array): IndependentFile {
  const wb = XLSX.read(bytes, { type: 'array' });
  const ws = wb.Sheets[wb.SheetNames[0]];
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
  const h = aoa.findIndex((r) => r.includes('No. Pesanan') || r.includes('Order ID'));
  let snapshot = '';
  const lines: IndependentLine[] = [];
  for (const r of sheetObjects(ws, h)) {
    const orderId = str(pick(r, 'No. Pesanan', 'Order ID'));
    if (!orderId) continue;
    for (const k of [
      'Waktu Pesanan Dibuat',
      'Waktu Pembayaran Dilakukan',
      'Waktu Pengiriman Diatur',
      'Waktu Pesanan Selesai',
    ]) {
      const t = str(r[k]);
      if (/^\d{4}-/.test(t) && t > snapshot) snapshot = t;
    }
    const qty = idInt(pick(r, 'Jumlah', 'Quantity'));
    const sub = pick(r, 'Subtotal Pesanan', 'Total Harga Produk', 'Product Subtotal');
    lines.push({
      orderId,
      product: str(pick(r, 'Nama Produk', 'Product Name')),
      variation: str(pick(r, 'Nama Variasi', 'Variation Name')),
      sku: str(pick(r, 'Nomor Referensi SKU', 'SKU Reference No.')),
      status: str(pick(r, 'Status Pesanan', 'Order Status')),
      created: str(pick(r, 'Waktu Pesanan Dibuat', 'Order Creation Date')).slice(0, 10),
      qty,
      returned: idInt(r['Returned quantity']),
      subtotal: sub === undefined ? idInt(r['Harga Setelah Diskon']) * qty : idInt(sub),
      sellerDiscount: idInt(r['Diskon Dari Penjual']),
      sellerVoucher: idInt(r['Voucher Ditanggung Penjual']),
      bundleSeller: idInt(r['Paket Diskon (Diskon dari Penjual)']),
      buyer: str(pick(r, 'Username (Pembeli)', 'Username (Buyer)')),
      parentSku: str(pick(r, 'SKU Induk', 'Parent SKU Reference No.')),
      province: str(pick(r, 'Provinsi', 'Province')),
      payment: str(pick(r, 'Metode Pembayaran', 'Payment Method')),
      shipping: str(pick(r, 'Opsi Pengiriman', 'Shipping Option')),
      paid: /^\d{4}-/.test(str(pick(r, 'Waktu Pembayaran Dilakukan', 'Order Paid Time'))),
      shipArranged: /^\d{4}-/.test(str(pick(r, 'Waktu Pengiriman Diatur', 'Ship Time'))),
    });
  }
  return { lines, snapshot };
}

export const statusKind = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim().toLowerCase();
  if (t === 'batal' || t === 'cancelled') return 'cancelled';
  if (t === 'belum bayar' || t === 'unpaid') return 'unpaid';
  if (t === 'selesai' || t === 'completed' || t.startsWith('pesanan diterima')) return 'completed';
  return 'open';
};
const isFinal = (s: string) => ['cancelled', 'completed'].includes(statusKind(s));

/** Merges files in import order with METRICS.md's rule: final beats non-final, newer snapshot, later import. */
export function mergeFiles(files: readonly IndependentFile[]): IndependentLine[] {
  const best = new Map<string, { line: IndependentLine; final: boolean; snapshot: string; seq: number }>();
  files.forEach((f, seq) => {
    const occ = new Map<string, number>();
    for (const line of f.lines) {
      const base = [line.orderId, line.product, line.variation, line.sku].join('|');
      const n = occ.get(base) ?? 0;
      occ.set(base, n + 1);
      const key = `${base}|${n}`;
      const cand = { line, final: isFinal(line.status), snapshot: f.snapshot, seq };
      const cur = best.get(key);
      const wins =
        !cur ||
        (cand.final !== cur.final
          ? cand.final
          : cand.snapshot !== cur.snapshot
            ? cand.snapshot > cur.snapshot
            : cand.seq > cur.seq);
      if (wins) best.set(key, cand);
    }
  });
  return [...best.values()].map((b) => b.line);
}

export interface IndependentOrderMetrics {
  placed_orders: number;
  cancelled_orders: number;
  orders: number;
  sales: number;
  units: number;
  buyers: number;
  aov: number | null;
  cancel_rate: number | null;
  returned_units: number;
  repeat_buyer_rate: number | null;
  new_buyers: number;
  seller_discount: number;
}

/**
 * Order metrics of METRICS.md over merged lines, for orders created from `from` to `to` inclusive, and of
 * those only the orders `keep` accepts (a filter). A new buyer's first order is their first in the whole shop.
 */
export function orderMetrics(
  lines: readonly IndependentLine[],
  from: string,
  to: string,
  keep: (l: IndependentLine) => boolean = () => true,
  /**
   * A product or SKU filter: an order counts when one of its lines passes, with only those lines'
   * amounts (its order-level vouchers belong to no line).
   */
  keepLine?: (l: IndependentLine) => boolean,
): IndependentOrderMetrics {
  const byOrder = new Map<string, IndependentLine[]>();
  for (const l of lines) {
    const list = byOrder.get(l.orderId) ?? [];
    list.push(l);
    byOrder.set(l.orderId, list);
  }
  const firstValid = new Map<string, string>();
  for (const ls of byOrder.values()) {
    const k = statusKind(ls[0].status);
    if (k === 'cancelled' || k === 'unpaid' || !ls[0].buyer) continue;
    const prev = firstValid.get(ls[0].buyer);
    if (!prev || ls[0].created < prev) firstValid.set(ls[0].buyer, ls[0].created);
  }
  let placed = 0;
  let cancelled = 0;
  let orders = 0;
  let sales = 0;
  let units = 0;
  let returned = 0;
  let discount = 0;
  const buyerOrders = new Map<string, number>();
  for (const ls of byOrder.values()) {
    const o = ls[0];
    const kept = keepLine ? ls.filter(keepLine) : ls;
    if (o.created < from || o.created > to || !keep(o) || !kept.length) continue;
    placed++;
    const k = statusKind(o.status);
    if (k === 'cancelled') cancelled++;
    if (k === 'cancelled' || k === 'unpaid') continue;
    orders++;
    for (const l of kept) {
      sales += l.subtotal;
      units += l.qty;
      returned += l.returned;
      discount += l.sellerDiscount;
    }
    if (!keepLine) discount += o.sellerVoucher + o.bundleSeller;
    if (o.buyer) buyerOrders.set(o.buyer, (buyerOrders.get(o.buyer) ?? 0) + 1);
  }
  const buyers = buyerOrders.size;
  const repeat = [...buyerOrders.values()].filter((n) => n >= 2).length;
  const newBuyers = [...buyerOrders.keys()].filter((b) => (firstValid.get(b) ?? '') >= from).length;
  return {
    placed_orders: placed,
    cancelled_orders: cancelled,
    orders,
    sales,
    units,
    buyers,
    aov: orders ? sales / orders : null,
    cancel_rate: placed ? cancelled / placed : null,
    returned_units: returned,
    repeat_buyer_rate: buyers ? repeat / buyers : null,
    new_buyers: newBuyers,
    seller_discount: discount,
  };
}

export interface IndependentIncomeRow {
  orderId: string;
  released: string;
  net: number;
}

/**
 * Income rows read independently. 2025 layouts: `Total Penghasilan` of each row under the header that has
 * it. 2026 layout: Σ of the columns whose top header cell (merged) is "Rincian Jumlah Pelepasan Dana", over
 * the `Order` rows.
 */
export function readIncomeFile(bytes: Uint8Array): { rows: IndependentIncomeRow[]; summaryTotal: number | null } {
  const wb = XLSX.read(bytes, { type: 'array' });
  const rows: IndependentIncomeRow[] = [];
  let summaryTotal: number | null = null;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
    if (name === 'Summary') {
      const r = aoa.find((x) => str(x[0]).startsWith('3. Total yang Dilepas'));
      if (r) summaryTotal = Number(r[1]);
      continue;
    }
    const h25 = aoa.findIndex((r) => r.includes('Total Penghasilan') && r.includes('No. Pesanan'));
    if (h25 >= 0) {
      for (const r of sheetObjects(ws, h25)) {
        if (!str(r['No. Pesanan'])) continue;
        rows.push({
          orderId: str(r['No. Pesanan']),
          released: str(r['Tanggal Dana Dilepaskan']),
          net: Number(r['Total Penghasilan']),
        });
      }
      continue;
    }
    const h26 = aoa.findIndex((r) => r.includes('Lihat berdasarkan'));
    if (h26 < 0) continue;
    const header = aoa[h26];
    const group = ws['!merges']?.find((m) => m.s.r === 0 && str(aoa[0][m.s.c]) === 'Rincian Jumlah Pelepasan Dana');
    if (!group) throw new Error('no payout group');
    const iView = header.indexOf('Lihat berdasarkan');
    const iId = header.indexOf('No. Pesanan');
    const iRel = header.indexOf('Tanggal Dana Dilepaskan');
    for (const r of aoa.slice(h26 + 1)) {
      if (str(r[iView]) !== 'Order') continue;
      let net = 0;
      for (let c = group.s.c; c <= group.e.c; c++) net += idInt(r[c]);
      rows.push({ orderId: str(r[iId]), released: str(r[iRel]), net });
    }
  }
  return { rows, summaryTotal };
}

/** Σ net payout over income rows released from `from` to `to`, the same order id kept once (last file wins). */
export function netPayout(files: readonly IndependentIncomeRow[][], from: string, to: string): number {
  const latest = new Map<string, IndependentIncomeRow>();
  for (const rows of files) for (const r of rows) latest.set(r.orderId, r);
  let sum = 0;
  for (const r of latest.values()) if (r.released >= from && r.released <= to) sum += r.net;
  return sum;
}

/** Valid orders of a range with their lines (METRICS.md: neither cancelled nor unpaid). */
function validOrders(lines: readonly IndependentLine[], from: string, to: string): IndependentLine[][] {
  const byOrder = new Map<string, IndependentLine[]>();
  for (const l of lines) {
    if (l.created < from || l.created > to) continue;
    const k = statusKind(l.status);
    if (k === 'cancelled' || k === 'unpaid') continue;
    byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), l]);
  }
  return [...byOrder.values()];
}

/** Sales per group of lines (products, SKUs) or of orders (province, payment, shipping), largest first. */
export function salesBy(
  lines: readonly IndependentLine[],
  from: string,
  to: string,
  key: (l: IndependentLine) => string,
  perOrder: boolean,
): Map<string, { sales: number; orders: number; units: number }> {
  const out = new Map<string, { sales: number; orders: Set<string>; units: number }>();
  for (const order of validOrders(lines, from, to)) {
    for (const l of perOrder ? [order[0]] : order) {
      const k = key(l);
      const g = out.get(k) ?? { sales: 0, orders: new Set<string>(), units: 0 };
      g.sales += perOrder ? order.reduce((a, x) => a + x.subtotal, 0) : l.subtotal;
      g.units += perOrder ? order.reduce((a, x) => a + x.qty, 0) : l.qty;
      g.orders.add(l.orderId);
      out.set(k, g);
    }
  }
  return new Map(
    [...out.entries()]
      .sort((a, b) => b[1].sales - a[1].sales || (a[0] < b[0] ? -1 : 1))
      .map(([k, g]) => [k, { sales: g.sales, orders: g.orders.size, units: g.units }]),
  );
}

/** Per key (a SKU), the buyers of the range's valid orders, and those with two or more of its orders. */
export function buyersBy(
  lines: readonly IndependentLine[],
  from: string,
  to: string,
  key: (l: IndependentLine) => string,
): Map<string, { buyers: number; repeaters: number }> {
  const orders = new Map<string, Map<string, Set<string>>>();
  for (const order of validOrders(lines, from, to)) {
    for (const l of order) {
      if (!l.buyer) continue;
      const byBuyer = orders.get(key(l)) ?? new Map<string, Set<string>>();
      byBuyer.set(l.buyer, (byBuyer.get(l.buyer) ?? new Set<string>()).add(l.orderId));
      orders.set(key(l), byBuyer);
    }
  }
  return new Map(
    [...orders.entries()].map(([k, b]) => [
      k,
      { buyers: b.size, repeaters: [...b.values()].filter((s) => s.size >= 2).length },
    ]),
  );
}

/** The status funnel of the orders placed in a range. */
export function funnelOf(lines: readonly IndependentLine[], from: string, to: string) {
  const orders = new Map<string, IndependentLine>();
  for (const l of lines) if (l.created >= from && l.created <= to) orders.set(l.orderId, l);
  let paid = 0;
  let shipped = 0;
  let completed = 0;
  let cancelled = 0;
  for (const o of orders.values()) {
    const t = o.status.trim().toLowerCase();
    const isShipped =
      o.shipArranged || ['sedang dikirim', 'telah dikirim'].includes(t) || statusKind(o.status) === 'completed';
    if (isShipped) shipped++;
    if (o.paid || t === 'perlu dikirim' || isShipped) paid++;
    if (statusKind(o.status) === 'completed') completed++;
    if (statusKind(o.status) === 'cancelled') cancelled++;
  }
  return { placed: orders.size, paid, shipped, completed, cancelled };
}

/**
 * The daily rows of a stacked Business Insights sheet, read independently: the rows whose first cell is a
 * single `DD-MM-YYYY` date, as header -> number (dots dropped, comma as decimal point, `%` as a ratio,
 * `HH:MM:SS` as seconds).
 */
export function readDailyRows(bytes: Uint8Array, sheet: string): { date: string; values: Record<string, number> }[] {
  const wb = XLSX.read(bytes, { type: 'array' });
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet], { header: 1, defval: null });
  const header = aoa[0].map((h) => str(h));
  const out: { date: string; values: Record<string, number> }[] = [];
  for (const r of aoa) {
    const d = /^(\d{2})-(\d{2})-(\d{4})$/.exec(str(r[0]));
    if (!d) continue;
    const values: Record<string, number> = {};
    header.forEach((h, i) => {
      const t = str(r[i]);
      if (i === 0 || !t || t === '-') return;
      if (/^\d+:\d{2}:\d{2}$/.test(t)) {
        const [hh, mm, ss] = t.split(':').map(Number);
        values[h] = hh * 3600 + mm * 60 + ss;
      } else if (t.endsWith('%')) values[h] = Number(t.slice(0, -1).replace(/\./g, '').replace(',', '.')) / 100;
      else values[h] = Number(t.replace(/\./g, '').replace(',', '.'));
    });
    out.push({ date: `${d[3]}-${d[2]}-${d[1]}`, values });
  }
  return out;
}
