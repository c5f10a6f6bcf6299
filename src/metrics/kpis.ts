import type { SqlConnection } from '../db/connection';
import { type DateRange, previousRange } from '../kernel/days';
import { sqlDate, sqlString } from '../db/connection';
import { NO_DATE } from '../db/merge';
import type { IncomeMetricId, KpiMetricId, OrderMetricId } from './definitions';

/** An inclusive range of calendar dates (`YYYY-MM-DD`, shop-local). */

/** Order attributes a KPI query can be restricted to (exact values as in the export). */
export interface KpiFilters {
  province?: string;
  paymentMethod?: string;
  shippingOption?: string;
}

export type MetricValues = Record<KpiMetricId, number | null>;

/** The filters as `AND ...` conditions on the `orders` table (columns prefixed with `alias`). */
export function orderFilter(f: KpiFilters, alias = ''): string {
  const parts: string[] = [];
  if (f.province) parts.push(`${alias}province = ${sqlString(f.province)}`);
  if (f.paymentMethod) parts.push(`${alias}payment_method = ${sqlString(f.paymentMethod)}`);
  if (f.shippingOption) parts.push(`${alias}shipping_option = ${sqlString(f.shippingOption)}`);
  return parts.length ? ` AND ${parts.join(' AND ')}` : '';
}

export interface PeriodPair<T> {
  current: T;
  previous: T;
}

type OrderValues = Record<OrderMetricId, number | null>;
type IncomeValues = Record<IncomeMetricId, number | null>;

/**
 * Order metrics for a range and the period of the same length before it: from the daily rollups, or with
 * filters from the orders themselves.
 */
export async function orderKpis(
  db: SqlConnection,
  range: DateRange,
  filters: KpiFilters = {},
  /** Which tables answer: filters need the orders; without them the rollups (the orders give the same). */
  path: 'rollups' | 'orders' = orderFilter(filters) === '' ? 'rollups' : 'orders',
): Promise<PeriodPair<OrderValues>> {
  const prev = previousRange(range);
  const from = sqlDate(range.from);
  const where = `created_date BETWEEN ${sqlDate(prev.from)} AND ${sqlDate(range.to)}${orderFilter(filters)}`;
  const pf = sqlDate(prev.from);
  if (path === 'rollups' && orderFilter(filters) !== '') throw new Error('the rollups cannot be filtered');
  const filtered = path === 'orders';
  // Without filters each period reads the daily rollups: totals by status, and valid orders keyed by the
  // dates of their buyer's two previous orders. A period's buyers are its orders that are their buyer's
  // first in the period; repeat buyers, the second; new buyers, the first ever (see rebuildOrders).
  // Filters cut the orders, so then the orders are scanned and buyers grouped instead.
  const period = (cur: boolean, lo: string, hi: string) => {
    const span = `created_date BETWEEN ${lo} AND ${hi}`;
    if (filtered) {
      const cut = `${span}${orderFilter(filters)}`;
      return `SELECT ${cur} AS cur, placed_orders, cancelled_orders, v.* FROM
        (SELECT count(*) AS placed_orders, count(*) FILTER (WHERE status_class = 'cancelled') AS cancelled_orders FROM orders WHERE ${cut}),
        (SELECT count(*) AS orders, coalesce(sum(sales), 0) AS sales, coalesce(sum(units), 0) AS units,
          coalesce(sum(returned_units), 0) AS returned_units, coalesce(sum(seller_discount), 0) AS seller_discount
         FROM orders WHERE is_valid AND ${cut}) v`;
    }
    return `SELECT ${cur} AS cur, t.*, b.* FROM
      (SELECT coalesce(sum(orders), 0) AS placed_orders, coalesce(sum(orders) FILTER (WHERE status_class = 'cancelled'), 0) AS cancelled_orders,
        coalesce(sum(orders) FILTER (WHERE is_valid), 0) AS orders, coalesce(sum(sales) FILTER (WHERE is_valid), 0) AS sales,
        coalesce(sum(units) FILTER (WHERE is_valid), 0) AS units, coalesce(sum(returned_units) FILTER (WHERE is_valid), 0) AS returned_units,
        coalesce(sum(seller_discount) FILTER (WHERE is_valid), 0) AS seller_discount
       FROM rollup_days WHERE ${span}) t,
      (SELECT coalesce(sum(orders) FILTER (WHERE prev_date < ${lo}), 0) AS buyers,
        coalesce(sum(orders) FILTER (WHERE prev_date >= ${lo} AND prev2_date < ${lo}), 0) AS repeat_buyers,
        coalesce(sum(orders) FILTER (WHERE prev_date = ${NO_DATE}), 0) AS new_buyers
       FROM rollup_buyers WHERE ${span}) b`;
  };
  const totals = await db.query<Record<string, number | boolean | null>>(
    `${period(true, from, sqlDate(range.to))} UNION ALL ${period(false, pf, `${from} - 1`)}`,
  );
  let rows: Record<string, unknown>[] = totals;
  if (filtered) {
    const [b] = await db.query<Record<string, number>>(`
      WITH b AS (
        SELECT count(*) FILTER (WHERE created_date >= ${from}) AS nc, count(*) FILTER (WHERE created_date < ${from}) AS np,
          min(buyer_first_date) AS first
        FROM orders WHERE is_valid AND buyer_id IS NOT NULL AND ${where} GROUP BY buyer_id
      )
      SELECT count(*) FILTER (WHERE nc > 0) AS buyers_cur, count(*) FILTER (WHERE nc >= 2) AS repeat_cur,
        count(*) FILTER (WHERE nc > 0 AND first >= ${from}) AS new_cur,
        count(*) FILTER (WHERE np > 0) AS buyers_prev, count(*) FILTER (WHERE np >= 2) AS repeat_prev,
        count(*) FILTER (WHERE np > 0 AND first >= ${pf}) AS new_prev
      FROM b`);
    rows = totals.map((t) => {
      const p = t.cur ? 'cur' : 'prev';
      return { ...t, buyers: b[`buyers_${p}`], repeat_buyers: b[`repeat_${p}`], new_buyers: b[`new_${p}`] };
    });
  }
  const pick = (cur: boolean): OrderValues => {
    const r: Record<string, unknown> = rows.find((x) => x.cur === cur) ?? {};
    const n = (k: string) => Number(r[k] ?? 0);
    return {
      placed_orders: n('placed_orders'),
      cancelled_orders: n('cancelled_orders'),
      orders: n('orders'),
      sales: n('sales'),
      units: n('units'),
      buyers: n('buyers'),
      aov: n('orders') ? n('sales') / n('orders') : null,
      cancel_rate: n('placed_orders') ? n('cancelled_orders') / n('placed_orders') : null,
      returned_units: n('returned_units'),
      repeat_buyer_rate: n('buyers') ? n('repeat_buyers') / n('buyers') : null,
      new_buyers: n('new_buyers'),
      seller_discount: n('seller_discount'),
    };
  };
  return { current: pick(true), previous: pick(false) };
}

/** Income metrics by release date for a range and the period of the same length before it. */
export async function incomeKpis(db: SqlConnection, range: DateRange): Promise<PeriodPair<IncomeValues>> {
  const prev = previousRange(range);
  const rows = await db.query<Record<string, number | boolean | null>>(`
    SELECT released_at >= ${sqlDate(range.from)} AS cur, count(*) AS released_orders, sum(net_payout) AS net_payout,
      sum(shopee_fees) AS shopee_fees, sum(ads_topup) AS ads_topup_from_income, sum(shipping_net) AS shipping_net
    FROM income
    WHERE released_at >= ${sqlDate(prev.from)} AND released_at < ${sqlDate(range.to)} + INTERVAL 1 DAY
    GROUP BY cur`);
  const pick = (cur: boolean): IncomeValues => {
    const r = rows.find((x) => x.cur === cur);
    const v = (k: string) => (r ? Number(r[k] ?? 0) : null);
    return {
      released_orders: r ? Number(r.released_orders) : 0,
      net_payout: v('net_payout'),
      shopee_fees: v('shopee_fees'),
      ads_topup_from_income: v('ads_topup_from_income'),
      shipping_net: v('shipping_net'),
    };
  };
  return { current: pick(true), previous: pick(false) };
}
