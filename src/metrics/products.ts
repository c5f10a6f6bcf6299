import type { SqlConnection } from '../db/connection';
import type { DateRange } from '../kernel/days';
import { partsSelect } from './parts';
import { sqlDate, sqlString } from '../db/connection';
import { NO_DATE } from '../db/merge';
import { skuKeySql } from '../ingest/productMaster';
import { SKU_COSTS_SQL } from './productMaster';
import { variationCounts } from './variations';

/**
 * The product and SKU table. A SKU is `Nomor Referensi SKU`, else product name + variation (METRICS.md).
 * Gross profit per SKU = its share of each released order's net payout (by line subtotal) − unit cost ×
 * units, over the orders of the range that income exports have released. A SKU without a unit cost has no
 * profit (null) and is flagged, never counted as zero cost.
 */
export interface ProductRow {
  sku: string;
  /** The master product the seller's product master gives the SKU text; the SKU itself without one. */
  master: string;
  /** SKU texts in the row: 1 per SKU, the master's SKU texts with orders in the range per master. */
  skus: number;
  /** Variations the SKU's lines carry in the range (then `variation` is empty when over one); null per master. */
  variations: number | null;
  product: string;
  variation: string;
  orders: number;
  units: number;
  sales: number;
  returnedUnits: number;
  buyers: number;
  repeatRate: number | null;
  unitCost: number | null;
  releasedUnits: number;
  payout: number;
  grossProfit: number | null;
  margin: number | null;
  /** From product-performance reports whose whole period lies in the range; null without one. */
  visitors: number | null;
  clicks: number | null;
  cartAdds: number | null;
  /** Orders ÷ product visitors, over the same report periods. */
  visitorConversion: number | null;
}

/** Products by SKU text, or by master product (every SKU text of one master together). */
export type ProductGrain = 'sku' | 'master';

export async function productTable(
  db: SqlConnection,
  range: DateRange,
  by: ProductGrain = 'sku',
): Promise<ProductRow[]> {
  const from = sqlDate(range.from);
  const span = `created_date BETWEEN ${from} AND ${sqlDate(range.to)}`;
  // One row per valid order and SKU (order_skus), or per order and master product. A row's buyers are its
  // rows that are their buyer's first order of it in the range; its repeat buyers, the second (the same keys
  // as the KPIs' buyer counts). order_skus holds those dates per SKU; per master they are counted here.
  const rowsOf =
    by === 'sku'
      ? `SELECT os.*, os.sku_id AS k FROM order_skus os WHERE ${span}`
      : `SELECT * FROM (
          SELECT *, CASE WHEN buyer_id IS NOT NULL THEN lag(created_date, 1, ${NO_DATE}) OVER w END AS prev_date,
            CASE WHEN buyer_id IS NOT NULL THEN lag(created_date, 2, ${NO_DATE}) OVER w END AS prev2_date
          FROM (
            SELECT os.order_id, os.created_date, os.buyer_id, c.master AS k, sum(os.qty) AS qty, sum(os.subtotal) AS subtotal,
              sum(os.returned_qty) AS returned_qty, any_value(os.order_sales) AS order_sales, any_value(os.released_net) AS released_net,
              sum(os.qty * c.unit_cost) AS cost, bool_and(c.unit_cost IS NOT NULL) AS costed
            FROM order_skus os JOIN ${SKU_COSTS_SQL} c USING (sku_id) GROUP BY 1, 2, 3, 4
          ) WINDOW w AS (PARTITION BY buyer_id, k ORDER BY created_date, order_id)
        ) WHERE ${span}`;
  const rows = await db.query<ProductRow & { k: string | number; perf_orders: number | null }>(`
    WITH l AS (${rowsOf}),
    agg AS (
      SELECT k, count(*) AS orders, sum(qty) AS units, sum(subtotal) AS sales, sum(returned_qty) AS "returnedUnits",
        coalesce(sum((prev_date < ${from})::INT), 0) AS buyers,
        coalesce(sum((prev_date >= ${from} AND prev2_date < ${from})::INT), 0) AS repeaters,
        coalesce(sum(CASE WHEN released_net IS NOT NULL THEN qty END), 0) AS "releasedUnits",
        coalesce(sum(released_net * subtotal / nullif(order_sales, 0)), 0) AS payout
        ${by === 'master' ? ', sum(CASE WHEN released_net IS NOT NULL THEN cost END) AS released_cost, bool_and(costed) AS costed' : ''}
      FROM l GROUP BY k
    ),
    perf AS (
      SELECT substr(scope, 5) AS sku, sum(value) FILTER (WHERE metric = 'visitors') AS visitors,
        sum(value) FILTER (WHERE metric = 'clicks') AS clicks, sum(value) FILTER (WHERE metric = 'cart_visitors') AS "cartAdds",
        sum(value) FILTER (WHERE metric = 'orders_placed') AS perf_orders
      FROM insights
      WHERE kind = 'product_performance' AND is_summary AND scope LIKE 'sku:%'
        AND day >= ${sqlDate(range.from)} AND period_to <= ${sqlDate(range.to)}
      GROUP BY 1
    ),
    keyed AS (
      SELECT ${by === 'sku' ? 's.sku_id' : 'c.master'} AS k, count(*) AS skus, ${
        by === 'sku'
          ? 'any_value(s.sku) AS sku, any_value(s.product_name) AS product, any_value(s.variation) AS variation'
          : `any_value(c.master) AS sku, arg_max(s.product_name, s.sku) AS product, count(*) || ' SKU' AS variation`
      }, any_value(c.master) AS master, any_value(c.unit_cost) AS "unitCost",
        sum(perf.visitors) AS visitors, sum(perf.clicks) AS clicks, sum(perf."cartAdds") AS "cartAdds", sum(perf.perf_orders) AS perf_orders
      FROM skus s JOIN ${SKU_COSTS_SQL} c USING (sku_id) LEFT JOIN perf ON perf.sku = s.sku
      ${by === 'master' ? `WHERE s.sku_id IN (SELECT sku_id FROM order_skus WHERE ${span})` : ''}
      GROUP BY 1
    )
    SELECT keyed.*, agg.orders, agg.units, agg.sales, agg."returnedUnits", agg."releasedUnits", agg.payout, agg.buyers,
      CASE WHEN keyed.visitors > 0 THEN keyed.perf_orders / keyed.visitors END AS "visitorConversion",
      CASE WHEN agg.buyers > 0 THEN agg.repeaters / agg.buyers END AS "repeatRate",
      -- No released order, no gross profit: nothing has been paid out for it yet (shown "–", not Rp0).
      CASE WHEN "releasedUnits" > 0 THEN ${
        by === 'sku'
          ? 'payout - keyed."unitCost" * "releasedUnits"'
          : 'CASE WHEN agg.costed THEN payout - agg.released_cost END'
      } END AS "grossProfit"
    FROM agg JOIN keyed USING (k)
    ORDER BY sales DESC, sku`);
  const counts =
    by === 'sku'
      ? await variationCounts(
          db,
          range,
          rows.map((r) => r.sku),
        )
      : new Map();
  return rows.map(({ k: _, perf_orders: __, ...r }) => ({
    ...r,
    // A SKU over several variations is named by its product alone (one variation's name would hide the rest).
    ...(by === 'sku'
      ? {
          variations: counts.get(r.sku)?.variations ?? 1,
          variation: (counts.get(r.sku)?.variations ?? 1) > 1 ? '' : r.variation,
        }
      : { variations: null }),
    skus: Number(r.skus),
    payout: Math.round(r.payout),
    grossProfit: r.grossProfit === null ? null : Math.round(r.grossProfit),
    margin: r.grossProfit === null || !r.payout ? null : r.grossProfit / r.payout,
  }));
}

export interface UnitCost {
  sku: string;
  /** Rupiah per unit; null removes the cost. */
  unitCost: number | null;
  /** The SKU's category or product group; absent leaves it as it is, empty or null removes it. */
  category?: string | null;
}

/** Stores unit costs (the latest entry per SKU counts). */
export async function setUnitCosts(db: SqlConnection, costs: readonly UnitCost[]): Promise<void> {
  for (const c of costs) {
    if (c.unitCost !== null && (!Number.isFinite(c.unitCost) || c.unitCost < 0))
      throw new Error(`invalid unit cost for ${c.sku}`);
  }
  await db.exec('BEGIN TRANSACTION');
  try {
    for (const c of costs) {
      await db.exec(`DELETE FROM unit_costs WHERE ${skuKeySql('sku')} = ${skuKeySql(sqlString(c.sku))}`);
      if (c.unitCost !== null) {
        await db.exec(
          `INSERT INTO unit_costs VALUES (${sqlString(c.sku)}, ${Math.round(c.unitCost)}, now()::TIMESTAMP)`,
        );
      }
      if (c.category !== undefined) {
        await db.exec(`DELETE FROM product_categories WHERE sku = ${sqlString(c.sku)}`);
        if (c.category)
          await db.exec(
            `INSERT INTO product_categories VALUES (${sqlString(c.sku)}, ${sqlString(c.category)}, now()::TIMESTAMP)`,
          );
      }
    }
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  }
}

export interface CategorySales {
  /** The seller's category for the SKUs; null for SKUs without one. */
  category: string | null;
  skus: number;
  orders: number;
  units: number;
  sales: number;
  /** Sales ÷ Σ sales of the range. */
  share: number | null;
}

/**
 * Sales of valid orders by the category the seller gave each SKU. An order with SKUs of two categories
 * counts once in each, so category orders may add up to more than the range's orders; sales and units add up.
 */
export async function salesByCategory(db: SqlConnection, range: DateRange): Promise<CategorySales[]> {
  const span = `created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`;
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM product_categories');
  // With no category given, every SKU is in the one uncategorised group, whose totals the rollups hold.
  const rows = await db.query<Omit<CategorySales, 'share'>>(
    n === 0
      ? `SELECT NULL AS category, (SELECT count(DISTINCT sku) FROM rollup_skus WHERE ${span}) AS skus, orders, units, sales FROM (
           SELECT ${partsSelect(['orders', 'units', 'sales'], 'rollup')} FROM rollup_days WHERE ${span}
         ) WHERE orders > 0`
      : `WITH cats AS (SELECT sku, arg_max(category, updated_at) AS category FROM product_categories GROUP BY sku),
           sc AS (SELECT s.sku_id, cats.category FROM skus s LEFT JOIN cats USING (sku))
         SELECT sc.category, count(DISTINCT l.sku_id) AS skus, count(DISTINCT l.order_id) AS orders,
           coalesce(sum(l.qty), 0) AS units, coalesce(sum(l.subtotal), 0) AS sales
         FROM order_skus l JOIN sc USING (sku_id) WHERE l.${span}
         GROUP BY 1 ORDER BY (sc.category IS NULL), sales DESC`,
  );
  const total = rows.reduce((a, r) => a + r.sales, 0);
  return rows.map((r) => ({ ...r, share: total ? r.sales / total : null }));
}
