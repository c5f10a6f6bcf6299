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

/** Σ x·y over len, from offsets xo and yo. */
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
/** The four dots of rows p, q of x with rows r, s of y over len: out = [p·r, p·s, q·r, q·s]. */
function dot22(
  x: Float64Array,
  p: number,
  q: number,
  y: Float64Array,
  r: number,
  s: number,
  len: number,
  out: Float64Array,
) {
  let pr = 0,
    ps = 0,
    qr = 0,
    qs = 0;
  for (let k = 0; k < len; k++) {
    const a = x[p + k],
      b = x[q + k],
      c = y[r + k],
      d = y[s + k];
    pr += a * c;
    ps += a * d;
    qr += b * c;
    qs += b * d;
  }
  out[0] = pr;
  out[1] = ps;
  out[2] = qr;
  out[3] = qs;
}
/**
 * Inverts a symmetric positive-definite matrix (row-major, n × n) by Cholesky: A = L Lᵀ, then T = L⁻ᵀ, then
 * A⁻¹ = T Tᵀ; about n³/2 multiply-adds, as dot products along rows, two rows by two rows so that each value
 * loaded serves two products. Throws when A is not positive definite.
 */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  const l = Float64Array.from(a);
  const o4 = new Float64Array(4);
  const diag = (ri: number, i: number) => {
    const s = l[ri + i] - dot(l, ri, l, ri, i);
    if (!(s > 0)) throw new Error('matrix is not positive definite');
    l[ri + i] = Math.sqrt(s);
  };
  const single = (ri: number, j: number) => {
    l[ri + j] = (l[ri + j] - dot(l, ri, l, j * n, j)) / l[j * n + j];
  };
  // Cholesky, two rows at a time: l_ij = (a_ij − Σ_{k<j} l_ik l_jk) ÷ l_jj.
  for (let i = 0; i < n; i += 2) {
    const ri = i * n;
    if (i + 1 >= n) {
      for (let j = 0; j < i; j++) single(ri, j);
      diag(ri, i);
      break;
    }
    const rq = ri + n;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const rj = j * n,
        rj1 = rj + n;
      dot22(l, ri, rq, l, rj, rj1, j, o4);
      const lij = (l[ri + j] - o4[0]) / l[rj + j];
      const lqj = (l[rq + j] - o4[2]) / l[rj + j];
      l[ri + j] = lij;
      l[rq + j] = lqj;
      l[ri + j + 1] = (l[ri + j + 1] - o4[1] - lij * l[rj1 + j]) / l[rj1 + j + 1];
      l[rq + j + 1] = (l[rq + j + 1] - o4[3] - lqj * l[rj1 + j]) / l[rj1 + j + 1];
    }
    for (let k = j; k < i; k++) single(ri, k);
    diag(ri, i);
    for (let k = j; k <= i; k++) single(rq, k);
    diag(rq, i + 1);
  }
  // T = (L⁻¹)ᵀ, upper, row-major: T[j][i] = −(Σ_{k=j}^{i−1} L[i][k] T[j][k]) ÷ L[i][i]; two rows of L at a time.
  const t = new Float64Array(n * n);
  const col = (i: number, j: number) => {
    t[j * n + i] = -dot(l, i * n + j, t, j * n + j, i - j) / l[i * n + i];
  };
  for (let i = 0; i < n; i += 2) {
    const ri = i * n;
    if (i + 1 >= n) {
      for (let j = 0; j < i; j++) col(i, j);
      t[ri + i] = 1 / l[ri + i];
      break;
    }
    const rq = ri + n;
    const di = l[ri + i],
      dq = l[rq + i + 1],
      lqi = l[rq + i];
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const tj = j * n,
        tj1 = tj + n;
      dot22(l, ri + j, rq + j, t, tj + j, tj1 + j, i - j, o4);
      const a = -o4[0] / di,
        b = -o4[1] / di;
      t[tj + i] = a;
      t[tj1 + i] = b;
      t[tj + i + 1] = -(o4[2] + lqi * a) / dq;
      t[tj1 + i + 1] = -(o4[3] + lqi * b) / dq;
    }
    for (let k = j; k < i; k++) col(i, k);
    t[ri + i] = 1 / di;
    for (let k = j; k <= i; k++) col(i + 1, k);
    t[rq + i + 1] = 1 / dq;
  }
  // A⁻¹[i][j] = Σ_{k≥i} T[i][k] T[j][k] for j ≤ i, two rows by two rows.
  const inv = new Float64Array(n * n);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const p = i * n + i,
      q = p + n,
      len = n - i;
    let j = 0;
    for (; j + 1 <= i; j += 2) {
      dot22(t, p, q, t, j * n + i, (j + 1) * n + i, len, o4);
      inv[i * n + j] = o4[0];
      inv[i * n + j + 1] = o4[1];
      inv[(i + 1) * n + j] = o4[2];
      inv[(i + 1) * n + j + 1] = o4[3];
    }
    for (; j <= i + 1; j++) {
      if (j <= i) inv[i * n + j] = dot(t, p, t, j * n + i, len);
      inv[(i + 1) * n + j] = dot(t, q, t, j * n + i, len);
    }
  }
  if (i < n) for (let j = 0; j <= i; j++) inv[i * n + j] = dot(t, i * n + i, t, j * n + i, n - i);
  for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) inv[c * n + r] = inv[r * n + c];
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
