import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { levelBreakSeries } from '../../../scripts/eval/series';
import { dayNumber } from '../../kernel/days';
import { seededNormal } from '../random';
import { initTf } from '../tf';
import { etsForecast, seasonalNaive } from './baselines';
import { crossValidate, metrics, type Model } from './cv';
import { forecast } from './forecast';
import { lastLevelShift } from './robust';

beforeAll(async () => {
  await initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
});

describe('forecasts through a level shift', () => {
  it('finds the last shift within days of where it is, and none in a steady series', () => {
    const { values } = levelBreakSeries(1);
    // The drop on day 800 and the recovery after it: the recovery is the last shift.
    const drop = lastLevelShift(values.slice(0, 860));
    expect(Math.abs((drop ?? 0) - 800)).toBeLessThanOrEqual(3);
    const last = lastLevelShift(values) ?? 0;
    expect(last).toBeGreaterThan(860);
    expect(values[last + 3] / values[last - 4]).toBeGreaterThan(1.8);
    const { z } = seededNormal(4);
    const steady = Array.from(
      { length: 700 },
      (_, i) => 500 + 0.1 * i + 40 * Math.sin((2 * Math.PI * i) / 7) + 20 * z(),
    );
    expect(lastLevelShift(steady)).toBeNull();
  });

  // A −70% level for 60–120 days, then a recovery to 80%, with weekly seasonality: 730/90/90 rolling origin.
  for (const seed of [1, 2])
    it(`beats the better of seasonal naive and ETS on MASE, 80% coverage 0.75–0.85, width ≤ 3× seasonal naive's (seed ${seed})`, () => {
      const s = levelBreakSeries(seed);
      const o = { initial: 730, period: 90, horizon: 90 };
      const run = (m: Model) => {
        const cv = crossValidate(s.values, m, o);
        return metrics(cv.predictions, cv.cutoffs.length);
      };
      const ours = run((h, horizon) => forecast(h, { start: s.start, horizon }));
      const naive = run((h, horizon) => seasonalNaive(h, s.start, horizon));
      const ets = run((h, horizon) => ({ yhat: etsForecast(h, horizon) }));
      expect(ours.mase).toBeLessThanOrEqual(Math.min(naive.mase, ets.mase));
      expect(ours.coverage80).toBeGreaterThanOrEqual(0.75);
      expect(ours.coverage80).toBeLessThanOrEqual(0.85);
      expect(ours.width80 ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(3 * (naive.width80 ?? 0));
    });

  it('says when and how it chose after a shift', () => {
    const s = levelBreakSeries(1);
    const f = forecast(s.values, { start: s.start, horizon: 30 });
    expect(f.levelShift).toBeDefined();
    expect(dayNumber(f.levelShift as string) - dayNumber(s.start)).toBeGreaterThan(860);
    expect(['model', 'model_after_shift', 'ets']).toContain(f.method);
    for (let h = 0; h < 30; h++) {
      expect(f.lo80[h]).toBeLessThanOrEqual(f.yhat[h]);
      expect(f.hi80[h]).toBeLessThan(3 * Math.max(...s.values));
    }
  });
});
