import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { type SqlConnection, sqlString } from '../db/connection';
import { type IsoDay, isoOfDay } from '../kernel/days';
import type { ModelChoice, Purchases, Recommendations } from '../ml/recommend';

/**
 * The recommender's inputs and its stored lists (temporary tables of the selection, like the segments):
 * `rec_next` (each buyer's new products), `rec_again` (each buyer's "buy again" products) and `rec_pairs`
 * (each product's neighbours by the model's weight).
 */

/** Every (buyer, order, product) of the valid orders with a buyer, as dense indices for the model. */
export async function purchaseRows(
  db: SqlConnection,
): Promise<{ purchases: Purchases; buyerIds: Int32Array; asOf: number } | null> {
  const rows = await db.query<{ buyer_id: number; order_no: number; day: number; item: string }>(`
    SELECT DISTINCT o.buyer_id, (dense_rank() OVER (ORDER BY o.shop, o.order_id))::INTEGER AS order_no,
      (o.created_date - DATE '1970-01-01')::INTEGER AS day, l.product_name AS item
    FROM order_lines l JOIN orders o USING (shop, order_id)
    WHERE o.is_valid AND o.buyer_id IS NOT NULL AND l.product_name IS NOT NULL
    ORDER BY 1, 3, 2, 4`);
  if (!rows.length) return null;
  const buyers = new Map<number, number>();
  const items = new Map<string, number>();
  const n = rows.length;
  const p = { buyer: new Int32Array(n), order: new Int32Array(n), day: new Int32Array(n), item: new Int32Array(n) };
  let asOf = Number.NEGATIVE_INFINITY;
  rows.forEach((r, i) => {
    if (!buyers.has(r.buyer_id)) buyers.set(r.buyer_id, buyers.size);
    if (!items.has(r.item)) items.set(r.item, items.size);
    p.buyer[i] = buyers.get(r.buyer_id) as number;
    p.order[i] = r.order_no;
    p.day[i] = r.day;
    p.item[i] = items.get(r.item) as number;
    asOf = Math.max(asOf, r.day);
  });
  return {
    purchases: { ...p, buyers: buyers.size, items: [...items.keys()] },
    buyerIds: Int32Array.from(buyers.keys()),
    asOf,
  };
}

/** Stores a fit's lists as the selection's `rec_next`, `rec_again` and `rec_pairs`. */
export async function storeRecommendations(
  db: SqlConnection,
  items: readonly string[],
  buyerIds: Int32Array,
  r: Recommendations,
  k: number,
): Promise<void> {
  const rows = (list: Int32Array, owner: (x: number) => number) => {
    const at: number[] = [];
    for (let x = 0; x < list.length; x++) if (list[x] >= 0) at.push(x);
    return {
      at,
      owner: Int32Array.from(at, (x) => owner(Math.floor(x / k))),
      rank: Int32Array.from(at, (x) => (x % k) + 1),
    };
  };
  const put = async (name: string, ddl: string, columns: Record<string, unknown>) => {
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${name} (${ddl})`);
    // biome-ignore lint/suspicious/noExplicitAny: tableFromArrays takes typed arrays and string arrays alike.
    await db.insertArrow(name, tableToIPC(tableFromArrays(columns as any), 'stream'));
  };
  const next = rows(r.next, (b) => buyerIds[b]);
  await put('rec_next', 'buyer_id INTEGER, rank INTEGER, item VARCHAR, score DOUBLE', {
    buyer_id: next.owner,
    rank: next.rank,
    item: next.at.map((x) => items[r.next[x]]),
    score: Float64Array.from(next.at, (x) => r.nextScore[x]),
  });
  const again = rows(r.again, (b) => buyerIds[b]);
  await put(
    'rec_again',
    'buyer_id INTEGER, rank INTEGER, item VARCHAR, orders INTEGER, last_day INTEGER, interval_days DOUBLE',
    {
      buyer_id: again.owner,
      rank: again.rank,
      item: again.at.map((x) => items[r.again[x]]),
      orders: Int32Array.from(again.at, (x) => r.againOrders[x]),
      last_day: Int32Array.from(again.at, (x) => r.againLast[x]),
      interval_days: Float64Array.from(again.at, (x) => r.againInterval[x]),
    },
  );
  const pairs = rows(r.pairs, (i) => i);
  await put('rec_pairs', 'a VARCHAR, b VARCHAR, rank INTEGER, weight DOUBLE', {
    a: pairs.at.map((x) => items[Math.floor(x / k)]),
    b: pairs.at.map((x) => items[r.pairs[x]]),
    rank: pairs.rank,
    weight: Float64Array.from(pairs.at, (x) => r.pairWeight[x]),
  });
  // Arrow has no NaN-as-null: the unknown intervals become NULL here.
  await db.exec('UPDATE rec_again SET interval_days = NULL WHERE isnan(interval_days)');
}

/** The recommender's choice, and how many products and buyers it was fitted on. */
export interface RecommenderInfo extends ModelChoice {
  items: number;
  buyers: number;
}

/** A product to offer a group of buyers, with how many of them get it first. */
export interface ProductCount {
  name: string;
  buyers: number;
}

/** Per segment of a labels table, the products most often first in its buyers' "buy again" lists (top 3). */
export async function segmentBuyAgain(db: SqlConnection, labels: string): Promise<Map<string, ProductCount[]>> {
  const rows = await db.query<{ seg: string; name: string; buyers: number }>(`
    SELECT seg, name, buyers FROM (
      SELECT l.seg, a.item AS name, count(*)::INTEGER AS buyers,
        row_number() OVER (PARTITION BY l.seg ORDER BY count(*) DESC, a.item) AS k
      FROM rec_again a JOIN ${labels} l USING (buyer_id) WHERE a.rank = 1 GROUP BY 1, 2
    ) WHERE k <= 3 ORDER BY seg, k`);
  const out = new Map<string, ProductCount[]>();
  for (const r of rows) out.set(r.seg, [...(out.get(r.seg) ?? []), { name: r.name, buyers: r.buyers }]);
  return out;
}

/**
 * "Next product" per segment of a labels table: each buyer's first new product from the model, then per
 * segment the products most often first, with how many of its buyers get each. Segments lead with different
 * products where the data allows: the largest segment takes its most recommended one, each next segment its
 * most recommended one not yet led with (if it is recommended to at least a fifth as many of its buyers as
 * its first); else it shares its first, and says so (`shared`).
 */
export async function segmentNextProducts(db: SqlConnection, labels: string): Promise<Map<string, NextProduct[]>> {
  const rows = await db.query<{ seg: string; name: string; buyers: number }>(`
    SELECT l.seg, r.item AS name, count(*)::INTEGER AS buyers
    FROM rec_next r JOIN ${labels} l USING (buyer_id) WHERE r.rank = 1
    GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`);
  const bySeg = new Map<string, ProductCount[]>();
  for (const r of rows) bySeg.set(r.seg, [...(bySeg.get(r.seg) ?? []), { name: r.name, buyers: r.buyers }]);
  const total = (list: ProductCount[]) => list.reduce((a, x) => a + x.buyers, 0);
  const led = new Set<string>();
  const out = new Map<string, NextProduct[]>();
  for (const [seg, list] of [...bySeg].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1))) {
    const own = list.find((x) => !led.has(x.name) && x.buyers * 5 >= list[0].buyers);
    const first = own ?? list[0];
    led.add(first.name);
    out.set(seg, [
      { ...first, shared: !own },
      ...list
        .filter((x) => x !== first)
        .slice(0, 2)
        .map((x) => ({ ...x, shared: false })),
    ]);
  }
  return out;
}

/** A product suggested to a segment's buyers; `shared` when another segment leads with it too. */
export interface NextProduct extends ProductCount {
  shared: boolean;
}

/** One of a buyer's past products in their "buy again" list. */
export interface AgainItem {
  name: string;
  /** Orders of the buyer that held it. */
  orders: number;
  lastOrder: IsoDay;
  /** The buyer's usual days between purchases of it (else the product's median over buyers); null when unknown. */
  intervalDays: number | null;
  /** Last order + interval: when the next purchase is due; null when unknown. */
  due: IsoDay | null;
}

/** Whose outreach lists: some buyers by username, or one segment of a segmentation. */
export type OutreachTarget = { buyers: readonly string[] } | { method: 'rfm' | 'kmeans'; segment: string };

/** A buyer's outreach list: products to buy again, then new products from the model. */
export interface BuyAgainList {
  buyer: string;
  again: AgainItem[];
  next: string[];
}

/**
 * The outreach lists of the buyers that `buyersSql` selects (a query of `buyer_id`), up to `limit` products
 * each, in the order of the buyers' usernames.
 */
export async function buyAgainLists(db: SqlConnection, buyersSql: string, limit: number): Promise<BuyAgainList[]> {
  const k = Math.max(1, Math.floor(limit));
  const again = await db.query<{
    buyer: string;
    name: string;
    orders: number;
    last_day: number;
    interval_days: number | null;
  }>(`
    SELECT b.buyer, a.item AS name, a.orders, a.last_day, a.interval_days
    FROM rec_again a JOIN buyers b USING (buyer_id) WHERE a.rank <= ${k} AND a.buyer_id IN (${buyersSql})
    ORDER BY b.buyer, a.rank`);
  const next = await db.query<{ buyer: string; name: string }>(`
    SELECT b.buyer, r.item AS name FROM rec_next r JOIN buyers b USING (buyer_id)
    WHERE r.rank <= ${k} AND r.buyer_id IN (${buyersSql}) ORDER BY b.buyer, r.rank`);
  const out = new Map<string, BuyAgainList>();
  const of = (buyer: string) =>
    out.get(buyer) ?? (out.set(buyer, { buyer, again: [], next: [] }).get(buyer) as BuyAgainList);
  for (const a of again)
    of(a.buyer).again.push({
      name: a.name,
      orders: a.orders,
      lastOrder: isoOfDay(a.last_day),
      intervalDays: a.interval_days,
      due: a.interval_days === null ? null : isoOfDay(a.last_day + Math.round(a.interval_days)),
    });
  for (const r of next) of(r.buyer).next.push(r.name);
  return [...out.values()].sort((x, y) => (x.buyer < y.buyer ? -1 : x.buyer > y.buyer ? 1 : 0));
}

/** The `buyer_id` query of a list of usernames. */
export const buyersNamed = (names: readonly string[]) =>
  `SELECT buyer_id FROM buyers WHERE buyer IN (${names.map(sqlString).join(', ') || 'NULL'})`;

/** The model's weight from a to b (its rank among a's neighbours), for pairs of products. */
export async function pairWeights(db: SqlConnection): Promise<Map<string, { weight: number; rank: number }>> {
  const rows = await db.query<{ a: string; b: string; weight: number; rank: number }>(
    'SELECT a, b, weight, rank FROM rec_pairs',
  );
  return new Map(rows.map((r) => [`${r.a}\u0000${r.b}`, { weight: r.weight, rank: r.rank }]));
}
