import { choleskySolve, quantile } from './linalg';

/**
 * Churn: the probability that a buyer places no order in the next 90 days, by logistic regression (our own
 * Newton/IRLS with a small ridge) on RFM and tenure features. Trained on an earlier cutoff and scored on a
 * later one, so every reported AUC and calibration figure is out of time.
 */

export interface Transaction {
  customer: string;
  order: string;
  /** Day number (days since 1970-01-01). */
  day: number;
  amount: number;
}

export const CHURN_WINDOW = 90;

/** Upper edges of the one-hot recency (days) and frequency (orders) bins: the curve's shape, not just a slope. */
const RECENCY_BINS = [7, 14, 30, 60, 90, 180] as const;
const FREQUENCY_BINS = [1, 2, 4, 9] as const;

export const FEATURES = [
  'log_recency',
  'log_recency_sq',
  'log_frequency',
  'log_monetary',
  'log_tenure',
  'log_orders_30d',
  'log_orders_90d',
  'log_orders_180d',
  'log_avg_order',
  'log_mean_gap',
  'recency_over_gap',
  'active_months',
  'log_lines_per_order',
  'log_recent_value',
  'log_last_order_value',
  'log_last_order_lines',
  ...RECENCY_BINS.map((b) => `recency_le_${b}`),
  ...FREQUENCY_BINS.map((b) => `orders_le_${b}`),
] as const;

export interface CustomerFeatures {
  customer: string;
  x: number[];
  /** Σ amount before the cutoff: the value at risk. */
  value: number;
  orders: number;
  lastDay: number;
}

/** Features of every customer with an order before `cutoff` (a day number, exclusive). */
export function featuresAt(tx: readonly Transaction[], cutoff: number): CustomerFeatures[] {
  interface Order {
    day: number;
    value: number;
    lines: number;
  }
  const by = new Map<string, { orders: Map<string, Order>; value: number; lines: number; recentValue: number }>();
  for (const t of tx) {
    if (t.day >= cutoff) continue;
    const c = by.get(t.customer) ?? { orders: new Map<string, Order>(), value: 0, lines: 0, recentValue: 0 };
    const o = c.orders.get(t.order);
    if (o) {
      o.day = Math.min(o.day, t.day);
      o.value += t.amount;
      o.lines++;
    } else c.orders.set(t.order, { day: t.day, value: t.amount, lines: 1 });
    c.value += t.amount;
    c.lines++;
    if (t.day >= cutoff - CHURN_WINDOW) c.recentValue += t.amount;
    by.set(t.customer, c);
  }
  return [...by.entries()].map(([customer, c]) => {
    // The last basket: the latest order, ties on one day going to the one listed last in the export.
    let lastOrder: Order | undefined;
    for (const o of c.orders.values()) if (!lastOrder || o.day >= lastOrder.day) lastOrder = o;
    const lastBasket = lastOrder as Order;
    const days = [...c.orders.values()].map((o) => o.day).sort((a, b) => a - b);
    const first = days[0];
    const last = days[days.length - 1];
    const within = (w: number) => days.filter((d) => d >= cutoff - w).length;
    const distinctDays = [...new Set(days)];
    const meanGap =
      distinctDays.length > 1
        ? (distinctDays[distinctDays.length - 1] - distinctDays[0]) / (distinctDays.length - 1)
        : cutoff - first;
    const recency = cutoff - last;
    const value = Math.max(0, c.value);
    return {
      customer,
      x: [
        Math.log1p(recency),
        Math.log1p(recency) ** 2,
        Math.log1p(days.length),
        Math.log1p(value),
        Math.log1p(cutoff - first),
        Math.log1p(within(30)),
        Math.log1p(within(90)),
        Math.log1p(within(180)),
        Math.log1p(value / days.length),
        Math.log1p(meanGap),
        Math.min(10, recency / Math.max(1, meanGap)),
        new Set(days.map((d) => Math.floor(d / 30.44))).size,
        Math.log1p(c.lines / days.length),
        Math.log1p(Math.max(0, c.recentValue)),
        Math.log1p(Math.max(0, lastBasket.value)),
        Math.log1p(lastBasket.lines),
        ...RECENCY_BINS.map((b, i) => (recency <= b && (i === 0 || recency > RECENCY_BINS[i - 1]) ? 1 : 0)),
        ...FREQUENCY_BINS.map((b, i) => (days.length <= b && (i === 0 || days.length > FREQUENCY_BINS[i - 1]) ? 1 : 0)),
      ],
      value: c.value,
      orders: days.length,
      lastDay: last,
    };
  });
}

/** 1 when the customer orders nothing in [cutoff, cutoff + 90). */
export function labelsAt(tx: readonly Transaction[], cutoff: number, customers: readonly CustomerFeatures[]): number[] {
  const active = new Set<string>();
  for (const t of tx) if (t.day >= cutoff && t.day < cutoff + CHURN_WINDOW) active.add(t.customer);
  return customers.map((c) => (active.has(c.customer) ? 0 : 1));
}

export interface LogisticModel {
  /** Intercept first, then one weight per standardised feature. */
  weights: number[];
  mean: number[];
  sd: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Logistic regression by Newton/IRLS on standardised features, with a small ridge for separable data. */
export function fitLogistic(
  xs: readonly number[][],
  y: readonly number[],
  ridge = 1e-3,
  iterations = 25,
): LogisticModel {
  const d = xs[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => xs.reduce((a, x) => a + x[j], 0) / xs.length);
  const sd = Array.from(
    { length: d },
    (_, j) => Math.sqrt(xs.reduce((a, x) => a + (x[j] - mean[j]) ** 2, 0) / xs.length) || 1,
  );
  const z = xs.map((x) => [1, ...x.map((v, j) => (v - mean[j]) / sd[j])]);
  const p = d + 1;
  let w = new Array<number>(p).fill(0);
  for (let it = 0; it < iterations; it++) {
    const h = new Float64Array(p * p);
    const g = new Float64Array(p);
    z.forEach((row, i) => {
      const mu = sigmoid(row.reduce((a, v, j) => a + v * w[j], 0));
      const wt = Math.max(mu * (1 - mu), 1e-10);
      for (let a = 0; a < p; a++) {
        g[a] += row[a] * (y[i] - mu);
        for (let b = 0; b <= a; b++) h[a * p + b] += wt * row[a] * row[b];
      }
    });
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) h[b * p + a] = h[a * p + b];
      if (a > 0) {
        h[a * p + a] += ridge * z.length;
        g[a] -= ridge * z.length * w[a];
      }
    }
    const step = choleskySolve(h, g, p);
    w = w.map((v, j) => v + step[j]);
    if (Math.max(...Array.from(step, Math.abs)) < 1e-8) break;
  }
  return { weights: w, mean, sd };
}

export function predictLogistic(m: LogisticModel, x: readonly number[]): number {
  let s = m.weights[0];
  x.forEach((v, j) => {
    s += m.weights[j + 1] * ((v - m.mean[j]) / m.sd[j]);
  });
  return sigmoid(s);
}

/** Area under the ROC curve (ties count half): the chance a churner scores above a stayer. */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && idx[j][0] === idx[i][0]) j++;
    const avgRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++)
      if (idx[k][1] === 1) {
        rankSum += avgRank;
        pos++;
      }
    i = j;
  }
  const neg = idx.length - pos;
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : Number.NaN;
}

export const brier = (p: readonly number[], y: readonly number[]) =>
  p.reduce((a, v, i) => a + (v - y[i]) ** 2, 0) / p.length;

/** Predicted against observed churn in ten bins of predicted probability. */
export function calibrationBins(
  p: readonly number[],
  y: readonly number[],
  bins = 10,
): { from: number; to: number; predicted: number; observed: number; n: number }[] {
  const out = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    predicted: 0,
    observed: 0,
    n: 0,
  }));
  p.forEach((v, i) => {
    const b = out[Math.min(bins - 1, Math.floor(v * bins))];
    b.predicted += v;
    b.observed += y[i];
    b.n++;
  });
  return out.filter((b) => b.n).map((b) => ({ ...b, predicted: b.predicted / b.n, observed: b.observed / b.n }));
}

export interface ChurnResult {
  /** The later cutoff (ISO day number) whose labels are held out. */
  cutoff: number;
  trainCustomers: number;
  testCustomers: number;
  auc: number;
  brier: number;
  baseRate: number;
  calibration: ReturnType<typeof calibrationBins>;
  model: LogisticModel;
}

/** Training rows: the buyers at a cutoff whose 90-day label window is fully observed. */
function trainingSet(tx: readonly Transaction[], cutoff: number): { xs: number[][]; ys: number[]; customers: number } {
  const f = featuresAt(tx, cutoff);
  return { xs: f.map((c) => c.x), ys: labelsAt(tx, cutoff, f), customers: f.length };
}

const span = (tx: readonly Transaction[]) => ({
  last: tx.reduce((m, t) => Math.max(m, t.day), Number.NEGATIVE_INFINITY),
});

/**
 * The protocol: the test cutoff is the last day − 90 (its labels are the last 90 days); the model is
 * trained at the cutoff 90 days earlier and scored at the test cutoff.
 */
export function evaluateChurn(tx: readonly Transaction[]): ChurnResult {
  const { last } = span(tx);
  const test = last + 1 - CHURN_WINDOW;
  const train = trainingSet(tx, test - CHURN_WINDOW);
  const model = fitLogistic(train.xs, train.ys);
  const te = featuresAt(tx, test);
  const y = labelsAt(tx, test, te);
  const p = te.map((c) => predictLogistic(model, c.x));
  return {
    cutoff: test,
    trainCustomers: train.customers,
    testCustomers: te.length,
    auc: auc(p, y),
    brier: brier(p, y),
    baseRate: y.reduce((a, b) => a + b, 0) / y.length,
    calibration: calibrationBins(p, y),
    model,
  };
}

/** Scores every current buyer: trained on the latest labelled cutoff, applied at the last day. */
export function scoreChurn(tx: readonly Transaction[]): {
  model: LogisticModel;
  buyers: (CustomerFeatures & { probability: number })[];
} {
  const { last } = span(tx);
  const train = trainingSet(tx, last + 1 - CHURN_WINDOW);
  const model = fitLogistic(train.xs, train.ys);
  const now = featuresAt(tx, last + 1);
  return { model, buyers: now.map((c) => ({ ...c, probability: predictLogistic(model, c.x) })) };
}

/** A buyer is late when the days since their last order pass this many times their usual gap. */
export const LATE_FACTOR = 1.5;
/** Buyers above this quantile of past value count as high value even with one order. */
export const HIGH_VALUE_QUANTILE = 0.9;

/** A buyer worth winning back: a repeat or high-value buyer now late against their own rhythm. */
export interface LateBuyer {
  buyer: string;
  probability: number;
  /** Past value (Σ amounts); the value at stake is probability × value. */
  value: number;
  orders: number;
  lastDay: number;
  /** Median days between the buyer's orders; the shop's median for a one-order buyer of high value. */
  usualGap: number;
  daysSince: number;
}

const median = (xs: readonly number[]) => (xs.length ? quantile(xs, 0.5) : null);

/**
 * The buyers to win back, by value at stake (churn probability × past value): those who ordered on two days
 * or more, or whose past value is above the 90th percentile, and whose days since the last order exceed LATE_FACTOR
 * times their own median gap (the shop's median gap for one-order buyers). One-time buyers of ordinary
 * value are left out: in a marketplace most buyers buy once, and listing them all says nothing.
 */
export function lateBuyers(
  tx: readonly Transaction[],
  scored: readonly (CustomerFeatures & { probability: number })[],
): { buyers: LateBuyer[]; oneTimeLeftOut: number; shopGap: number } {
  const last = span(tx).last;
  const days = new Map<string, Set<number>>();
  for (const t of tx) days.set(t.customer, (days.get(t.customer) ?? new Set()).add(t.day));
  const gapOf = new Map<string, number>();
  for (const [c, ds] of days) {
    const sorted = [...ds].sort((a, b) => a - b);
    const g = median(sorted.slice(1).map((d, i) => d - sorted[i]));
    if (g !== null) gapOf.set(c, g);
  }
  const shopGap = median([...gapOf.values()]) ?? CHURN_WINDOW;
  const values = scored.map((b) => b.value).sort((a, b) => a - b);
  const high = values[Math.min(values.length - 1, Math.floor(HIGH_VALUE_QUANTILE * values.length))] ?? 0;
  let oneTimeLeftOut = 0;
  const buyers: LateBuyer[] = [];
  for (const b of scored) {
    const own = gapOf.get(b.customer);
    if (own === undefined && b.value <= high) {
      oneTimeLeftOut++;
      continue;
    }
    const usualGap = Math.max(1, own ?? shopGap);
    const daysSince = last - b.lastDay;
    if (daysSince <= LATE_FACTOR * usualGap) continue;
    buyers.push({
      buyer: b.customer,
      probability: b.probability,
      value: b.value,
      orders: b.orders,
      lastDay: b.lastDay,
      usualGap,
      daysSince,
    });
  }
  buyers.sort((a, b) => b.probability * b.value - a.probability * a.value || (a.buyer < b.buyer ? -1 : 1));
  return { buyers, oneTimeLeftOut, shopGap };
}
