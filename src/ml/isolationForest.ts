/**
 * Isolation forest (Liu, Ting and Zhou, 2008), seeded: points that random axis-aligned splits isolate in
 * few steps are unusual. Scores are in (0, 1); about 0.5 is ordinary, near 1 is anomalous.
 */

import { mulberry32 as rng } from './random';

type Node = { size: number } | { feature: number; split: number; left: Node; right: Node };

/** The average path length of an unsuccessful search in a binary search tree of n points. */
const c = (n: number) => (n <= 1 ? 0 : n === 2 ? 1 : 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n);

function grow(points: readonly number[][], depth: number, limit: number, r: () => number): Node {
  if (depth >= limit || points.length <= 1) return { size: points.length };
  const d = points[0].length;
  const feature = Math.floor(r() * d);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    min = Math.min(min, p[feature]);
    max = Math.max(max, p[feature]);
  }
  if (min === max) return { size: points.length };
  const split = min + r() * (max - min);
  return {
    feature,
    split,
    left: grow(
      points.filter((p) => p[feature] < split),
      depth + 1,
      limit,
      r,
    ),
    right: grow(
      points.filter((p) => p[feature] >= split),
      depth + 1,
      limit,
      r,
    ),
  };
}

function pathLength(node: Node, x: readonly number[], depth = 0): number {
  if ('size' in node) return depth + c(node.size);
  return pathLength(x[node.feature] < node.split ? node.left : node.right, x, depth + 1);
}

/**
 * Anomaly scores of every point, from `trees` trees grown on samples of `sample` points.
 * @example isolationScores(rows, { seed: 7 }).map((s) => s > 0.6)
 */
export function isolationScores(
  points: readonly number[][],
  opts: { trees?: number; sample?: number; seed?: number } = {},
): number[] {
  const n = points.length;
  if (n < 2) return points.map(() => 0.5);
  const r = rng(opts.seed ?? 1);
  const psi = Math.min(opts.sample ?? 256, n);
  const limit = Math.ceil(Math.log2(psi));
  const forest: Node[] = [];
  for (let t = 0; t < (opts.trees ?? 200); t++) {
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < psi; i++) {
      const j = i + Math.floor(r() * (n - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    forest.push(
      grow(
        idx.slice(0, psi).map((i) => points[i]),
        0,
        limit,
        r,
      ),
    );
  }
  const norm = c(psi);
  return points.map((p) => 2 ** -(forest.reduce((a, tree) => a + pathLength(tree, p), 0) / forest.length / norm));
}
