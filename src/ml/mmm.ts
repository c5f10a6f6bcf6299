import { solve } from 'yalps';
import { choleskySolve, leastSquares } from './linalg';

/**
 * Marketing mix: daily sales regressed on each channel's spend through geometric adstock and Hill
 * saturation, plus controls (trend, weekly pattern, shop calendar). Adstock and saturation parameters are
 * chosen by grid search, one channel at a time over a few sweeps; the controls are partialled out once
 * (Frisch–Waugh), so each grid point costs one small solve. Budgets are allocated by LP (yalps) on each
 * response curve's upper concave envelope, and checked against a greedy marginal-return allocation.
 */

export function adstock(x: readonly number[], theta: number): number[] {
  const out = new Array<number>(x.length);
  let carry = 0;
  for (let t = 0; t < x.length; t++) {
    carry = x[t] + theta * carry;
    out[t] = carry;
  }
  return out;
}

export const hill = (a: number, k: number, s: number) => (a <= 0 ? 0 : a ** s / (a ** s + k ** s));

export interface Channel {
  name: string;
  spend: number[];
}

export interface ChannelFit {
  name: string;
  theta: number;
  /** Half-saturation point, in adstocked spend per day. */
  k: number;
  /** Hill shape. */
  s: number;
  /** Sales at full saturation (≥ 0). */
  beta: number;
  meanSpend: number;
  /** Σ attributed sales ÷ Σ spend over the data. */
  roas: number | null;
  /** Extra sales per extra unit of daily spend at the mean spend (steady state). */
  marginalRoas: number | null;
}

export interface MmmFit {
  channels: ChannelFit[];
  /** Share of the sales variance explained. */
  r2: number;
  /** Mean daily sales not attributed to any channel over the last 30 days. */
  baseDaily: number;
  days: number;
}

const THETAS = Array.from({ length: 19 }, (_, i) => i * 0.05);
const K_MULTIPLES = Array.from({ length: 17 }, (_, i) => 0.25 * 1.2 ** i);
const SHAPES = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3];

/** Residuals after least squares on the controls `c` (rows × p): v − C (CᵀC)⁻¹ Cᵀ v, the projector precomputed. */
function partialOut(c: readonly number[][]): (v: readonly number[]) => number[] {
  const p = c[0].length;
  const n = c.length;
  const ctc = new Float64Array(p * p);
  for (const row of c) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) ctc[a * p + b] += row[a] * row[b];
  for (let a = 0; a < p; a++) ctc[a * p + a] += 1e-8;
  // P = (CᵀC)⁻¹ Cᵀ, p × n, one column at a time.
  const proj = new Float64Array(p * n);
  for (let i = 0; i < n; i++) {
    const g = choleskySolve(ctc, Float64Array.from(c[i]), p);
    for (let a = 0; a < p; a++) proj[a * n + i] = g[a];
  }
  return (v) => {
    const g = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += proj[a * n + i] * v[i];
      g[a] = acc;
    }
    return v.map((x, i) => {
      let fitted = 0;
      for (let a = 0; a < p; a++) fitted += c[i][a] * g[a];
      return x - fitted;
    });
  };
}

/** Least squares of y on the columns of z (already partialled out); returns coefficients and SSE. */
function fitColumns(z: readonly number[][], y: readonly number[]): { beta: number[]; sse: number } {
  const m = z.length;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) a[i * m + j] = z[i].reduce((s, v, t) => s + v * z[j][t], 0);
    a[i * m + i] += 1e-9;
    b[i] = z[i].reduce((s, v, t) => s + v * y[t], 0);
  }
  const beta = Array.from(choleskySolve(a, b, m));
  const sse = y.reduce((s, v, t) => s + (v - z.reduce((acc, col, i) => acc + beta[i] * col[t], 0)) ** 2, 0);
  return { beta, sse };
}

/** Fits the channels' adstock, saturation and effect on sales, with `controls` (rows × p, intercept included). */
export function fitMmm(
  sales: readonly number[],
  channels: readonly Channel[],
  controls: readonly number[][],
  sweeps = 3,
): MmmFit {
  const resid = partialOut(controls);
  const y = resid(sales);
  const params = channels.map((c) => {
    const mean = c.spend.reduce((a, b) => a + b, 0) / c.spend.length || 1;
    return { theta: 0.3, k: mean / 0.7, s: 1, mean };
  });
  const column = (ci: number, theta: number, k: number, s: number) =>
    resid(adstock(channels[ci].spend, theta).map((a) => hill(a, k, s)));
  const cols = channels.map((_, ci) => column(ci, params[ci].theta, params[ci].k, params[ci].s));
  for (let sweep = 0; sweep < sweeps; sweep++) {
    channels.forEach((c, ci) => {
      let best = { sse: Number.POSITIVE_INFINITY, theta: 0, k: 0, s: 1, col: cols[ci] };
      for (const theta of THETAS) {
        const a = adstock(c.spend, theta);
        const meanA = a.reduce((x, v) => x + v, 0) / a.length || 1;
        for (const km of K_MULTIPLES) {
          for (const s of SHAPES) {
            const col = resid(a.map((v) => hill(v, km * meanA, s)));
            const trial = cols.map((x, j) => (j === ci ? col : x));
            const f = fitColumns(trial, y);
            // Media cannot lower sales: a negative effect is not a fit.
            if (f.beta[ci] < 0) continue;
            if (f.sse < best.sse) best = { sse: f.sse, theta, k: km * meanA, s, col };
          }
        }
      }
      if (Number.isFinite(best.sse)) {
        params[ci] = { ...params[ci], theta: best.theta, k: best.k, s: best.s };
        cols[ci] = best.col;
      }
    });
  }
  // Refine each channel off the grid: pattern search on (θ, K, S) with halving steps.
  const sseWith = (ci: number, theta: number, k: number, sh: number) => {
    if (theta < 0 || theta > 0.95 || k <= 0 || sh <= 0.2) return { sse: Number.POSITIVE_INFINITY, col: cols[ci] };
    const col = column(ci, theta, k, sh);
    const f = fitColumns(
      cols.map((x, j) => (j === ci ? col : x)),
      y,
    );
    return { sse: f.beta[ci] < 0 ? Number.POSITIVE_INFINITY : f.sse, col };
  };
  channels.forEach((_, ci) => {
    let p = params[ci];
    let current = sseWith(ci, p.theta, p.k, p.s).sse;
    let steps = { theta: 0.025, k: 0.1, s: 0.125 };
    for (let it = 0; it < 8; it++) {
      for (const [dt, dk, ds] of [
        [steps.theta, 0, 0],
        [-steps.theta, 0, 0],
        [0, steps.k, 0],
        [0, -steps.k, 0],
        [0, 0, steps.s],
        [0, 0, -steps.s],
      ]) {
        const trial = { theta: p.theta + dt, k: p.k * (1 + dk), s: p.s + ds };
        const r = sseWith(ci, trial.theta, trial.k, trial.s);
        if (r.sse < current) {
          current = r.sse;
          p = { ...p, ...trial };
          cols[ci] = r.col;
        }
      }
      steps = { theta: steps.theta / 2, k: steps.k / 2, s: steps.s / 2 };
    }
    params[ci] = p;
  });
  const f = fitColumns(cols, y);
  const sst = y.reduce((s, v) => s + v ** 2, 0);
  const fits: ChannelFit[] = channels.map((c, ci) => {
    const p = params[ci];
    const beta = Math.max(0, f.beta[ci]);
    const a = adstock(c.spend, p.theta);
    const attributed = a.reduce((s, v) => s + beta * hill(v, p.k, p.s), 0);
    const total = c.spend.reduce((s, v) => s + v, 0);
    const curve = (x: number) => beta * hill(x / (1 - p.theta), p.k, p.s);
    const h = Math.max(1, p.mean * 0.01);
    return {
      name: c.name,
      theta: p.theta,
      k: p.k,
      s: p.s,
      beta,
      meanSpend: p.mean,
      roas: total ? attributed / total : null,
      marginalRoas: (curve(p.mean + h) - curve(p.mean)) / h,
    };
  });
  const n = sales.length;
  const recent = Math.max(0, n - 30);
  let base = 0;
  for (let t = recent; t < n; t++)
    base +=
      sales[t] -
      fits.reduce((s, ch, ci) => s + ch.beta * hill(adstock(channels[ci].spend, ch.theta)[t], ch.k, ch.s), 0);
  return { channels: fits, r2: sst ? 1 - f.sse / sst : 0, baseDaily: base / Math.max(1, n - recent), days: n };
}

/** A channel's steady-state daily response to a constant daily spend. */
export const responseOf = (c: ChannelFit) => (spend: number) => c.beta * hill(spend / (1 - c.theta), c.k, c.s);

/** Slopes of the upper concave envelope of a curve sampled at 0, Δ, 2Δ, … (decreasing, one per step). */
export function envelopeSlopes(values: readonly number[], step: number): number[] {
  const hull: number[] = [0];
  for (let i = 1; i < values.length; i++) {
    while (hull.length >= 2) {
      const [a, b] = [hull[hull.length - 2], hull[hull.length - 1]];
      // Drop b when it lies on or below the chord from a to i.
      if ((values[b] - values[a]) * (i - a) <= (values[i] - values[a]) * (b - a)) hull.pop();
      else break;
    }
    hull.push(i);
  }
  const slopes: number[] = [];
  for (let h = 1; h < hull.length; h++) {
    const slope = (values[hull[h]] - values[hull[h - 1]]) / ((hull[h] - hull[h - 1]) * step);
    for (let i = hull[h - 1]; i < hull[h]; i++) slopes.push(slope);
  }
  return slopes;
}

export interface Allocation {
  spend: number[];
  /** Σ of the channels' responses at that spend (on their envelopes). */
  response: number;
}

/** Allocates a daily budget by LP on the curves' concave envelopes (`steps` pieces per channel). */
export function allocateLp(curves: readonly ((s: number) => number)[], budget: number, steps = 60): Allocation {
  const step = budget / steps;
  const slopes = curves.map((f) =>
    envelopeSlopes(
      Array.from({ length: steps + 1 }, (_, i) => f(i * step)),
      step,
    ),
  );
  const variables = new Map<string, Record<string, number>>();
  slopes.forEach((sl, c) => {
    sl.forEach((slope, j) => {
      variables.set(`c${c}_${j}`, { response: slope, budget: 1, [`cap_c${c}_${j}`]: 1 });
    });
  });
  const constraints = new Map<string, { max: number }>([['budget', { max: budget }]]);
  for (const key of variables.keys()) constraints.set(`cap_${key}`, { max: step });
  const solution = solve({ direction: 'maximize', objective: 'response', constraints, variables });
  const spend = curves.map(() => 0);
  for (const [name, value] of solution.variables) spend[Number(name.slice(1, name.indexOf('_')))] += value;
  return { spend, response: solution.result };
}

/** The oracle: each step of the budget goes to the channel whose envelope gains most from it. */
export function allocateGreedy(curves: readonly ((s: number) => number)[], budget: number, steps = 60): Allocation {
  const step = budget / steps;
  const slopes = curves.map((f) =>
    envelopeSlopes(
      Array.from({ length: steps + 1 }, (_, i) => f(i * step)),
      step,
    ),
  );
  const used = curves.map(() => 0);
  let response = 0;
  for (let k = 0; k < steps; k++) {
    let best = -1;
    for (let c = 0; c < curves.length; c++)
      if (used[c] < steps && (best < 0 || slopes[c][used[c]] > slopes[best][used[best]])) best = c;
    if (best < 0 || slopes[best][used[best]] <= 0) break;
    response += slopes[best][used[best]] * step;
    used[best]++;
  }
  return { spend: used.map((u) => u * step), response };
}

/**
 * Does the media model predict unseen days better than trend, weekly pattern and calendar alone? Both are
 * fitted on the first 80% of the days and scored (mean absolute error) on the last 20%.
 */
export function holdoutCheck(
  sales: readonly number[],
  channels: readonly Channel[],
  controls: readonly number[][],
): { maeMedia: number; maeBase: number; reliable: boolean } {
  const n = sales.length;
  const cut = Math.floor(n * 0.8);
  const train = { y: sales.slice(0, cut), c: controls.slice(0, cut) };
  const fit = fitMmm(
    train.y,
    channels.map((c) => ({ name: c.name, spend: c.spend.slice(0, cut) })),
    train.c,
  );
  // Media effects over all days (adstock runs on), then the controls fitted to what the media leave.
  const media = Array.from({ length: n }, () => 0);
  fit.channels.forEach((ch, ci) => {
    adstock(channels[ci].spend, ch.theta).forEach((a, t) => {
      media[t] += ch.beta * hill(a, ch.k, ch.s);
    });
  });
  const gMedia = leastSquares(
    train.c,
    train.y.map((v, t) => v - media[t]),
  ).beta;
  const gBase = leastSquares(train.c, train.y).beta;
  const predict = (g: number[], row: readonly number[]) => row.reduce((s, v, j) => s + v * g[j], 0);
  let maeMedia = 0;
  let maeBase = 0;
  for (let t = cut; t < n; t++) {
    maeMedia += Math.abs(sales[t] - predict(gMedia, controls[t]) - media[t]);
    maeBase += Math.abs(sales[t] - predict(gBase, controls[t]));
  }
  maeMedia /= Math.max(1, n - cut);
  maeBase /= Math.max(1, n - cut);
  return { maeMedia, maeBase, reliable: maeMedia < 0.98 * maeBase };
}
