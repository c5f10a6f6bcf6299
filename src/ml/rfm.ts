import type { Text } from '../kernel/text';
/**
 * RFM scores and the named segments: plain rules, no model runtime, so the page (the rule table) and the
 * db worker (RFM in SQL, suggested actions) can use them without loading TensorFlow.js.
 */

export interface BuyerStats {
  buyer: string;
  /** Days from the last order to the end of the data. */
  recency: number;
  orders: number;
  sales: number;
  /** Days from the first order to the end of the data. */
  tenure: number;
}

export interface RfmScore {
  r: number;
  f: number;
  m: number;
}

/** Histories shorter than this (the longest buyer tenure) score R and F on fixed thresholds, not quintiles. */
export const SHORT_HISTORY_DAYS = 180;
/** Recency thresholds (days since the last order) of scores 5, 4, 3 and 2 in the fixed scheme. */
export const RECENCY_DAYS = [14, 30, 60, 90] as const;

/** Quintiles, or fixed thresholds for a short history (where a fifth of buyers says little). */
export type RfmScheme = 'quintiles' | 'fixed';

export function rfmScheme(buyers: readonly Pick<BuyerStats, 'tenure'>[]): RfmScheme {
  return Math.max(0, ...buyers.map((b) => b.tenure)) < SHORT_HISTORY_DAYS ? 'fixed' : 'quintiles';
}

/** Fixed-scheme scores: recency by {@link RECENCY_DAYS}, frequency the orders themselves (5 and more: 5). */
export const fixedRecency = (days: number) => 5 - RECENCY_DAYS.filter((d) => days > d).length;
export const fixedFrequency = (orders: number) => Math.max(1, Math.min(5, orders));

/**
 * Quintile scores 1–5 by rank: recency reversed (recent = 5); ties broken by rank, so equal values are
 * split by the next key (monetary, then frequency, then the buyer) and every score holds a fifth, except
 * that a one-order buyer's F is 1. A short history ({@link rfmScheme}) scores R and F on fixed thresholds
 * instead; M stays a quintile.
 */
export function rfmScores(buyers: readonly BuyerStats[], scheme = rfmScheme(buyers)): RfmScore[] {
  const n = buyers.length;
  const score = (order: number[]) => {
    const out = new Array<number>(n);
    order.forEach((idx, rank) => {
      out[idx] = Math.min(5, Math.floor((rank * 5) / n) + 1);
    });
    return out;
  };
  const idx = buyers.map((_, i) => i);
  const byBuyer = (a: number, b: number) =>
    buyers[a].buyer < buyers[b].buyer ? -1 : buyers[a].buyer > buyers[b].buyer ? 1 : 0;
  const r = score(
    [...idx].sort(
      (a, b) => buyers[b].recency - buyers[a].recency || buyers[a].orders - buyers[b].orders || byBuyer(a, b),
    ),
  );
  const f = score(
    [...idx].sort((a, b) => buyers[a].orders - buyers[b].orders || buyers[a].sales - buyers[b].sales || byBuyer(a, b)),
  );
  const m = score(
    [...idx].sort((a, b) => buyers[a].sales - buyers[b].sales || buyers[a].orders - buyers[b].orders || byBuyer(a, b)),
  );
  if (scheme === 'fixed')
    return idx.map((i) => ({ r: fixedRecency(buyers[i].recency), f: fixedFrequency(buyers[i].orders), m: m[i] }));
  // One order is the least frequency there is, whatever rank the buyer's sales give it among the others.
  return idx.map((i) => ({ r: r[i], f: buyers[i].orders === 1 ? 1 : f[i], m: m[i] }));
}

export type SegmentName =
  | 'champions'
  | 'loyal'
  | 'potential_loyalist'
  | 'new'
  | 'promising'
  | 'need_attention'
  | 'about_to_sleep'
  | 'at_risk'
  | 'cant_lose'
  | 'hibernating'
  | 'lost'
  | 'others';

/** An id that names an RFM segment (k-means clusters are `cluster_<n>`). */
export function isSegmentName(id: string | number): id is SegmentName {
  return id === 'others' || SEGMENT_RULES.some((r) => r.name === id);
}

/**
 * The rule table, first match wins: inclusive score ranges of R, F and M, and the orders a buyer needs
 * for the name to hold whatever the quintiles say (a one-order buyer is not loyal, and cannot lapse from a
 * habit: in a marketplace most buyers buy once, and their F quintile only ranks them by sales).
 */
export const SEGMENT_RULES: readonly {
  name: Exclude<SegmentName, 'others'>;
  r: [number, number];
  f: [number, number];
  m: [number, number];
  minOrders: number;
}[] = [
  { name: 'champions', r: [4, 5], f: [4, 5], m: [4, 5], minOrders: 3 },
  { name: 'cant_lose', r: [1, 1], f: [4, 5], m: [4, 5], minOrders: 2 },
  { name: 'loyal', r: [2, 5], f: [3, 5], m: [3, 5], minOrders: 2 },
  { name: 'at_risk', r: [1, 2], f: [2, 5], m: [2, 5], minOrders: 2 },
  { name: 'new', r: [4, 5], f: [1, 1], m: [1, 5], minOrders: 1 },
  { name: 'potential_loyalist', r: [3, 5], f: [1, 3], m: [1, 3], minOrders: 1 },
  { name: 'promising', r: [3, 4], f: [1, 1], m: [1, 5], minOrders: 1 },
  { name: 'need_attention', r: [2, 3], f: [2, 3], m: [2, 3], minOrders: 2 },
  { name: 'about_to_sleep', r: [2, 3], f: [1, 2], m: [1, 2], minOrders: 1 },
  { name: 'hibernating', r: [1, 2], f: [1, 2], m: [1, 3], minOrders: 1 },
  { name: 'lost', r: [1, 1], f: [1, 5], m: [1, 5], minOrders: 1 },
];

const inRange = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;

/** The segment of a buyer's scores and orders: the first rule whose ranges and evidence both hold. */
export function segmentOf(s: RfmScore, orders: number): SegmentName {
  return (
    SEGMENT_RULES.find(
      (rule) => inRange(s.r, rule.r) && inRange(s.f, rule.f) && inRange(s.m, rule.m) && orders >= rule.minOrders,
    )?.name ?? 'others'
  );
}

export type SegmentAction =
  | 'vip_voucher'
  | 'bundle'
  | 'follow_voucher'
  | 'welcome_voucher'
  | 'limited_voucher'
  | 'winback_chat'
  | 'winback_personal'
  | 'broadcast_discount'
  | 'none';

/** Each segment's name. */
export const SEGMENT_NAMES: Record<SegmentName, Text> = {
  champions: { id: 'Juara', en: 'Champions' },
  loyal: { id: 'Setia', en: 'Loyal' },
  potential_loyalist: { id: 'Calon setia', en: 'Potential loyalist' },
  new: { id: 'Baru', en: 'New' },
  promising: { id: 'Menjanjikan', en: 'Promising' },
  need_attention: { id: 'Perlu perhatian', en: 'Need attention' },
  about_to_sleep: { id: 'Hampir tidur', en: 'About to sleep' },
  at_risk: { id: 'Berisiko', en: 'At risk' },
  cant_lose: { id: 'Jangan sampai hilang', en: "Can't lose" },
  hibernating: { id: 'Tidur', en: 'Hibernating' },
  lost: { id: 'Hilang', en: 'Lost' },
  others: { id: 'Lainnya', en: 'Others' },
};

/** Each action as the seller reads it. */
export const ACTION_NAMES: Record<SegmentAction, Text> = {
  vip_voucher: {
    id: 'Voucher khusus pengikut/VIP dan akses awal produk baru',
    en: 'Follower/VIP voucher and early access to new products',
  },
  bundle: {
    id: 'Tawarkan paket diskon dari produk yang sering dibeli bersama',
    en: 'Offer a bundle of products often bought together',
  },
  follow_voucher: { id: 'Voucher ikuti toko untuk pesanan kedua', en: 'Follow-shop voucher for the second order' },
  welcome_voucher: { id: 'Voucher selamat datang untuk pesanan berikutnya', en: 'Welcome voucher for the next order' },
  limited_voucher: { id: 'Voucher terbatas waktu', en: 'Time-limited voucher' },
  winback_chat: { id: 'Siaran chat ajak kembali dengan voucher', en: 'Win-back chat broadcast with a voucher' },
  winback_personal: { id: 'Chat pribadi dan voucher bernilai tinggi', en: 'Personal chat and a high-value voucher' },
  broadcast_discount: { id: 'Siaran chat saat kampanye tanggal kembar', en: 'Chat broadcast on double-date campaigns' },
  none: { id: 'Tidak perlu biaya promosi khusus', en: 'No special promotion spend' },
};

/** What a seller can do for a segment: the suggested action, by RFM segment. */
export const SEGMENT_ACTIONS: Record<SegmentName, SegmentAction> = {
  champions: 'vip_voucher',
  loyal: 'bundle',
  potential_loyalist: 'follow_voucher',
  new: 'welcome_voucher',
  promising: 'bundle',
  need_attention: 'limited_voucher',
  about_to_sleep: 'winback_chat',
  at_risk: 'winback_chat',
  cant_lose: 'winback_personal',
  hibernating: 'broadcast_discount',
  lost: 'none',
  others: 'limited_voucher',
};
