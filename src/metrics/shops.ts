import type { SqlConnection } from '../db/connection';
import type { Shop } from '../db/shops';
import { type DateRange, type IsoDay, previousRange } from '../kernel/days';
import { adSpend } from './campaigns';
import { incomeKpis, type MetricValues, orderKpis } from './kpis';
import { productTable } from './products';

/**
 * One shop's headline figures over a range, each the figure its own page shows (kpis, income, products,
 * campaigns): a comparison of shops defines no number of its own.
 */
export type ShopFigures = Pick<MetricValues, 'sales' | 'orders' | 'buyers' | 'aov' | 'cancel_rate' | 'net_payout'> & {
  /**
   * Σ gross profit of the SKUs that have a unit cost (METRICS.md `gross_profit`, per SKU); null when none
   * has one. The SKUs with released units and no cost are counted in `uncostedSkus`, never as zero cost.
   */
  grossProfit: number | null;
  uncostedSkus: number;
  /** Ad spend as the Campaigns page counts it (null without a billing report for the range). */
  adSpend: number | null;
};

export interface ShopComparisonRow {
  shop: Shop;
  current: ShopFigures;
  previous: ShopFigures;
  /** The shop's part of the compared shops' sales (null when they sold nothing). */
  salesShare: number | null;
}

export interface ShopComparison {
  range: DateRange;
  previousRange: DateRange;
  rows: ShopComparisonRow[];
  /** The compared shops together: the same figures over the union of their rows. */
  total: { current: ShopFigures; previous: ShopFigures };
  /** Sales per day (per week past 120 days) for each shop, in the order of `rows`. */
  trend: { grain: 'day' | 'week'; buckets: IsoDay[]; sales: number[][] };
}

async function figuresOf(db: SqlConnection, range: DateRange): Promise<ShopFigures> {
  const orders = (await orderKpis(db, range)).current;
  const income = (await incomeKpis(db, range)).current;
  const products = await productTable(db, range);
  const costed = products.filter((p) => p.grossProfit !== null);
  return {
    sales: orders.sales,
    orders: orders.orders,
    buyers: orders.buyers,
    aov: orders.aov,
    cancel_rate: orders.cancel_rate,
    net_payout: income.net_payout,
    grossProfit: costed.length ? costed.reduce((a, p) => a + (p.grossProfit ?? 0), 0) : null,
    uncostedSkus: products.filter((p) => p.unitCost === null && p.releasedUnits > 0).length,
    adSpend: await adSpend(db, range),
  };
}

/** A range's figures and those of the same days just before, over the rows the connection shows now. */
export async function shopFigures(
  db: SqlConnection,
  range: DateRange,
): Promise<{ current: ShopFigures; previous: ShopFigures }> {
  return { current: await figuresOf(db, range), previous: await figuresOf(db, previousRange(range)) };
}

/** Each shop's part of the total (null when the total is zero). */
export function shares(values: readonly number[]): (number | null)[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => (total ? v / total : null));
}
