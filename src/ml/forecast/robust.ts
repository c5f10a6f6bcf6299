import { isoOfDay, dayNumber } from '../../kernel/days';
import { conformalQuantile, quantile } from '../linalg';
import { etsForecast } from './ets';
import type { Forecast, ForecastOptions } from './types';

/**
 * Forecasts that survive a structural break. When a series' level shifted (a lockdown, a lost listing, a
 * new channel), the additive model's trend cannot follow it: its changepoints end at 80% of the history.
 * Each such series then chooses, by its own backtest on the days after the shift, between the full model,
 * the model fitted on the days after the shift, and ETS.
 */

/** Weeks compared either side of a candidate shift. */
const SIDE = 8;
/** A shift is at least this many robust noise units of the weekly means… */
const T_SHIFT = 6;
/** …and this share of the level before it. */
const MIN_SHIFT = 0.25;
/** Days after a shift before a model fitted on them is tried (under 3 weeks it repeats their last week). */
const MIN_AFTER = 7;
/** Refits on fewer days than this damp their trend hard. */
const SHORT_REFIT = 90;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The first day of the series' last level shift, else null: weekly means (weeks aligned to the last day)
 * whose mean over up to 8 weeks after a week boundary differs from the 8 weeks before by more than 6 robust
 * noise units (from the median change between consecutive weeks) and by more than 25%, every week on its own
 * side; then the day, within a week of that boundary, that best separates the two weeks either side.
 */
export function lastLevelShift(values: readonly (number | null)[]): number | null {
  const n = values.length;
  const weeks = Math.floor(n / 7);
  const off = n - 7 * weeks;
  const means: (number | null)[] = [];
  for (let w = 0; w < weeks; w++) {
    let s = 0;
    let k = 0;
    for (let d = off + 7 * w; d < off + 7 * w + 7; d++) {
      const v = values[d];
      if (v !== null && Number.isFinite(v)) {
        s += v;
        k++;
      }
    }
    means.push(k >= 4 ? s / k : null);
  }
  const steps: number[] = [];
  for (let w = 1; w < weeks; w++) {
    const a = means[w];
    const b = means[w - 1];
    if (a !== null && b !== null) steps.push(Math.abs(a - b));
  }
  if (steps.length < 2 * SIDE) return null;
  const sigma = (1.4826 * quantile(steps, 0.5)) / Math.SQRT2;
  if (!(sigma > 0)) return null;
  const known = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  for (let w = weeks - 2; w >= SIDE; w--) {
    const after = known(means.slice(w, w + SIDE));
    const before = known(means.slice(w - SIDE, w));
    if (after.length < 2 || before.length < SIDE / 2) continue;
    const ma = mean(after);
    const mb = mean(before);
    const t = Math.abs(ma - mb) / (sigma * Math.sqrt(1 / after.length + 1 / before.length));
    const mid = (ma + mb) / 2;
    const side = (x: number) => Math.sign(x - mid);
    const sustained = after.every((x) => side(x) === side(ma)) && before.every((x) => side(x) === side(mb));
    if (t > T_SHIFT && Math.abs(ma - mb) > MIN_SHIFT * Math.abs(mb) && sustained) return refine(values, off + 7 * w);
  }
  return null;
}

/** The day within a week of `day` where the two weeks after it differ most from the two weeks before. */
function refine(values: readonly (number | null)[], day: number): number {
  const avg = (from: number, to: number) => {
    const xs = values.slice(Math.max(0, from), to).filter((v): v is number => v !== null);
    return xs.length ? mean(xs) : Number.NaN;
  };
  let best = day;
  let gap = -1;
  for (let d = Math.max(14, day - 6); d <= Math.min(values.length - 7, day + 6); d++) {
    const g = Math.abs(avg(d, d + 14) - avg(d - 14, d));
    if (g > gap) {
      gap = g;
      best = d;
    }
  }
  return best;
}

/** A batch forecast: forecast.ts's `forecastMany` without this step. */
type Batch = (series: readonly (readonly (number | null)[])[], opts: ForecastOptions) => Forecast[];

type Candidate = 'model' | 'after_break' | 'ets';

/**
 * The forecasts of a batch, each series with a level shift re-chosen among the full model (its forecast in
 * `out`), the model fitted after the shift, and ETS, by the absolute error of up to three backtests that end
 * after the shift.
 */
export function withBreaks(
  series: readonly (readonly (number | null)[])[],
  out: Forecast[],
  opts: ForecastOptions,
  batch: Batch,
): Forecast[] {
  return out.map((f, k) => {
    if (f.method !== 'model' || opts.breaks === false) return f;
    const b = lastLevelShift(series[k]);
    return b === null ? f : chooseAfterShift(series[k], b, f, opts, batch);
  });
}

function chooseAfterShift(
  s: readonly (number | null)[],
  shift: number,
  full: Forecast,
  opts: ForecastOptions,
  batch: Batch,
): Forecast {
  const n = s.length;
  const nonNegative = s.every((v) => v === null || v >= 0);
  const after = n - shift;
  const hb = Math.max(7, Math.min(opts.horizon, 30, Math.floor((after - MIN_AFTER) / 2)));
  const origins = [1, 2, 3].map((j) => n - hb * j).filter((o) => o >= Math.max(shift + MIN_AFTER, n / 2));
  if (!origins.length) origins.push(n - 7);
  const startAt = (i: number) => isoOfDay(dayNumber(opts.start) + i);
  const quick = { ...opts, calibrate: false, breaks: false, onProgress: undefined };
  // A refit on a few weeks cannot tell a trend from noise: its slope fades within about ten days.
  const refit = (days: number) => ({ start: startAt(shift), ...(days < SHORT_REFIT ? { trendDamping: 0.9 } : {}) });
  const predict: Record<Candidate, ((o: number, h: number) => number[]) | null> = {
    model: (o, h) => batch([s.slice(0, o)], { ...quick, horizon: h })[0].yhat,
    after_break: origins.every((o) => o - shift >= MIN_AFTER)
      ? (o, h) => batch([s.slice(shift, o)], { ...quick, ...refit(o - shift), horizon: h })[0].yhat
      : null,
    ets: (o, h) => etsForecast(s.slice(0, o), h, nonNegative),
  };
  const errors: Partial<Record<Candidate, { h: number; e: number }[]>> = {};
  for (const [c, f] of Object.entries(predict) as [Candidate, ((o: number, h: number) => number[]) | null][]) {
    if (!f) continue;
    const list: { h: number; e: number }[] = [];
    for (const o of origins) {
      const h = Math.min(hb, n - o);
      f(o, h).forEach((yhat, i) => {
        const y = s[o + i];
        if (y !== null && y !== undefined) list.push({ h: i + 1, e: y - yhat });
      });
    }
    errors[c] = list;
  }
  const mae = (c: Candidate) => {
    const l = errors[c];
    return l?.length ? mean(l.map((x) => Math.abs(x.e))) : Number.POSITIVE_INFINITY;
  };
  let best = (Object.keys(errors) as Candidate[]).reduce((a, c) => (mae(c) < mae(a) ? c : a));
  const bandErrors = errors[best] ?? [];
  // A shift too recent to backtest a refit on is still a shift: the refit on its days (their last week
  // repeated, under three weeks), with the bands of the better of the others.
  if (!predict.after_break && after >= MIN_AFTER) best = 'after_break';
  const since = startAt(shift) as Forecast['dates'][number];
  if (best === 'model') return { ...full, levelShift: since };
  const f =
    best === 'after_break'
      ? batch([s.slice(shift)], { ...opts, ...refit(after), breaks: false, onProgress: undefined })[0]
      : null;
  const yhat = f ? f.yhat : etsForecast(s, opts.horizon, nonNegative);
  return {
    ...withBands(
      yhat,
      best === 'after_break' && !errors.after_break ? bandErrors : (errors[best] ?? []),
      hb,
      nonNegative,
    ),
    method: f ? 'model_after_shift' : 'ets',
    transform: f ? f.transform : 'none',
    dates: full.dates,
    // The refit's components cover the days after the shift only: not drawn against the whole history.
    components: null,
    levelShift: since,
  };
}

/**
 * Split-conformal bands around a forecast from its backtest errors: the quantiles of |error| at 80% and 95%,
 * widened by √(h ÷ backtest horizon) beyond the backtests' horizon.
 */
function withBands(
  yhat: number[],
  errors: readonly { e: number }[],
  hb: number,
  nonNegative: boolean,
): Pick<Forecast, 'yhat' | 'lo80' | 'hi80' | 'lo95' | 'hi95' | 'calibrated'> {
  const abs = errors.map((x) => Math.abs(x.e));
  const q = (level: number) => {
    const c = conformalQuantile(abs, level);
    return Number.isFinite(c) ? c : Math.max(...abs, 0);
  };
  const q80 = q(0.8);
  const q95 = q(0.95);
  const grow = (h: number) => Math.sqrt(Math.max(1, h / hb));
  const clamp = (v: number) => (nonNegative ? Math.max(0, v) : v);
  return {
    yhat,
    lo80: yhat.map((y, i) => clamp(y - q80 * grow(i + 1))),
    hi80: yhat.map((y, i) => y + q80 * grow(i + 1)),
    lo95: yhat.map((y, i) => clamp(y - q95 * grow(i + 1))),
    hi95: yhat.map((y, i) => y + q95 * grow(i + 1)),
    calibrated: abs.length >= 20,
  };
}
