import { choleskySolve } from '../linalg';
import { projectAll } from '../tf';
import type { Design, Group } from './design';

/**
 * MAP fit of the linear model for many series at once. The likelihood is Gaussian with a per-series noise
 * σ; the priors are Prophet's: Laplace(τ) on the changepoint deltas (sparse), Normal on the slope,
 * seasonality and event coefficients. The Laplace prior is met by majorise-minimise (each step is a ridge
 * solve whose weights come from the last deltas) and σ is re-estimated at each step.
 *
 * Numerics: the shared design is factored once (X = QR, float64); TensorFlow.js computes Qᵀ Y for all
 * series in one product (Q is orthonormal, so float32 is harmless there); each series then solves a
 * small p × p system in float64.
 */

export interface Priors {
  /** Laplace scale of the changepoint deltas (Prophet's changepoint_prior_scale). */
  changepoint: number;
  /** Normal scale of the Fourier coefficients. */
  seasonality: number;
  /** Normal scale of the calendar-event coefficients. */
  event: number;
  /** Normal scale of the base slope. */
  slope: number;
}

export const DEFAULT_PRIORS: Priors = { changepoint: 0.05, seasonality: 10, event: 10, slope: 5 };

export interface FitResult {
  /** Coefficients per series, each of length p. */
  beta: Float64Array[];
  /** Residual variance per series (scaled units). */
  sigma2: number[];
}

/** Modified Gram-Schmidt, twice (so Q stays orthonormal for ill-conditioned hinge columns). */
function qr(x: Float64Array, n: number, p: number): { q: Float64Array; r: Float64Array } {
  const q = Float64Array.from(x);
  const r = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i * p + k] * q[i * p + j];
        r[k * p + j] += dot;
        for (let i = 0; i < n; i++) q[i * p + j] -= dot * q[i * p + k];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * p + j] ** 2;
    norm = Math.sqrt(norm);
    r[j * p + j] = norm;
    if (norm > 1e-12) for (let i = 0; i < n; i++) q[i * p + j] /= norm;
    else for (let i = 0; i < n; i++) q[i * p + j] = 0;
  }
  return { q, r };
}

const ITERATIONS = 10;

/**
 * Fits every series (columns of `y`, row-major rows × s, already scaled) on the rows `observed` of the
 * design.
 */
export function fitBatch(
  design: Design,
  observed: readonly number[],
  y: Float64Array,
  s: number,
  priors: Priors = DEFAULT_PRIORS,
): FitResult {
  const { p, groups } = design;
  const n = observed.length;
  const xo = new Float64Array(n * p);
  observed.forEach((row, i) => {
    xo.set(design.x.subarray(row * p, row * p + p), i * p);
  });
  const { q, r } = qr(xo, n, p);
  const c = projectAll(q, n, p, y, s);
  // G = RᵀR = XᵀX, b = Rᵀc = Xᵀy.
  const g = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let v = 0;
      for (let k = 0; k <= Math.min(i, j); k++) v += r[k * p + i] * r[k * p + j];
      g[i * p + j] = v;
    }
  const beta: Float64Array[] = [];
  const sigma2: number[] = [];
  for (let k = 0; k < s; k++) {
    let yy = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      yy += y[i * s + k] ** 2;
      mean += y[i * s + k];
    }
    mean /= n;
    const cs = new Float64Array(p);
    for (let j = 0; j < p; j++) cs[j] = c[j * s + k];
    const b = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let v = 0;
      for (let j = 0; j <= i; j++) v += r[j * p + i] * cs[j];
      b[i] = v;
    }
    let s2 = Math.max(1e-8, 0.1 * (yy / n - mean * mean));
    let bk: Float64Array = new Float64Array(p);
    let deltas = groups.map((gr) => (gr === 'changepoint' ? priors.changepoint : 0));
    for (let it = 0; it < ITERATIONS; it++) {
      const a = Float64Array.from(g);
      groups.forEach((gr: Group, j) => {
        a[j * p + j] += penalty(gr, s2, priors, deltas[j], n);
      });
      bk = choleskySolve(a, b, p);
      // SSE = yᵀy − 2βᵀXᵀy + βᵀXᵀXβ.
      let bb = 0;
      let bgb = 0;
      for (let i = 0; i < p; i++) {
        bb += bk[i] * b[i];
        let gi = 0;
        for (let j = 0; j < p; j++) gi += g[i * p + j] * bk[j];
        bgb += bk[i] * gi;
      }
      s2 = Math.max(1e-10, (yy - 2 * bb + bgb) / n);
      deltas = groups.map((gr, j) => (gr === 'changepoint' ? Math.abs(bk[j]) : 0));
    }
    beta.push(bk);
    sigma2.push(s2);
  }
  return { beta, sigma2 };
}

/** The ridge weight of a column for the current σ² (and, for a changepoint, its last |delta|). */
function penalty(group: Group, s2: number, priors: Priors, lastDelta: number, n: number): number {
  switch (group) {
    case 'base':
      return 1e-9 * n;
    case 'slope':
      return s2 / priors.slope ** 2;
    case 'changepoint':
      return s2 / (priors.changepoint * Math.max(lastDelta, 1e-6 * priors.changepoint));
    case 'weekly':
    case 'yearly':
      return s2 / priors.seasonality ** 2;
    case 'event':
      return s2 / priors.event ** 2;
  }
}
