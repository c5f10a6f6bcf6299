import { seededNormal } from './random';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from './tf';
import { adjustedRand, type BuyerStats, dbscan, hierarchical, kmeans, rfmScores, segmentOf } from './segments';
import { rfmScheme } from './rfm';

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
    for (const key of ['r', 'm'] as const)
      for (let q = 1; q <= 5; q++) expect(s.filter((x) => x[key] === q)).toHaveLength(20);
    expect(s[0].r).toBe(5);
    expect(s[99].r).toBe(1);
    // 80 buyers with one order: a single order is F 1, whatever their sales; the repeat buyers rank above.
    expect(s.slice(0, 80).every((x) => x.f === 1)).toBe(true);
    expect(s.slice(80).every((x) => x.f === 5)).toBe(true);
    expect(segmentOf({ r: 5, f: 5, m: 5 }, 6)).toBe('champions');
    expect(segmentOf({ r: 1, f: 5, m: 5 }, 4)).toBe('cant_lose');
    expect(segmentOf({ r: 5, f: 1, m: 1 }, 1)).toBe('new');
    expect(segmentOf({ r: 1, f: 1, m: 1 }, 1)).toBe('hibernating');
    // The names need their evidence: two orders are not champions, one is not at risk of a lapsed habit.
    expect(segmentOf({ r: 5, f: 5, m: 5 }, 2)).toBe('loyal');
    expect(segmentOf({ r: 2, f: 3, m: 3 }, 1)).not.toBe('at_risk');
  });

  it('a short, one-off history: fixed R and F thresholds, and no loyal or champion buyer without the orders', () => {
    // Two months of a marketplace shop: most buyers once, a few twice, one four times.
    const buyers: BuyerStats[] = Array.from({ length: 60 }, (_, i) => ({
      buyer: `b${i}`,
      recency: i,
      orders: i < 50 ? 1 : i < 59 ? 2 : 4,
      sales: 100_000 + 1000 * i,
      tenure: 60,
    }));
    expect(rfmScheme(buyers)).toBe('fixed');
    const s = rfmScores(buyers);
    expect(s.map((x) => x.r)).toEqual(
      buyers.map((b) => (b.recency <= 14 ? 5 : b.recency <= 30 ? 4 : b.recency <= 60 ? 3 : 2)),
    );
    expect(s.map((x) => x.f)).toEqual(buyers.map((b) => b.orders));
    const seg = s.map((x, i) => segmentOf(x, buyers[i].orders));
    expect(
      seg.filter((x, i) => (x === 'loyal' || x === 'champions' || x === 'at_risk') && buyers[i].orders < 2),
    ).toEqual([]);
    expect(seg.filter((x) => x === 'champions').length).toBeLessThanOrEqual(1);
    expect(rfmScheme([{ tenure: 400 }])).toBe('quintiles');
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
