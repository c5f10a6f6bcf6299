import { beforeAll, describe, expect, it } from 'vitest';
import { bytes, manifest, openSampleEngine } from '../../test/sample';
import type { Engine } from '../engine/engine';

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await openSampleEngine());
}, 300_000);

/** A Shopee Ads CSV read independently: Σ of a column over its ad rows. */
function adsColumn(file: string, column: string): number {
  const lines = new TextDecoder()
    .decode(bytes(file))
    .replace(/^\ufeff/, '')
    .split('\n')
    .filter(Boolean);
  const at = lines.findIndex((l) => l.startsWith('Urutan,'));
  const header = lines[at].split(',');
  return lines.slice(at + 1).reduce((a, l) => a + Number(l.split(',')[header.indexOf(column)]), 0);
}

describe('campaign cards over all the data', () => {
  it('sum every ads report of the range, and count ad spend over the same days', async () => {
    const c = await engine.campaignPerformance({ from: '2025-06-01', to: '2026-11-30' });
    const files = manifest.files.filter((f) => f.startsWith('Data+Keseluruhan+Iklan+Shopee-'));
    expect(files.length).toBeGreaterThan(1);
    expect([c.adsReport?.from, c.adsReport?.to]).toEqual(['2026-06-01', '2026-11-30']);
    expect(c.adsReport?.totals.gmv).toBe(files.reduce((a, f) => a + adsColumn(f, 'Omzet Penjualan'), 0));
    expect(c.adsReport?.totals.spend).toBe(files.reduce((a, f) => a + adsColumn(f, 'Biaya'), 0));
    // The spend card counts the billing days inside the ads reports' period, and says which.
    const period = c.adSpendPeriod;
    if (!period || !c.adsReport) throw new Error('no ad spend');
    expect(period.from >= c.adsReport.from && period.to <= c.adsReport.to).toBe(true);
    const inPeriod = c.spendSeries.filter((p) => p.day >= c.adsReport!.from && p.day <= c.adsReport!.to);
    expect(c.adSpend).toBe(inPeriod.reduce((a, p) => a + (p.values.spend ?? 0), 0));
  });

  it('a month reads that month’s report alone', async () => {
    const c = await engine.campaignPerformance({ from: '2026-08-01', to: '2026-08-31' });
    expect([c.adsReport?.from, c.adsReport?.to]).toEqual(['2026-08-01', '2026-08-31']);
    expect(c.adsReport?.totals.gmv).toBe(
      adsColumn('Data+Keseluruhan+Iklan+Shopee-01_08_2026-31_08_2026.csv', 'Omzet Penjualan'),
    );
  });
});
