/**
 * Which campaign type to try next: Thompson sampling over past outcomes. Each arm's success rate has a
 * Beta(1 + successes, 1 + failures) posterior; the chance that an arm is the best is the share of seeded
 * joint draws in which it has the highest rate.
 */

import { mulberry32 as rng } from './random';

export interface Arm {
  name: string;
  successes: number;
  trials: number;
}

export interface ArmResult extends Arm {
  /** Posterior mean success rate. */
  rate: number;
  /** Share of draws in which this arm was best. */
  probabilityBest: number;
}

/** Gamma(shape, 1) by Marsaglia and Tsang (shape ≥ 1 here: posteriors start at 1). */
function gamma(shape: number, u: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = Math.sqrt(-2 * Math.log(u() + 1e-300)) * Math.cos(2 * Math.PI * u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** The arms ranked by their chance of being the best, from `draws` seeded Thompson draws. */
export function thompson(arms: readonly Arm[], draws = 10_000, seed = 1): ArmResult[] {
  const u = rng(seed);
  const wins = arms.map(() => 0);
  for (let i = 0; i < draws; i++) {
    let best = -1;
    let bestRate = -1;
    arms.forEach((a, k) => {
      const x = gamma(1 + a.successes, u);
      const y = gamma(1 + a.trials - a.successes, u);
      const rate = x / (x + y);
      if (rate > bestRate) {
        bestRate = rate;
        best = k;
      }
    });
    if (best >= 0) wins[best]++;
  }
  return arms
    .map((a, k) => ({ ...a, rate: (1 + a.successes) / (2 + a.trials), probabilityBest: wins[k] / draws }))
    .sort((a, b) => b.probabilityBest - a.probabilityBest);
}
