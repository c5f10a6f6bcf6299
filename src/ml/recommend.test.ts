import { describe, expect, it } from 'vitest';
import { choleskySolve, invertSpd } from './linalg';
import {
  buyAgain,
  easeWeights,
  fitRecommender,
  gram,
  itemSets,
  knnModel,
  lastOrderRows,
  type Purchases,
  rankingMetrics,
  recommendAll,
  recommendNew,
  topK,
} from './recommend';
import { mulberry32 } from './random';

/** Purchases from (buyer, order, day, item) tuples. */
function purchases(rows: [number, number, number, number][], items: number): Purchases {
  return {
    items: Array.from({ length: items }, (_, i) => `p${i}`),
    buyers: Math.max(...rows.map((r) => r[0])) + 1,
    buyer: Int32Array.from(rows.map((r) => r[0])),
    order: Int32Array.from(rows.map((r) => r[1])),
    day: Int32Array.from(rows.map((r) => r[2])),
    item: Int32Array.from(rows.map((r) => r[3])),
  };
}

/** Random shop: buyers with a taste for one of three groups of items, several orders each. */
function randomShop(buyers: number, items: number, seed: number): Purchases {
  const rnd = mulberry32(seed);
  const rows: [number, number, number, number][] = [];
  let order = 0;
  for (let b = 0; b < buyers; b++) {
    const group = b % 3;
    const orders = 1 + Math.floor(rnd() * 4);
    for (let o = 0; o < orders; o++, order++) {
      const size = 1 + Math.floor(rnd() * 3);
      for (let s = 0; s < size; s++) {
        const inGroup = rnd() < 0.8;
        const item = inGroup ? group + 3 * Math.floor(rnd() * (items / 3)) : Math.floor(rnd() * items);
        rows.push([b, order, o * 10 + Math.floor(rnd() * 5), Math.min(items - 1, item)]);
      }
    }
  }
  return purchases(rows, items);
}

describe('recommender', () => {
  it('inverts a symmetric positive-definite matrix: A · A⁻¹ = I, column by column as Cholesky solves', () => {
    const n = 70;
    const rnd = mulberry32(3);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        const v = i === j ? n : rnd() - 0.5;
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    const inv = invertSpd(a, n);
    for (const j of [0, 17, 33, 69]) {
      const e = new Float64Array(n);
      e[j] = 1;
      const col = choleskySolve(a, e, n);
      for (let i = 0; i < n; i++) expect(inv[i * n + j]).toBeCloseTo(col[i], 12);
    }
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it("EASE's weights solve its ridge regression: each column of B minimises ‖X_j − X B_j‖² + λ‖B_j‖² with B_jj = 0", () => {
    const p = randomShop(60, 9, 5);
    const n = 9;
    const sets = itemSets(p);
    const g = gram(sets, n);
    const lambda = 3;
    const b = easeWeights(g, n, lambda);
    for (let j = 0; j < n; j++) {
      expect(b[j * n + j]).toBe(0);
      // Independently: without item j, solve (G₋ⱼ + λI) w = G₋ⱼ,ⱼ by Cholesky.
      const others = Array.from({ length: n }, (_, i) => i).filter((i) => i !== j);
      const m = others.length;
      const a = new Float64Array(m * m);
      const rhs = new Float64Array(m);
      others.forEach((x, r) => {
        others.forEach((y, c) => {
          a[r * m + c] = g[x * n + y] + (r === c ? lambda : 0);
        });
        rhs[r] = g[x * n + j];
      });
      const w = choleskySolve(a, rhs, m);
      others.forEach((x, r) => {
        expect(b[x * n + j]).toBeCloseTo(w[r], 10);
      });
    }
  });

  it('counts buyers of both items in the Gram matrix, and kNN weights are cosines of those counts', () => {
    const p = purchases(
      [
        [0, 0, 1, 0],
        [0, 0, 1, 1],
        [0, 1, 5, 0],
        [1, 2, 2, 0],
        [1, 2, 2, 2],
        [2, 3, 3, 1],
      ],
      3,
    );
    const sets = itemSets(p);
    expect(Array.from(gram(sets, 3))).toEqual([2, 1, 1, 1, 2, 0, 1, 0, 1]);
    const knn = knnModel(sets, 3);
    const nb = knn.neighbours?.[0];
    expect(Array.from(nb?.item ?? [])).toEqual([2, 1]);
    expect(nb?.weight[0]).toBeCloseTo(1 / Math.sqrt(2 * 1), 12);
    expect(nb?.weight[1]).toBeCloseTo(1 / Math.sqrt(2 * 2), 12);
  });

  it("holds out each multi-order buyer's last order, and never recommends an item the buyer bought", () => {
    const p = randomShop(90, 12, 7);
    const held = lastOrderRows(p);
    const orders = new Map<number, Set<number>>();
    p.buyer.forEach((b, r) => {
      orders.set(b, (orders.get(b) ?? new Set()).add(p.order[r]));
    });
    for (let r = 0; r < held.length; r++) {
      const b = p.buyer[r];
      const later = p.buyer.some(
        (x, s) => x === b && (p.day[s] > p.day[r] || (p.day[s] === p.day[r] && p.order[s] > p.order[r])),
      );
      expect(held[r] === 1).toBe(!later && (orders.get(b)?.size ?? 0) > 1);
    }
    const { model, choice } = fitRecommender(p);
    expect(choice.method).toBe('ease');
    expect(choice.tried.length).toBeGreaterThanOrEqual(4);
    // The popularity prior is chosen on the same holdout: it can only raise the best λ's hit rate.
    expect(choice.hitRate).toBeGreaterThanOrEqual(Math.max(...choice.tried.map((t) => t.hitRate)));
    const sets = itemSets(p);
    const lists = recommendNew(model, sets, [0, 1, 2, 3], [0, 1, 2], 5);
    for (const [b, list] of lists) {
      const own = new Set(sets.items.subarray(sets.start[b], sets.start[b + 1]));
      for (const i of list) expect(own.has(i)).toBe(false);
      expect(new Set(list).size).toBe(list.length);
    }
    // Above the size limit the same fit is item-kNN.
    expect(fitRecommender(p, 5).choice.method).toBe('knn');
  });

  it('beats popularity on buyers with a taste', () => {
    const p = randomShop(600, 30, 11);
    const { choice } = fitRecommender(p);
    expect(choice.hitRate).toBeGreaterThan((choice.popularityHitRate ?? 1) + 0.05);
  });

  it('leans on the best sellers where buyers have no taste, and is never below them on its holdout', () => {
    // Every buyer picks by popularity alone (Zipf-like), so co-purchase carries nothing.
    const rnd = mulberry32(17);
    const rows: [number, number, number, number][] = [];
    let order = 0;
    for (let b = 0; b < 800; b++)
      for (let o = 0; o < 2 + (b % 2); o++, order++)
        rows.push([b, order, o * 10, Math.min(19, Math.floor(20 * rnd() ** 3))]);
    const { choice } = fitRecommender(purchases(rows, 20));
    expect(choice.popularityWeight).toBeGreaterThan(0);
    expect(choice.hitRate).toBeGreaterThanOrEqual(choice.popularityHitRate ?? 1);
  });

  it('ranks "buy again" by orders, then how due, then recency; intervals from the buyer or the item', () => {
    // Buyer 0: item 0 in 3 orders (days 0, 10, 20), item 1 twice (days 0, 30), item 2 once (day 5).
    // Buyer 1: item 2 twice (days 0, 8) gives item 2 a usual interval of 8 days.
    const p = purchases(
      [
        [0, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 1, 5, 2],
        [0, 2, 10, 0],
        [0, 3, 20, 0],
        [0, 4, 30, 1],
        [1, 5, 0, 2],
        [1, 6, 8, 2],
        [1, 6, 8, 3],
      ],
      4,
    );
    const lists = buyAgain(p, 40);
    const b0 = lists.get(0) ?? [];
    expect(b0.map((x) => x.item)).toEqual([0, 1, 2]);
    expect(b0[0]).toEqual({ item: 0, orders: 3, lastDay: 20, interval: 10 });
    expect(b0[1]).toEqual({ item: 1, orders: 2, lastDay: 30, interval: 30 });
    expect(b0[2]).toEqual({ item: 2, orders: 1, lastDay: 5, interval: 8 });
    // Buyer 1: both once-or-more; item 2 (2 orders) before item 3; item 3 has no interval.
    expect(lists.get(1)?.map((x) => [x.item, x.interval])).toEqual([
      [2, 8],
      [3, null],
    ]);
    // Same orders: the one due nearest now first (item 5 bought 10 days ago every 10 days, item 4 every 100).
    const q = purchases(
      [
        [0, 0, 0, 4],
        [0, 1, 100, 4],
        [0, 2, 20, 5],
        [0, 3, 30, 5],
        [1, 4, 0, 4],
      ],
      6,
    );
    expect(
      buyAgain(q, 40)
        .get(0)
        ?.map((x) => x.item),
    ).toEqual([5, 4]);
  });

  it('scores hit rate and NDCG at k against held-out items', () => {
    const held = new Map([
      [0, new Set([3])],
      [1, new Set([1, 2])],
      [2, new Set([9])],
    ]);
    const lists = new Map([
      [0, [5, 3]],
      [1, [1, 2]],
      [2, [4]],
    ]);
    const m = rankingMetrics(lists, held, 10);
    expect(m.hitRate).toBeCloseTo(2 / 3, 12);
    expect(m.ndcg).toBeCloseTo((1 / Math.log2(3) + 1 + 0) / 3, 12);
    expect(topK(Float64Array.from([0.1, 0.5, 0.3, 0.5]), 2)).toEqual([1, 3]);
  });

  it('lists for every buyer and item: new items, buy-again items, neighbours by weight', () => {
    const p = randomShop(120, 15, 13);
    const r = recommendAll(p, 100);
    const k = r.next.length / p.buyers;
    const sets = itemSets(p);
    for (let b = 0; b < p.buyers; b++) {
      const own = new Set(sets.items.subarray(sets.start[b], sets.start[b + 1]));
      const again = Array.from(r.again.subarray(b * k, b * k + k)).filter((i) => i >= 0);
      expect(again.length).toBe(Math.min(k, own.size));
      for (const i of again) expect(own.has(i)).toBe(true);
      for (const i of Array.from(r.next.subarray(b * k, b * k + k)).filter((x) => x >= 0))
        expect(own.has(i)).toBe(false);
    }
    for (let i = 0; i < p.items.length; i++) {
      const w = Array.from(r.pairWeight.subarray(i * k, i * k + k));
      for (let x = 1; x < k; x++) if (r.pairs[i * k + x] >= 0) expect(w[x]).toBeLessThanOrEqual(w[x - 1]);
    }
  });
});
