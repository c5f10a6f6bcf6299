/**
 * The in-browser half of `npm run bench`: starts the real engine (db worker, DuckDB-WASM, OPFS), imports
 * a CSV served by the bench, and times the KPI queries. Driven by scripts/bench.ts through `window.bench`.
 */
import { startEngine } from '../../src/engine/client';

export interface BrowserBenchResult {
  lines: number;
  wallMs: number;
  timings: { parseMs: number; stageMs: number; mergeMs: number; persistMs: number };
  kpiMs: number[];
  status: string;
}

async function run(csvUrl: string, kpiRuns: number): Promise<BrowserBenchResult> {
  const status = await startEngine();
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
  return {
    lines: file.rowsRead,
    wallMs,
    timings: file.timings,
    kpiMs,
    status: file.status === 'ok' ? 'ok' : JSON.stringify(file.error),
  };
}

(window as unknown as { bench: typeof run }).bench = run;
document.getElementById('status')!.textContent = 'ready';
