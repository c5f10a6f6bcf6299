import { isoDay } from '../../src/kernel/days';
import { mulberry32 } from '../../src/ml/random';

/** Synthetic daily sales and SKU units for the ML bench: trend, weekly pattern, double dates, noise. */
export function benchSeries(days: number, seed: number, level: number): number[] {
  const u = mulberry32(seed);
  const start = Date.parse('2024-12-01T00:00:00Z');
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(start + i * 86_400_000);
    const double = d.getUTCDate() === d.getUTCMonth() + 1 ? 3 : 1;
    const weekly = [1.1, 1, 0.95, 0.95, 1, 1.15, 0.9][(d.getUTCDay() + 6) % 7];
    return Math.max(0, Math.round(level * (1 + i / days) * weekly * double * (0.8 + 0.4 * u())));
  });
}
export const BENCH_START = isoDay('2024-12-01');
