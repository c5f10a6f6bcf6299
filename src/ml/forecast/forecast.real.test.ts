import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { onlineRetailDaily, readDailyCsv } from '../../../scripts/eval/series';
import { initTf } from '../tf';
import { etsForecast, seasonalNaive } from './baselines';
import { crossValidate, metrics, type Model } from './cv';
import { forecast } from './forecast';

const PEYTON = path.resolve('../shared/data/forecast/example_wp_log_peyton_manning.csv');
const RETAIL = path.resolve('../shared/data/online-retail/online_retail_2010-12_2011-12.csv.gz');

beforeAll(async () => {
  await initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
});

describe.skipIf(!fs.existsSync(PEYTON))("forecast backtest on Peyton Manning (Prophet's example)", () => {
  it("beats Prophet's published MAPE at 37 days, and its 80% interval covers 75–85%", () => {
    const s = readDailyCsv(PEYTON);
    const cv = crossValidate(s.values, (h, horizon) => forecast(h, { start: s.start, horizon }), {
      initial: 730,
      period: 180,
      horizon: 365,
    });
    const m = metrics(cv.predictions, cv.cutoffs.length);
    expect(m.cutoffs).toBe(11);
    expect(m.mape_h37).toBeLessThan(0.0586);
    expect(m.coverage80).toBeGreaterThanOrEqual(0.75);
    expect(m.coverage80).toBeLessThanOrEqual(0.85);
  });
});

describe.skipIf(!fs.existsSync(RETAIL))('forecast backtest on Online Retail daily revenue', () => {
  it('has a lower MASE than seasonal naive and ETS', () => {
    const s = onlineRetailDaily(RETAIL);
    const o = { initial: 180, period: 14, horizon: 28 };
    const run = (m: Model) => metrics(crossValidate(s.values, m, o).predictions, 0).mase;
    const ours = run((h, horizon) => forecast(h, { start: s.start, horizon }));
    expect(ours).toBeLessThan(run((h, horizon) => seasonalNaive(h, s.start, horizon)));
    expect(ours).toBeLessThan(run((h, horizon) => ({ yhat: etsForecast(h, horizon) })));
  });
});
