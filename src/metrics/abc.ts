/**
 * ABC class of each item by cumulative share of sales, items given largest first: A while the sales before
 * it are under 80% of the total, B under 95%, C the rest.
 * @example abcClasses([70, 20, 6, 4]) // ['A', 'A', 'B', 'C']
 */
export function abcClasses(salesDescending: readonly number[]): ('A' | 'B' | 'C')[] {
  const total = salesDescending.reduce((a, b) => a + b, 0) || 1;
  let before = 0;
  return salesDescending.map((s) => {
    const share = before / total;
    before += s;
    return share < 0.8 ? 'A' : share < 0.95 ? 'B' : 'C';
  });
}
