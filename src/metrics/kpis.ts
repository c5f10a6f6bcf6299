import type { SqlConnection } from '../db/connection';
import { sqlDate, sqlString } from '../db/connection';
import type { IncomeMetricId, MetricId, OrderMetricId } from './definitions';

/** An inclusive range of calendar dates (`YYYY-MM-DD`, shop-local). */
export interface DateRange {
  from: string;
  to: string;
}

/** Order attributes a KPI query can be restricted to (exact values as in the export). */
export interface KpiFilters {
  province?: string;
  paymentMethod?: string;
  shippingOption?: string;
}

export type MetricValues = Record<MetricId, number | null>;

/** Orders that count as orders (METRICS.md): neither cancelled nor unpaid; unknown statuses are not guessed. */
export const VALID_ORDER = `status_class NOT IN ('cancelled', 'unpaid', 'unknown')`;

function orderFilter(f: KpiFilters): string {
  const parts: string[] = [];
  if (f.province) parts.push(`province = ${sqlString(f.province)}`);
  if (f.paymentMethod) parts.push(`payment_method = ${sqlString(f.paymentMethod)}`);
  if (f.shippingOption) parts.push(`shipping_option = ${sqlString(f.shippingOption)}`);
  return parts.length ? ` AND ${parts.join(' AND ')}` : '';
}

/** Order metrics for one range, in one query over the `orders` table. */
export async function orderKpis(
  db: SqlConnection,
  range: DateRange,
  filters: KpiFilters = {},
): Promise<Record<OrderMetricId, number | null>> {
  const from = sqlDate(range.from);
  const to = sqlDate(range.to);
  const [r] = await db.query<Record<string, number | null>>(`
    WITH p AS (
      SELECT * FROM orders WHERE created_date BETWEEN ${from} AND ${to}${orderFilter(filters)}
    ), v AS (SELECT * FROM p WHERE ${VALID_ORDER}),
    b AS (SELECT buyer, count(*) AS n FROM v WHERE buyer <> '' GROUP BY buyer)
    SELECT
      (SELECT count(*) FROM p) AS placed_orders,
      (SELECT count(*) FROM p WHERE status_class = 'cancelled') AS cancelled_orders,
      (SELECT count(*) FROM v) AS orders,
      (SELECT coalesce(sum(sales), 0) FROM v) AS sales,
      (SELECT coalesce(sum(units), 0) FROM v) AS units,
      (SELECT coalesce(sum(returned_units), 0) FROM v) AS returned_units,
      (SELECT coalesce(sum(line_seller_discount + seller_voucher + bundle_seller_discount), 0) FROM v) AS seller_discount,
      (SELECT count(*) FROM b) AS buyers,
      (SELECT count(*) FROM b WHERE n >= 2) AS repeat_buyers,
      (SELECT count(*) FROM b JOIN buyer_first f USING (buyer) WHERE f.first_date >= ${from}) AS new_buyers
  `);
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
}

/** Income metrics for one range of release dates. */
export async function incomeKpis(db: SqlConnection, range: DateRange): Promise<Record<IncomeMetricId, number | null>> {
  const [r] = await db.query<Record<string, number | null>>(`
    SELECT count(*) AS released_orders, sum(net_payout) AS net_payout, sum(shopee_fees) AS shopee_fees,
      sum(ads_topup) AS ads_topup_from_income, sum(shipping_net) AS shipping_net
    FROM income
    WHERE released_at >= ${sqlDate(range.from)} AND released_at < ${sqlDate(range.to)} + INTERVAL 1 DAY`);
  const has = Number(r.released_orders) > 0;
  const v = (k: string) => (has ? Number(r[k] ?? 0) : null);
  return {
    released_orders: Number(r.released_orders),
    net_payout: v('net_payout'),
    shopee_fees: v('shopee_fees'),
    ads_topup_from_income: v('ads_topup_from_income'),
    shipping_net: v('shipping_net'),
  };
}

/** The same number of days immediately before `range`. */
export function previousRange(range: DateRange): DateRange {
  const day = 86_400_000;
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  const len = Math.round((to - from) / day) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from - len * day), to: iso(from - day) };
}
