import type { SqlConnection } from '../db/connection';
import { type DateRange, previousRange } from '../kernel/days';
import { sqlDate } from '../db/connection';
import { quantity } from '../kernel/units';
import { type KpiFilters, partRows } from './filters';
import { buyerPartsFromBuyers, buyerPartsFromRollup, type PartSource, partsSelect } from './parts';
import {
  BUYER_PARTS,
  type IncomeMetricId,
  type KpiMetricId,
  type MetricFigure,
  METRICS,
  ORDER_METRICS,
  ORDER_PARTS,
  type OrderMetricId,
  type OrderPartId,
  type OrderValue,
  type PartId,
  metricValue,
} from './registry';

/** The KPI figures of a period, each in its metric's unit; null where it has no value (a ratio of 0 parts). */
export type MetricValues = { [M in KpiMetricId]: MetricFigure<M> | null };

export interface PeriodPair<T> {
  current: T;
  previous: T;
}

type OrderValues = Pick<MetricValues, OrderMetricId>;
type IncomeValues = Pick<MetricValues, IncomeMetricId>;

/**
 * Order metrics for a range and the period of the same length before it, each made of the registry's
 * parts: from the daily rollups, or with filters from the orders themselves.
 */
export async function orderKpis(
  db: SqlConnection,
  range: DateRange,
  filters: KpiFilters = {},
  /** Which rows answer: filters need the orders; without them the rollups (the orders give the same). */
  path?: PartSource,
): Promise<PeriodPair<OrderValues>> {
  const rows = partRows(filters, path);
  const prev = previousRange(range);
  const [pf, from, to] = [sqlDate(prev.from), sqlDate(range.from), sqlDate(range.to)];
  const { cut } = rows;
  const additive = Object.keys(ORDER_PARTS) as OrderPartId[];
  const period = (cur: boolean, lo: string, hi: string) =>
    `SELECT ${cur} AS cur, ${partsSelect(additive, rows.source)} FROM ${rows.from} WHERE created_date BETWEEN ${lo} AND ${hi}${cut}`;
  const sums = await db.query<Record<string, number | boolean>>(
    `${period(true, from, to)} UNION ALL ${period(false, pf, `${from} - 1`)}`,
  );
  const buyers = (cur: boolean, lo: string, hi: string) => {
    if (rows.source === 'rollup') {
      const b = buyerPartsFromRollup(lo);
      return `SELECT ${cur} AS cur, ${BUYER_PARTS.map((p) => `${b[p]} AS ${p}`).join(', ')}
        FROM rollup_buyers WHERE created_date BETWEEN ${lo} AND ${hi}`;
    }
    // Filters cut the orders, so buyers are grouped from them: each buyer's orders in the period.
    const b = buyerPartsFromBuyers(lo, 'n', 'first');
    return `SELECT ${cur} AS cur, ${BUYER_PARTS.map((p) => `${b[p]} AS ${p}`).join(', ')} FROM (
        SELECT count(*) FILTER (WHERE created_date >= ${lo}) AS n, min(buyer_first_date) AS first FROM ${rows.from}
        WHERE is_valid AND buyer_id IS NOT NULL AND created_date BETWEEN ${lo} AND ${hi}${cut} GROUP BY buyer_id)`;
  };
  const counts = await db.query<Record<string, number | boolean>>(
    `${buyers(true, from, to)} UNION ALL ${buyers(false, pf, `${from} - 1`)}`,
  );
  const pick = (cur: boolean): OrderValues => {
    const row = { ...sums.find((x) => x.cur === cur), ...counts.find((x) => x.cur === cur) };
    const parts = Object.fromEntries([...additive, ...BUYER_PARTS].map((p) => [p, Number(row[p] ?? 0)])) as Record<
      PartId,
      number
    >;
    return Object.fromEntries(
      ORDER_METRICS.map((id) => [id, metricValue(METRICS[id].parts as OrderValue, parts)]),
    ) as OrderValues;
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
  // The SQL edge: each figure is declared in its metric's unit here.
  const pick = (cur: boolean): IncomeValues => {
    const r = rows.find((x) => x.cur === cur);
    const money = (k: string) => (r ? quantity(Number(r[k] ?? 0), 'money') : null);
    return {
      released_orders: quantity(r ? Number(r.released_orders) : 0, 'count'),
      net_payout: money('net_payout'),
      shopee_fees: money('shopee_fees'),
      ads_topup_from_income: money('ads_topup_from_income'),
      shipping_net: money('shipping_net'),
    };
  };
  return { current: pick(true), previous: pick(false) };
}
