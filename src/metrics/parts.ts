import { NO_DATE } from '../db/merge';
import { ORDER_MEASURES, ORDER_SCOPES } from '../db/measures';
import { type BuyerPartId, ORDER_PARTS, type OrderPartId } from './registry';

/**
 * The compiler of the registry's parts: one part, one SQL expression, over the daily rollups or over the
 * `orders` rows (the filtered path). Both sum the same measure over the same scope, so the two paths agree
 * by construction; the property test in kpis.sample.test.ts checks that they do.
 */
/** What a part reads: `rollup_days` (a row is a day's orders of one status) or orders (a row is one order; see filters.ts). */
export type PartSource = 'rollup' | 'orders';

/** A part as an aggregate over the rows of its source. */
export function partSql(p: OrderPartId, source: PartSource): string {
  const { measure, scope } = ORDER_PARTS[p];
  const value = source === 'rollup' ? measure : ORDER_MEASURES[measure];
  return `coalesce(sum(${value}) FILTER (WHERE ${ORDER_SCOPES[scope]}), 0)`;
}

/** Several parts as select items named after them. */
export const partsSelect = (parts: readonly OrderPartId[], source: PartSource) =>
  parts.map((p) => `${partSql(p, source)} AS ${p}`).join(', ');

/**
 * The buyer parts of a period that starts at `from`, over `rollup_buyers` (valid orders by the dates of
 * their buyer's two previous valid orders): a buyer of the period is an order that is its buyer's first
 * in it, a repeat buyer its second, a new buyer the first ever.
 */
export function buyerPartsFromRollup(from: string): Record<BuyerPartId, string> {
  return {
    buyers: `coalesce(sum(orders) FILTER (WHERE prev_date < ${from}), 0)`,
    repeat_buyers: `coalesce(sum(orders) FILTER (WHERE prev_date >= ${from} AND prev2_date < ${from}), 0)`,
    new_buyers: `coalesce(sum(orders) FILTER (WHERE prev_date = ${NO_DATE}), 0)`,
  };
}

/**
 * The same buyer parts over one row per buyer of the filtered orders, with `n` (the buyer's orders in the
 * period) and `first` (the date of their first valid order in all the data).
 */
export function buyerPartsFromBuyers(from: string, n: string, first: string): Record<BuyerPartId, string> {
  return {
    buyers: `count(*) FILTER (WHERE ${n} > 0)`,
    repeat_buyers: `count(*) FILTER (WHERE ${n} >= 2)`,
    new_buyers: `count(*) FILTER (WHERE ${n} > 0 AND ${first} >= ${from})`,
  };
}
