import { eventsBetween } from '../calendar/events';
import { dayNumber, weekday } from '../kernel/days';
import { choleskySolve, leastSquares } from './linalg';

/**
 * Price elasticity per SKU: log units regressed on log price over the days the SKU sold, with controls for
 * campaign days (double dates, payday), voucher and flash-sale days, weekday and trend (OLS, t-based 95%
 * CI). A price is recommended within the seller's band only when the elasticity is significantly below −1
 * and the unit cost is known; otherwise the result says why not.
 */

export interface SkuDay {
  /** ISO date. */
  date: string;
  units: number;
  /** Mean deal price of the day's units. */
  price: number;
  /** Share of the day's orders with a seller voucher. */
  voucherShare: number;
  flashSale: boolean;
}

export interface PriceInput {
  sku: string;
  name: string;
  days: SkuDay[];
  /** Rupiah per unit, or null when the seller has not entered it. */
  unitCost: number | null;
  /** Net payout ÷ sales for the SKU's released orders (Shopee's fees taken off), or null. */
  netShare: number | null;
}

export type NoRecommendation = 'thin_data' | 'no_price_variation' | 'not_elastic' | 'no_unit_cost' | 'no_fee_share';

export interface PriceResult {
  sku: string;
  name: string;
  days: number;
  elasticity: number | null;
  ci: [number, number] | null;
  currentPrice: number;
  /** Why there is no recommendation, when there is none. */
  reason: NoRecommendation | null;
  recommendedPrice: number | null;
  /** Expected change of units and of gross profit per day at the recommended price (shares). */
  unitsChange: number | null;
  profitChange: number | null;
}

const MIN_DAYS = 30;
const MIN_LOG_PRICE_SD = 0.03;

/** Student t quantile at 0.975 for `df` degrees of freedom (normal beyond 120). */
function t975(df: number): number {
  const table: [number, number][] = [
    [5, 2.571],
    [10, 2.228],
    [15, 2.131],
    [20, 2.086],
    [30, 2.042],
    [40, 2.021],
    [60, 2.0],
    [120, 1.98],
  ];
  for (const [d, t] of table) if (df <= d) return t;
  return 1.96;
}

/** OLS coefficient and standard error of column `j`. */
function ols(x: number[][], y: number[], j: number): { beta: number[]; se: number; df: number } {
  const p = x[0].length;
  const { beta, xtx } = leastSquares(x, y);
  const df = x.length - p;
  const sse = x.reduce((s, row, i) => s + (y[i] - row.reduce((a, v, k) => a + v * beta[k], 0)) ** 2, 0);
  const e = new Float64Array(p);
  e[j] = 1;
  const inv = choleskySolve(xtx, e, p);
  return { beta, se: Math.sqrt((sse / Math.max(1, df)) * inv[j]), df };
}

export function estimatePrice(input: PriceInput, band = 0.15): PriceResult {
  const days = input.days.filter((d) => d.units > 0 && d.price > 0);
  const recent = days
    .slice(-30)
    .map((d) => d.price)
    .sort((a, b) => a - b);
  const currentPrice = recent.length ? recent[Math.floor(recent.length / 2)] : 0;
  const base = {
    sku: input.sku,
    name: input.name,
    days: days.length,
    currentPrice,
    recommendedPrice: null,
    unitsChange: null,
    profitChange: null,
  };
  if (days.length < MIN_DAYS) return { ...base, elasticity: null, ci: null, reason: 'thin_data' };
  const logP = days.map((d) => Math.log(d.price));
  const meanLogP = logP.reduce((a, b) => a + b, 0) / logP.length;
  const sdLogP = Math.sqrt(logP.reduce((a, v) => a + (v - meanLogP) ** 2, 0) / logP.length);
  if (sdLogP < MIN_LOG_PRICE_SD) return { ...base, elasticity: null, ci: null, reason: 'no_price_variation' };
  const first = dayNumber(days[0].date);
  const span = Math.max(1, dayNumber(days[days.length - 1].date) - first);
  const ev = eventsBetween(days[0].date, days[days.length - 1].date);
  const x = days.map((d, i) => {
    const on = ev.get(d.date);
    const dow = (weekday(d.date) + 6) % 7;
    return [
      1,
      logP[i] - meanLogP,
      on?.has('double_date') ? 1 : 0,
      on?.has('payday') ? 1 : 0,
      d.voucherShare,
      d.flashSale ? 1 : 0,
      (dayNumber(d.date) - first) / span,
      ...[1, 2, 3, 4, 5, 6].map((k) => (dow === k ? 1 : 0)),
    ];
  });
  // Controls with no variation are dropped (their column would be singular).
  const keep = x[0].map((_, j) => j <= 1 || x.some((r) => r[j] !== x[0][j]));
  const xs = x.map((r) => r.filter((_, j) => keep[j]));
  const fit = ols(
    xs,
    days.map((d) => Math.log(d.units)),
    1,
  );
  const elasticity = fit.beta[1];
  const half = t975(fit.df) * fit.se;
  const ci: [number, number] = [elasticity - half, elasticity + half];
  if (!(ci[1] < -1)) return { ...base, elasticity, ci, reason: 'not_elastic' };
  if (input.unitCost === null) return { ...base, elasticity, ci, reason: 'no_unit_cost' };
  if (input.netShare === null || input.netShare <= 0) return { ...base, elasticity, ci, reason: 'no_fee_share' };
  // Constant elasticity: profit per day ∝ (p·s − c)·p^β, maximised at p* = c·β / (s·(1 + β)), within the band.
  const s = input.netShare;
  const c = input.unitCost;
  const optimum = (c * elasticity) / (s * (1 + elasticity));
  const recommendedPrice =
    Math.round(Math.min(currentPrice * (1 + band), Math.max(currentPrice * (1 - band), optimum)) / 100) * 100;
  const ratio = recommendedPrice / currentPrice;
  const unitsRatio = ratio ** elasticity;
  const profitNow = currentPrice * s - c;
  const profitNew = (recommendedPrice * s - c) * unitsRatio;
  return {
    ...base,
    elasticity,
    ci,
    reason: null,
    recommendedPrice,
    unitsChange: unitsRatio - 1,
    profitChange: profitNow > 0 ? profitNew / profitNow - 1 : null,
  };
}
