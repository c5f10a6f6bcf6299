import type { SqlConnection } from '../db/connection';
import { sqlDate } from '../db/connection';
import { type DailyPoint, dailySums } from './insights';
import type { DateRange } from './kpis';

/**
 * Campaign metrics (METRICS.md). Ad spend per day comes from the ads billing CSV. The per-ad report covers
 * one whole period: it is shown for that period, labelled with it, and its ratios are recomputed from sums
 * (ROAS = Σ GMV ÷ Σ spend, ACOS = Σ spend ÷ Σ GMV, CTR = Σ clicks ÷ Σ impressions). Ad GMV is Shopee's
 * attribution and is never added to organic sales.
 */

export interface AdPerformance {
  type: string;
  name: string;
  product: string;
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  gmv: number;
  ctr: number | null;
  roas: number | null;
  acos: number | null;
}

export interface AdTotals {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  gmv: number;
  ctr: number | null;
  roas: number | null;
  acos: number | null;
}

export interface CampaignResult {
  range: DateRange;
  /** Σ daily deductions of the billing CSV in the range. */
  adSpend: number | null;
  spendSeries: DailyPoint[];
  /** The latest per-ad report whose period overlaps the range, with its period. */
  adsReport: { from: string; to: string; totals: AdTotals; ads: AdPerformance[] } | null;
  vouchers: { claims: number; orders: number; sales: number; cost: number; usageRate: number | null } | null;
  flashSales: { sales: number; orders: number; views: number; clicks: number; ctr: number | null } | null;
}

const div = (a: number, b: number) => (b ? a / b : null);

/** Ratios from summed parts: the file's own ratio columns are never read. */
export function adRatios<T extends { spend: number; impressions: number; clicks: number; gmv: number }>(a: T) {
  return { ...a, ctr: div(a.clicks, a.impressions), roas: div(a.gmv, a.spend), acos: div(a.spend, a.gmv) };
}

export async function campaigns(db: SqlConnection, range: DateRange): Promise<CampaignResult> {
  const billing = await db.query<{ spend: number | null; n: number }>(`
    SELECT sum(value) AS spend, count(*) AS n FROM insights
    WHERE kind = 'ads_billing' AND metric = 'spend' AND day BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`);
  const spendRows = await db.query<{ day: string; spend: number }>(`
    SELECT strftime(day, '%Y-%m-%d') AS day, sum(value) AS spend FROM insights
    WHERE kind = 'ads_billing' AND metric = 'spend' AND day BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
    GROUP BY 1 ORDER BY 1`);
  const [period] = await db.query<{ from: string; to: string }>(`
    SELECT strftime(day, '%Y-%m-%d') AS "from", strftime(period_to, '%Y-%m-%d') AS "to" FROM insights
    WHERE kind = 'ads' AND is_summary AND day <= ${sqlDate(range.to)} AND period_to >= ${sqlDate(range.from)}
    ORDER BY period_to DESC, day DESC LIMIT 1`);
  let adsReport: CampaignResult['adsReport'] = null;
  if (period) {
    const rows = await db.query<{ scope: string; metric: string; value: number }>(`
      SELECT scope, metric, value FROM insights
      WHERE kind = 'ads' AND is_summary AND day = ${sqlDate(period.from)} AND period_to = ${sqlDate(period.to)}`);
    const byAd = new Map<string, Record<string, number>>();
    for (const r of rows) byAd.set(r.scope, { ...(byAd.get(r.scope) ?? {}), [r.metric]: r.value });
    const ads = [...byAd.entries()]
      .map(([scope, v]) => {
        const [type, name, product] = scope.split('\u001f');
        return adRatios({
          type,
          name,
          product,
          spend: v.spend ?? 0,
          impressions: v.impressions ?? 0,
          clicks: v.clicks ?? 0,
          conversions: v.conversions ?? 0,
          gmv: v.gmv ?? 0,
        });
      })
      .sort((a, b) => b.spend - a.spend);
    const sum = (k: 'spend' | 'impressions' | 'clicks' | 'conversions' | 'gmv') => ads.reduce((a, x) => a + x[k], 0);
    const totals = adRatios({ spend: sum('spend'), impressions: sum('impressions'), clicks: sum('clicks'), conversions: sum('conversions'), gmv: sum('gmv') });
    adsReport = { ...period, totals, ads };
  }
  const v = await dailySums(db, 'voucher', '', range);
  const f = await dailySums(db, 'flash_sale', '', range);
  return {
    range,
    adSpend: billing[0].n ? (billing[0].spend ?? 0) : null,
    spendSeries: spendRows.map((r) => ({ day: r.day, values: { spend: r.spend } })),
    adsReport,
    vouchers: v.days
      ? { claims: v.claims ?? 0, orders: v.orders_placed ?? 0, sales: v.sales_placed ?? 0, cost: v.cost_placed ?? 0, usageRate: div(v.orders_placed ?? 0, v.claims ?? 0) }
      : null,
    flashSales: f.days
      ? { sales: f.sales_placed ?? 0, orders: f.orders_placed ?? 0, views: f.product_views ?? 0, clicks: f.product_clicks ?? 0, ctr: div(f.product_clicks ?? 0, f.product_views ?? 0) }
      : null,
  };
}

