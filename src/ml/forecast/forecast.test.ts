import { seededNormal } from '../random';
import { dayNumber, isoOfDay } from '../../kernel/days';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../tf';
import { etsForecast } from './baselines';
import { crossValidate, metrics } from './cv';
import { forecast, forecastMany } from './forecast';

beforeAll(async () => {
  await initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
});

const START = '2024-01-01';
const WEEKLY = [12, -6, -8, -4, 0, 10, -4]; // Monday … Sunday, sums to 0
const DOUBLE_DATE = 40;
const isDouble = (iso: string) => iso.slice(5, 7) === iso.slice(8, 10);
/** Known components: level and slope, the weekly pattern, the double-date effect, Gaussian noise. */
function series(days: number, seed: number, noise = 5): number[] {
  const { z } = seededNormal(seed);
  return Array.from({ length: days }, (_, i) => {
    const iso = isoOfDay(dayNumber(START) + i);
    const dow = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
    return 100 + 0.02 * i + WEEKLY[dow] + (isDouble(iso) ? DOUBLE_DATE : 0) + noise * z();
  });
}

describe('the forecaster on series with known components', () => {
  it('recovers the weekly pattern and the double-date effect within 10%', () => {
    const y = series(730, 1);
    const f = forecast(y, { start: START, horizon: 60, yearly: false });
    expect(f.method).toBe('model');
    const c = f.components;
    if (!c) throw new Error('no components');
    // The weekly component over one week, against the true pattern (both centred).
    const first = dayNumber(START);
    const week = Array.from({ length: 7 }, (_, i) => c.weekly[i]);
    const mean = week.reduce((a, b) => a + b, 0) / 7;
    const dowOf = (i: number) => (new Date((first + i) * 86_400_000).getUTCDay() + 6) % 7;
    const range = Math.max(...WEEKLY) - Math.min(...WEEKLY);
    week.forEach((w, i) => {
      expect(Math.abs(w - mean - WEEKLY[dowOf(i)]), `day ${i}`).toBeLessThan(0.1 * range);
    });
    // 6.6, 7.7 and 8.8 are double dates that are not paydays, early-month days or big double dates.
    const dd = [...Array(730).keys()].filter((i) => ['06-06', '07-07', '08-08'].includes(isoOfDay(first + i).slice(5)));
    const effect = dd.reduce((a, i) => a + c.events[i], 0) / dd.length;
    expect(Math.abs(effect - DOUBLE_DATE)).toBeLessThan(0.1 * DOUBLE_DATE);
    // The forecast marks the next double dates too.
    const next = f.dates.findIndex((d, i) => i >= 7 && isDouble(d));
    expect(f.yhat[next] - f.yhat[next - 7]).toBeGreaterThan(0.8 * DOUBLE_DATE);
  });

  it('its 80% and 95% intervals cover at the nominal rate within ±5 points over many seeds', () => {
    const seeds = 30;
    const horizon = 28;
    const all = Array.from({ length: seeds }, (_, k) => series(400 + horizon, 100 + k));
    const fs = forecastMany(
      all.map((y) => y.slice(0, 400)),
      { start: START, horizon, yearly: false },
    );
    let in80 = 0;
    let in95 = 0;
    fs.forEach((f, k) => {
      expect(f.calibrated).toBe(true);
      for (let h = 0; h < horizon; h++) {
        const v = all[k][400 + h];
        if (f.lo80[h] <= v && v <= f.hi80[h]) in80++;
        if (f.lo95[h] <= v && v <= f.hi95[h]) in95++;
      }
    });
    const n = seeds * horizon;
    expect(Math.abs(in80 / n - 0.8)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(in95 / n - 0.95)).toBeLessThanOrEqual(0.05);
  });

  it('beats seasonal naive and ETS in a backtest of a series with a trend and campaign days', () => {
    const y = series(560, 7);
    const o = { initial: 365, period: 30, horizon: 30 };
    const ours = metrics(
      crossValidate(y, (h, horizon) => forecast(h, { start: START, horizon, yearly: false }), o).predictions,
      0,
    );
    const ets = metrics(crossValidate(y, (h, horizon) => ({ yhat: etsForecast(h, horizon) }), o).predictions, 0);
    expect(ours.mase).toBeLessThan(ets.mase);
    expect(ours.mase).toBeLessThan(1);
  });
});

describe('guards', () => {
  const opts = { start: START, horizon: 14 };
  it('a zero series forecasts zero, a constant its constant', () => {
    const z = forecast(Array(60).fill(0), opts);
    expect(z.method).toBe('zero');
    expect([...z.yhat, ...z.hi95]).toEqual(Array(28).fill(0));
    const c = forecast(Array(60).fill(7), opts);
    expect(c.method).toBe('constant');
    expect(c.yhat.every((v) => v === 7)).toBe(true);
  });

  it('fewer than 3 weeks get a seasonal-naive forecast, labelled as such', () => {
    const y = series(20, 3);
    const f = forecast(y, opts);
    expect(f.method).toBe('seasonal_naive');
    expect(f.yhat[0]).toBe(y[13]);
    expect(f.hi80[0]).toBeGreaterThanOrEqual(f.yhat[0]);
  });

  it('gaps are missing days, not zeros: the fit skips them and the forecast stays at the level', () => {
    const y: (number | null)[] = series(300, 4);
    for (let i = 100; i < 130; i++) y[i] = null;
    const f = forecast(y, opts);
    expect(f.method).toBe('model');
    expect(f.yhat.every((v) => Number.isFinite(v) && v > 80 && v < 160)).toBe(true);
  });

  it('intermittent demand gets a rate, never negative, with intervals that include zero days', () => {
    const { z } = seededNormal(9);
    const y = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? Math.max(1, Math.round(3 + z())) : 0));
    const f = forecast(y, opts);
    expect(f.method).toBe('intermittent');
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(Math.abs(f.yhat[0] - mean) / mean).toBeLessThan(0.25);
    expect(f.lo80[0]).toBe(0);
  });

  it('forecasts never go below zero for a non-negative series', () => {
    const falling = Array.from({ length: 200 }, (_, i) => Math.max(0, 200 - i) + 5 * (i % 7));
    const f = forecast(falling, { start: START, horizon: 90 });
    expect(Math.min(...f.yhat, ...f.lo95)).toBeGreaterThanOrEqual(0);
  });

  it('can be cancelled between batches, and reports progress', () => {
    const ctrl = new AbortController();
    const seen: number[] = [];
    const many = Array.from({ length: 120 }, (_, k) => series(120, k));
    expect(() =>
      forecastMany(many, {
        ...opts,
        signal: ctrl.signal,
        onProgress: (done) => {
          seen.push(done);
          if (done === 1) ctrl.abort();
        },
      }),
    ).toThrowError(/cancelled/);
    expect(seen).toEqual([0, 1]);
  });
});
