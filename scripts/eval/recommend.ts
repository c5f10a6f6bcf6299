import {
  buyAgain,
  fitRecommender,
  heldItems,
  itemSets,
  lastOrderRows,
  type ModelChoice,
  knnModel,
  popularity,
  type Purchases,
  rankingMetrics,
  recommendNew,
} from '../../src/ml/recommend';

/** One purchase line: who, which order, when (day number) and which item. */
export interface ItemTransaction {
  customer: string;
  order: string;
  day: number;
  item: string;
}

export interface RecommendEval {
  buyers: number;
  /** Strict protocol: only items new to the buyer count. */
  hit_rate_at_10: number;
  ndcg_at_10: number;
  popularity_hit_rate_at_10: number;
  popularity_ndcg_at_10: number;
  knn_hit_rate_at_10: number;
  /** Relaxed protocol: the buyer's own past items count. */
  buy_again_hit_rate_at_10: number;
  buy_again_ndcg_at_10: number;
  popularity_relaxed_hit_rate_at_10: number;
  popularity_relaxed_ndcg_at_10: number;
  choice: ModelChoice;
}

/** The transactions as dense purchase rows. */
export function purchasesOf(tx: readonly ItemTransaction[]): Purchases {
  const ids = <K>() => {
    const m = new Map<K, number>();
    const of = (k: K) => {
      if (!m.has(k)) m.set(k, m.size);
      return m.get(k) as number;
    };
    return { m, of };
  };
  const buyers = ids<string>();
  const orders = ids<string>();
  const items = ids<string>();
  const n = tx.length;
  const p = { buyer: new Int32Array(n), order: new Int32Array(n), day: new Int32Array(n), item: new Int32Array(n) };
  tx.forEach((t, r) => {
    p.buyer[r] = buyers.of(t.customer);
    p.order[r] = orders.of(t.order);
    p.day[r] = t.day;
    p.item[r] = items.of(t.item);
  });
  return { ...p, buyers: buyers.m.size, items: [...items.m.keys()] };
}

/**
 * Temporal holdout: each buyer's last order (buyers with at least two) is held out; the model sees the rest.
 * Strict: the top 10 items the buyer never bought (EASE with λ chosen on the training rows' own holdout),
 * against the 10 most popular such items, and item-kNN. Relaxed: the buyer's "buy again" list, then EASE's
 * new items, against the 10 most popular items.
 */
export function evaluateRecommendations(tx: readonly ItemTransaction[]): RecommendEval {
  const all = purchasesOf(tx);
  const held = lastOrderRows(all);
  const truth = heldItems(all, held);
  const keep = held.map((h) => 1 - h);
  const train: Purchases = {
    ...all,
    buyer: all.buyer.filter((_, i) => keep[i]),
    order: all.order.filter((_, i) => keep[i]),
    day: all.day.filter((_, i) => keep[i]),
    item: all.item.filter((_, i) => keep[i]),
  };
  const n = all.items.length;
  const { model, choice } = fitRecommender(train, Number.POSITIVE_INFINITY, (l, h) =>
    process.stderr.write(`λ ${l}: validation hit-rate@10 ${h.toFixed(4)}\n`),
  );
  const sets = itemSets(train);
  const popular = popularity(sets, n);
  const buyers = [...truth.keys()];
  const strict = recommendNew(model, sets, buyers, popular, 10);
  const pop = recommendNew(null, sets, buyers, popular, 10);
  const knn = recommendNew(knnModel(sets, n), sets, buyers, popular, 10);
  let asOf = 0;
  for (const d of train.day) asOf = Math.max(asOf, d);
  const again = buyAgain(train, asOf);
  const relaxed = new Map(
    buyers.map((b) => {
      const own = (again.get(b) ?? []).slice(0, 10).map((x) => x.item);
      return [b, [...own, ...(strict.get(b) ?? [])].slice(0, 10)];
    }),
  );
  const popRelaxed = new Map(buyers.map((b) => [b, popular.slice(0, 10)]));
  const m = (lists: Map<number, readonly number[]>) => rankingMetrics(lists, truth, 10);
  const s = m(strict);
  const p = m(pop);
  const r = m(relaxed);
  const pr = m(popRelaxed);
  return {
    buyers: s.buyers,
    hit_rate_at_10: s.hitRate,
    ndcg_at_10: s.ndcg,
    popularity_hit_rate_at_10: p.hitRate,
    popularity_ndcg_at_10: p.ndcg,
    knn_hit_rate_at_10: m(knn).hitRate,
    buy_again_hit_rate_at_10: r.hitRate,
    buy_again_ndcg_at_10: r.ndcg,
    popularity_relaxed_hit_rate_at_10: pr.hitRate,
    popularity_relaxed_ndcg_at_10: pr.ndcg,
    choice,
  };
}
