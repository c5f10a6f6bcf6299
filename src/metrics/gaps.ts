import type { TrendSeries } from './overview';

/** A trend's values for a chart: a bucket no order export covers is a gap (null), not a zero. */
export function coveredValues(t: Pick<TrendSeries, 'known'>, values: readonly number[]): (number | null)[] {
  return values.map((v, i) => (t.known[i] ? v : null));
}
