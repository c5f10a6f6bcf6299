import { enoughSpend } from './predictions';
import { seededNormal } from './random';
import { describe, expect, it } from 'vitest';
import { adstock, allocateGreedy, allocateLp, fitMmm, hill, holdoutCheck } from './mmm';

describe('marketing mix', () => {
  it('recovers known adstock and saturation parameters within 15%', () => {
    const r = seededNormal(11);
    const n = 540;
    // Spend in bursts (campaign weeks) so that carry-over and saturation are both visible.
    const spend = (scale: number, phase: number) =>
      Array.from({ length: n }, (_, t) => ((t + phase) % 21 < 7 ? scale * (0.5 + r.u()) : scale * 0.1 * r.u()));
    const ads = spend(1_000_000, 0);
    const vouchers = spend(400_000, 10);
    const truth = [
      { theta: 0.5, k: 1_200_000, s: 1.5, beta: 8_000_000 },
      { theta: 0.2, k: 300_000, s: 1, beta: 3_000_000 },
    ];
    const effect = (x: number[], p: (typeof truth)[0]) => adstock(x, p.theta).map((a) => p.beta * hill(a, p.k, p.s));
    const ea = effect(ads, truth[0]);
    const ev = effect(vouchers, truth[1]);
    const sales = Array.from({ length: n }, (_, t) => 20_000_000 + 5_000 * t + ea[t] + ev[t] + 200_000 * r.z());
    const controls = Array.from({ length: n }, (_, t) => [1, t / n]);
    const fit = fitMmm(
      sales,
      [
        { name: 'ads', spend: ads },
        { name: 'vouchers', spend: vouchers },
      ],
      controls,
    );
    fit.channels.forEach((c, i) => {
      const t = truth[i];
      expect(Math.abs(c.theta - t.theta), `${c.name} theta`).toBeLessThanOrEqual(0.15 * t.theta);
      expect(Math.abs(c.k - t.k) / t.k, `${c.name} k`).toBeLessThanOrEqual(0.15);
      expect(Math.abs(c.s - t.s) / t.s, `${c.name} s`).toBeLessThanOrEqual(0.15);
    });
    expect(fit.r2).toBeGreaterThan(0.9);
  });

  it('the LP allocation equals the greedy oracle on concave curves', () => {
    const curves = [
      (s: number) => 5 * Math.log1p(s / 100),
      (s: number) => 3 * Math.sqrt(s),
      (s: number) => 40 * (1 - Math.exp(-s / 300)),
    ];
    for (const budget of [100, 1_000, 5_000]) {
      const lp = allocateLp(curves, budget);
      const greedy = allocateGreedy(curves, budget);
      expect(lp.response).toBeCloseTo(greedy.response, 6);
      lp.spend.forEach((s, i) => {
        expect(s).toBeCloseTo(greedy.spend[i], 6);
      });
      expect(lp.spend.reduce((a, b) => a + b, 0)).toBeCloseTo(budget, 6);
    }
  });

  it('calls an effect reliable only when it predicts held-out days better than no media', () => {
    const r = seededNormal(21);
    const n = 400;
    const spend = Array.from({ length: n }, (_, t) => (t % 21 < 7 ? 1_000_000 * (0.5 + r.u()) : 100_000 * r.u()));
    const controls = Array.from({ length: n }, (_, t) => [1, t / n]);
    const effect = adstock(spend, 0.4).map((a) => 6_000_000 * hill(a, 1_000_000, 1.5));
    const withEffect = effect.map((e) => 20_000_000 + e + 300_000 * r.z());
    const without = effect.map(() => 20_000_000 + 300_000 * r.z());
    expect(holdoutCheck(withEffect, [{ name: 'ads', spend }], controls).reliable).toBe(true);
    expect(holdoutCheck(without, [{ name: 'ads', spend }], controls).reliable).toBe(false);
  });
});

describe('which channels the data can judge', () => {
  it('needs 14 distinct daily amounts and 2% of all spend', () => {
    const daily = Array.from({ length: 60 }, (_, i) => 1000 + (i % 20) * 10);
    const monthly = Array.from({ length: 60 }, (_, i) => (i < 30 ? 500 : 700));
    const tiny = Array.from({ length: 60 }, (_, i) => 1 + (i % 20));
    expect(enoughSpend([{ spend: daily }, { spend: monthly }, { spend: tiny }])).toEqual([true, false, false]);
  });
});
