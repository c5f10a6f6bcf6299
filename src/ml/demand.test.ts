import { isoDay } from '../kernel/days';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cancelDemand, forecastDemand } from './predictions';
import { initTf } from './tf';

beforeAll(() => initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`));

/** 120 SKUs of 200 days: a weekly pattern with a level per SKU. */
const skus = Array.from({ length: 120 }, (_, k) => ({
  sku: `S${k}`,
  name: `Produk ${k}`,
  values: Array.from({ length: 200 }, (_, d) => 2 + (k % 5) + (d % 7 === 5 ? 3 : 0)),
}));
const input = { start: isoDay('2026-01-01'), skus, horizon: 14, leadTime: 7, serviceLevel: 0.95 };

describe('SKU demand', () => {
  it('fits every SKU in groups, with a progress event per group', async () => {
    const events: [number, number][] = [];
    const out = await forecastDemand(input, (d, t) => events.push([d, t]));
    expect(out.map((d) => d.sku)).toEqual(skus.map((s) => s.sku));
    expect(events).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    // A SKU that sells 2 a day plus 3 on one weekday: about 2 × 14 + 3 × 2 units over the next 14 days.
    expect(out[0].horizonUnits).toBeCloseTo(34, -1);
    expect(out[0].suggestedStock).toBeGreaterThanOrEqual(Math.ceil(out[0].leadTimeUnits));
  });

  it('stops when cancelled, with "forecast cancelled", and the next fit runs again', async () => {
    const events: number[] = [];
    const run = forecastDemand(input, (d) => {
      events.push(d);
      if (d === 1) cancelDemand();
    });
    await expect(run).rejects.toThrow('forecast cancelled');
    expect(events).toEqual([0, 1]);
    expect(await forecastDemand({ ...input, skus: skus.slice(0, 3) })).toHaveLength(3);
  });
});
