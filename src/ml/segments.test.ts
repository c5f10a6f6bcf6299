import { seededNormal } from './random';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from './tf';
import { adjustedRand, type BuyerStats, dbscan, hierarchical, kmeans, rfmScores, segmentOf } from './segments';

beforeAll(async () => {
  await initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
});

describe('segments', () => {
  it('k-means recovers planted clusters (ARI ≥ 0.9) and picks their number by silhouette', () => {
    const { z } = seededNormal(5);
    const centres = [
      [0, 0, 0, 0],
      [5, 5, 0, 0],
      [0, 5, 5, 5],
      [5, 0, 5, -5],
    ];
    const truth: number[] = [];
    const x: number[][] = [];
    centres.forEach((c, k) => {
      for (let i = 0; i < 300; i++) {
        truth.push(k);
        x.push(c.map((v) => v + z()));
      }
    });
    const r = kmeans(x, { kMin: 2, kMax: 7 });
    expect(r.k).toBe(4);
    expect(adjustedRand(r.labels, truth)).toBeGreaterThanOrEqual(0.9);
  });

  it('RFM quintiles: recency reversed, ties split by rank, a fifth each; the rule table names them', () => {
    const buyers: BuyerStats[] = Array.from({ length: 100 }, (_, i) => ({
      buyer: `b${i}`,
      recency: i,
      orders: i < 80 ? 1 : 2 + (i % 5),
      sales: 1000 * (i + 1),
      tenure: 200,
    }));
    const s = rfmScores(buyers);
    for (const key of ['r', 'f', 'm'] as const)
      for (let q = 1; q <= 5; q++) expect(s.filter((x) => x[key] === q)).toHaveLength(20);
    expect(s[0].r).toBe(5);
    expect(s[99].r).toBe(1);
    // 80 buyers with one order: the tie is split by monetary, so they fill F scores 1–4 in order of sales.
    expect(s[0].f).toBe(1);
    expect(s[79].f).toBe(4);
    expect(segmentOf({ r: 5, f: 5, m: 5 })).toBe('champions');
    expect(segmentOf({ r: 1, f: 5, m: 5 })).toBe('cant_lose');
    expect(segmentOf({ r: 5, f: 1, m: 1 })).toBe('new');
    expect(segmentOf({ r: 1, f: 1, m: 1 })).toBe('hibernating');
  });

  it('DBSCAN with eps from the k-distance knee marks planted outliers and little else', () => {
    const { z } = seededNormal(8);
    const x: number[][] = [];
    for (let i = 0; i < 600; i++) x.push([z(), z(), z(), z()].map((v, j) => v * 0.5 + (i % 2) * (j === 0 ? 4 : 0)));
    const planted = [
      [12, 12, 12, 12],
      [-10, 9, -11, 10],
      [15, -12, 0, 8],
    ];
    x.push(...planted);
    const r = dbscan(x);
    for (let i = 0; i < planted.length; i++) expect(r.noise).toContain(600 + i);
    expect(r.noise.length).toBeLessThan(30);
    expect(r.clusters).toBeGreaterThanOrEqual(2);
  });

  it('merges the closest centroids first (average linkage)', () => {
    const m = hierarchical([
      { id: 'a', x: [0, 0], size: 1 },
      { id: 'b', x: [0, 1], size: 1 },
      { id: 'c', x: [10, 0], size: 1 },
      { id: 'd', x: [10, 2], size: 1 },
    ]);
    expect(m.map((x) => [x.a, x.b])).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['m1', 'm2'],
    ]);
    expect(m[2].size).toBe(4);
    expect(m[0].height).toBeCloseTo(1, 12);
  });
});
