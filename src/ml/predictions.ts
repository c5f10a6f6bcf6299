import { type CalendarOverrides, type EventKind, eventsBetween } from '../calendar/events';
import { dayNumber, type IsoDay, isoOfDay, type PartialDay } from '../kernel/days';
import { evaluateChurn, FEATURES, type LateBuyer, lateBuyers, scoreChurn, type Transaction } from './churn';
import { etsForecast, seasonalNaive } from './forecast/baselines';
import { crossValidate, metrics, type Metrics } from './forecast/cv';
import { type Forecast, ForecastCancelled, forecast, forecastMany } from './forecast/forecast';
import { buildDesign, eventsIn } from './forecast/design';
import { isolationScores } from './isolationForest';
import { allocateGreedy, allocateLp, fitMmm, holdoutCheck, type MmmFit, responseOf } from './mmm';
import { type Purchases, type Recommendations, recommendAll } from './recommend';
import { type BuyerStats, type SegmentName, type Segmentation, segmentBuyers } from './segments';
import { quantile } from './linalg';

/**
 * What the Predictions page asks of the ML worker. Inputs are plain daily series and transactions read by
 * the engine from DuckDB; every function here is pure and runs in the ML worker (in-process in tests).
 */

export interface DailySeries {
  /** The day of the first value. */
  start: IsoDay;
  values: (number | null)[];
}

export interface SeriesForecast {
  history: DailySeries;
  forecast: Forecast;
  /** Shop-calendar events on the forecast days. */
  events: { date: IsoDay; kinds: EventKind[] }[];
  /** Days of the history left out as unknown because they are known only in part. */
  partial?: PartialDay[];
}

/** Forecasts a daily series `horizon` days ahead, with the calendar events of those days. */
export function forecastSeries(s: DailySeries, horizon: number, overrides?: CalendarOverrides): SeriesForecast {
  const f = forecast(s.values, { start: s.start, horizon, overrides });
  const ev = eventsBetween(f.dates[0], f.dates[f.dates.length - 1], overrides);
  return {
    history: s,
    forecast: f,
    events: f.dates.filter((d) => ev.get(d)?.size).map((d) => ({ date: d, kinds: [...(ev.get(d) ?? [])] })),
  };
}

export interface ModelPerformance {
  horizon: number;
  weeks: number;
  ours: Metrics;
  seasonalNaive: Metrics;
  ets: Metrics;
  /** How much lower our mean absolute error is than last week's numbers repeated (a share). */
  improvementOverNaive: number | null;
}

/** Weekly-origin backtest over the last `weeks` weeks: 28-day forecasts from each origin, three models. */
export function modelPerformance(s: DailySeries, weeks = 8, horizon = 28): ModelPerformance | null {
  const n = s.values.length;
  const initial = n - horizon - 7 * (weeks - 1);
  if (initial < 56) return null;
  const o = { initial, period: 7, horizon };
  const nonNegative = s.values.every((v) => v === null || v >= 0);
  const run = (m: Parameters<typeof crossValidate>[1]) => {
    const cv = crossValidate(s.values, m, o);
    return metrics(cv.predictions, cv.cutoffs.length);
  };
  const ours = run((h, horizonDays) => forecast(h, { start: s.start, horizon: horizonDays }));
  const naive = run((h, horizonDays) => seasonalNaive(h, s.start, horizonDays, nonNegative));
  const ets = run((h, horizonDays) => ({ yhat: etsForecast(h, horizonDays, nonNegative) }));
  return {
    horizon,
    weeks,
    ours,
    seasonalNaive: naive,
    ets,
    improvementOverNaive: naive.mae ? 1 - ours.mae / naive.mae : null,
  };
}

export interface Anomaly {
  date: IsoDay;
  metric: 'sales';
  direction: 'up' | 'down';
  expected: number;
  actual: number;
  /** |actual − expected| in robust standard deviations of the model's residuals. */
  severity: number;
  /** Calendar events of the day (the model expects them; listed so the seller sees why it is or is not odd). */
  events: EventKind[];
}

export interface JointAnomaly {
  date: IsoDay;
  score: number;
  values: Record<string, number | null>;
}

export interface AnomalyResult {
  anomalies: Anomaly[];
  /** Days the isolation forest finds jointly unusual over sales, orders, cancellations, visitors and conversion. */
  joint: JointAnomaly[];
  /** The robust residual standard deviation the band uses, in the model's scale. */
  band: { z: number; method: Forecast['method'] };
}

const Z99 = 2.5758293035489004;

/**
 * Days whose actual falls outside the model's 99% band once trend, weekly pattern and calendar are
 * accounted for (so a busy 11.11 is expected, a flat one is not). The band uses a robust residual scale
 * (1.4826 × MAD), so the anomalies themselves do not widen it.
 */
export function anomalies(
  sales: DailySeries,
  others: Record<string, (number | null)[]>,
  overrides?: CalendarOverrides,
): AnomalyResult {
  const f = forecast(sales.values, { start: sales.start, horizon: 1, calibrate: false, overrides });
  const out: Anomaly[] = [];
  const c = f.components;
  if (c) {
    const toModel = (v: number) => (f.transform === 'log1p' ? Math.log1p(v) : v);
    const fromModel = (v: number) => Math.max(0, f.transform === 'log1p' ? Math.expm1(v) : v);
    const residuals: { i: number; r: number; fitted: number }[] = [];
    sales.values.forEach((v, i) => {
      if (v === null) return;
      const fitted = c.trend[i] + c.weekly[i] + c.yearly[i] + c.events[i];
      residuals.push({ i, r: toModel(v) - fitted, fitted });
    });
    const med = quantile(
      residuals.map((x) => x.r),
      0.5,
    );
    const sigma =
      1.4826 *
      quantile(
        residuals.map((x) => Math.abs(x.r - med)),
        0.5,
      );
    const first = dayNumber(sales.start);
    const ev = eventsBetween(sales.start, isoOfDay(first + sales.values.length - 1), overrides);
    for (const x of residuals) {
      if (!(sigma > 0) || Math.abs(x.r - med) <= Z99 * sigma) continue;
      const date = isoOfDay(first + x.i);
      out.push({
        date,
        metric: 'sales',
        direction: x.r > med ? 'up' : 'down',
        expected: fromModel(x.fitted + med),
        actual: sales.values[x.i] as number,
        severity: Math.abs(x.r - med) / sigma,
        events: [...(ev.get(date) ?? [])],
      });
    }
  }
  // Joint oddities: standardised daily vectors of every metric that exists.
  const metricsAll: Record<string, (number | null)[]> = { sales: sales.values, ...others };
  const names = Object.keys(metricsAll).filter((k) => metricsAll[k].some((v) => v !== null));
  const rows: number[][] = [];
  const days: number[] = [];
  for (let i = 0; i < sales.values.length; i++) {
    if (names.some((k) => metricsAll[k][i] === null || metricsAll[k][i] === undefined)) continue;
    rows.push(names.map((k) => metricsAll[k][i] as number));
    days.push(i);
  }
  const joint: JointAnomaly[] = [];
  if (rows.length >= 60) {
    const scores = isolationScores(rows, { seed: 20_250_601 });
    const cut = Math.max(0.6, quantile(scores, 0.99));
    scores.forEach((s, j) => {
      if (s < cut) return;
      const i = days[j];
      joint.push({
        date: isoOfDay(dayNumber(sales.start) + i),
        score: s,
        values: Object.fromEntries(names.map((k) => [k, metricsAll[k][i]])),
      });
    });
  }
  return {
    anomalies: out.sort((a, b) => b.severity - a.severity),
    joint: joint.sort((a, b) => b.score - a.score),
    band: { z: Z99, method: f.method },
  };
}

export interface ChurnPrediction {
  auc: number;
  brier: number;
  baseRate: number;
  calibration: ReturnType<typeof evaluateChurn>['calibration'];
  features: readonly string[];
  /**
   * Repeat or high-value buyers now late against their own rhythm (lateBuyers), by value at stake
   * (probability × past value).
   */
  atRisk: (Omit<LateBuyer, 'lastDay'> & { lastOrder: string })[];
  atRiskValue: number;
  /** One-order buyers of ordinary value, not listed. */
  oneTimeLeftOut: number;
  /** The shop's median days between a buyer's orders: the rhythm of a one-order buyer of high value. */
  shopGap: number;
  buyers: number;
}

/** Out-of-time evaluation, then every current buyer scored by a model trained on the latest labels. */
export function predictChurn(tx: readonly Transaction[]): ChurnPrediction | null {
  if (tx.length < 50) return null;
  const span = tx.reduce(
    (a, t) => [Math.min(a[0], t.day), Math.max(a[1], t.day)],
    [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
  );
  // Two 90-day windows of labels and some history before them.
  if (span[1] - span[0] < 270) return null;
  const e = evaluateChurn(tx);
  const s = scoreChurn(tx);
  const late = lateBuyers(tx, s.buyers);
  const atRisk = late.buyers.map(({ lastDay, ...b }) => ({ ...b, lastOrder: isoOfDay(lastDay) }));
  return {
    auc: e.auc,
    brier: e.brier,
    baseRate: e.baseRate,
    calibration: e.calibration,
    features: FEATURES,
    atRisk,
    atRiskValue: atRisk.reduce((a, b) => a + b.value, 0),
    oneTimeLeftOut: late.oneTimeLeftOut,
    shopGap: late.shopGap,
    buyers: s.buyers.length,
  };
}

export interface DemandInput {
  start: IsoDay;
  overrides?: CalendarOverrides;
  skus: { sku: string; name: string; values: (number | null)[] }[];
  horizon: number;
  leadTime: number;
  serviceLevel: number;
}

export interface SkuDemand {
  sku: string;
  name: string;
  method: Forecast['method'];
  /** Σ forecast units over the horizon. */
  horizonUnits: number;
  /** Σ forecast units over the lead time. */
  leadTimeUnits: number;
  /** Units to hold to cover demand over the lead time at the service level. */
  suggestedStock: number;
  yhat: number[];
  lo80: number[];
  hi80: number[];
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const cc = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  if (q < 0.02425) {
    const t = Math.sqrt(-2 * Math.log(q));
    return (
      (((((cc[0] * t + cc[1]) * t + cc[2]) * t + cc[3]) * t + cc[4]) * t + cc[5]) /
      ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1)
    );
  }
  if (q > 1 - 0.02425) return -normalQuantile(1 - q);
  const t = q - 0.5;
  const r = t * t;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * t) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** SKUs fitted between two looks at the cancel flag (and two progress events). */
const DEMAND_GROUP = 50;
const demandRuns = new Set<AbortController>();

/** Stops the demand fits in progress: each ends with ForecastCancelled before its next group of SKUs. */
export function cancelDemand(): void {
  for (const run of demandRuns) run.abort();
}

/**
 * Demand per SKU, fitted in groups of 50 that share one design. Between groups the fit yields to the event
 * loop, so a cancel (`cancelDemand`) gets in. Suggested stock = Σ forecast over the lead time + z(service
 * level) × √Σ σ²ₕ, with each day's σ from its calibrated 95% interval ((hi − lo) ÷ (2 × 1.96)), days independent.
 */
export async function forecastDemand(
  input: DemandInput,
  onProgress?: (done: number, total: number) => void,
): Promise<SkuDemand[]> {
  const run = new AbortController();
  demandRuns.add(run);
  const total = Math.max(1, Math.ceil(input.skus.length / DEMAND_GROUP));
  const fs: Forecast[] = [];
  try {
    onProgress?.(0, total);
    for (let g = 0; g < input.skus.length; g += DEMAND_GROUP) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (run.signal.aborted) throw new ForecastCancelled();
      const group = input.skus.slice(g, g + DEMAND_GROUP).map((s) => s.values);
      fs.push(
        ...forecastMany(group, {
          start: input.start,
          horizon: Math.max(input.horizon, input.leadTime),
          overrides: input.overrides,
        }),
      );
      onProgress?.(g / DEMAND_GROUP + 1, total);
    }
  } finally {
    demandRuns.delete(run);
  }
  const z = normalQuantile(input.serviceLevel);
  return input.skus.map((s, k) => {
    const f = fs[k];
    const lead = Math.min(input.leadTime, f.yhat.length);
    let mean = 0;
    let variance = 0;
    for (let h = 0; h < lead; h++) {
      mean += f.yhat[h];
      variance += ((f.hi95[h] - f.lo95[h]) / (2 * 1.959963984540054)) ** 2;
    }
    return {
      sku: s.sku,
      name: s.name,
      method: f.method,
      horizonUnits: f.yhat.slice(0, input.horizon).reduce((a, b) => a + b, 0),
      leadTimeUnits: mean,
      suggestedStock: Math.ceil(mean + z * Math.sqrt(variance)),
      yhat: f.yhat.slice(0, input.horizon),
      lo80: f.lo80.slice(0, input.horizon),
      hi80: f.hi80.slice(0, input.horizon),
    };
  });
}

/** The ML worker's interface (the engine calls it; tests call the functions in-process). */
export interface MlBackend {
  /** Loads the model runtime ahead of the first fit. */
  warm(): Promise<void>;
  forecastSeries(s: DailySeries, horizon: number, overrides?: CalendarOverrides): Promise<SeriesForecast>;
  modelPerformance(s: DailySeries): Promise<ModelPerformance | null>;
  anomalies(
    sales: DailySeries,
    others: Record<string, (number | null)[]>,
    overrides?: CalendarOverrides,
  ): Promise<AnomalyResult>;
  predictChurn(tx: Transaction[]): Promise<ChurnPrediction | null>;
  forecastDemand(input: DemandInput, onProgress?: (done: number, total: number) => void): Promise<SkuDemand[]>;
  /** Stops the demand fit in progress (its promise rejects with "forecast cancelled"). */
  cancelDemand(): Promise<void>;
  segmentBuyers(buyers: BuyerStats[], method: 'rfm' | 'kmeans', rfmLabels?: SegmentName[]): Promise<Segmentation>;
  optimizeMarketing(input: MarketingInput): Promise<MarketingResult | null>;
  /** The recommender's fit on the shop's purchases, and every buyer's and item's lists. */
  recommend(p: Purchases, asOf: number): Promise<Recommendations>;
}

/** The functions above behind the async interface, after `init` (TensorFlow.js's backend). */
export function localMl(init: () => Promise<void>): MlBackend {
  const after =
    <A extends unknown[], R>(f: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      await init();
      return f(...args);
    };
  return {
    warm: init,
    forecastSeries: after(forecastSeries),
    modelPerformance: after(modelPerformance),
    anomalies: after(anomalies),
    predictChurn: after(predictChurn),
    forecastDemand: after(forecastDemand),
    cancelDemand: async () => cancelDemand(),
    segmentBuyers: after(segmentBuyers),
    optimizeMarketing: after(optimizeMarketing),
    // Plain arithmetic: no TensorFlow.js to wait for.
    recommend: async (p, asOf) => recommendAll(p, asOf),
  };
}

export interface MarketingInput {
  start: IsoDay;
  sales: number[];
  channels: { name: string; spend: number[] }[];
  /** Daily budget to allocate; default: the channels' mean daily spend over the last 30 days. */
  budget?: number;
}

export interface MarketingResult {
  fit: MmmFit;
  budget: number;
  /** Mean daily spend per channel over the last 30 days, and the allocation of the budget. */
  current: number[];
  recommended: number[];
  /** Expected daily sales: the base plus the channels' steady-state response. */
  expectedDaily: number;
  currentExpectedDaily: number;
  /** Per channel: enough spend to estimate its response (MIN_SPEND_DAYS daily amounts, MIN_SPEND_SHARE of all). */
  enough: boolean[];
  /** Whether the greedy marginal-return allocation reaches the LP's response (to 0.1%). */
  greedyAgrees: boolean;
  /** Held-out check: the media model's and the no-media model's error on the last 20% of days. */
  holdout: { maeMedia: number; maeBase: number; reliable: boolean };
  /** Each channel's response curve, sampled from 0 to twice the budget. */
  curves: { spend: number[]; response: number[][] };
}

/** A channel's response is estimated only with this many distinct daily amounts of spend at least… */
export const MIN_SPEND_DAYS = 14;
/** …and this share of all the channels' spend. */
export const MIN_SPEND_SHARE = 0.02;

/** Which channels have enough spend to estimate their response from. */
export function enoughSpend(channels: readonly { spend: readonly number[] }[]): boolean[] {
  const totals = channels.map((c) => c.spend.reduce((a, b) => a + b, 0));
  const all = totals.reduce((a, b) => a + b, 0);
  // Distinct daily amounts, not days: spend spread evenly from a monthly report (affiliate commission)
  // has one amount a month, which says nothing about how sales answer day to day.
  return channels.map(
    (c, i) => new Set(c.spend.filter((x) => x > 0)).size >= MIN_SPEND_DAYS && totals[i] >= MIN_SPEND_SHARE * all,
  );
}

/** Marketing mix: fit, response curves, and the LP allocation of a daily budget (checked by greedy). */
export function optimizeMarketing(input: MarketingInput): MarketingResult | null {
  const n = input.sales.length;
  if (n < 60 || !input.channels.length) return null;
  const cfg = { weeklyOrder: 3, yearlyOrder: 0, events: eventsIn(input.start, n), changepoints: [], trainDays: n };
  const d = buildDesign(input.start, n, cfg);
  const controls = Array.from({ length: n }, (_, i) => Array.from(d.x.subarray(i * d.p, i * d.p + d.p)));
  const raw = fitMmm(input.sales, input.channels, controls);
  const holdout = holdoutCheck(input.sales, input.channels, controls);
  const current = input.channels.map(
    (c) => c.spend.slice(-30).reduce((a, b) => a + b, 0) / Math.min(30, c.spend.length),
  );
  const budget = input.budget ?? current.reduce((a, b) => a + b, 0);
  const enough = enoughSpend(input.channels);
  // A channel with too little spend has no ROAS to speak of: none is shown, and its spend stays as it is
  // while the rest of the budget goes to the channels the data can judge.
  const fit = {
    ...raw,
    channels: raw.channels.map((c, i) => (enough[i] ? c : { ...c, roas: null, marginalRoas: null })),
  };
  const curves = fit.channels.map(responseOf);
  const fixed = current.reduce((a, x, i) => a + (enough[i] ? 0 : x), 0);
  const free = Math.max(0, budget - fixed);
  const judged = curves.map((f, i) => (enough[i] ? f : () => 0));
  const lp = allocateLp(judged, free);
  const greedy = allocateGreedy(judged, free);
  // A budget below the unjudged channels' spend scales them down alike.
  const scale = fixed > budget ? budget / fixed : 1;
  const recommended = lp.spend.map((x, i) => (enough[i] ? x : current[i] * scale));
  const response = curves.reduce((a, f, i) => a + f(recommended[i]), 0);
  const grid = Array.from({ length: 41 }, (_, i) => (2 * budget * i) / 40);
  return {
    fit,
    budget,
    current,
    recommended,
    enough,
    expectedDaily: fit.baseDaily + response,
    currentExpectedDaily: fit.baseDaily + curves.reduce((a, f, i) => a + f(current[i]), 0),
    greedyAgrees: Math.abs(lp.response - greedy.response) <= 1e-3 * Math.max(1, Math.abs(lp.response)),
    holdout,
    curves: { spend: grid, response: curves.map((f) => grid.map(f)) },
  };
}
