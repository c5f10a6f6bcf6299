/**
 * The in-browser half of `npm run bench`: starts the real engine (db worker, DuckDB-WASM, OPFS), imports
 * a CSV served by the bench, and times the KPI queries. Driven by scripts/bench.ts through `window.bench`.
 */
import { startEngine } from '../../src/app/client';
import { timePageSets } from './pageSets';

export interface BrowserBenchResult {
  lines: number;
  wallMs: number;
  timings: { parseMs: number; stageMs: number; mergeMs: number; persistMs: number };
  kpiMs: number[];
  /** The median time of each page's full query set. */
  pageMs: Record<string, number>;
  /** ML Insights on the imported data: RFM segments (labels warm from the report), k-means segments and cohorts. */
  insightsMs: { rfm: number; kmeans: number; cohorts: number; buyers: number };
  /** The monthly review of the last full month (PDF and Excel), every model cold. */
  reportMs: number;
  status: string;
}

async function run(csvUrl: string, kpiRuns: number): Promise<BrowserBenchResult> {
  const status = await startEngine(() => 'all');
  if (status.state !== 'ready') throw new Error(`engine: ${status.state}`);
  const engine = status.engine;
  const blob = await (await fetch(csvUrl)).blob();
  const t0 = performance.now();
  const report = await engine.importFiles([{ name: 'Order.all.bench.csv', data: blob }]);
  const wallMs = performance.now() - t0;
  const file = report.files[0];
  const kpiMs: number[] = [];
  for (let i = 0; i < kpiRuns; i++) {
    const t = performance.now();
    await engine.kpis();
    kpiMs.push(performance.now() - t);
  }
  const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
    const t = performance.now();
    const r = await f();
    return [performance.now() - t, r];
  };
  const pageMs = await timePageSets(engine, kpiRuns);
  // The report first, with every model cold (the RFM labels it computes are then reused by the segments).
  const [reportMs] = await time(() => engine.generateReport({ template: 'monthly', locale: 'id' }));
  const [rfm, seg] = await time(() => engine.segmentCustomers('rfm'));
  const [kmeans] = await time(() => engine.segmentCustomers('kmeans'));
  const [cohorts] = await time(() => engine.cohortAnalysis());
  return {
    insightsMs: { rfm, kmeans, cohorts, buyers: seg?.buyers ?? 0 },
    reportMs,
    lines: file.rowsRead,
    wallMs,
    timings: file.timings,
    kpiMs,
    pageMs,
    status: file.status === 'ok' ? 'ok' : JSON.stringify(file.error),
  };
}

export interface ImportOnlyResult {
  lines: number;
  wallMs: number;
  status: string;
}

/** One file imported (fetched from the bench server), nothing else: for the memory bench. */
async function importOnly(url: string, name: string): Promise<ImportOnlyResult> {
  const status = await startEngine(() => 'all');
  if (status.state !== 'ready') throw new Error(`engine: ${status.state}`);
  const blob = await (await fetch(url)).blob();
  const t0 = performance.now();
  const [file] = (await status.engine.importFiles([{ name, data: blob }])).files;
  return {
    lines: file.rowsRead,
    wallMs: performance.now() - t0,
    status: file.status === 'ok' ? 'ok' : JSON.stringify(file.error),
  };
}

(window as unknown as { bench: typeof run }).bench = run;
(window as unknown as { importOnly: typeof importOnly }).importOnly = importOnly;
document.getElementById('status')!.textContent = 'ready';
