import type { EngineApi } from '../../src/engine/api';

type PageApi = Pick<
  EngineApi,
  | 'kpis'
  | 'overview'
  | 'listImports'
  | 'traffic'
  | 'salesAnalysis'
  | 'salesByCategory'
  | 'campaignPerformance'
  | 'trend'
  | 'serviceMetrics'
  | 'productTable'
>;

/** Each dashboard page's full query set over all the data, as the page issues it on open. */
export function pageQuerySets(engine: PageApi): Record<string, () => Promise<unknown>> {
  return {
    overview: () => Promise.all([engine.kpis(), engine.overview({}, { grain: 'week', compare: true })]),
    data: () => Promise.all([engine.kpis(), engine.listImports()]),
    traffic: () => Promise.all([engine.kpis(), engine.traffic()]),
    sales: () =>
      Promise.all([
        engine.kpis(),
        engine.overview({}, { grain: 'week', compare: true }),
        engine.salesAnalysis(),
        engine.salesByCategory(),
      ]),
    campaigns: () => Promise.all([engine.campaignPerformance(), engine.trend({}, 'day')]),
    service: () => engine.serviceMetrics(),
    products: () => engine.productTable(),
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The median time of each page's query set over `runs` runs, pages in turn. */
export async function timePageSets(engine: PageApi, runs: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, q] of Object.entries(pageQuerySets(engine))) {
    const ts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await q();
      ts.push(performance.now() - t);
    }
    out[name] = median(ts);
  }
  return out;
}
