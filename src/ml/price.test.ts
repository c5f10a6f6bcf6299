import { seededNormal } from './random';
import { dayNumber, isoOfDay } from '../kernel/days';
import { describe, expect, it } from 'vitest';
import { estimatePrice, type SkuDay } from './price';

/** Days whose units follow a known elasticity around a price that moves ±20%, plus a double-date effect. */
function days(elasticity: number, seed: number, n = 300): SkuDay[] {
  const r = seededNormal(seed);
  return Array.from({ length: n }, (_, i) => {
    const date = isoOfDay(dayNumber('2025-06-01') + i);
    const price = 100_000 * (0.8 + 0.4 * r.u());
    const dd = date.slice(5, 7) === date.slice(8, 10) ? Math.log(3) : 0;
    const units = Math.max(
      1,
      Math.round(Math.exp(Math.log(20) + elasticity * Math.log(price / 100_000) + dd + 0.15 * r.z())),
    );
    return { date, units, price, voucherShare: 0, flashSale: false };
  });
}

describe('price elasticity', () => {
  it('recovers a known elasticity within its confidence interval, and recommends within the band', () => {
    const res = estimatePrice({ sku: 'A', name: 'A', days: days(-2.2, 1), unitCost: 40_000, netShare: 0.9 });
    expect(res.ci?.[0]).toBeLessThan(-2.2);
    expect(res.ci?.[1]).toBeGreaterThan(-2.2);
    expect(res.reason).toBeNull();
    // p* = c·β / (s·(1 + β)) = 40 000 × 2.2 / (0.9 × 1.2) ≈ 81 481, inside the ±15% band around the median price.
    const expected = (40_000 * (res.elasticity ?? 0)) / (0.9 * (1 + (res.elasticity ?? 0)));
    expect(
      Math.abs(
        (res.recommendedPrice ?? 0) - Math.min(res.currentPrice * 1.15, Math.max(res.currentPrice * 0.85, expected)),
      ),
    ).toBeLessThanOrEqual(50);
    expect(res.profitChange).toBeGreaterThanOrEqual(0);
  });

  it('says why when it cannot recommend: inelastic demand, no cost, thin data, no price variation', () => {
    expect(estimatePrice({ sku: 'B', name: 'B', days: days(-0.5, 2), unitCost: 40_000, netShare: 0.9 }).reason).toBe(
      'not_elastic',
    );
    expect(estimatePrice({ sku: 'C', name: 'C', days: days(-2.5, 3), unitCost: null, netShare: 0.9 }).reason).toBe(
      'no_unit_cost',
    );
    expect(estimatePrice({ sku: 'D', name: 'D', days: days(-2.5, 4, 20), unitCost: 1, netShare: 0.9 }).reason).toBe(
      'thin_data',
    );
    const flat = days(-2, 5).map((d) => ({ ...d, price: 100_000 }));
    expect(estimatePrice({ sku: 'E', name: 'E', days: flat, unitCost: 1, netShare: 0.9 }).reason).toBe(
      'no_price_variation',
    );
  });
});
