import { describe, expect, it } from 'vitest';
import { thompson } from './bandit';

describe('Thompson sampling', () => {
  it('favours the arm with the better record, and stays unsure when the evidence is thin', () => {
    const r = thompson([
      { name: 'flash_sale', successes: 30, trials: 40 },
      { name: 'voucher', successes: 10, trials: 40 },
    ]);
    expect(r[0].name).toBe('flash_sale');
    expect(r[0].probabilityBest).toBeGreaterThan(0.99);
    expect(r[0].rate).toBeCloseTo(31 / 42, 12);
    const thin = thompson([
      { name: 'a', successes: 2, trials: 3 },
      { name: 'b', successes: 1, trials: 2 },
    ]);
    expect(thin[0].probabilityBest).toBeLessThan(0.8);
    expect(thin.reduce((s, a) => s + a.probabilityBest, 0)).toBeCloseTo(1, 12);
  });

  it('draws Beta posteriors with the right mean', () => {
    // One arm against a certain 0.5 arm: P(best) = P(Beta(4, 8) > 0.5) ≈ 0.113.
    const r = thompson(
      [
        { name: 'x', successes: 3, trials: 10 },
        { name: 'half', successes: 50_000, trials: 100_000 },
      ],
      40_000,
    );
    expect(r.find((a) => a.name === 'x')?.probabilityBest).toBeCloseTo(0.113, 1);
  });
});
