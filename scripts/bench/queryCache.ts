/** The page-query cache on the sample data: each operation's first call and the same call again (median over three ranges). Run: npx tsx scripts/bench/queryCache.ts */
import { openSampleEngine } from '../../test/sample';
const { engine } = await openSampleEngine();
const ranges = [{}, { from: '2026-06-01', to: '2026-06-30' }, { from: '2025-11-01', to: '2026-02-28' }];
for (const op of ['kpis', 'overview', 'productTable', 'salesAnalysis'] as const) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (const r of ranges) {
    let t = performance.now();
    await (engine[op] as (x: object) => Promise<unknown>)(r);
    cold.push(performance.now() - t);
    t = performance.now();
    await (engine[op] as (x: object) => Promise<unknown>)(r);
    warm.push(performance.now() - t);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${op}: first call median ${med(cold).toFixed(1)} ms, repeated ${med(warm).toFixed(2)} ms`);
}
