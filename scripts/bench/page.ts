/**
 * The in-browser half of `npm run bench`: starts the real engine (db worker, DuckDB-WASM, OPFS), imports
 * a CSV served by the bench, and times the KPI queries. Driven by scripts/bench.ts through `window.bench`.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { startEngine } from '../../src/app/client';
import { floorSql } from './floor';
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
  timings: BrowserBenchResult['timings'];
  status: string;
}

/**
 * The floor in this tab: DuckDB-WASM (its own worker, in memory) loading 25 columns of the file as text, from
 * the bytes registered with it. Fetching the file is not timed, as in the import.
 */
async function floor(url: string): Promise<number> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const worker = new Worker(ehWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(new URL(ehWasmUrl, location.origin).href);
    await db.open({ path: ':memory:' });
    const conn = await db.connect();
    const t = performance.now();
    await db.registerFileBuffer('bench.csv', bytes);
    await conn.query(floorSql('bench.csv'));
    return performance.now() - t;
  } finally {
    await db.terminate();
  }
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
    timings: file.timings,
    status: file.status === 'ok' ? 'ok' : JSON.stringify(file.error),
  };
}

export interface ShopsBenchResult {
  lines: number;
  /** Each shop's import, wall time, in the order of the files. */
  importMs: number[];
  /** The Overview's query set (KPIs, and the trend with breakdowns and comparison), each run a new range. */
  oneShopMs: number[];
  allShopsMs: number[];
  /** The same query set right after switching to another shop (its views made, nothing cached). */
  switchMs: number[];
  status: string;
}

/** Several shops, one order export each (`urls`), then the Overview for one shop, all shops and a switch. */
async function shops(urls: string[], runs: number): Promise<ShopsBenchResult> {
  const status = await startEngine(() => 'all');
  if (status.state !== 'ready') throw new Error(`engine: ${status.state}`);
  const engine = status.engine;
  const importMs: number[] = [];
  let lines = 0;
  for (const [i, url] of urls.entries()) {
    const id = i === 0 ? 1 : (await engine.createShop(`Toko ${i + 1}`)).id;
    const data = await (await fetch(url)).blob();
    const t = performance.now();
    const [file] = (await engine.forShops([id]).importFiles([{ name: `Order.all.shop${i + 1}.csv`, data }])).files;
    importMs.push(performance.now() - t);
    if (file.status !== 'ok')
      return { lines, importMs, oneShopMs: [], allShopsMs: [], switchMs: [], status: JSON.stringify(file.error) };
    lines += file.rowsRead;
  }
  const info = await engine.datasetInfo();
  const last = info.lastOrderDate ?? '';
  // A new range each run (the last 90 days, ending a day earlier each time), so nothing comes from the cache.
  const rangeOf = (i: number) => {
    const to = new Date(Date.parse(`${last}T00:00:00Z`) - i * 86_400_000);
    const from = new Date(to.getTime() - 89 * 86_400_000);
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  };
  const overview = async (e: typeof engine, i: number) => {
    const t = performance.now();
    await Promise.all([e.kpis(rangeOf(i)), e.overview(rangeOf(i), { grain: 'week', compare: true })]);
    return performance.now() - t;
  };
  const oneShopMs: number[] = [];
  const allShopsMs: number[] = [];
  const switchMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    oneShopMs.push(await overview(engine.forShops([1]), i));
    allShopsMs.push(await overview(engine, i));
    // Another shop each run, at a range none has been asked for.
    switchMs.push(await overview(engine.forShops([1 + ((i + 1) % urls.length)]), runs + i));
  }
  return { lines, importMs, oneShopMs, allShopsMs, switchMs, status: 'ok' };
}

(window as unknown as { benchShops: typeof shops }).benchShops = shops;
(window as unknown as { bench: typeof run }).bench = run;
(window as unknown as { importOnly: typeof importOnly }).importOnly = importOnly;
(window as unknown as { floor: typeof floor }).floor = floor;
document.getElementById('status')!.textContent = 'ready';
