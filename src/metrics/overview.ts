import type { SqlConnection } from '../db/connection';
import { type DateRange, dayNumber, type IsoDay, type PartialDay } from '../kernel/days';
import { variationCounts, withVariations } from './variations';
import { sqlDate } from '../db/connection';
import { NEWEST_ROLLUP_DAY, NEWEST_SKU_DETAIL, SKU_OF_LINE } from '../db/merge';
import { LINE_MEASURES } from '../db/measures';
import { partsSelect } from './parts';
import { type KpiFilters, lineFilter, orderFilter, partRows } from './filters';
import { orderCoverage, partialDays } from './coverage';

export type Grain = 'day' | 'week' | 'month';

/** Valid-order totals per bucket (day, ISO week from Monday, or month), every bucket of the range present. */
export interface TrendSeries {
  grain: Grain;
  /** Bucket start dates. */
  buckets: IsoDay[];
  sales: number[];
  orders: number[];
  units: number[];
  /** Distinct buyers with a valid order in the bucket (within the range). */
  buyers: number[];
  /** Whether an order export covers any day of the bucket: where none does, its zeros mean "no data", not "no sales". */
  known: boolean[];
  /** Days of the range that an order export covers (all of them, unless a month was never exported). */
  coveredDays: number;
  /** Days of the range known only up to a time of day (their export was made during them). */
  partial: PartialDay[];
}

export interface BreakdownRow {
  key: string;
  /** A second label where one helps (the parent SKU of a product, the product of a SKU). */
  detail: string;
  /** Of a SKU: the variations its lines carry in the range. Over one, `detail` is the product alone. */
  variations?: number;
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

/** Sales, orders, units and buyers (valid orders, METRICS.md) per bucket of a range. */
export async function trend(
  db: SqlConnection,
  range: DateRange,
  grain: Grain,
  filters: KpiFilters = {},
): Promise<TrendSeries> {
  const bucket = BUCKET[grain];
  const [from, to] = [sqlDate(range.from), sqlDate(range.to)];
  const span = `created_date BETWEEN ${from} AND ${to}`;
  // A bucket's buyers: without filters, its orders that are their buyer's first in the bucket. A first
  // bucket that starts before the range counts from the range start instead, from the previous-order dates
  // (only then: a range that starts with its bucket has that bucket's buyers from the rollup).
  const firstPart =
    grain === 'day'
      ? ''
      : `UNION ALL SELECT ${bucket(from)} AS b, orders AS buyers FROM rollup_buyers
         WHERE ${bucket(from)} < ${from} AND created_date BETWEEN ${from} AND ${to}
           AND created_date < ${bucket(from)} + INTERVAL 1 ${grain} AND prev_date < ${from}`;
  const src = partRows(filters);
  const sums = `SELECT ${bucket('created_date')} AS b, ${partsSelect(['sales', 'orders', 'units'], src.source)}
    FROM ${src.from} WHERE ${span}${src.cut} GROUP BY 1`;
  const agg =
    src.source === 'orders'
      ? `SELECT * FROM (${sums}) LEFT JOIN (
           SELECT ${bucket('created_date')} AS b, count(DISTINCT buyer_id) AS buyers
           FROM ${src.from} WHERE is_valid AND ${span}${src.cut} GROUP BY 1
         ) USING (b)`
      : `SELECT * FROM (${sums}) LEFT JOIN (
         SELECT b, sum(buyers) AS buyers FROM (
           SELECT ${bucket('created_date')} AS b, ${grain} AS buyers FROM rollup_first_buyers
           WHERE ${span} AND ${bucket('created_date')} >= ${from}
           ${firstPart}
         ) GROUP BY b
       ) USING (b)`;
  const rows = await db.query<{ b: IsoDay; sales: number; orders: number; units: number; buyers: number }>(`
    WITH days AS (
      SELECT CAST(d AS DATE) AS d FROM range(${from}, ${to} + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
    ), buckets AS (SELECT DISTINCT ${bucket('d')} AS b FROM days),
    agg AS (${agg})
    SELECT strftime(buckets.b, '%Y-%m-%d') AS b, coalesce(agg.sales, 0) AS sales, coalesce(agg.orders, 0) AS orders,
      coalesce(agg.units, 0) AS units, coalesce(agg.buyers, 0) AS buyers
    FROM buckets LEFT JOIN agg USING (b) ORDER BY buckets.b`);
  const col = (k: 'sales' | 'orders' | 'units' | 'buyers') => rows.map((r) => r[k]);
  const buckets = rows.map((r) => r.b);
  return {
    grain,
    buckets,
    sales: col('sales'),
    orders: col('orders'),
    units: col('units'),
    buyers: col('buyers'),
    ...(await coverageOf(db, range, buckets)),
    partial: (await partialDays(db)).filter((p) => p.day >= range.from && p.day <= range.to),
  };
}

/** Per bucket (sorted start dates), whether an order export covers any of the range's days in it; and how many days it covers. */
async function coverageOf(
  db: SqlConnection,
  range: DateRange,
  buckets: readonly string[],
): Promise<{ known: boolean[]; coveredDays: number }> {
  const d0 = dayNumber(range.from);
  const covered = await orderCoverage(db, range.from, dayNumber(range.to) - d0 + 1);
  const known = buckets.map(() => false);
  let b = 0;
  covered.forEach((c, i) => {
    while (b + 1 < buckets.length && dayNumber(buckets[b + 1]) <= d0 + i) b++;
    if (c) known[b] = true;
  });
  return { known, coveredDays: covered.filter(Boolean).length };
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
  const src = partRows(filters);
  const filtered = src.source === 'orders';
  const top = (sql: string, n: number) => db.query<BreakdownRow>(`${sql} ORDER BY sales DESC, key LIMIT ${n}`);
  // `detail` is a grouping column, or an aggregate (then rows are grouped by the key alone).
  const groups = (detailIsAggregate: boolean) => (detailIsAggregate ? 'GROUP BY 1' : 'GROUP BY 1, 2');
  const rollup = (table: string, key: string, detail: string, detailIsAggregate = false) =>
    `SELECT ${key} AS key, ${detail} AS detail, sum(orders) AS orders, sum(units) AS units, sum(sales) AS sales
     FROM ${table} WHERE ${dates} ${groups(detailIsAggregate)}`;
  const fromLines = (key: string, detail: string, detailIsAggregate = false) =>
    `SELECT ${key} AS key, ${detail} AS detail, ${LINE_MEASURES.orders} AS orders, ${LINE_MEASURES.units} AS units,
       ${LINE_MEASURES.sales} AS sales
     FROM order_lines l JOIN orders o USING (shop, order_id)
     WHERE o.is_valid AND o.${dates}${orderFilter(filters, 'o.')}${lineFilter(filters)} ${groups(detailIsAggregate)}`;
  // Without filters, the three order-level breakdowns come from one scan of the rollup.
  const dims = { province: 40, payment_method: 20, shipping_option: 20 };
  const rolled = filtered
    ? []
    : await db.query<BreakdownRow & { dim: string }>(`
        SELECT dim, key, '' AS detail, sum(orders) AS orders, sum(units) AS units, sum(sales) AS sales
        FROM rollup_orders WHERE ${dates} AND dim IN (${Object.keys(dims)
          .map((d) => `'${d}'`)
          .join(', ')})
        GROUP BY 1, 2 ORDER BY dim, sales DESC, key`);
  const byOrder = async (dim: keyof typeof dims): Promise<BreakdownRow[]> =>
    filtered
      ? top(
          `SELECT coalesce(nullif(${dim}, ''), '–') AS key, '' AS detail, ${partsSelect(['orders', 'units', 'sales'], 'orders')}
           FROM ${src.from} WHERE is_valid AND ${dates}${src.cut} GROUP BY 1, 2`,
          dims[dim],
        )
      : rolled
          .filter((r) => r.dim === dim)
          .slice(0, dims[dim])
          .map(({ dim: _, ...row }) => row);
  // A SKU is one row even when its listing was renamed, under its newest name in the range.
  const skus = await top(
    filtered
      ? fromLines(SKU_OF_LINE, NEWEST_SKU_DETAIL, true)
      : rollup('rollup_skus', 'sku', `arg_max(detail, ${NEWEST_ROLLUP_DAY})`, true),
    limit,
  );
  return {
    // A product is its name plus SKU Induk; a SKU is Nomor Referensi SKU, else product name + variation.
    products: await top(
      filtered
        ? fromLines('l.product_name', "coalesce(l.parent_sku, '')")
        : rollup('rollup_products', 'product_name', 'parent_sku'),
      limit,
    ),
    skus: withVariations(
      skus,
      await variationCounts(
        db,
        range,
        skus.map((r) => r.key),
        filters,
      ),
    ),
    provinces: await byOrder('province'),
    payments: await byOrder('payment_method'),
    shipping: await byOrder('shipping_option'),
  };
}

/** The status funnel of the orders placed in a range: from the daily rollup, or from the filtered orders. */
export async function funnel(db: SqlConnection, range: DateRange, filters: KpiFilters = {}): Promise<Funnel> {
  const src = partRows(filters);
  const [r] = await db.query<Record<string, number>>(`
    SELECT ${partsSelect(['placed_orders', 'paid_orders', 'shipped_orders', 'completed_orders', 'cancelled_orders'], src.source)}
    FROM ${src.from}
    WHERE created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}${src.cut}`);
  return {
    placed: r.placed_orders,
    paid: r.paid_orders,
    shipped: r.shipped_orders,
    completed: r.completed_orders,
    cancelled: r.cancelled_orders,
  };
}
