import type { SqlConnection } from '../db/connection';
import type { DateRange } from '../kernel/days';
import { sqlDate } from '../db/connection';
import { partSql } from './parts';

/** The Sales page beyond the Overview: when orders come, where, why they are cancelled or returned. */
export interface ClaimRow {
  orderId: string;
  /** The order's creation date, or the claim's submission date when the order lines are not stored. */
  date: string;
  failedStatus: string | null;
  claimStatus: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  paidAt: string | null;
  rejectedAt: string | null;
  compensation: number | null;
}

export interface SalesAnalysis {
  range: DateRange;
  /** Valid orders by weekday (0 = Monday) and hour of creation (shop-local time). */
  heatmap: number[][];
  cities: { key: string; detail: string; orders: number; sales: number }[];
  cancellations: { reason: string; orders: number; sales: number }[];
  returns: { product: string; units: number; orders: number }[];
  /** Return requests of the range (by request time), from return/refund exports, by reason. */
  returnReasons: { reason: string; requests: number; units: number; refund: number }[];
  /**
   * Failed deliveries of the range's orders (by order creation) and their claims, from the claim columns of
   * failed-delivery exports: one row per order, newest order first.
   */
  claims: ClaimRow[];
  /** Shopee's Business Insights sales (placed-order basis) against the sales computed from order exports. */
  gap: {
    days: number;
    shopeeSales: number;
    placedSales: number;
    cancelledSales: number;
    unpaidSales: number;
    ourSales: number;
  } | null;
}

export async function salesAnalysis(db: SqlConnection, range: DateRange): Promise<SalesAnalysis> {
  const period = `created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`;
  const cells = await db.query<{ dow: number; hour: number; n: number }>(`
    SELECT isodow(created_date) - 1 AS dow, hour, sum(orders) AS n
    FROM rollup_hours WHERE ${period} GROUP BY 1, 2`);
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of cells) heatmap[c.dow][c.hour] = c.n;

  const cities = await db.query<{ key: string; detail: string; orders: number; sales: number }>(`
    SELECT split_part(key, chr(31), 1) AS key, split_part(key, chr(31), 2) AS detail, sum(orders) AS orders, sum(sales) AS sales
    FROM rollup_orders WHERE dim = 'city' AND ${period} GROUP BY key ORDER BY sales DESC, key LIMIT 20`);

  const cancellations = await db.query<{ reason: string; orders: number; sales: number }>(`
    SELECT reason, sum(orders) AS orders, sum(sales) AS sales
    FROM rollup_cancellations WHERE ${period} GROUP BY reason ORDER BY orders DESC, reason LIMIT 15`);

  const returns = await db.query<{ product: string; units: number; orders: number }>(`
    SELECT product_name AS product, sum(returned) AS units, sum(returned_orders) AS orders
    FROM rollup_products WHERE ${period}
    GROUP BY 1 HAVING sum(returned) > 0 ORDER BY units DESC, product LIMIT 15`);

  const returnReasons = await db.query<{ reason: string; requests: number; units: number; refund: number }>(`
    SELECT coalesce(nullif(reason, ''), '–') AS reason, count(DISTINCT return_id) AS requests,
      coalesce(sum(qty), 0) AS units, coalesce(sum(refund), 0) AS refund
    FROM returns
    WHERE requested_at >= ${sqlDate(range.from)} AND requested_at < ${sqlDate(range.to)} + INTERVAL 1 DAY
    GROUP BY 1 ORDER BY requests DESC, reason`);

  const claims = await db.query<ClaimRow>(`
    SELECT c.order_id AS "orderId", strftime(coalesce(o.created_date, c.submitted_at::DATE), '%Y-%m-%d') AS date,
      c.failed_status AS "failedStatus", c.claim_status AS "claimStatus",
      strftime(c.submitted_at, '%Y-%m-%d') AS "submittedAt", strftime(c.approved_at, '%Y-%m-%d') AS "approvedAt",
      strftime(c.paid_at, '%Y-%m-%d') AS "paidAt", strftime(c.rejected_at, '%Y-%m-%d') AS "rejectedAt", c.compensation
    FROM claims c LEFT JOIN orders o USING (shop, order_id)
    WHERE coalesce(o.created_date, c.submitted_at::DATE) BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
    ORDER BY date DESC, "orderId"`);

  // Only the days that shop stats cover are compared, so both sides describe the same days.
  const [g] = await db.query<{
    days: number;
    shopee: number | null;
    placed: number | null;
    cancelled: number | null;
    unpaid: number | null;
    ours: number | null;
  }>(`
    WITH bi AS (
      SELECT CAST(day AS DATE) AS d, value FROM insights
      WHERE kind = 'shop_stats' AND scope = 'placed' AND metric = 'sales' AND NOT is_summary
        AND day BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
    )
    SELECT (SELECT count(*) FROM bi) AS days, (SELECT sum(value) FROM bi) AS shopee,
      ${partSql('placed_sales', 'rollup')} AS placed, ${partSql('cancelled_sales', 'rollup')} AS cancelled,
      ${partSql('unpaid_sales', 'rollup')} AS unpaid, ${partSql('sales', 'rollup')} AS ours
    FROM rollup_days WHERE created_date IN (SELECT d FROM bi)`);
  return {
    range,
    heatmap,
    cities,
    cancellations,
    returns,
    returnReasons,
    claims,
    gap: g.days
      ? {
          days: g.days,
          shopeeSales: g.shopee ?? 0,
          placedSales: g.placed ?? 0,
          cancelledSales: g.cancelled ?? 0,
          unpaidSales: g.unpaid ?? 0,
          ourSales: g.ours ?? 0,
        }
      : null,
  };
}
