import { dayNumber, isoOfDay } from '../../kernel/days';
import { conformalQuantile, quantile } from '../linalg';
import { buildDesign, changepointsFor, type DesignConfig, eventsIn } from './design';
import { sameWeekday } from './ets';
import { DEFAULT_PRIORS, fitBatch, type Priors } from './fit';
import { withBreaks } from './robust';
import type { Forecast, ForecastMethod, ForecastOptions } from './types';

/**
 * The forecaster: Prophet's additive model (trend with changepoints, weekly and yearly seasonality, the
 * Indonesian shop calendar), fitted by MAP for many series at once, with a residual AR(1) correction for
 * the first days, and intervals that are calibrated on the series' own rolling-origin errors.
 */

export type { Forecast, ForecastMethod, ForecastOptions } from './types';

const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;
/** Horizon buckets (days) over which interval widths are calibrated. */
const BUCKETS = [7, 14, 30, 60, 120, Number.POSITIVE_INFINITY];
const bucketOf = (h: number) => BUCKETS.findIndex((b) => h <= b);
const MIN_DAYS = 21;
/** Series per fitted batch: bounds the memory of Qᵀ Y and lets progress and cancellation step. */
const CHUNK = 50;

export class ForecastCancelled extends Error {
  constructor() {
    super('forecast cancelled');
  }
}

interface Prepared {
  method: Exclude<ForecastMethod, 'model_after_shift' | 'ets'>;
  transform: 'log1p' | 'none';
  nonNegative: boolean;
  scale: number;
}

function prepare(values: readonly (number | null)[]): Prepared {
  const obs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const nonNegative = obs.every((v) => v >= 0);
  if (obs.length < MIN_DAYS) return { method: 'seasonal_naive', transform: 'none', nonNegative, scale: 1 };
  const zeros = obs.filter((v) => v === 0).length / obs.length;
  const max = Math.max(...obs.map(Math.abs));
  if (max === 0) return { method: 'zero', transform: 'none', nonNegative, scale: 1 };
  if (Math.min(...obs) === Math.max(...obs)) return { method: 'constant', transform: 'none', nonNegative, scale: 1 };
  if (nonNegative && zeros > 0.5) return { method: 'intermittent', transform: 'none', nonNegative, scale: 1 };
  // Multiplicative on the log scale when a non-negative series spans a wide range (sales, units).
  const useLog = nonNegative && zeros <= 0.02 && quantile(obs, 0.95) > 2.5 * Math.max(quantile(obs, 0.05), 1e-9);
  const t = useLog ? obs.map(Math.log1p) : obs;
  return {
    method: 'model',
    transform: useLog ? 'log1p' : 'none',
    nonNegative,
    scale: Math.max(...t.map(Math.abs)) || 1,
  };
}

const forward = (p: Prepared, v: number) => (p.transform === 'log1p' ? Math.log1p(v) : v) / p.scale;
const back = (p: Prepared, v: number) => {
  const u = v * p.scale;
  const out = p.transform === 'log1p' ? Math.expm1(u) : u;
  return p.nonNegative ? Math.max(0, out) : out;
};

/** The component configuration for a training length, fixed for its inner backtests too. */
function configFor(start: string, n: number, opts: ForecastOptions): DesignConfig {
  return {
    weeklyOrder: opts.weekly === false ? 0 : 3,
    yearlyOrder: (opts.yearly ?? n >= 730) ? 10 : 0,
    events: opts.calendar === false ? [] : eventsIn(start, n, opts.overrides),
    changepoints: changepointsFor(n, opts.changepoints ?? 25, opts.changepointRange ?? 0.8),
    trainDays: n,
    overrides: opts.overrides,
  };
}

/** One series' fit: components over history + future (the future trend undamped) and its residual model. */
interface SeriesFit {
  parts: { trend: Float64Array; weekly: Float64Array; yearly: Float64Array; events: Float64Array };
  n: number;
  sigma2: number;
  phi: number;
  lastResidual: number;
  lastObserved: number;
  /** Mean |changepoint delta| and changepoints per day: the future trend changes, as Prophet simulates them. */
  meanDelta: number;
  rate: number;
}

/**
 * Fits series that share training days (`cols` holds model-scale values, null where missing) over the
 * history and `horizon` future days: MAP fit, then AR(1) on the residuals of consecutive days.
 */
function core(
  start: string,
  cols: readonly (readonly (number | null)[])[],
  horizon: number,
  cfg: DesignConfig,
  priors: Priors,
): SeriesFit[] {
  const n = cfg.trainDays;
  const design = buildDesign(start, n + horizon, cfg);
  // Series with the same missing days share one factorisation.
  const groups = new Map<string, number[]>();
  cols.forEach((c, k) => {
    const key = c.map((v) => (v === null ? '0' : '1')).join('');
    groups.set(key, [...(groups.get(key) ?? []), k]);
  });
  const results = new Array<{ beta: Float64Array; sigma2: number }>(cols.length);
  for (const members of groups.values()) {
    const observed: number[] = [];
    for (let i = 0; i < n; i++) if (cols[members[0]][i] !== null) observed.push(i);
    const s = members.length;
    const y = new Float64Array(observed.length * s);
    observed.forEach((row, i) => {
      members.forEach((k, j) => {
        y[i * s + j] = cols[k][row] as number;
      });
    });
    const fit = fitBatch(design, observed, y, s, priors);
    members.forEach((k, j) => {
      results[k] = { beta: fit.beta[j], sigma2: fit.sigma2[j] };
    });
  }
  const { p, groups: colGroups } = design;
  const cpIdx = colGroups.flatMap((g, j) => (g === 'changepoint' ? [j] : []));
  return cols.map((col, k) => {
    const { beta, sigma2 } = results[k];
    const rows = n + horizon;
    const parts = {
      trend: new Float64Array(rows),
      weekly: new Float64Array(rows),
      yearly: new Float64Array(rows),
      events: new Float64Array(rows),
    };
    for (let i = 0; i < rows; i++) {
      const o = i * p;
      for (let j = 0; j < p; j++) {
        const v = design.x[o + j] * beta[j];
        const g = colGroups[j];
        if (g === 'weekly') parts.weekly[i] += v;
        else if (g === 'yearly') parts.yearly[i] += v;
        else if (g === 'event') parts.events[i] += v;
        else parts.trend[i] += v;
      }
    }
    let num = 0;
    let den = 0;
    let last: number | null = null;
    let lastResidual = 0;
    let lastObserved = -1;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === null) {
        last = null;
        continue;
      }
      const e = v - (parts.trend[i] + parts.weekly[i] + parts.yearly[i] + parts.events[i]);
      if (last !== null) {
        num += e * last;
        den += last * last;
      }
      last = e;
      lastResidual = e;
      lastObserved = i;
    }
    return {
      parts,
      n,
      sigma2,
      phi: den > 0 ? Math.min(0.98, Math.max(0, num / den)) : 0,
      lastResidual,
      lastObserved,
      meanDelta: cpIdx.length ? cpIdx.reduce((a, j) => a + Math.abs(beta[j]), 0) / cpIdx.length : 0,
      rate: cpIdx.length / n,
    };
  });
}

/**
 * A fit's forecast for `horizon` days with a daily trend damping (1 = Prophet's straight extrapolation of
 * the last slope), and the model's own standard deviation per day: residual noise through the AR(1), plus
 * future trend changes at the historical rate and size (Laplace), integrated analytically.
 */
function project(
  f: SeriesFit,
  horizon: number,
  damping: number,
): { yhat: Float64Array; sd: Float64Array; trend: Float64Array } {
  const { parts, n } = f;
  const trend = Float64Array.from(parts.trend);
  if (damping < 1 && n >= 2) {
    const slope = parts.trend[n - 1] - parts.trend[n - 2];
    let sum = 0;
    for (let h = 1; h <= horizon; h++) {
      sum += damping ** h;
      trend[n + h - 1] = parts.trend[n - 1] + slope * sum;
    }
  }
  const yhat = new Float64Array(horizon);
  const sd = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const i = n + h - 1;
    const steps = i - f.lastObserved;
    yhat[h - 1] = trend[i] + parts.weekly[i] + parts.yearly[i] + parts.events[i] + f.phi ** steps * f.lastResidual;
    const trendVar = (f.rate * 2 * f.meanDelta ** 2 * steps ** 3) / (3 * n * n);
    sd[h - 1] = Math.sqrt(f.sigma2 * (1 - f.phi ** (2 * steps)) + trendVar);
  }
  return { yhat, sd, trend };
}

/** Trend dampings tried on each series' own backtests; the one with the least error is used. */
export const DAMPINGS = [1, 0.99, 0.97, 0.95, 0.9];
const FALLBACK_DAMPING = 0.97;

interface Calibration {
  damping: number;
  /** Interval factors per level (80%, 95%) and horizon bucket, or null without enough backtest days. */
  factors: number[] | null;
}

/**
 * Rolling-origin backtests inside the training data (the same components, refitted at each origin): each
 * series gets the trend damping with the least absolute error, then interval factors per horizon bucket
 * and level, the conformal quantile of |error| ÷ model sd.
 */
function calibrate(
  start: string,
  cols: readonly (readonly (number | null)[])[],
  horizon: number,
  cfgAt: (days: number) => DesignConfig,
  priors: Priors,
): Calibration[] {
  const n = cols[0].length;
  const hc = Math.min(horizon, Math.floor(n / 3));
  const step = Math.max(7, Math.round(hc / 2));
  const origins: number[] = [];
  for (let k = 0; k < 4; k++) {
    const o = n - hc - k * step;
    if (o < Math.max(MIN_DAYS * 2, Math.floor(n / 2))) break;
    origins.push(o);
  }
  const fits = origins.map((o) => ({
    o,
    fits: core(
      start,
      cols.map((c) => c.slice(0, o)),
      hc,
      cfgAt(o),
      priors,
    ),
  }));
  return cols.map((c, k) => {
    if (!fits.length) return { damping: FALLBACK_DAMPING, factors: null };
    const errors = DAMPINGS.map((d) => {
      let sum = 0;
      for (const { o, fits: fs } of fits) {
        const { yhat } = project(fs[k], hc, d);
        for (let h = 1; h <= hc; h++) {
          const v = c[o + h - 1];
          if (v !== null && v !== undefined) sum += Math.abs(v - yhat[h - 1]);
        }
      }
      return sum;
    });
    const damping = DAMPINGS[errors.indexOf(Math.min(...errors))];
    const scores = BUCKETS.map(() => [] as number[]);
    for (const { o, fits: fs } of fits) {
      const { yhat, sd } = project(fs[k], hc, damping);
      for (let h = 1; h <= hc; h++) {
        const v = c[o + h - 1];
        if (v === null || v === undefined) continue;
        scores[bucketOf(h)].push(sd[h - 1] > 0 ? Math.abs(v - yhat[h - 1]) / sd[h - 1] : 0);
      }
    }
    const factors = [0.8, 0.95].flatMap((level) => {
      let carry = Number.NaN;
      return scores.map((sc) => {
        const q = sc.length >= 20 ? conformalQuantile(sc, level) : Number.NaN;
        if (Number.isFinite(q)) carry = q;
        return carry;
      });
    });
    return { damping, factors: factors.every((x) => Number.isFinite(x)) ? factors : null };
  });
}

const futureDates = (start: string, n: number, horizon: number) =>
  Array.from({ length: horizon }, (_, h) => isoOfDay(dayNumber(start) + n + h));

/** Seasonal naive (the same weekday last week) with intervals from its own weekly errors. */
export function seasonalNaive(
  values: readonly (number | null)[],
  start: string,
  horizon: number,
  nonNegative = true,
): Forecast {
  const n = values.length;
  const errors: number[] = [];
  for (let i = 7; i < n; i++)
    if (values[i] !== null && values[i - 7] !== null)
      errors.push(Math.abs((values[i] as number) - (values[i - 7] as number)));
  const q80 = errors.length ? quantile(errors, 0.8) : 0;
  const q95 = errors.length ? quantile(errors, 0.95) : 0;
  const f: Forecast = {
    method: 'seasonal_naive',
    transform: 'none',
    dates: futureDates(start, n, horizon),
    yhat: [],
    lo80: [],
    hi80: [],
    lo95: [],
    hi95: [],
    calibrated: errors.length >= 20,
    components: null,
  };
  const clamp = (v: number) => (nonNegative ? Math.max(0, v) : v);
  for (let h = 1; h <= horizon; h++) {
    const y = sameWeekday(values, n + h - 1) ?? 0;
    const k = Math.sqrt(Math.ceil(h / 7));
    f.yhat.push(y);
    f.lo80.push(clamp(y - q80 * k));
    f.hi80.push(y + q80 * k);
    f.lo95.push(clamp(y - q95 * k));
    f.hi95.push(y + q95 * k);
  }
  return f;
}

/** Intermittent demand: the Syntetos-Boylan rate, with intervals from the recent daily distribution. */
function intermittent(values: readonly (number | null)[], start: string, horizon: number): Forecast {
  const obs = values.filter((v): v is number => v !== null);
  const alpha = 0.1;
  let size: number | null = null;
  let gap: number | null = null;
  let since = 1;
  for (const v of obs) {
    if (v > 0) {
      size = size === null ? v : size + alpha * (v - size);
      gap = gap === null ? since : gap + alpha * (since - gap);
      since = 1;
    } else since++;
  }
  const rate = size !== null && gap !== null ? (1 - alpha / 2) * (size / gap) : 0;
  const recent = obs.slice(-90);
  const q = (l: number) => quantile(recent, l);
  const flat = (v: number) => Array.from({ length: horizon }, () => v);
  return {
    method: 'intermittent',
    transform: 'none',
    dates: futureDates(start, values.length, horizon),
    yhat: flat(rate),
    lo80: flat(q(0.1)),
    hi80: flat(Math.max(rate, q(0.9))),
    lo95: flat(q(0.025)),
    hi95: flat(Math.max(rate, q(0.975))),
    calibrated: false,
    components: null,
  };
}

function flatForecast(method: 'zero' | 'constant', value: number, start: string, n: number, horizon: number): Forecast {
  const flat = () => Array.from({ length: horizon }, () => value);
  return {
    method,
    transform: 'none',
    dates: futureDates(start, n, horizon),
    yhat: flat(),
    lo80: flat(),
    hi80: flat(),
    lo95: flat(),
    hi95: flat(),
    calibrated: false,
    components: null,
  };
}

/**
 * Forecasts many daily series that start on the same day and have the same length, in one batch.
 * @example const [f] = forecastMany([sales], { start: '2025-06-01', horizon: 30 }); f.yhat[0]
 */
export function forecastMany(series: readonly (readonly (number | null)[])[], opts: ForecastOptions): Forecast[] {
  return withBreaks(series, forecastBatch(series, opts), opts, forecastBatch);
}

/** The batch without the level-shift check. */
function forecastBatch(series: readonly (readonly (number | null)[])[], opts: ForecastOptions): Forecast[] {
  const n = series[0]?.length ?? 0;
  if (series.some((s) => s.length !== n)) throw new Error('every series of a batch must have the same length');
  const priors = { ...DEFAULT_PRIORS, ...opts.priors };
  const prepared = series.map(prepare);
  const out = new Array<Forecast>(series.length);
  const modelled: number[] = [];
  prepared.forEach((p, k) => {
    const s = series[k];
    if (p.method === 'model') modelled.push(k);
    else if (p.method === 'seasonal_naive') out[k] = seasonalNaive(s, opts.start, opts.horizon, p.nonNegative);
    else if (p.method === 'intermittent') out[k] = intermittent(s, opts.start, opts.horizon);
    else
      out[k] = flatForecast(
        p.method,
        p.method === 'zero' ? 0 : (s.find((v) => v !== null) as number),
        opts.start,
        n,
        opts.horizon,
      );
  });
  const total = Math.ceil(modelled.length / CHUNK);
  let done = 0;
  opts.onProgress?.(0, total);
  const cfg = configFor(opts.start, n, opts);
  // Backtests inside the training data keep the main fit's components.
  const cfgAt = (days: number) => configFor(opts.start, days, { ...opts, yearly: cfg.yearlyOrder > 0 });
  for (let c = 0; c < modelled.length; c += CHUNK) {
    if (opts.signal?.aborted) throw new ForecastCancelled();
    const ks = modelled.slice(c, c + CHUNK);
    const cols = ks.map((k) =>
      series[k].map((v) => (v === null || !Number.isFinite(v) ? null : forward(prepared[k], v))),
    );
    const fits = core(opts.start, cols, opts.horizon, cfg, priors);
    const cal: Calibration[] =
      opts.calibrate === false
        ? cols.map(() => ({ damping: opts.trendDamping ?? FALLBACK_DAMPING, factors: null }))
        : calibrate(opts.start, cols, opts.horizon, cfgAt, priors);
    ks.forEach((k, j) => {
      const p = prepared[k];
      const f = cal[j].factors;
      const r = project(fits[j], opts.horizon, opts.trendDamping ?? cal[j].damping);
      const band = (h: number, level: 0 | 1) => {
        const b = bucketOf(h);
        const z = f ? f[level * BUCKETS.length + b] : level ? Z95 : Z80;
        return z * r.sd[h - 1];
      };
      const yhat: number[] = [];
      const lo80: number[] = [];
      const hi80: number[] = [];
      const lo95: number[] = [];
      const hi95: number[] = [];
      for (let h = 1; h <= opts.horizon; h++) {
        const m = r.yhat[h - 1];
        yhat.push(back(p, m));
        lo80.push(back(p, m - band(h, 0)));
        hi80.push(back(p, m + band(h, 0)));
        lo95.push(back(p, m - band(h, 1)));
        hi95.push(back(p, m + band(h, 1)));
      }
      const scaled = (a: Float64Array) => Array.from(a, (v) => v * p.scale);
      const parts = { ...fits[j].parts, trend: r.trend };
      out[k] = {
        method: 'model',
        transform: p.transform,
        dates: futureDates(opts.start, n, opts.horizon),
        yhat,
        lo80,
        hi80,
        lo95,
        hi95,
        calibrated: f !== null,
        components: {
          trend: scaled(parts.trend),
          weekly: scaled(parts.weekly),
          yearly: scaled(parts.yearly),
          events: scaled(parts.events),
        },
      };
    });
    done++;
    opts.onProgress?.(done, total);
  }
  return out;
}

/** One series. */
export function forecast(values: readonly (number | null)[], opts: ForecastOptions): Forecast {
  return forecastMany([values], opts)[0];
}
