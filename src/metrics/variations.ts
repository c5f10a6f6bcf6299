import { type SqlConnection, sqlDate, sqlString } from '../db/connection';
import { SKU_OF_LINE } from '../db/merge';
import type { DateRange } from '../kernel/days';
import { type KpiFilters, lineFilter, orderFilter, partRows } from './filters';

/** One variation of a SKU in a range: its valid orders, units and sales. */
export interface VariationRow {
  product: string;
  variation: string;
  orders: number;
  units: number;
  sales: number;
}

/**
 * How many variations each SKU spans in a range, and the product name of its newest day (a SKU row named
 * after one variation hid the others). From the daily variation rollup, or from the order lines when
 * filters restrict the orders.
 */
export async function variationCounts(
  db: SqlConnection,
  range: DateRange,
  /** The SKUs to count; every SKU of the range when absent. */
  skus?: readonly string[],
  filters: KpiFilters = {},
): Promise<Map<string, { variations: number; product: string }>> {
  if (skus && !skus.length) return new Map();
  const dates = `created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`;
  const only = (key: string) => (skus ? ` AND ${key} IN (${skus.map(sqlString).join(', ')})` : '');
  const rows = await db.query<{ sku: string; variations: number; product: string }>(
    partRows(filters).source === 'orders'
      ? `SELECT ${SKU_OF_LINE} AS sku, count(DISTINCT coalesce(l.variation, '')) AS variations,
           arg_max(l.product_name, o.created_at) AS product
         FROM order_lines l JOIN orders o USING (shop, order_id)
         WHERE o.is_valid AND o.${dates}${orderFilter(filters, 'o.')}${lineFilter(filters)}${only(SKU_OF_LINE)}
         GROUP BY 1`
      : `SELECT sku, count(DISTINCT variation) AS variations, arg_max(product_name, created_date) AS product
         FROM rollup_variations WHERE ${dates}${only('sku')} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.sku, { variations: Number(r.variations), product: r.product }]));
}

/** A SKU's valid orders of a range by variation, largest sales first. */
export async function skuVariations(db: SqlConnection, range: DateRange, sku: string): Promise<VariationRow[]> {
  return db.query<VariationRow>(`
    SELECT product_name AS product, variation, sum(orders) AS orders, sum(units) AS units, sum(sales) AS sales
    FROM rollup_variations
    WHERE sku = ${sqlString(sku)} AND created_date BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
    GROUP BY 1, 2 ORDER BY sales DESC, variation, product`);
}

/**
 * SKU rows with the variations they span: a row over several is labelled with its product alone (its
 * newest line's variation is not the SKU's), and says how many.
 */
export function withVariations<R extends { key: string; detail: string }>(
  rows: readonly R[],
  counts: ReadonlyMap<string, { variations: number; product: string }>,
): (R & { variations: number })[] {
  return rows.map((r) => {
    const c = counts.get(r.key);
    return c && c.variations > 1 ? { ...r, detail: c.product, variations: c.variations } : { ...r, variations: 1 };
  });
}
