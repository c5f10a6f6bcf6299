import { sqlString } from '../db/connection';
import { SKU_OF_LINE } from '../db/merge';
import { LINE_MEASURES } from '../db/measures';
import type { PartSource } from './parts';

/**
 * What a KPI query can be restricted to (exact values as in the export): attributes of the order, and a
 * product (its name) or a SKU (its key, as the SKU tables show it). Under a product or SKU filter an order
 * counts when it has a line of it, and its amounts are those lines' (sales, units, returns, line seller
 * discounts); the order-level vouchers belong to no line and are left out.
 */
export interface KpiFilters {
  province?: string;
  paymentMethod?: string;
  shippingOption?: string;
  product?: string;
  sku?: string;
}

/** The order filters as `AND ...` conditions on `orders` columns (prefixed with `alias`). */
export function orderFilter(f: KpiFilters, alias = ''): string {
  const parts: string[] = [];
  if (f.province) parts.push(`${alias}province = ${sqlString(f.province)}`);
  if (f.paymentMethod) parts.push(`${alias}payment_method = ${sqlString(f.paymentMethod)}`);
  if (f.shippingOption) parts.push(`${alias}shipping_option = ${sqlString(f.shippingOption)}`);
  return parts.length ? ` AND ${parts.join(' AND ')}` : '';
}

/** The product and SKU filters as `AND ...` conditions on order lines (alias `l`). */
export function lineFilter(f: KpiFilters): string {
  const parts: string[] = [];
  if (f.product) parts.push(`l.product_name = ${sqlString(f.product)}`);
  if (f.sku) parts.push(`${SKU_OF_LINE} = ${sqlString(f.sku)}`);
  return parts.length ? ` AND ${parts.join(' AND ')}` : '';
}

export const isFiltered = (f: KpiFilters) => orderFilter(f) !== '' || lineFilter(f) !== '';

/**
 * The rows the registry's parts read for these filters, as `FROM <from> WHERE <dates><cut>`: the daily
 * rollups without filters; else the orders, cut by the order filters, and under a product or SKU filter
 * each order with only its lines of that product or SKU (same columns, so every part reads them alike).
 */
export function partRows(
  f: KpiFilters,
  /** The orders even without filters (the property test compares the two). */
  source: PartSource = isFiltered(f) ? 'orders' : 'rollup',
): { source: PartSource; from: string; cut: string } {
  if (source === 'rollup') {
    if (isFiltered(f)) throw new Error('the rollups cannot be filtered');
    return { source, from: 'rollup_days', cut: '' };
  }
  const lines = lineFilter(f);
  if (!lines) return { source, from: 'orders', cut: orderFilter(f) };
  return {
    source,
    from: `(SELECT o.* REPLACE (f.sales AS sales, f.units AS units, f.returned_units AS returned_units, f.seller_discount AS seller_discount)
      FROM orders o JOIN (
        SELECT l.shop, l.order_id, ${LINE_MEASURES.sales} AS sales, ${LINE_MEASURES.units} AS units,
          coalesce(sum(l.returned_qty), 0) AS returned_units, coalesce(sum(l.seller_discount), 0) AS seller_discount
        FROM order_lines l WHERE true${lines} GROUP BY 1, 2
      ) f USING (shop, order_id))`,
    cut: orderFilter(f),
  };
}
