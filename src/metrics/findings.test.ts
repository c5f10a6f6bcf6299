import { dayRange } from '../kernel/days';
import { describe, expect, it } from 'vitest';
import type { CampaignResult } from './campaigns';
import { rankFindings } from './findings';
import type { ProductRow } from './products';

const product = (sku: string, units: number, returnedUnits: number) =>
  ({ sku, product: sku, units, returnedUnits }) as ProductRow;
const campaigns = {
  adsReport: {
    from: '2026-11-01',
    to: '2026-11-30',
    totals: {},
    ads: [
      { name: 'Good ad', spend: 100, roas: 5 },
      { name: 'Bad ad', spend: 100, roas: 0.5 },
    ],
  },
} as unknown as CampaignResult;

describe('insights summary', () => {
  it("finds a SKU with a return rate far above the shop's, days under the chat target, an unprofitable ad; ranked", () => {
    const f = rankFindings({
      range: dayRange('2026-11-01', '2026-11-30'),
      anomalies: null,
      forecast: null,
      // Shop: 12 returned of 400 units = 3%. A: 9 of 100 = 9%, 3× the shop; B and C are ordinary.
      products: [product('A', 100, 9), product('B', 200, 2), product('C', 100, 1)],
      chat: { days: 30, below: 4 },
      campaigns,
      lapsing: [{ segment: 'cant_lose', buyers: 12, recency: 200 }],
    });
    const ret = f.find((x) => x.kind === 'return_rate');
    expect(ret?.params.sku).toBe('A');
    expect(ret?.params.rate).toBeCloseTo(0.09, 12);
    expect(ret?.params.times).toBeCloseTo(3, 12);
    expect(f.filter((x) => x.kind === 'return_rate')).toHaveLength(1);
    expect(f.find((x) => x.kind === 'chat_response')?.params).toEqual({ below: 4, days: 30 });
    expect(f.filter((x) => x.kind === 'ad_unprofitable').map((x) => x.params.ad)).toEqual(['Bad ad']);
    expect(f.map((x) => x.score)).toEqual([...f.map((x) => x.score)].sort((a, b) => b - a));
    expect(f.every((x) => x.href.startsWith('/'))).toBe(true);
  });
});
