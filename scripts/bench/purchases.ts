import type { Purchases } from '../../src/ml/recommend';
import { mulberry32 } from '../../src/ml/random';

/**
 * A shop's purchases for the recommender bench: `buyers` buyers with 1–4 orders of 1–3 products each, out of
 * `items` products; each buyer favours one of 20 groups, and popularity is skewed (Zipf-like).
 */
export function benchPurchases(items: number, buyers: number, seed = 1): Purchases {
  const rnd = mulberry32(seed);
  const rows: { b: number; o: number; d: number; i: number }[] = [];
  let order = 0;
  const pick = () => Math.min(items - 1, Math.floor(items * rnd() ** 2));
  for (let b = 0; b < buyers; b++) {
    const group = b % 20;
    const orders = 1 + Math.floor(rnd() * 4);
    for (let o = 0; o < orders; o++, order++) {
      const size = 1 + Math.floor(rnd() * 3);
      for (let s = 0; s < size; s++) {
        const i = rnd() < 0.6 ? (group + 20 * Math.floor((pick() / items) * (items / 20))) % items : pick();
        rows.push({ b, o: order, d: o * 20 + Math.floor(rnd() * 10), i });
      }
    }
  }
  return {
    items: Array.from({ length: items }, (_, i) => `P${i}`),
    buyers,
    buyer: Int32Array.from(rows, (r) => r.b),
    order: Int32Array.from(rows, (r) => r.o),
    day: Int32Array.from(rows, (r) => r.d),
    item: Int32Array.from(rows, (r) => r.i),
  };
}
