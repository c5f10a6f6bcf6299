/**
 * The in-browser ML bench: the app's ML worker (TensorFlow.js wasm) forecasting two years of daily sales,
 * and fitting 200 SKUs in one batch with progress. Driven by scripts/bench.ts through `window.mlBench`.
 */
import * as Comlink from 'comlink';
import type { MlBackend } from '../../src/ml/predictions';
import { BENCH_START, benchSeries } from './mlSeries';
import { benchPurchases } from './purchases';

export interface MlBenchResult {
  salesForecastMs: number[];
  demandMs: number;
  progressEvents: number;
  /** The recommender in the ML worker on 1,000 products: λ's choice, the final fit and every list. */
  recommendMs: number;
}

async function run(runs: number): Promise<MlBenchResult> {
  const ml = Comlink.wrap<MlBackend>(
    new Worker(new URL('../../workers/ml.worker.ts', import.meta.url), { type: 'module' }),
  );
  const sales = { start: BENCH_START, values: benchSeries(730, 1, 5_000_000) };
  const salesForecastMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await ml.forecastSeries(sales, 30);
    salesForecastMs.push(performance.now() - t);
  }
  const skus = Array.from({ length: 200 }, (_, k) => ({
    sku: `SKU-${k}`,
    name: `SKU ${k}`,
    values: benchSeries(730, 100 + k, 2 + (k % 20)),
  }));
  let progressEvents = 0;
  const t = performance.now();
  await ml.forecastDemand(
    { start: BENCH_START, skus, horizon: 30, leadTime: 14, serviceLevel: 0.95 },
    Comlink.proxy(() => {
      progressEvents++;
    }),
  );
  const demandMs = performance.now() - t;
  const purchases = benchPurchases(1000, 20_000);
  const t2 = performance.now();
  await ml.recommend(purchases, 100);
  return { salesForecastMs, demandMs, progressEvents, recommendMs: performance.now() - t2 };
}

(window as unknown as { mlBench: typeof run }).mlBench = run;
(document.getElementById('status') as HTMLElement).textContent = 'ready';
