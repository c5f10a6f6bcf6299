/**
 * Issue 21's measure: an import against DuckDB-WASM's own read of the same file, in the same Chromium tab.
 * Each run is a new profile: the floor first (its DuckDB is gone before the import starts), then the import.
 */
import { withBenchPage } from './memory';
import type { ImportOnlyResult } from './page';
import { median } from './pageSets';

export interface RatioRun {
  floorMs: number;
  import: ImportOnlyResult;
}

type BenchWindow = {
  floor: (url: string) => Promise<number>;
  importOnly: (url: string, name: string) => Promise<ImportOnlyResult>;
};

/** `runs` runs of the floor and the import of `file` (the floor reads `floorFile`, the same lines as CSV). */
export async function benchRatio(file: string, name: string, floorFile: string, runs: number): Promise<RatioRun[]> {
  const out: RatioRun[] = [];
  for (let i = 0; i < runs; i++) {
    out.push(
      await withBenchPage({ '/__bench/file': file, '/__bench/floor.csv': floorFile }, async (page, origin) => {
        const floorMs = await page.evaluate(
          (url) => (window as unknown as BenchWindow).floor(url),
          `${origin}/__bench/floor.csv`,
        );
        const r = await page.evaluate(([url, n]) => (window as unknown as BenchWindow).importOnly(url, n), [
          `${origin}/__bench/file`,
          name,
        ] as const);
        if (r.status !== 'ok') throw new Error(r.status);
        return { floorMs, import: r };
      }),
    );
  }
  return out;
}

const ms = (v: number) => `${(v / 1000).toFixed(1)} s`;

/** One line per measure: medians over the runs, the ratio as the median of each run's own ratio. */
export function printRatio(label: string, runs: RatioRun[]): void {
  const med = (f: (r: RatioRun) => number) => median(runs.map(f));
  const ratio = med((r) => r.import.wallMs / r.floorMs);
  const t = (k: keyof ImportOnlyResult['timings']) => ms(med((r) => r.import.timings[k]));
  console.log(
    `${label}: floor ${ms(med((r) => r.floorMs))}, import to "ok" ${ms(med((r) => r.import.wallMs))} (parse ${t('parseMs')}, stage ${t('stageMs')}, merge ${t('mergeMs')}, checkpoint ${t('persistMs')}); ratio ${ratio.toFixed(2)}x (runs: ${runs.map((r) => (r.import.wallMs / r.floorMs).toFixed(2)).join(', ')})  target 1.5x  ${ratio <= 1.5 ? 'ok' : 'over'}`,
  );
}
