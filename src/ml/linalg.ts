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
