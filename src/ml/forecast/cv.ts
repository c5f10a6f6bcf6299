/**
 * Rolling-origin cross-validation, as Prophet's `cross_validation`: cutoffs every `period` days back from
 * the end minus the horizon, each with at least `initial` days of history; every model is fitted on the
 * days up to the cutoff and scored on the `horizon` days after it.
 */

export interface CvOptions {
  initial: number;
  period: number;
  horizon: number;
}

export interface Prediction {
  cutoff: number;
  /** Days after the cutoff (1 = the next day). */
  h: number;
  y: number;
  yhat: number;
  lo80?: number;
  hi80?: number;
  lo95?: number;
  hi95?: number;
  /** The MASE scale of the training data at this cutoff (in-sample seasonal-naive MAE, m = 7). */
  scale: number;
}

export interface Metrics {
  cutoffs: number;
  predictions: number;
  mape_h37: number | null;
  mape_h365: number | null;
  mae_h37: number | null;
  mae: number;
  mape: number;
  /** Predictions whose actual is 0, left out of MAPE. */
  zeroActuals: number;
  smape: number;
  mase: number;
  coverage80: number | null;
  coverage95: number | null;
  width80: number | null;
}

/** A model for the backtest: fitted on the history (null = missing day), forecasting `horizon` days. */
export type Model = (
  history: readonly (number | null)[],
  horizon: number,
) => { yhat: number[]; lo80?: number[]; hi80?: number[]; lo95?: number[]; hi95?: number[] };

/** Cutoff indexes (the last training day) for a series of n days. */
export function cutoffs(n: number, o: CvOptions): number[] {
  const out: number[] = [];
  for (let c = n - 1 - o.horizon; c >= o.initial - 1; c -= o.period) out.push(c);
  return out.reverse();
}

/** Mean absolute seasonal-naive (m = 7) error of a history: the MASE scale. */
export function maseScale(y: readonly (number | null)[], m = 7): number {
  let sum = 0;
  let k = 0;
  for (let i = m; i < y.length; i++) {
    const a = y[i];
    const b = y[i - m];
    if (a === null || b === null) continue;
    sum += Math.abs(a - b);
    k++;
  }
  return k ? sum / k : Number.NaN;
}

export function crossValidate(
  y: readonly (number | null)[],
  model: Model,
  o: CvOptions,
  onCutoff?: (i: number, total: number) => void,
): { cutoffs: number[]; predictions: Prediction[] } {
  const cs = cutoffs(y.length, o);
  const predictions: Prediction[] = [];
  cs.forEach((c, i) => {
    const history = y.slice(0, c + 1);
    const scale = maseScale(history);
    const f = model(history, o.horizon);
    for (let h = 1; h <= o.horizon; h++) {
      const v = y[c + h];
      if (v === null || v === undefined) continue;
      predictions.push({
        cutoff: c,
        h,
        y: v,
        yhat: f.yhat[h - 1],
        lo80: f.lo80?.[h - 1],
        hi80: f.hi80?.[h - 1],
        lo95: f.lo95?.[h - 1],
        hi95: f.hi95?.[h - 1],
        scale,
      });
    }
    onCutoff?.(i + 1, cs.length);
  });
  return { cutoffs: cs, predictions };
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** Prophet's definitions: MAPE = mean |e| / |y|, sMAPE = mean 2|e| / (|y| + |ŷ|), coverage = share inside. */
export function metrics(p: readonly Prediction[], nCutoffs: number): Metrics {
  const within = (a: number, b: number) => p.filter((x) => x.h >= a && x.h <= b);
  // MAPE is undefined on days whose actual is 0 (closed days): those days are left out of it.
  const mape = (xs: readonly Prediction[]) => {
    const nz = xs.filter((x) => x.y !== 0);
    return nz.length ? mean(nz.map((x) => Math.abs(x.y - x.yhat) / Math.abs(x.y))) : null;
  };
  const mae = (xs: readonly Prediction[]) => (xs.length ? mean(xs.map((x) => Math.abs(x.y - x.yhat))) : null);
  const withBands = p.filter((x) => x.lo80 !== undefined);
  // A model without a band at a level (Prophet gives 80% only) has no coverage there: null, printed "–".
  const cover = (lo: 'lo80' | 'lo95', hi: 'hi80' | 'hi95') => {
    const banded = p.filter((x) => x[lo] !== undefined && x[hi] !== undefined);
    return banded.length
      ? mean(banded.map((x) => ((x[lo] as number) <= x.y && x.y <= (x[hi] as number) ? 1 : 0)))
      : null;
  };
  return {
    cutoffs: nCutoffs,
    predictions: p.length,
    mape_h37: mape(within(1, 37)),
    mape_h365: within(329, 365).length ? mape(within(329, 365)) : null,
    mae_h37: mae(within(1, 37)),
    mae: mae(p) ?? Number.NaN,
    mape: mape(p) ?? Number.NaN,
    zeroActuals: p.filter((x) => x.y === 0).length,
    smape: mean(
      p.map((x) =>
        Math.abs(x.y) + Math.abs(x.yhat) ? (2 * Math.abs(x.y - x.yhat)) / (Math.abs(x.y) + Math.abs(x.yhat)) : 0,
      ),
    ),
    mase: mean(p.map((x) => Math.abs(x.y - x.yhat) / x.scale)),
    coverage80: cover('lo80', 'hi80'),
    coverage95: cover('lo95', 'hi95'),
    width80: withBands.length ? mean(withBands.map((x) => (x.hi80 as number) - (x.lo80 as number))) : null,
  };
}

/** Metrics per horizon bucket, for the readable table. */
export function byHorizon(
  p: readonly Prediction[],
  buckets: readonly [number, number][],
): { from: number; to: number; mape: number; mae: number; coverage80: number | null; n: number }[] {
  return buckets
    .map(([from, to]) => {
      const xs = p.filter((x) => x.h >= from && x.h <= to);
      const m = metrics(xs, 0);
      return { from, to, mape: m.mape, mae: m.mae, coverage80: m.coverage80, n: xs.length };
    })
    .filter((b) => b.n > 0);
}
