/** Small dense linear algebra for the forecaster's normal equations (p × p, p below a few hundred). */

/**
 * Solves A x = b for a symmetric positive-definite A (row-major, n × n) by Cholesky. A tiny jitter is added
 * to the diagonal when A is numerically singular. Returns x.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let attempt = 0, jitter = 0; ; attempt++) {
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[i * n + j] + (i === j ? jitter : 0);
        for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          l[i * n + i] = Math.sqrt(s);
        } else l[i * n + j] = s / l[j * n + j];
      }
    }
    if (ok) break;
    if (attempt > 8) throw new Error('matrix is not positive definite');
    let trace = 0;
    for (let i = 0; i < n; i++) trace += Math.abs(a[i * n + i]);
    jitter = jitter ? jitter * 100 : (trace / n) * 1e-10 + 1e-12;
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** Rows per block of `invertSpd`: 32 rows of 1,000 doubles stay in a core's cache. */
const BLOCK = 32;

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += x[xo + k] * y[yo + k];
    s1 += x[xo + k + 1] * y[yo + k + 1];
    s2 += x[xo + k + 2] * y[yo + k + 2];
    s3 += x[xo + k + 3] * y[yo + k + 3];
  }
  for (; k < len; k++) s0 += x[xo + k] * y[yo + k];
  return s0 + s1 + s2 + s3;
}
function axpy(y: Float64Array, yo: number, x: Float64Array, xo: number, f: number, len: number) {
  let j = 0;
  for (; j + 3 < len; j += 4) {
    y[yo + j] += f * x[xo + j];
    y[yo + j + 1] += f * x[xo + j + 1];
    y[yo + j + 2] += f * x[xo + j + 2];
    y[yo + j + 3] += f * x[xo + j + 3];
  }
  for (; j < len; j++) y[yo + j] += f * x[xo + j];
}
/**
 * Inverts a symmetric positive-definite matrix (row-major, n × n) by Cholesky: A = L Lᵀ, then L⁻¹ in place,
 * then A⁻¹ = L⁻ᵀ L⁻¹; about n³/2 multiply-adds, in blocks of rows that stay in cache, every inner loop along
 * a row. Throws when A is not positive definite.
 */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  const l = Float64Array.from(a);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let j = 0; j < i1; j++) {
      const rj = j * n;
      for (let i = Math.max(i0, j); i < i1; i++) {
        const ri = i * n;
        const s = l[ri + j] - dot(l, ri, l, rj, j);
        if (i === j) {
          if (!(s > 0)) throw new Error('matrix is not positive definite');
          l[ri + i] = Math.sqrt(s);
        } else l[ri + j] = s / l[rj + j];
      }
    }
  }
  const acc = new Float64Array(BLOCK * n);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    acc.fill(0);
    for (let k = 0; k < i0; k++) {
      const rk = k * n;
      for (let i = i0; i < i1; i++) {
        const f = l[i * n + k];
        if (f !== 0) axpy(acc, (i - i0) * n, l, rk, f, k + 1);
      }
    }
    for (let i = i0; i < i1; i++) {
      const ri = i * n,
        ra = (i - i0) * n;
      for (let k = i0; k < i; k++) {
        const f = l[ri + k];
        if (f !== 0) axpy(acc, ra, l, k * n, f, k + 1);
      }
      const d = l[ri + i];
      for (let j = 0; j < i; j++) l[ri + j] = -acc[ra + j] / d;
      l[ri + i] = 1 / d;
    }
  }
  const inv = new Float64Array(n * n);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let k = i0; k < n; k++) {
      const rk = k * n;
      for (let i = i0; i < Math.min(i1, k + 1); i++) {
        const f = l[rk + i];
        if (f !== 0) axpy(inv, i * n, l, rk, f, i + 1);
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inv[j * n + i] = inv[i * n + j];
  return inv;
}
/** The q-quantile of values (linear interpolation between order statistics, as numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * The split-conformal quantile of scores at level q: the ⌈(n + 1) q⌉-th smallest score, which covers a new
 * score with probability ≥ q when scores are exchangeable. Infinity when n is too small for the level.
 */
export function conformalQuantile(scores: readonly number[], q: number): number {
  const n = scores.length;
  const k = Math.ceil((n + 1) * q);
  if (k > n) return Number.POSITIVE_INFINITY;
  return [...scores].sort((a, b) => a - b)[k - 1];
}

/**
 * Ordinary least squares of y on the rows of x by the normal equations (a tiny ridge keeps constant
 * columns solvable): the coefficients, and XᵀX for standard errors.
 */
export function leastSquares(
  x: readonly (readonly number[])[],
  y: readonly number[],
): { beta: number[]; xtx: Float64Array } {
  const p = x[0].length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  x.forEach((row, i) => {
    for (let a = 0; a < p; a++) {
      xty[a] += row[a] * y[i];
      for (let b = 0; b < p; b++) xtx[a * p + b] += row[a] * row[b];
    }
  });
  for (let a = 0; a < p; a++) xtx[a * p + a] += 1e-9;
  return { beta: Array.from(choleskySolve(xtx, xty, p)), xtx };
}
