import { type SqlConnection, sqlString } from '../db/connection';
import { dayNumber, type IsoDay, isoOfDay, type PartialDay } from '../kernel/days';
import { NEWEST_ROLLUP_DAY } from '../db/merge';
import type { Transaction } from '../ml/churn';
import type { DailySeries } from '../ml/predictions';
import { orderCoverage, partialDays } from './coverage';
import { partsSelect } from './parts';
import type { OrderPartId } from './registry';

/**
 * What the ML worker needs from DuckDB: daily series over the whole order history (every day present: a
 * day an order export covers without valid orders is 0, a day no export covers is null), buyers' orders as
 * transactions, and the top SKUs' daily units.
 */

export interface OrderHistory {
  sales: DailySeries;
  orders: (number | null)[];
  cancellations: (number | null)[];
  /** Days left out as unknown because their export was made during them. */
  partial: PartialDay[];
}

/**
 * Registered parts per day of creation over the whole order history, from the first to the last order,
 * every day present: a day an order export covers without such orders is 0, a day no export that lists
 * every order covers is null (unknown, not zero). The one daily series of the forecasts, the anomalies, the
 * bandit and the charts.
 */
export async function dailySeries<P extends OrderPartId>(
  db: SqlConnection,
  parts: readonly P[],
): Promise<{ start: IsoDay; values: Record<P, (number | null)[]>; partial: PartialDay[] } | null> {
  const rows = await db.query<{ day: IsoDay } & Record<P, number>>(`
    SELECT strftime(created_date, '%Y-%m-%d') AS day, ${partsSelect(parts, 'rollup')}
    FROM rollup_days GROUP BY 1 ORDER BY 1`);
  if (!rows.length) return null;
  const start = rows[0].day;
  const d0 = dayNumber(start);
  const covered = await orderCoverage(db, start, dayNumber(rows[rows.length - 1].day) - d0 + 1);
  const values = Object.fromEntries(parts.map((p) => [p, covered.map((c): number | null => (c ? 0 : null))])) as Record<
    P,
    (number | null)[]
  >;
  for (const r of rows) {
    const i = dayNumber(r.day) - d0;
    // An order outside every full export's span (from a cancellation-only file) says nothing of the day.
    if (covered[i]) for (const p of parts) values[p][i] = Number(r[p]);
  }
  // A day known only in part (its export was made during it) is left out, as unknown: a model would read
  // its missing evening as a drop.
  const partial = (await partialDays(db)).filter((p) => covered[dayNumber(p.day) - d0]);
  for (const p of partial) for (const part of parts) values[part][dayNumber(p.day) - d0] = null;
  return { start, values, partial };
}

/** Valid sales and orders, and cancelled orders, per day of the order history (see `dailySeries`). */
export async function orderHistory(db: SqlConnection): Promise<OrderHistory | null> {
  const s = await dailySeries(db, ['sales', 'orders', 'cancelled_orders']);
  if (!s) return null;
  return {
    sales: { start: s.start, values: s.values.sales },
    orders: s.values.orders,
    cancellations: s.values.cancelled_orders,
    partial: s.partial,
  };
}

/** Daily visitors aligned to `start` and `n` days (traffic overview, else shop stats), null where absent. */
export async function visitorSeries(db: SqlConnection, start: string, n: number): Promise<(number | null)[] | null> {
  const rows = await db.query<{ day: string; visitors: number; kind: string }>(`
    SELECT strftime(day, '%Y-%m-%d') AS day, kind, sum(value) AS visitors FROM insights
    WHERE NOT is_summary AND metric = 'visitors'
      AND ((kind = 'traffic_overview' AND scope = 'all') OR (kind = 'shop_stats' AND scope = 'placed'))
    GROUP BY 1, 2`);
  if (!rows.length) return null;
  const out = new Array<number | null>(n).fill(null);
  const d0 = dayNumber(start);
  // Traffic overview first; shop stats fills the days it lacks.
  for (const kind of ['shop_stats', 'traffic_overview']) {
    for (const r of rows) {
      const i = dayNumber(r.day) - d0;
      if (r.kind === kind && i >= 0 && i < n) out[i] = r.visitors;
    }
  }
  return out;
}

/** Daily visitors as their own series (for the traffic forecast): first to last day with a figure. */
export async function trafficHistory(db: SqlConnection): Promise<DailySeries | null> {
  const [span] = await db.query<{ first: IsoDay | null; last: IsoDay | null }>(`
    SELECT strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last FROM insights
    WHERE NOT is_summary AND metric = 'visitors' AND kind IN ('traffic_overview', 'shop_stats')`);
  if (!span.first || !span.last) return null;
  const n = dayNumber(span.last) - dayNumber(span.first) + 1;
  const values = await visitorSeries(db, span.first, n);
  return values ? { start: span.first, values } : null;
}

/**
 * The churn model's transactions: every SKU of every valid order with a buyer (so an order's lines are its
 * SKUs, and its amounts add up to its sales), oldest first for a stable "last basket".
 */
export async function buyerTransactions(db: SqlConnection): Promise<Transaction[]> {
  const rows = await db.query<{ buyer: string; order_id: string; day: string; sales: number }>(`
    SELECT b.buyer, l.order_id, strftime(l.created_date, '%Y-%m-%d') AS day, l.subtotal AS sales
    FROM order_skus l JOIN buyers b USING (buyer_id) ORDER BY l.created_date, l.order_id, l.sku_id`);
  return rows.map((r) => ({ customer: r.buyer, order: r.order_id, day: dayNumber(r.day), amount: r.sales }));
}

/** The `limit` SKUs with the most units over the last 90 days, each with its daily units since `start`. */
export async function skuUnits(
  db: SqlConnection,
  start: string,
  n: number,
  limit: number,
  only?: readonly string[],
): Promise<{ sku: string; name: string; values: number[] }[]> {
  const end = isoOfDay(dayNumber(start) + n - 1);
  const rows = await db.query<{ sku: string; detail: string; day: string; units: number }>(`
    WITH top AS (
      ${
        only
          ? `SELECT sku, arg_max(detail, ${NEWEST_ROLLUP_DAY}) AS detail FROM rollup_skus WHERE sku IN (${only.map(sqlString).join(', ') || 'NULL'}) GROUP BY sku`
          : `SELECT sku, arg_max(detail, ${NEWEST_ROLLUP_DAY}) AS detail FROM rollup_skus
      WHERE created_date > DATE '${end}' - INTERVAL 90 DAY
      GROUP BY sku ORDER BY sum(units) DESC, sku LIMIT ${Math.max(1, Math.floor(limit))}`
      }
    )
    SELECT r.sku, top.detail, strftime(r.created_date, '%Y-%m-%d') AS day, sum(r.units) AS units
    FROM rollup_skus r JOIN top USING (sku) GROUP BY 1, 2, 3`);
  const by = new Map<string, { sku: string; name: string; values: number[] }>();
  const d0 = dayNumber(start);
  for (const r of rows) {
    const s = by.get(r.sku) ?? { sku: r.sku, name: r.detail, values: new Array<number>(n).fill(0) };
    const i = dayNumber(r.day) - d0;
    if (i >= 0 && i < n) s.values[i] += r.units;
    by.set(r.sku, s);
  }
  return [...by.values()].sort(
    (a, b) => b.values.slice(-90).reduce((x, y) => x + y, 0) - a.values.slice(-90).reduce((x, y) => x + y, 0),
  );
}

/**
 * Daily spend per marketing channel (ad types from the billing CSV, voucher cost, affiliate commission
 * spread over its report period) and daily sales, over the days the channel data cover.
 */
export async function marketingInputs(
  db: SqlConnection,
  history: OrderHistory | null,
): Promise<{ start: IsoDay; sales: number[]; channels: { name: string; spend: number[] }[] } | null> {
  const rows = await db.query<{ name: string; day: IsoDay; spend: number }>(`
    WITH daily AS (
      SELECT 'ads: ' || scope AS name, day, value FROM insights WHERE kind = 'ads_billing' AND metric = 'spend'
      UNION ALL SELECT 'voucher', day, value FROM insights WHERE kind = 'voucher' AND metric = 'cost_placed' AND NOT is_summary
      UNION ALL
      SELECT 'affiliate', unnest(generate_series(day, period_to, INTERVAL 1 DAY)) AS day,
        value / (datediff('day', day, period_to) + 1) AS value
      FROM insights WHERE kind = 'affiliate' AND metric = 'commission' AND is_summary
    )
    SELECT name, strftime(day, '%Y-%m-%d') AS day, sum(value) AS spend FROM daily GROUP BY 1, 2 ORDER BY 2`);
  if (!rows.length) return null;
  const start = rows[0].day;
  const end = rows[rows.length - 1].day;
  const n = dayNumber(end) - dayNumber(start) + 1;
  const names = [...new Set(rows.map((r) => r.name))].sort();
  const channels = names.map((name) => ({ name, spend: new Array<number>(n).fill(0) }));
  for (const r of rows) channels[names.indexOf(r.name)].spend[dayNumber(r.day) - dayNumber(start)] += r.spend;
  if (!history) return null;
  const offset = dayNumber(start) - dayNumber(history.sales.start);
  const sales = Array.from({ length: n }, (_, i) => history.sales.values[offset + i] ?? 0);
  return { start, sales, channels };
}
