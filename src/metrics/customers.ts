import type { SqlConnection } from '../db/connection';
import { sqlString } from '../db/connection';
import { SKU_DETAIL_SQL, SKU_OF_LINE } from '../db/merge';
import type { PriceInput } from '../ml/price';
import {
  type BuyerStats,
  RECENCY_DAYS,
  type RfmScheme,
  type SegmentAction,
  SEGMENT_RULES,
  type SegmentName,
  SHORT_HISTORY_DAYS,
} from '../ml/rfm';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { SKU_COSTS_SQL } from './productMaster';

/**
 * Buyer-level SQL for ML Insights: the features of segmentation, cohorts and repeat rates, co-purchase
 * pairs, and the profile of a set of buyers. Valid orders only; buyers are usernames (empty ones have none).
 */

/** Recency, frequency, monetary and tenure of every buyer, in days to the last order day of the data. */
const BUYER_STATS_SQL = `
  WITH last AS (SELECT max(created_date) AS d FROM orders WHERE is_valid)
  SELECT o.buyer_id, b.buyer, datediff('day', max(o.created_date), any_value(last.d)) AS recency,
    count(*) AS orders, coalesce(sum(o.sales), 0) AS sales, datediff('day', min(o.created_date), any_value(last.d)) AS tenure
  FROM orders o JOIN buyers b USING (buyer_id), last
  WHERE o.is_valid AND o.buyer_id IS NOT NULL
  GROUP BY 1, 2`;

/** Stores the buyers' statistics in the temp table `buyer_stats` (for one dataset version). */
export async function storeBuyerStats(db: SqlConnection): Promise<number> {
  await db.exec(`CREATE OR REPLACE TEMP TABLE buyer_stats AS ${BUYER_STATS_SQL}`);
  const [r] = await db.query<{ n: number }>('SELECT count(*) AS n FROM buyer_stats');
  return r.n;
}

/** The stored buyer statistics, for the models that need them in memory (k-means). */
export async function buyerStats(db: SqlConnection): Promise<(BuyerStats & { buyerId: number })[]> {
  return db.query(
    `SELECT buyer_id AS "buyerId", buyer, recency, orders, sales, tenure FROM buyer_stats ORDER BY buyer_id`,
  );
}

/**
 * RFM segments in SQL, the same as `rfmScores` and `segmentOf`: quintiles by rank (recency reversed; ties
 * split by the next key, then the username), or fixed R and F thresholds for a short history; then the rule
 * table, first match whose evidence (orders) holds. Stored as `seg_rfm`; returns the scheme used.
 */
export async function storeRfmSegments(db: SqlConnection): Promise<RfmScheme> {
  const range = (col: string, [lo, hi]: readonly [number, number]) => `${col} BETWEEN ${lo} AND ${hi}`;
  const cases = SEGMENT_RULES.map(
    (r) =>
      `WHEN ${range('r', r.r)} AND ${range('f', r.f)} AND ${range('m', r.m)} AND orders >= ${r.minOrders} THEN '${r.name}'`,
  ).join(' ');
  const q = (order: string) =>
    `least(5, floor((row_number() OVER (ORDER BY ${order}) - 1) * 5 / count(*) OVER ()) + 1)`;
  const [{ span }] = await db.query<{ span: number | null }>('SELECT max(tenure) AS span FROM buyer_stats');
  const scheme: RfmScheme = (span ?? 0) < SHORT_HISTORY_DAYS ? 'fixed' : 'quintiles';
  const r =
    scheme === 'fixed'
      ? `5 - ${RECENCY_DAYS.map((d) => `(recency > ${d})::INT`).join(' - ')}`
      : q('recency DESC, orders, buyer');
  const f =
    scheme === 'fixed'
      ? 'greatest(1, least(5, orders))'
      : `CASE WHEN orders = 1 THEN 1 ELSE ${q('orders, sales, buyer')} END`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE seg_rfm AS
    WITH s AS (
      SELECT buyer_id, orders, ${r} AS r, ${f} AS f, ${q('sales, orders, buyer')} AS m FROM buyer_stats
    )
    SELECT buyer_id, CASE ${cases} ELSE 'others' END AS seg FROM s`);
  return scheme;
}

/** The stored RFM segment of every buyer, in buyer-id order (as `buyerStats`). */
export async function rfmLabels(db: SqlConnection): Promise<SegmentName[]> {
  const rows = await db.query<{ seg: SegmentName }>('SELECT seg FROM seg_rfm ORDER BY buyer_id');
  return rows.map((r) => r.seg);
}

/** Stores labels computed elsewhere (k-means) as the table `name` (buyer_id, seg). */
export async function storeLabels(
  db: SqlConnection,
  name: string,
  labels: readonly { buyerId: number; seg: string }[],
): Promise<void> {
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${name} (buyer_id INTEGER, seg VARCHAR)`);
  const table = tableFromArrays({
    buyer_id: Int32Array.from(labels.map((l) => l.buyerId)),
    seg: labels.map((l) => l.seg),
  });
  await db.insertArrow(name, tableToIPC(table, 'stream'));
}

/** Size, value share, median recency and mean orders of each segment of a labels table. */
export async function segmentSizes(
  db: SqlConnection,
  labels: string,
): Promise<{ id: string; size: number; share: number; valueShare: number; recency: number; orders: number }[]> {
  return db.query(`
    WITH t AS (SELECT count(*) AS n, sum(sales) AS sales FROM buyer_stats)
    SELECT l.seg AS id, count(*) AS size, count(*) / any_value(t.n) AS share,
      coalesce(sum(b.sales) / nullif(any_value(t.sales), 0), 0) AS "valueShare",
      quantile_disc(b.recency, 0.5) AS recency, avg(b.orders) AS orders
    FROM ${labels} l JOIN buyer_stats b USING (buyer_id), t GROUP BY 1 ORDER BY "valueShare" DESC, id`);
}

/** The usernames of one segment of a labels table. */
export async function segmentBuyerNames(db: SqlConnection, labels: string, id: string): Promise<string[]> {
  const rows = await db.query<{ buyer: string }>(
    `SELECT b.buyer FROM ${labels} l JOIN buyer_stats b USING (buyer_id) WHERE l.seg = ${sqlString(id)} ORDER BY b.buyer`,
  );
  return rows.map((r) => r.buyer);
}

export interface CohortResult {
  /** First-order months, `YYYY-MM`. */
  cohorts: string[];
  /** Buyers in each cohort (their first valid order in that month). */
  sizes: number[];
  /** [cohort][months since the first] = buyers with a valid order that month. */
  buyers: number[][];
  /** [cohort][months since the first] = sales of the cohort's buyers that month. */
  sales: number[][];
  /** Share of buyers with a second valid order within 30, 60 and 90 days of their first, among buyers whose first order is at least that long before the end of the data. */
  repeat: { days: number; rate: number | null; buyers: number }[];
}

/** The retention matrix by first-order month, and repeat rates at 30, 60 and 90 days. */
export async function cohortAnalysis(db: SqlConnection): Promise<CohortResult> {
  const cells = await db.query<{ cohort: string; age: number; buyers: number; sales: number }>(`
    WITH o AS (SELECT buyer_id, created_date, sales FROM orders WHERE is_valid AND buyer_id IS NOT NULL),
    f AS (SELECT buyer_id, date_trunc('month', min(created_date)) AS first FROM o GROUP BY 1)
    SELECT strftime(f.first, '%Y-%m') AS cohort, datediff('month', f.first, date_trunc('month', o.created_date)) AS age,
      count(DISTINCT o.buyer_id) AS buyers, sum(o.sales) AS sales
    FROM o JOIN f USING (buyer_id) GROUP BY 1, 2 ORDER BY 1, 2`);
  const cohorts = [...new Set(cells.map((c) => c.cohort))];
  const width = cohorts.length;
  const buyers = cohorts.map(() => new Array<number>(width).fill(0));
  const sales = cohorts.map(() => new Array<number>(width).fill(0));
  for (const c of cells) {
    const i = cohorts.indexOf(c.cohort);
    if (c.age < width) {
      buyers[i][c.age] = c.buyers;
      sales[i][c.age] = c.sales;
    }
  }
  const repeat = await db.query<{ days: number; rate: number | null; buyers: number }>(`
    WITH o AS (
      SELECT buyer_id, created_date, row_number() OVER (PARTITION BY buyer_id ORDER BY created_date, order_id) AS n
      FROM orders WHERE is_valid AND buyer_id IS NOT NULL
    ),
    b AS (
      SELECT buyer_id, min(created_date) FILTER (WHERE n = 1) AS first, min(created_date) FILTER (WHERE n = 2) AS second FROM o GROUP BY 1
    ),
    last AS (SELECT max(created_date) AS d FROM orders WHERE is_valid),
    w AS (SELECT unnest([30, 60, 90]) AS days)
    SELECT w.days, count(*) AS buyers,
      avg(CASE WHEN b.second IS NOT NULL AND datediff('day', b.first, b.second) <= w.days THEN 1.0 ELSE 0.0 END) AS rate
    FROM w, b, last WHERE datediff('day', b.first, last.d) >= w.days
    GROUP BY 1 ORDER BY 1`);
  const byDays = new Map(repeat.map((r) => [r.days, r]));
  return {
    cohorts,
    sizes: buyers.map((row) => row[0]),
    buyers,
    sales,
    repeat: [30, 60, 90].map((d) => byDays.get(d) ?? { days: d, rate: null, buyers: 0 }),
  };
}

export interface ProductPair {
  a: string;
  b: string;
  /** Baskets holding both. */
  together: number;
  /** P(a and b) ÷ (P(a) × P(b)). */
  lift: number;
  /** together ÷ √(baskets with a × baskets with b). */
  cosine: number;
  /** P(b | a): the share of a's baskets that also hold b. */
  confidence: number;
  /** The recommender's weight between a and b (the larger way), when either is among the other's neighbours. */
  weight?: number | null;
}

/**
 * Item-item co-purchase: products in the same order (`order`), or bought by the same buyer at any time
 * (`buyer`), with at least `minSupport` baskets together. Scored by lift and cosine.
 */
export async function coPurchase(db: SqlConnection, basket: 'order' | 'buyer', minSupport = 3): Promise<ProductPair[]> {
  const key = basket === 'order' ? 'l.order_id' : 'o.buyer_id';
  const items = `SELECT DISTINCT ${key} AS basket, l.product_name AS item FROM order_lines l JOIN orders o USING (shop, order_id)
    WHERE o.is_valid ${basket === 'buyer' ? 'AND o.buyer_id IS NOT NULL' : ''}`;
  return db.query<ProductPair>(`${coPurchaseSql(items, minSupport)} ORDER BY lift DESC, together DESC, a, b`);
}

/** The pair statistics over any `(basket, item)` relation (distinct rows), as SQL. */
export function coPurchaseSql(itemsSql: string, minSupport: number): string {
  return `
    WITH items AS (${itemsSql}),
    n AS (SELECT count(DISTINCT basket) AS baskets FROM items),
    single AS (SELECT item, count(*) AS k FROM items GROUP BY 1),
    pairs AS (
      SELECT x.item AS a, y.item AS b, count(*) AS together
      FROM items x JOIN items y ON x.basket = y.basket AND x.item <> y.item
      GROUP BY 1, 2 HAVING count(*) >= ${Math.max(1, Math.floor(minSupport))}
    )
    SELECT p.a, p.b, p.together,
      (p.together::DOUBLE * n.baskets) / (sa.k * sb.k) AS lift,
      p.together / sqrt(sa.k::DOUBLE * sb.k) AS cosine,
      p.together::DOUBLE / sa.k AS confidence
    FROM pairs p JOIN single sa ON sa.item = p.a JOIN single sb ON sb.item = p.b, n`;
}

export interface SegmentProfile {
  /** Mean items per order. */
  basketItems: number;
  /** Mean sales per order. */
  basketValue: number;
  sales: number;
  topProducts: { name: string; sales: number }[];
  topProvinces: { name: string; orders: number }[];
}

/** Basket, sales, top products and top provinces of each segment of a labels table, over valid orders. */
export async function segmentProfiles(db: SqlConnection, labels: string): Promise<Map<string, SegmentProfile>> {
  const basket = await db.query<{ seg: string; items: number; value: number; sales: number }>(`
    SELECT s.seg, avg(o.units) AS items, avg(o.sales) AS value, sum(o.sales) AS sales
    FROM orders o JOIN ${labels} s USING (buyer_id) WHERE o.is_valid GROUP BY 1`);
  const products = await db.query<{ seg: string; name: string; sales: number }>(`
    SELECT seg, name, sales FROM (
      SELECT s.seg, l.product_name AS name, sum(l.subtotal) AS sales,
        row_number() OVER (PARTITION BY s.seg ORDER BY sum(l.subtotal) DESC, l.product_name) AS k
      FROM order_lines l JOIN orders o USING (shop, order_id) JOIN ${labels} s USING (buyer_id)
      WHERE o.is_valid GROUP BY 1, 2
    ) WHERE k <= 3 ORDER BY seg, k`);
  const provinces = await db.query<{ seg: string; name: string; orders: number }>(`
    SELECT seg, name, orders FROM (
      SELECT s.seg, coalesce(nullif(o.province, ''), '–') AS name, count(*) AS orders,
        row_number() OVER (PARTITION BY s.seg ORDER BY count(*) DESC, coalesce(nullif(o.province, ''), '–')) AS k
      FROM orders o JOIN ${labels} s USING (buyer_id) WHERE o.is_valid GROUP BY 1, 2
    ) WHERE k <= 3 ORDER BY seg, k`);
  const out = new Map<string, SegmentProfile>();
  for (const b of basket) {
    out.set(b.seg, {
      basketItems: b.items,
      basketValue: b.value,
      sales: b.sales,
      topProducts: products.filter((p) => p.seg === b.seg).map(({ name, sales }) => ({ name, sales })),
      topProvinces: provinces.filter((p) => p.seg === b.seg).map(({ name, orders }) => ({ name, orders })),
    });
  }
  return out;
}

/**
 * The inputs of price elasticity for the `limit` SKUs with the most units (or one SKU): daily units, mean
 * deal price, voucher share and flash-sale days; the unit cost; and the net payout share of released orders.
 */
export async function priceInputs(db: SqlConnection, limit: number, sku?: string): Promise<PriceInput[]> {
  const which =
    sku === undefined
      ? `ORDER BY sum(qty) DESC, sku LIMIT ${Math.max(1, Math.floor(limit))}`
      : `HAVING sku = ${sqlString(sku)}`;
  const rows = await db.query<{
    sku: string;
    name: string;
    day: string;
    units: number;
    sales: number;
    orders: number;
    vouchered: number;
  }>(`
    WITH l AS (
      SELECT ${SKU_OF_LINE} AS sku, ${SKU_DETAIL_SQL} AS name, o.created_date, l.qty, l.subtotal, l.order_id, coalesce(l.seller_voucher, 0) > 0 AS vouchered
      FROM order_lines l JOIN orders o USING (shop, order_id) WHERE o.is_valid
    ),
    top AS (SELECT sku FROM l GROUP BY sku ${which})
    SELECT l.sku, any_value(l.name) AS name, strftime(l.created_date, '%Y-%m-%d') AS day, sum(l.qty) AS units, sum(l.subtotal) AS sales,
      count(DISTINCT l.order_id) AS orders, count(DISTINCT l.order_id) FILTER (WHERE l.vouchered) AS vouchered
    FROM l JOIN top USING (sku) GROUP BY l.sku, 3 ORDER BY l.sku, 3`);
  const flash = new Set(
    (
      await db.query<{ day: string }>(`
        SELECT strftime(day, '%Y-%m-%d') AS day FROM insights
        WHERE kind = 'flash_sale' AND NOT is_summary AND metric = 'orders_placed' AND value > 0`)
    ).map((r) => r.day),
  );
  const extra = await db.query<{ sku: string; unit_cost: number | null; net_share: number | null }>(`
    WITH l AS (
      SELECT ${SKU_OF_LINE} AS sku, l.shop, l.order_id, l.subtotal, o.sales AS order_sales
      FROM order_lines l JOIN orders o USING (shop, order_id) WHERE o.is_valid
    ),
    released AS (SELECT shop, order_id, sum(net_payout) AS net FROM income GROUP BY 1, 2),
    share AS (
      SELECT sku, sum(r.net * l.subtotal / nullif(l.order_sales, 0)) / nullif(sum(l.subtotal), 0) AS net_share
      FROM l JOIN released r USING (shop, order_id) GROUP BY sku
    ),
    costs AS (SELECT sku, unit_cost FROM ${SKU_COSTS_SQL})
    SELECT c.sku, c.unit_cost, s.net_share FROM costs c LEFT JOIN share s USING (sku)`);
  const by = new Map<string, PriceInput>();
  for (const r of rows) {
    const e = extra.find((x) => x.sku === r.sku);
    const p = by.get(r.sku) ?? {
      sku: r.sku,
      name: r.name,
      days: [],
      unitCost: e?.unit_cost ?? null,
      netShare: e?.net_share ?? null,
    };
    p.days.push({
      date: r.day,
      units: r.units,
      price: r.sales / r.units,
      voucherShare: r.orders ? r.vouchered / r.orders : 0,
      flashSale: flash.has(r.day),
    });
    by.set(r.sku, p);
  }
  return [...by.values()];
}

export interface SegmentSummary {
  id: string;
  size: number;
  /** Share of the buyers. */
  share: number;
  /** Share of the valid sales of all segmented buyers. */
  valueShare: number;
  /** Median days since the last order, and mean orders per buyer. */
  recency: number;
  orders: number;
  profile: SegmentProfile;
  /** The RFM segment most of its buyers are in, and the action suggested for it. */
  dominant: SegmentName;
  action: SegmentAction;
}

export interface SegmentationResult {
  method: 'rfm' | 'kmeans';
  buyers: number;
  /** How the RFM scores were made: quintiles, or fixed thresholds for a history under 180 days. */
  scheme: RfmScheme;
  segments: SegmentSummary[];
  k?: number;
  silhouette?: number;
  tried?: { k: number; silhouette: number }[];
  centroids?: { id: string; recency: number; orders: number; sales: number; tenure: number }[];
  /** k-means: buyers no dense region reaches (DBSCAN), the most valuable first. */
  outliers?: { count: number; eps: number; top: { buyer: string; orders: number; sales: number; recency: number }[] };
  /** k-means: the clusters merged by average linkage, for the dendrogram. */
  merges?: { a: string; b: string; id: string; height: number; size: number }[];
}
