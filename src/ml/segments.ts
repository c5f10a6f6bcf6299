import { mulberry32 as rng } from './random';
import * as tf from '@tensorflow/tfjs-core';
import { type BuyerStats, type RfmScore, rfmScores, type SegmentName, segmentOf } from './rfm';

export {
  type BuyerStats,
  type RfmScore,
  rfmScores,
  SEGMENT_ACTIONS,
  SEGMENT_RULES,
  type SegmentName,
  segmentOf,
} from './rfm';

/**
 * Customer segments: RFM scores and their named segments (a rule table the UI shows), and k-means on
 * standardised log RFM and tenure (k-means++ seeded, restarts, k by mean silhouette on a sample), run on
 * TensorFlow.js.
 */

/** Standardised log features: recency, frequency, monetary, tenure. */
export function clusterFeatures(buyers: readonly BuyerStats[]): number[][] {
  const raw = buyers.map((b) => [
    Math.log1p(b.recency),
    Math.log1p(b.orders),
    Math.log1p(Math.max(0, b.sales)),
    Math.log1p(b.tenure),
  ]);
  const d = 4;
  const mean = Array.from({ length: d }, (_, j) => raw.reduce((a, x) => a + x[j], 0) / raw.length);
  const sd = Array.from(
    { length: d },
    (_, j) => Math.sqrt(raw.reduce((a, x) => a + (x[j] - mean[j]) ** 2, 0) / raw.length) || 1,
  );
  return raw.map((x) => x.map((v, j) => (v - mean[j]) / sd[j]));
}

const dist2 = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);

/** k-means++ seeding. */
function seedCentroids(x: readonly number[][], k: number, r: () => number): number[][] {
  const c = [x[Math.floor(r() * x.length)]];
  const d = x.map((p) => dist2(p, c[0]));
  while (c.length < k) {
    const total = d.reduce((a, b) => a + b, 0);
    let t = r() * total;
    let i = 0;
    while (i < x.length - 1 && t > d[i]) t -= d[i++];
    c.push(x[i]);
    for (let j = 0; j < x.length; j++) d[j] = Math.min(d[j], dist2(x[j], x[i]));
  }
  return c.map((p) => [...p]);
}

/** Lloyd's iterations: distances on TensorFlow.js as ‖x‖² − 2x·c + ‖c‖², then the centroids as cluster means. */
function lloyd(
  x: readonly number[][],
  xt: tf.Tensor2D,
  init: number[][],
  iterations = 50,
): { labels: Int32Array; centroids: number[][]; inertia: number } {
  const k = init.length;
  let centroids = init;
  let labels = new Int32Array(xt.shape[0]);
  let inertia = 0;
  for (let it = 0; it < iterations; it++) {
    const [lab, dmin] = tf.tidy(() => {
      const c = tf.tensor2d(centroids);
      const d = tf.add(
        tf.sub(tf.sum(tf.square(xt), 1, true), tf.mul(2, tf.matMul(xt, c, false, true))),
        tf.reshape(tf.sum(tf.square(c), 1), [1, k]),
      );
      return [tf.argMin(d, 1), tf.min(d, 1)];
    });
    const next = lab.dataSync() as Int32Array;
    inertia = (dmin.dataSync() as Float32Array).reduce((a, b) => a + Math.max(0, b), 0);
    tf.dispose([lab, dmin]);
    const d = init[0].length;
    const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
    const counts = new Array<number>(k).fill(0);
    next.forEach((l, i) => {
      counts[l]++;
      for (let j = 0; j < d; j++) sums[l][j] += x[i][j];
    });
    const moved = next.some((l, i) => l !== labels[i]);
    labels = Int32Array.from(next);
    centroids = sums.map((s, j) => (counts[j] ? s.map((v) => v / counts[j]) : centroids[j]));
    if (!moved && it > 0) break;
  }
  return { labels, centroids, inertia };
}

/** Mean silhouette of a labelling, on at most `sample` points (seeded). */
/** The seeded sample of a point set and its pairwise distances, kept while the set lives (k is chosen on one set). */
const distanceCache = new WeakMap<readonly number[][], { key: string; s: number[]; d: Float64Array }>();

function sampleDistances(x: readonly number[][], sample: number, seed: number): { s: number[]; d: Float64Array } {
  const key = `${sample}:${seed}`;
  const hit = distanceCache.get(x);
  if (hit?.key === key) return hit;
  const r = rng(seed);
  const idx = x.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const s = idx.slice(0, Math.min(sample, x.length));
  const d = new Float64Array(s.length * s.length);
  for (let a = 0; a < s.length; a++) {
    for (let b = a + 1; b < s.length; b++) {
      const v = Math.sqrt(dist2(x[s[a]], x[s[b]]));
      d[a * s.length + b] = v;
      d[b * s.length + a] = v;
    }
  }
  const out = { key, s, d };
  distanceCache.set(x, out);
  return out;
}

export function silhouette(x: readonly number[][], labels: ArrayLike<number>, sample = 2000, seed = 1): number {
  const { s, d } = sampleDistances(x, sample, seed);
  const k = Math.max(...Array.from(labels)) + 1;
  let total = 0;
  for (let p = 0; p < s.length; p++) {
    const i = s[p];
    const sum = new Array<number>(k).fill(0);
    const cnt = new Array<number>(k).fill(0);
    for (let q = 0; q < s.length; q++) {
      if (p === q) continue;
      const l = labels[s[q]];
      sum[l] += d[p * s.length + q];
      cnt[l]++;
    }
    const own = labels[i];
    const a = cnt[own] ? sum[own] / cnt[own] : 0;
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && cnt[c]) b = Math.min(b, sum[c] / cnt[c]);
    total += cnt[own] && Number.isFinite(b) ? (b - a) / Math.max(a, b) : 0;
  }
  return total / s.length;
}

export interface KMeansResult {
  k: number;
  labels: number[];
  centroids: number[][];
  silhouette: number;
  /** Mean silhouette of every k tried. */
  tried: { k: number; silhouette: number }[];
}

/** Points on which k is chosen: all of them up to this many, else a seeded sample of this size. */
const K_SELECTION_SAMPLE = 5000;

/**
 * k-means for k in [kMin, kMax], `restarts` seeded runs each, k chosen by the mean silhouette. With many
 * points, k is chosen on a seeded sample and the chosen k is then fitted on all points.
 */
export function kmeans(
  x: readonly number[][],
  opts: { kMin?: number; kMax?: number; restarts?: number; seed?: number } = {},
): KMeansResult {
  const r = rng(opts.seed ?? 42);
  const sample =
    x.length <= K_SELECTION_SAMPLE
      ? x
      : (() => {
          const idx = x.map((_, i) => i);
          for (let i = 0; i < K_SELECTION_SAMPLE; i++) {
            const j = i + Math.floor(r() * (idx.length - i));
            [idx[i], idx[j]] = [idx[j], idx[i]];
          }
          return idx.slice(0, K_SELECTION_SAMPLE).map((i) => x[i]);
        })();
  const best = (points: readonly number[][], k: number, restarts: number) => {
    const xt = tf.tensor2d(points as number[][]);
    try {
      let run: ReturnType<typeof lloyd> | null = null;
      for (let i = 0; i < restarts; i++) {
        const res = lloyd(points, xt, seedCentroids(points, k, r));
        if (!run || res.inertia < run.inertia) run = res;
      }
      return run as ReturnType<typeof lloyd>;
    } finally {
      xt.dispose();
    }
  };
  const tried: { k: number; silhouette: number }[] = [];
  let chosen: { k: number; run: ReturnType<typeof lloyd>; silhouette: number } | null = null;
  for (let k = opts.kMin ?? 2; k <= Math.min(opts.kMax ?? 8, sample.length - 1); k++) {
    const run = best(sample, k, opts.restarts ?? 3);
    const s = silhouette(sample, run.labels);
    tried.push({ k, silhouette: s });
    if (!chosen || s > chosen.silhouette) chosen = { k, run, silhouette: s };
  }
  if (!chosen) throw new Error('too few buyers to cluster');
  if (sample === x)
    return {
      k: chosen.k,
      labels: Array.from(chosen.run.labels),
      centroids: chosen.run.centroids,
      silhouette: chosen.silhouette,
      tried,
    };
  // All points, from the sample's centroids.
  const xt = tf.tensor2d(x as number[][]);
  try {
    const all = lloyd(x, xt, chosen.run.centroids, 25);
    return {
      k: chosen.k,
      labels: Array.from(all.labels),
      centroids: all.centroids,
      silhouette: chosen.silhouette,
      tried,
    };
  } finally {
    xt.dispose();
  }
}

/** Adjusted Rand index of two labellings (1 = identical partitions, about 0 = chance). */
export function adjustedRand(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const table = new Map<string, number>();
  const ra = new Map<number, number>();
  const rb = new Map<number, number>();
  a.forEach((x, i) => {
    const key = `${x},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ra.set(x, (ra.get(x) ?? 0) + 1);
    rb.set(b[i], (rb.get(b[i]) ?? 0) + 1);
  });
  const c2 = (m: number) => (m * (m - 1)) / 2;
  const sumIJ = [...table.values()].reduce((s, v) => s + c2(v), 0);
  const sumA = [...ra.values()].reduce((s, v) => s + c2(v), 0);
  const sumB = [...rb.values()].reduce((s, v) => s + c2(v), 0);
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (sumIJ - expected) / (max - expected);
}

export interface Segmentation {
  method: 'rfm' | 'kmeans';
  /** Segment of each buyer, in the order of the input. */
  labels: string[];
  /** RFM scores of each buyer. */
  scores: RfmScore[];
  k?: number;
  silhouette?: number;
  tried?: { k: number; silhouette: number }[];
  /** k-means: the centroid of each cluster in days, orders and sales (geometric means). */
  centroids?: { id: string; recency: number; orders: number; sales: number; tenure: number }[];
  /** The RFM segment most buyers of each label belong to (for k-means clusters: their suggested action). */
  dominant: Record<string, SegmentName>;
  /** k-means: indexes of the outlier buyers by DBSCAN, with its eps. */
  outliers?: { indexes: number[]; eps: number };
  /** k-means: the clusters' centroids merged by average linkage (the dendrogram). */
  merges?: Merge[];
}

/** Segments every buyer by the RFM rule table, or by k-means on the standardised log features. */
export function segmentBuyers(
  buyers: readonly BuyerStats[],
  method: 'rfm' | 'kmeans',
  rfmLabels?: readonly SegmentName[],
): Segmentation {
  // The RFM segments may come computed already (in SQL, by the engine); scores are then not needed.
  const scores = rfmLabels ? [] : rfmScores(buyers);
  const rfm = rfmLabels ?? scores.map((s, i) => segmentOf(s, buyers[i].orders));
  const dominantOf = (labels: readonly string[]) => {
    const counts = new Map<string, Map<SegmentName, number>>();
    labels.forEach((l, i) => {
      const m = counts.get(l) ?? new Map<SegmentName, number>();
      m.set(rfm[i], (m.get(rfm[i]) ?? 0) + 1);
      counts.set(l, m);
    });
    return Object.fromEntries([...counts].map(([l, m]) => [l, [...m].sort((a, b) => b[1] - a[1])[0][0]]));
  };
  if (method === 'rfm' || buyers.length < 10)
    return { method: 'rfm', labels: [...rfm], scores, dominant: dominantOf(rfm) };
  const x = clusterFeatures(buyers);
  const r = kmeans(x, { kMin: 2, kMax: 8 });
  const db = dbscan(x);
  const labels = r.labels.map((l) => `cluster_${l + 1}`);
  const centroids = [...new Set(labels)].sort().map((id) => {
    const members = buyers.filter((_, i) => labels[i] === id);
    const geo = (f: (b: BuyerStats) => number) =>
      Math.expm1(members.reduce((a, b) => a + Math.log1p(Math.max(0, f(b))), 0) / members.length);
    return {
      id,
      recency: geo((b) => b.recency),
      orders: geo((b) => b.orders),
      sales: geo((b) => b.sales),
      tenure: geo((b) => b.tenure),
    };
  });
  const merges = hierarchical(
    r.centroids.map((c, i) => ({
      id: `cluster_${i + 1}`,
      x: c,
      size: labels.filter((l) => l === `cluster_${i + 1}`).length,
    })),
  );
  return {
    method: 'kmeans',
    labels,
    scores,
    k: r.k,
    silhouette: r.silhouette,
    tried: r.tried,
    centroids,
    dominant: dominantOf(labels),
    outliers: { indexes: db.noise, eps: db.eps },
    merges,
  };
}

/**
 * The k-th nearest-neighbour distance of every point (brute force; callers sample large sets). Only the k
 * nearest are kept per point, in a small sorted buffer, so the cost is n² distances and no sort of n.
 */
function kDistances(x: readonly number[][], k: number): number[] {
  const kk = Math.max(1, Math.min(k, x.length - 1));
  const near = new Float64Array(kk);
  return x.map((p, i) => {
    near.fill(Number.POSITIVE_INFINITY);
    for (let j = 0; j < x.length; j++) {
      if (j === i) continue;
      const d = dist2(p, x[j]);
      if (d >= near[kk - 1]) continue;
      let at = kk - 1;
      while (at > 0 && near[at - 1] > d) {
        near[at] = near[at - 1];
        at--;
      }
      near[at] = d;
    }
    return Number.isFinite(near[kk - 1]) ? Math.sqrt(near[kk - 1]) : 0;
  });
}

/** The knee of an increasing curve: the point farthest from the chord between its ends. */
export function knee(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return values[n - 1] ?? 0;
  const [x0, y0, x1, y1] = [0, values[0], n - 1, values[n - 1]];
  let best = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs((y1 - y0) * i - (x1 - x0) * values[i] + x1 * y0 - y1 * x0);
    if (d > best) {
      best = d;
      at = i;
    }
  }
  return values[at];
}

export interface DbscanResult {
  eps: number;
  minPts: number;
  /** Indexes of the points no dense region reaches (outliers). */
  noise: number[];
  clusters: number;
}

/**
 * DBSCAN with eps from the knee of the sorted k-distances (k = minPts = 2 × dimensions), on at most
 * `sample` points (seeded); the other points are outliers when no core point of the sample is within eps.
 */
export function dbscan(x: readonly number[][], opts: { sample?: number; seed?: number } = {}): DbscanResult {
  const minPts = 2 * (x[0]?.length ?? 2);
  const r = rng(opts.seed ?? 7);
  const idx = x.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const s = idx.slice(0, Math.min(opts.sample ?? 2000, x.length));
  const pts = s.map((i) => x[i]);
  const eps = knee(kDistances(pts, minPts).sort((a, b) => a - b));
  const neighbours = pts.map((p) => {
    const nb: number[] = [];
    for (let j = 0; j < pts.length; j++) if (dist2(p, pts[j]) <= eps * eps) nb.push(j);
    return nb;
  });
  const core = neighbours.map((nb) => nb.length >= minPts);
  const label = new Array<number>(pts.length).fill(-1);
  let clusters = 0;
  pts.forEach((_, i) => {
    if (!core[i] || label[i] >= 0) return;
    const queue = [i];
    label[i] = clusters;
    while (queue.length) {
      const j = queue.pop() as number;
      if (!core[j]) continue;
      for (const k of neighbours[j])
        if (label[k] < 0) {
          label[k] = clusters;
          queue.push(k);
        }
    }
    clusters++;
  });
  // The other points look for a core point within eps in the neighbouring cells of a grid of side eps
  // (cells keyed by a number: each coordinate offset into 10 bits).
  const dims = x[0]?.length ?? 0;
  const keyOf = (c: readonly number[]) => c.reduce((k, v, d) => k + (v + 512) * 1024 ** d, 0);
  const grid = new Map<number, number[][]>();
  pts.forEach((p, i) => {
    if (!core[i]) return;
    const key = keyOf(p.map((v) => Math.floor(v / eps)));
    grid.set(key, [...(grid.get(key) ?? []), p]);
  });
  const offsets = (d: number): number[][] =>
    d === 0 ? [[]] : offsets(d - 1).flatMap((o) => [-1, 0, 1].map((v) => [...o, v]));
  // The point's own cell first: most points find a core point there.
  const around = offsets(dims)
    .map((o) => keyOf(o) - keyOf(o.map(() => 0)))
    .sort((a, b) => Math.abs(a) - Math.abs(b));
  const nearCore = (p: readonly number[]) => {
    const base = keyOf(p.map((v) => Math.floor(v / eps)));
    for (const o of around) {
      const cellPts = grid.get(base + o);
      if (cellPts) for (const q of cellPts) if (dist2(p, q) <= eps * eps) return true;
    }
    return false;
  };
  const inSample = new Map(s.map((orig, j) => [orig, j]));
  const noise = x.flatMap((p, i) => {
    const j = inSample.get(i);
    if (j !== undefined) return label[j] < 0 ? [i] : [];
    return nearCore(p) ? [] : [i];
  });
  return { eps, minPts, noise, clusters };
}

export interface Merge {
  /** Ids of the two merged groups (leaves are the centroids' ids, merges are `m1`, `m2`, …). */
  a: string;
  b: string;
  id: string;
  height: number;
  size: number;
}

/** Average-linkage hierarchical clustering of labelled points (the k-means centroids): the merges in order. */
export function hierarchical(points: readonly { id: string; x: number[]; size: number }[]): Merge[] {
  const groups = points.map((p) => ({ id: p.id, members: [p.x], size: p.size }));
  const merges: Merge[] = [];
  const linkage = (a: (typeof groups)[0], b: (typeof groups)[0]) => {
    let s = 0;
    for (const p of a.members) for (const q of b.members) s += Math.sqrt(dist2(p, q));
    return s / (a.members.length * b.members.length);
  };
  while (groups.length > 1) {
    let best = { i: 0, j: 1, d: Number.POSITIVE_INFINITY };
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const d = linkage(groups[i], groups[j]);
        if (d < best.d) best = { i, j, d };
      }
    const [a, b] = [groups[best.i], groups[best.j]];
    const id = `m${merges.length + 1}`;
    merges.push({ a: a.id, b: b.id, id, height: best.d, size: a.size + b.size });
    groups.splice(best.j, 1);
    groups.splice(best.i, 1, { id, members: [...a.members, ...b.members], size: a.size + b.size });
  }
  return merges;
}
