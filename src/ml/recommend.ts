import { invertSpd, quantile } from './linalg';

/**
 * Recommendations from purchase history: EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"), a
 * closed form on the item Gram matrix with its ridge λ chosen on a holdout of the shop's own buyers, with
 * item-kNN (cosine over buyers) above `EASE_MAX_ITEMS`; and each buyer's "buy again" list: their own past
 * items ranked by orders, then by how due the next purchase is, then by recency.
 */

/** Purchase lines: one row per (buyer, order, item), buyers and items as dense indices. */
export interface Purchases {
  /** Item names by index. */
  items: readonly string[];
  /** Number of buyers (indices 0 … buyers − 1). */
  buyers: number;
  buyer: Int32Array;
  /** Order ids: any integers, distinct per order; with `day` they order a buyer's orders in time. */
  order: Int32Array;
  day: Int32Array;
  item: Int32Array;
}

/** Each buyer's distinct items, sorted (CSR: buyer b's items are `items[start[b]] … items[start[b + 1] − 1]`). */
export interface ItemSets {
  start: Int32Array;
  items: Int32Array;
}

/**
 * Above this many items EASE's dense n × n inverse (n³/2 multiply-adds, three n² matrices) is left for
 * item-kNN. Measured by `npm run bench -- --no-shops --ml-only`: one fit takes 0.65 s at 1,000 items, 5.4 s
 * at 2,000 and 10.7 s at 2,500 in Node, and λ's choice takes six fits before the final one; at 1,500 items
 * the whole fit stays under about 20 s in the ML worker.
 */
export const EASE_MAX_ITEMS = 1500;

/** Neighbours kept per item by item-kNN. */
const NEIGHBOURS = 20;

/** The rows of each buyer's last order (by day, then order id) among buyers with at least two orders. */
export function lastOrderRows(p: Purchases): Uint8Array {
  const lastDay = new Int32Array(p.buyers).fill(-2147483648);
  const lastOrder = new Int32Array(p.buyers).fill(-2147483648);
  const firstOrder = new Int32Array(p.buyers).fill(-2147483648);
  const several = new Uint8Array(p.buyers);
  for (let r = 0; r < p.buyer.length; r++) {
    const b = p.buyer[r];
    if (firstOrder[b] === -2147483648) firstOrder[b] = p.order[r];
    else if (p.order[r] !== firstOrder[b]) several[b] = 1;
    if (p.day[r] > lastDay[b] || (p.day[r] === lastDay[b] && p.order[r] > lastOrder[b])) {
      lastDay[b] = p.day[r];
      lastOrder[b] = p.order[r];
    }
  }
  const out = new Uint8Array(p.buyer.length);
  for (let r = 0; r < p.buyer.length; r++) {
    const b = p.buyer[r];
    if (several[b] && p.order[r] === lastOrder[b] && p.day[r] === lastDay[b]) out[r] = 1;
  }
  return out;
}

/** The distinct items of each buyer over the rows where `keep` is 1 (all rows when it is absent). */
export function itemSets(p: Purchases, keep?: Uint8Array): ItemSets {
  const nItems = p.items.length;
  const seen = new Map<number, number>();
  const count = new Int32Array(p.buyers + 1);
  const pairs: number[] = [];
  for (let r = 0; r < p.buyer.length; r++) {
    if (keep && !keep[r]) continue;
    const key = p.buyer[r] * nItems + p.item[r];
    if (seen.has(key)) continue;
    seen.set(key, 1);
    pairs.push(key);
    count[p.buyer[r] + 1]++;
  }
  const start = new Int32Array(p.buyers + 1);
  for (let b = 0; b < p.buyers; b++) start[b + 1] = start[b] + count[b + 1];
  const items = new Int32Array(pairs.length);
  const at = start.slice(0, p.buyers);
  for (const key of pairs) {
    const b = Math.floor(key / nItems);
    items[at[b]++] = key - b * nItems;
  }
  for (let b = 0; b < p.buyers; b++) items.subarray(start[b], start[b + 1]).sort();
  return { start, items };
}

/** XᵀX of the binary buyer × item matrix: how many buyers bought both i and j (n × n, row-major). */
export function gram(sets: ItemSets, n: number): Float64Array {
  const g = new Float64Array(n * n);
  const { start, items } = sets;
  for (let b = 0; b + 1 < start.length; b++)
    for (let x = start[b]; x < start[b + 1]; x++) {
      const row = items[x] * n;
      for (let y = start[b]; y < start[b + 1]; y++) g[row + items[y]] += 1;
    }
  return g;
}

/** EASE's item-item weights: B = I − P · diag(1 / diag P) with P = (G + λI)⁻¹, so diag B = 0. */
export function easeWeights(g: Float64Array, n: number, lambda: number): Float64Array {
  const a = Float64Array.from(g);
  for (let i = 0; i < n; i++) a[i * n + i] += lambda;
  const p = invertSpd(a, n);
  const d = new Float64Array(n);
  for (let j = 0; j < n; j++) d[j] = p[j * n + j];
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) p[ri + j] = i === j ? 0 : -p[ri + j] / d[j];
  }
  return p;
}

/** Item-item weights of either model, with a row of item i's weight towards every item j. */
export interface ItemModel {
  method: 'ease' | 'knn';
  lambda: number | null;
  n: number;
  /** Dense weights (EASE) or each item's neighbours (kNN). */
  dense: Float64Array | null;
  neighbours: { item: Int32Array; weight: Float64Array }[] | null;
  /** Added to every item's score: the popularity prior (weight × buyers ÷ the most buyers of an item). */
  prior?: Float64Array | null;
}

/** Cosine item-kNN: each item's `NEIGHBOURS` items with the highest co-buyers ÷ √(buyers of i × buyers of j). */
export function knnModel(sets: ItemSets, n: number): ItemModel {
  const co: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const k = new Float64Array(n);
  const { start, items } = sets;
  for (let b = 0; b + 1 < start.length; b++)
    for (let x = start[b]; x < start[b + 1]; x++) {
      const i = items[x];
      k[i]++;
      const m = co[i];
      for (let y = start[b]; y < start[b + 1]; y++) if (y !== x) m.set(items[y], (m.get(items[y]) ?? 0) + 1);
    }
  const neighbours = co.map((m, i) => {
    const top = [...m]
      .map(([j, c]) => [j, c / Math.sqrt(k[i] * k[j])] as const)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, NEIGHBOURS);
    return { item: Int32Array.from(top.map((t) => t[0])), weight: Float64Array.from(top.map((t) => t[1])) };
  });
  return { method: 'knn', lambda: null, n, dense: null, neighbours };
}

/** Adds the weights of each of `own` towards every item into `scores` (length n). */
function accumulate(m: ItemModel, own: Int32Array, scores: Float64Array): void {
  scores.fill(0);
  if (m.dense) {
    const { n, dense } = m;
    for (const i of own) {
      const ri = i * n;
      for (let j = 0; j < n; j++) scores[j] += dense[ri + j];
    }
  } else
    for (const i of own) {
      const nb = (m.neighbours as NonNullable<ItemModel['neighbours']>)[i];
      for (let x = 0; x < nb.item.length; x++) scores[nb.item[x]] += nb.weight[x];
    }
  if (m.prior) for (let j = 0; j < m.n; j++) scores[j] += m.prior[j];
}

/** Weights of the popularity prior tried on the holdout (the last: the best sellers, the model breaking ties). */
const PRIOR_WEIGHTS = [0, 0.03, 0.1, 0.3, 1, 3, Number.POSITIVE_INFINITY];

/**
 * The popularity prior of a weight: weight × buyers of each item ÷ the most buyers of one item; an infinite
 * weight ranks by popularity alone, exactly as `popularity` does.
 */
function popularityPrior(sets: ItemSets, n: number, weight: number): Float64Array | null {
  if (!weight) return null;
  if (weight === Number.POSITIVE_INFINITY) {
    const prior = new Float64Array(n);
    popularity(sets, n).forEach((i, r) => {
      prior[i] = 1e12 * (n - r);
    });
    return prior;
  }
  const k = new Float64Array(n);
  for (const i of sets.items) k[i]++;
  let max = 0;
  for (const v of k) max = Math.max(max, v);
  return k.map((v) => (max ? (weight * v) / max : 0));
}

/** The indices of the k highest finite scores, best first (ties by index); items scored −∞ are left out. */
export function topK(scores: Float64Array, k: number, skip?: (i: number) => boolean): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s === Number.NEGATIVE_INFINITY || skip?.(i)) continue;
    if (best.length === k && s <= scores[best[k - 1]]) continue;
    let at = best.length < k ? best.length : k - 1;
    best[at] = i;
    while (at > 0 && scores[best[at - 1]] < s) {
      best[at] = best[at - 1];
      best[--at] = i;
    }
  }
  return best;
}

/**
 * Up to k new items per buyer (never one they bought), best first: the model's scores from the buyer's
 * items (none without a model), then the most popular items. `popular` lists items by buyers, most first.
 */
export function recommendNew(
  m: ItemModel | null,
  sets: ItemSets,
  buyers: Iterable<number>,
  popular: readonly number[],
  k: number,
  /** Called with each buyer's list and the model's scores behind it (empty without a model). */
  scored?: (b: number, list: readonly number[], scores: Float64Array) => void,
): Map<number, number[]> {
  const scores = new Float64Array(m?.n ?? 0);
  const out = new Map<number, number[]>();
  for (const b of buyers) {
    const own = sets.items.subarray(sets.start[b], sets.start[b + 1]);
    const mine = new Set(own);
    let list: number[] = [];
    if (m && own.length) {
      accumulate(m, own, scores);
      list = topK(scores, k, (i) => mine.has(i) || !(scores[i] > 0));
    } else scores.fill(0);
    for (const i of popular) {
      if (list.length >= k) break;
      if (!mine.has(i) && !list.includes(i)) list.push(i);
    }
    out.set(b, list);
    scored?.(b, list, scores);
  }
  return out;
}

/** Items by how many buyers bought them, most first (ties by index). */
export function popularity(sets: ItemSets, n: number): number[] {
  const k = new Int32Array(n);
  for (const i of sets.items) k[i]++;
  return Array.from({ length: n }, (_, i) => i)
    .filter((i) => k[i] > 0)
    .sort((a, b) => k[b] - k[a] || a - b);
}

/** One of a buyer's past items with what ranks it in their "buy again" list. */
export interface PastItem {
  item: number;
  /** Orders of the buyer that held it. */
  orders: number;
  lastDay: number;
  /** Days between the buyer's purchases of it, else the item's median over all buyers; null when unknown. */
  interval: number | null;
}

/**
 * Each buyer's past items (over rows where `keep` is 1), ranked: most orders first; then the item whose next
 * purchase is due soonest (days since the last ÷ usual interval nearest 1, items without an interval
 * after); then the most recently bought.
 */
export function buyAgain(p: Purchases, asOf: number, keep?: Uint8Array): Map<number, PastItem[]> {
  const nItems = p.items.length;
  const stats = new Map<number, { orders: Set<number>; first: number; last: number }>();
  for (let r = 0; r < p.buyer.length; r++) {
    if (keep && !keep[r]) continue;
    const key = p.buyer[r] * nItems + p.item[r];
    const s = stats.get(key);
    if (!s) stats.set(key, { orders: new Set([p.order[r]]), first: p.day[r], last: p.day[r] });
    else {
      s.orders.add(p.order[r]);
      s.first = Math.min(s.first, p.day[r]);
      s.last = Math.max(s.last, p.day[r]);
    }
  }
  const gaps: number[][] = Array.from({ length: nItems }, () => []);
  for (const [key, s] of stats)
    if (s.orders.size > 1 && s.last > s.first) gaps[key % nItems].push((s.last - s.first) / (s.orders.size - 1));
  const usual = gaps.map((g) => (g.length ? quantile(g, 0.5) : null));
  const out = new Map<number, PastItem[]>();
  for (const [key, s] of stats) {
    const b = Math.floor(key / nItems);
    const item = key - b * nItems;
    const own = s.orders.size > 1 && s.last > s.first ? (s.last - s.first) / (s.orders.size - 1) : null;
    const list = out.get(b) ?? [];
    list.push({ item, orders: s.orders.size, lastDay: s.last, interval: own ?? usual[item] });
    out.set(b, list);
  }
  const due = (x: PastItem) =>
    x.interval ? Math.abs(Math.log(Math.max(1, asOf - x.lastDay) / x.interval)) : Number.POSITIVE_INFINITY;
  for (const list of out.values())
    list.sort((a, b) => b.orders - a.orders || due(a) - due(b) || b.lastDay - a.lastDay || a.item - b.item);
  return out;
}

/** Hit rate and NDCG at k of lists against each buyer's held-out items (binary relevance). */
export function rankingMetrics(
  lists: Map<number, readonly number[]>,
  held: Map<number, Set<number>>,
  k: number,
): { buyers: number; hitRate: number; ndcg: number } {
  let hits = 0;
  let ndcg = 0;
  for (const [b, truth] of held) {
    const list = (lists.get(b) ?? []).slice(0, k);
    let dcg = 0;
    list.forEach((i, r) => {
      if (truth.has(i)) dcg += 1 / Math.log2(r + 2);
    });
    let ideal = 0;
    for (let r = 0; r < Math.min(k, truth.size); r++) ideal += 1 / Math.log2(r + 2);
    if (dcg > 0) hits++;
    ndcg += dcg / ideal;
  }
  const n = held.size;
  return { buyers: n, hitRate: n ? hits / n : 0, ndcg: n ? ndcg / n : 0 };
}

/** Each held-out buyer's items in the rows marked 1. */
export function heldItems(p: Purchases, held: Uint8Array): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (let r = 0; r < held.length; r++) {
    if (!held[r]) continue;
    const s = out.get(p.buyer[r]) ?? new Set<number>();
    s.add(p.item[r]);
    out.set(p.buyer[r], s);
  }
  return out;
}

/** λ values tried, ×4 apart, then ×2 either side of the best. */
const LAMBDA_GRID = [4, 16, 64, 256];

/** The model's choice on a holdout: λ's validation hit rate at 10 for new items, and the best. */
export interface ModelChoice {
  method: 'ease' | 'knn';
  lambda: number | null;
  /** Buyers whose last order was held out to choose λ. */
  heldBuyers: number;
  hitRate: number | null;
  popularityHitRate: number | null;
  /** The weight of the popularity prior chosen on the holdout (0: none). */
  popularityWeight: number;
  tried: { lambda: number; hitRate: number }[];
}

/**
 * Fits the recommender: holds out each multi-order buyer's last order, picks λ by the hit rate at 10 of new
 * items on it (EASE up to `EASE_MAX_ITEMS` items, else item-kNN), then refits on every row.
 */
export function fitRecommender(
  p: Purchases,
  maxEaseItems = EASE_MAX_ITEMS,
  onTry?: (lambda: number, hitRate: number) => void,
): { model: ItemModel; choice: ModelChoice; sets: ItemSets } {
  const n = p.items.length;
  const held = lastOrderRows(p);
  const train = held.map((h) => 1 - h);
  const trainSets = itemSets(p, train);
  const truth = heldItems(p, held);
  const popular = popularity(trainSets, n);
  const score = (m: ItemModel | null) =>
    rankingMetrics(recommendNew(m, trainSets, truth.keys(), popular, 10), truth, 10);
  const popHit = truth.size ? score(null).hitRate : null;
  const all = itemSets(p);
  const tried: { lambda: number; hitRate: number }[] = [];
  // The best model on the holdout so far.
  const best: { model: ItemModel | null; hitRate: number } = { model: null, hitRate: -1 };
  const consider = (model: ItemModel) => {
    const hitRate = truth.size ? score(model).hitRate : 0;
    if (hitRate > best.hitRate) Object.assign(best, { model, hitRate });
    return hitRate;
  };
  let lambda: number | null = null;
  if (n > maxEaseItems) consider(knnModel(trainSets, n));
  else {
    const g = gram(trainSets, n);
    const tryLambda = (l: number) => {
      const hitRate = consider({ method: 'ease', lambda: l, n, dense: easeWeights(g, n, l), neighbours: null });
      tried.push({ lambda: l, hitRate });
      onTry?.(l, hitRate);
    };
    lambda = 16;
    if (truth.size) {
      for (const l of LAMBDA_GRID) tryLambda(l);
      const b = best.model?.lambda ?? lambda;
      for (const l of [b / 2, b * 2]) if (l >= 1) tryLambda(l);
      lambda = best.model?.lambda ?? lambda;
    }
    tried.sort((a, b) => a.lambda - b.lambda);
  }
  // Then the popularity prior: a small shop's best sellers can beat co-purchase on its own holdout.
  let weight = 0;
  let hitRate = best.hitRate;
  const chosen = best.model;
  if (truth.size && chosen)
    for (const w of PRIOR_WEIGHTS.slice(1)) {
      const h = score({ ...chosen, prior: popularityPrior(trainSets, n, w) }).hitRate;
      if (h > hitRate) {
        hitRate = h;
        weight = w;
      }
    }
  const fitted: ItemModel =
    lambda === null
      ? knnModel(all, n)
      : { method: 'ease', lambda, n, dense: easeWeights(gram(all, n), n, lambda), neighbours: null };
  return {
    sets: all,
    model: { ...fitted, prior: popularityPrior(all, n, weight) },
    choice: {
      method: fitted.method,
      lambda,
      heldBuyers: truth.size,
      hitRate: truth.size ? hitRate : null,
      popularityHitRate: popHit,
      popularityWeight: weight,
      tried,
    },
  };
}

/** Lists kept per buyer and neighbours kept per item in the app. */
export const LIST_LENGTH = 10;

/** What the app keeps of a fit: per buyer (by index) new items and "buy again" items, per item its neighbours. */
export interface Recommendations {
  choice: ModelChoice;
  /** Buyers × LIST_LENGTH item indices, −1 past the end of a buyer's list; `nextScore` the model's scores. */
  next: Int32Array;
  nextScore: Float64Array;
  /** Buyers × LIST_LENGTH past items, their orders, last day and usual interval (NaN when unknown). */
  again: Int32Array;
  againOrders: Int32Array;
  againLast: Int32Array;
  againInterval: Float64Array;
  /** Items × LIST_LENGTH neighbours by the model's weight (positive weights only), −1 past the end. */
  pairs: Int32Array;
  pairWeight: Float64Array;
}

/** Fits the recommender and lists, for every buyer and item, what the app shows. */
export function recommendAll(p: Purchases, asOf: number): Recommendations {
  const k = LIST_LENGTH;
  const n = p.items.length;
  const { model, choice, sets } = fitRecommender(p);
  const out: Recommendations = {
    choice,
    next: new Int32Array(p.buyers * k).fill(-1),
    nextScore: new Float64Array(p.buyers * k),
    again: new Int32Array(p.buyers * k).fill(-1),
    againOrders: new Int32Array(p.buyers * k),
    againLast: new Int32Array(p.buyers * k),
    againInterval: new Float64Array(p.buyers * k).fill(Number.NaN),
    pairs: new Int32Array(n * k).fill(-1),
    pairWeight: new Float64Array(n * k),
  };
  const all = Array.from({ length: p.buyers }, (_, b) => b);
  recommendNew(model, sets, all, popularity(sets, n), k, (b, list, scores) =>
    list.forEach((i, r) => {
      out.next[b * k + r] = i;
      out.nextScore[b * k + r] = scores[i];
    }),
  );
  const scores = new Float64Array(n);
  for (const [b, list] of buyAgain(p, asOf))
    list.slice(0, k).forEach((x, r) => {
      out.again[b * k + r] = x.item;
      out.againOrders[b * k + r] = x.orders;
      out.againLast[b * k + r] = x.lastDay;
      out.againInterval[b * k + r] = x.interval ?? Number.NaN;
    });
  const one = new Int32Array(1);
  const weights = { ...model, prior: null };
  for (let i = 0; i < n; i++) {
    one[0] = i;
    accumulate(weights, one, scores);
    topK(scores, k, (j) => j === i || !(scores[j] > 0)).forEach((j, r) => {
      out.pairs[i * k + r] = j;
      out.pairWeight[i * k + r] = scores[j];
    });
  }
  return out;
}
