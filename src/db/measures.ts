/**
 * The additive measures of orders and order lines, each written once as SQL. The rollup builder (merge.ts)
 * stores them per day, and the metric registry (src/metrics/registry.ts) reads them from the rollups or,
 * under filters, from the orders themselves, with the same expressions.
 */

/** Valid orders (METRICS.md): neither cancelled nor unpaid; an unknown status is not guessed to be one. */
export const VALID_STATUS = `status_class NOT IN ('cancelled', 'unpaid', 'unknown')`;

/** The status funnel's steps of an `orders` row: paid (or past payment), and shipped (or past shipping). */
export const SHIPPED_SQL = "(ship_arranged_at IS NOT NULL OR status_class IN ('shipping', 'completed'))";
export const PAID_SQL = `(paid_at IS NOT NULL OR status_class = 'to_ship' OR ${SHIPPED_SQL})`;

/**
 * What one `orders` row adds to each measure. `rollup_days` holds their sums per day, status and validity,
 * in this order (after `created_date, status_class, is_valid`).
 */
export const ORDER_MEASURES = {
  orders: '1',
  paid: `(${PAID_SQL})::INT`,
  shipped: `(${SHIPPED_SQL})::INT`,
  sales: 'sales',
  units: 'units',
  returned_units: 'returned_units',
  seller_discount: 'seller_discount',
} as const;
export type OrderMeasure = keyof typeof ORDER_MEASURES;

/**
 * Which orders a part counts, as a condition on the columns `rollup_days` keeps (so it reads the same on
 * the rollups and on the orders).
 */
export const ORDER_SCOPES = {
  placed: 'true',
  valid: 'is_valid',
  cancelled: "status_class = 'cancelled'",
  unpaid: "status_class = 'unpaid'",
  completed: "status_class = 'completed'",
} as const;
export type OrderScope = keyof typeof ORDER_SCOPES;

/** The sum of a measure over the `orders` rows of a group. */
export const sumOverOrders = (m: OrderMeasure) => `coalesce(sum(${ORDER_MEASURES[m]}), 0)`;

/**
 * The measures of a group of order lines (alias `l`): its distinct orders, units and sales. Sales are the
 * line subtotals, so a group's sales add up to its orders' (an order's sales are its lines' subtotals).
 */
export const LINE_MEASURES = {
  orders: 'count(DISTINCT l.order_id)',
  units: 'coalesce(sum(l.qty), 0)',
  sales: 'coalesce(sum(l.subtotal), 0)',
} as const;
