import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdRow, adsReportCsv, billingCsv } from '../../../scripts/sample/ads';
import { keywordCsv } from '../../../scripts/sample/marketing';
import { textBytes } from '../../../test/fixtures';
import { openNodeDuckDB } from '../../db/nodeDuckdb';
import { Engine } from '../../engine/engine';
import { parseExport } from '../parseExport';
import { adTypeOf } from './ads';

const ads: AdRow[] = [
  // A big ad with a low ROAS and a tiny ad with a huge one: averaging the file's ROAS column gives 25.5,
  // the true ROAS of the period is Σ GMV ÷ Σ spend = 1,010,000 ÷ 502,000 ≈ 2.01.
  {
    name: 'Shop GMV Max',
    type: 'Iklan Toko',
    product: '-',
    impressions: 100_000,
    clicks: 5_000,
    conversions: 50,
    items: 60,
    gmv: 1_000_000,
    spend: 500_000,
  },
  {
    name: 'Panci, "Set" 7 Pcs',
    type: 'Iklan Produk',
    product: '28258015117',
    impressions: 1_000,
    clicks: 100,
    conversions: 2,
    items: 2,
    gmv: 10_000,
    spend: 2_000,
  },
];

let db: Awaited<ReturnType<typeof openNodeDuckDB>>;
let engine: Engine;
beforeAll(async () => {
  db = await openNodeDuckDB();
  engine = await Engine.open(db);
});
afterAll(() => db.close());

describe('Shopee Ads exports', () => {
  it('reads the all-CPC report with its preamble and the header on line 8', () => {
    const p = parseExport(
      'Data+Keseluruhan+Iklan+Shopee-01_07_2026-31_07_2026.csv',
      textBytes(adsReportCsv(ads, 'shop', '2026-07-01', '2026-07-31')),
    );
    expect(p.kind).toBe('ads');
    expect(p.output.notes[0]).toMatchObject({
      code: 'ads_period',
      params: { ads: 2, from: '2026-07-01', to: '2026-07-31' },
    });
  });

  it("recomputes ROAS, ACOS and CTR from sums, never from the file's ratio columns", async () => {
    const r = await engine.importFiles([
      {
        name: 'Data+Keseluruhan+Iklan+Shopee-01_07_2026-31_07_2026.csv',
        data: textBytes(adsReportCsv(ads, 'shop', '2026-07-01', '2026-07-31')),
      },
    ]);
    expect(r.files[0].status).toBe('ok');
    const c = await engine.campaignPerformance({ from: '2026-07-01', to: '2026-07-31' });
    const t = c.adsReport?.totals;
    expect(c.adsReport?.from).toBe('2026-07-01');
    expect(t?.spend).toBe(502_000);
    expect(t?.gmv).toBe(1_010_000);
    expect(t?.roas).toBeCloseTo(1_010_000 / 502_000, 12);
    expect(t?.acos).toBeCloseTo(502_000 / 1_010_000, 12);
    expect(t?.ctr).toBeCloseTo(5_100 / 101_000, 12);
    const averagedRoas = (1_000_000 / 500_000 + 10_000 / 2_000) / 2;
    expect(t?.roas).not.toBeCloseTo(averagedRoas, 2);
    expect(c.adsReport?.ads.map((a) => a.name)).toEqual(['Shop GMV Max', 'Panci, "Set" 7 Pcs']);
  });

  it('takes daily ad spend from the billing deductions; top-ups are not spend', async () => {
    const csv = billingCsv(ads, 'shop', '2026-07-01', '2026-07-31', 3);
    const p = parseExport('shop_adwords_bill_2026-07-31.csv', textBytes(csv));
    expect(p.kind).toBe('ads_billing');
    expect(Number(p.output.notes[0].params.amount)).toBe(5 * 500_000);
    await engine.importFiles([{ name: 'shop_adwords_bill_2026-07-31.csv', data: textBytes(csv) }]);
    const c = await engine.campaignPerformance({ from: '2026-07-01', to: '2026-07-31' });
    expect(c.adSpend).toBe(502_000);
    expect(c.spendSeries).toHaveLength(31);
    const week = await engine.campaignPerformance({ from: '2026-07-01', to: '2026-07-07' });
    expect(week.adSpend).toBeGreaterThan(0);
    expect(week.adSpend).toBeLessThan(502_000);
  });

  it('names the ad type of a deduction', () => {
    expect(adTypeOf('Deduction for Product Ad (Auto Bidding - GMV Max)')).toBe('Product Ad (Auto Bidding - GMV Max)');
  });

  it('fails clearly when the report has no period line', () => {
    const noPeriod = adsReportCsv(ads, 'shop', '2026-07-01', '2026-07-31').replace(/Periode,.*\n/, '');
    expect(() => parseExport('ads.csv', textBytes(noPeriod))).toThrowError(/missing_period/);
  });

  it('reads the search-keyword report as its own kind, one row per ad and keyword, ratios from sums', async () => {
    const csv = keywordCsv(ads, 'shop', '2026-07-01', '2026-07-31', 4);
    const p = parseExport('Search-Ads-Overall-Data-01_07_2026-31_07_2026.csv', textBytes(csv));
    expect(p.kind).toBe('ads_keyword');
    const r = await engine.importFiles([
      { name: 'Search-Ads-Overall-Data-01_07_2026-31_07_2026.csv', data: textBytes(csv) },
    ]);
    expect(r.files[0].status).toBe('ok');
    const c = await engine.campaignPerformance({ from: '2026-07-01', to: '2026-07-31' });
    const rows = c.keywords?.rows ?? [];
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((k) => k.ad))).toEqual(new Set(['Panci, "Set" 7 Pcs']));
    // The keywords split the product ad: their sums are that ad's figures (up to rounding of each part).
    expect(Math.abs(rows.reduce((a, k) => a + k.spend, 0) - 2_000)).toBeLessThanOrEqual(rows.length);
    for (const k of rows) expect(k.roas).toBe(k.gmv / k.spend);
  });
});
