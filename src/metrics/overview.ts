import type { SqlConnection } from '../db/connection';
import { sqlDate } from '../db/connection';
import { PAID_SQL, SHIPPED_SQL, SKU_DETAIL_SQL, SKU_OF_LINE } from '../db/merge';
import { type DateRange, type KpiFilters, orderFilter } from './kpis';

export type Grain = 'day' | 'week' | 'month';

/** Sales and orders per bucket (day, ISO week from Monday, or month), every bucket of the range present. */
export interface TrendSeries {
  grain: Grain;
  /** Bucket start dates, `YYYY-MM-DD`. */
  buckets: string[];
  sales: number[];
  orders: number[];
}

export interface BreakdownRow {
  key: string;
  /** A second label where one helps (the parent SKU of a product, the product of a SKU). */
  detail: string;
  orders: number;
  units: number;
  sales: number;
}

/** Orders of the period by how far they got. Every count is a subset of `placed`. */
export interface Funnel {
  placed: number;
  paid: number;
  shipped: number;
  completed: number;
  cancelled: number;
}

export interface Breakdowns {
  products: BreakdownRow[];
  skus: BreakdownRow[];
  provinces: BreakdownRow[];
  payments: BreakdownRow[];
  shipping: BreakdownRow[];
}

const BUCKET: Record<Grain, (col: string) => string> = {
  day: (c) => c,
  week: (c) => `CAST(date_trunc('week', ${c}) AS DATE)`,
  month: (c) => `CAST(date_trunc('month', ${c}) AS DATE)`,
};

/** Valid orders as rows of (created_date, orders, sales): the daily rollup, or the filtered orders. */
const validOrdersByDay = (filters: KpiFilters) =>
  orderFilter(filters)
    ? `(SELECT created_date, 1 AS orders, sales FROM orders WHERE is_valid${orderFilter(filters)})`
    : '(SELECT created_date, orders, sales FROM rollup_days WHERE is_valid)';

/** Sales and orders (valid orders, METRICS.md) per bucket of a range. */
export async function trend(
  db: SqlConnection,
  range: DateRange,
  grain: Grain,
  filters: KpiFilters = {},
): Promise<TrendSeries> {
  const bucket = BUCKET[grain];
  const rows = await db.query<{ b: string; sales: number; orders: number }>(`
    WITH days AS (
      SELECT CAST(d AS DATE) AS d FROM range(${sqlDate(range.from)}, ${sqlDate(range.to)} + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
    ), buckets AS (SELECT DISTINCT ${bucket('d')} AS b FROM days),
    agg AS (
      SELECT ${bucket('created_date')} AS b, sum(sales) AS sales, sum(orders) AS orders
      FROM ${validOrdersByDay(filters)}
      WHERE created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
      GROUP BY 1
    )
    SELECT strftime(buckets.b, '%Y-%m-%d') AS b, coalesce(agg.sales, 0) AS sales, coalesce(agg.orders, 0) AS orders
    FROM buckets LEFT JOIN agg USING (b) ORDER BY buckets.b`);
  return { grain, buckets: rows.map((r) => r.b), sales: rows.map((r) => r.sales), orders: rows.map((r) => r.orders) };
}

/**
 * Top products, SKUs, provinces, payment methods and shipping options of the valid orders of a range:
 * from the daily rollups, or from the orders themselves when filters restrict them.
 */
export async function breakdowns(
  db: SqlConnection,
  range: DateRange,
  filters: KpiFilters = {},
  limit = 10,
): Promise<Breakdowns> {
  const dates = `created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`;
  const filtered = orderFilter(filters) !== '';
  const top = (sql: string, n: number) => db.query<BreakdownRow>(`${sql} ORDER BY sales DESC, key LIMIT ${n}`);
  const rollup = (table: string, key: string, detail: string, where = '') =>
    `SELECT ${key} AS key, ${detail} AS detail, sum(orders) AS orders, sum(units) AS units, sum(sales) AS sales
     FROM ${table} WHERE ${dates}${where} GROUP BY 1, 2`;
  const fromLines = (key: string, detail: string) =>
    `SELECT ${key} AS key, ${detail} AS detail, count(DISTINCT l.order_id) AS orders, coalesce(sum(l.qty), 0) AS units,
       coalesce(sum(l.subtotal), 0) AS sales
     FROM order_lines l JOIN orders o USING (order_id)
     WHERE o.is_valid AND o.${dates}${orderFilter(filters, 'o.')} GROUP BY 1, 2`;
  const byOrder = (dim: string, n: number) =>
    top(
      filtered
        ? `SELECT coalesce(nullif(${dim}, ''), '–') AS key, '' AS detail, count(*) AS orders, coalesce(sum(units), 0) AS units,
             coalesce(sum(sales), 0) AS sales FROM orders WHERE is_valid AND ${dates}${orderFilter(filters)} GROUP BY 1, 2`
        : rollup('rollup_orders', 'key', "''", ` AND dim = '${dim}'`),
      n,
    );
  return {
    // A product is its name plus SKU Induk; a SKU is Nomor Referensi SKU, else product name + variation.
    products: await top(
      filtered ? fromLines('l.product_name', "coalesce(l.parent_sku, '')") : rollup('rollup_products', 'product_name', 'parent_sku'),
      limit,
    ),
    skus: await top(filtered ? fromLines(SKU_OF_LINE, SKU_DETAIL_SQL) : rollup('rollup_skus', 'sku', 'detail'), limit),
    provinces: await byOrder('province', 40),
    payments: await byOrder('payment_method', 20),
    shipping: await byOrder('shipping_option', 20),
  };
}

/** The status funnel of the orders placed in a range: from the daily rollup, or from the filtered orders. */
export async function funnel(db: SqlConnection, range: DateRange, filters: KpiFilters = {}): Promise<Funnel> {
  const source = orderFilter(filters)
    ? `(SELECT created_date, status_class, 1 AS orders, ${PAID_SQL}::INT AS paid, ${SHIPPED_SQL}::INT AS shipped FROM orders
        WHERE true${orderFilter(filters)})`
    : 'rollup_days';
  const [r] = await db.query<Funnel>(`
    SELECT coalesce(sum(orders), 0) AS placed, coalesce(sum(paid), 0) AS paid, coalesce(sum(shipped), 0) AS shipped,
      coalesce(sum(orders) FILTER (WHERE status_class = 'completed'), 0) AS completed,
      coalesce(sum(orders) FILTER (WHERE status_class = 'cancelled'), 0) AS cancelled
    FROM ${source}
    WHERE created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`);
  return r;
}
