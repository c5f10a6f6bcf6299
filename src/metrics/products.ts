import type { SqlConnection } from '../db/connection';
import { sqlDate, sqlString } from '../db/connection';
import { SKU_OF_LINE } from '../db/merge';
import type { DateRange } from './kpis';

/**
 * The product and SKU table. A SKU is `Nomor Referensi SKU`, else product name + variation (METRICS.md).
 * Gross profit per SKU = its share of each released order's net payout (by line subtotal) − unit cost ×
 * units, over the orders of the range that income exports have released. A SKU without a unit cost has no
 * profit (null) and is flagged, never counted as zero cost.
 */
export interface ProductRow {
  sku: string;
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


export async function productTable(db: SqlConnection, range: DateRange): Promise<ProductRow[]> {
  const rows = await db.query<ProductRow>(`
    WITH l AS (
      SELECT ${SKU_OF_LINE} AS sku, l.product_name, coalesce(l.variation, '') AS variation, l.order_id, l.qty, l.subtotal,
        coalesce(l.returned_qty, 0) AS returned_qty, o.buyer_id, o.sales AS order_sales
      FROM order_lines l JOIN orders o USING (order_id)
      WHERE o.is_valid AND o.created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
    ),
    released AS (SELECT order_id, sum(net_payout) AS net FROM income GROUP BY order_id),
    per_buyer AS (SELECT sku, buyer_id, count(DISTINCT order_id) AS n FROM l WHERE buyer_id IS NOT NULL GROUP BY sku, buyer_id),
    repeat AS (SELECT sku, count(*) AS buyers, count(*) FILTER (WHERE n >= 2) AS repeaters FROM per_buyer GROUP BY sku),
    agg AS (
      SELECT sku, any_value(product_name) AS product, any_value(variation) AS variation,
        count(DISTINCT l.order_id) AS orders, sum(qty) AS units, sum(subtotal) AS sales, sum(returned_qty) AS "returnedUnits",
        coalesce(sum(qty) FILTER (WHERE r.net IS NOT NULL), 0) AS "releasedUnits",
        coalesce(sum(r.net * subtotal / nullif(order_sales, 0)) FILTER (WHERE r.net IS NOT NULL), 0) AS payout
      FROM l LEFT JOIN released r USING (order_id)
      GROUP BY sku
    ),
    costs AS (SELECT sku, arg_max(unit_cost, updated_at) AS unit_cost FROM unit_costs GROUP BY sku),
    perf AS (
      SELECT substr(scope, 5) AS sku, sum(value) FILTER (WHERE metric = 'visitors') AS visitors,
        sum(value) FILTER (WHERE metric = 'clicks') AS clicks, sum(value) FILTER (WHERE metric = 'cart_visitors') AS "cartAdds",
        sum(value) FILTER (WHERE metric = 'orders_placed') AS perf_orders
      FROM insights
      WHERE kind = 'product_performance' AND is_summary AND scope LIKE 'sku:%'
        AND day >= ${sqlDate(range.from)} AND period_to <= ${sqlDate(range.to)}
      GROUP BY 1
    )
    SELECT agg.*, coalesce(repeat.buyers, 0) AS buyers, perf.visitors, perf.clicks, perf."cartAdds",
      CASE WHEN perf.visitors > 0 THEN perf.perf_orders / perf.visitors END AS "visitorConversion",
      CASE WHEN repeat.buyers > 0 THEN repeat.repeaters / repeat.buyers END AS "repeatRate",
      costs.unit_cost AS "unitCost",
      CASE WHEN costs.unit_cost IS NOT NULL THEN payout - costs.unit_cost * "releasedUnits" END AS "grossProfit"
    FROM agg LEFT JOIN repeat USING (sku) LEFT JOIN costs USING (sku) LEFT JOIN perf USING (sku)
    ORDER BY sales DESC, sku`);
  return rows.map((r) => ({
    ...r,
    payout: Math.round(r.payout),
    grossProfit: r.grossProfit === null ? null : Math.round(r.grossProfit),
    margin: r.grossProfit === null || !r.payout ? null : r.grossProfit / r.payout,
  }));
}

export interface UnitCost {
  sku: string;
  /** Rupiah per unit; null removes the cost. */
  unitCost: number | null;
}

/** Stores unit costs (the latest entry per SKU counts). */
export async function setUnitCosts(db: SqlConnection, costs: readonly UnitCost[]): Promise<void> {
  for (const c of costs) {
    if (c.unitCost !== null && (!Number.isFinite(c.unitCost) || c.unitCost < 0)) throw new Error(`invalid unit cost for ${c.sku}`);
  }
  await db.exec('BEGIN TRANSACTION');
  try {
    for (const c of costs) {
      await db.exec(`DELETE FROM unit_costs WHERE sku = ${sqlString(c.sku)}`);
      if (c.unitCost !== null) {
        await db.exec(`INSERT INTO unit_costs VALUES (${sqlString(c.sku)}, ${Math.round(c.unitCost)}, now()::TIMESTAMP)`);
      }
    }
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  }
}
