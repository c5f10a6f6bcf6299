import type { SqlConnection } from '../db/connection';
import { dayNumber, type DateRange } from '../kernel/days';
import { sqlDate } from '../db/connection';
import type { Arm } from '../ml/bandit';
import { quantile } from '../ml/linalg';
import type { DailySeries } from '../ml/predictions';
import { type DailyPoint, dailySums, type Figures, periodReports } from './insights';

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

export interface KeywordPerformance extends AdTotals {
  ad: string;
  keyword: string;
}

export interface LiveAdPerformance {
  name: string;
  spend: number;
  viewers: number;
  orders: number;
  gmv: number;
  roas: number | null;
}

export interface AffiliatePerformance {
  id: string;
  name: string;
  sales: number;
  orders: number;
  clicks: number;
  commission: number;
  buyers: number;
  newBuyers: number;
  /** Σ sales ÷ Σ commission. */
  roi: number | null;
}

export interface PromotionPerformance {
  type: string;
  sales: number;
  orders: number;
  units: number;
  bundleOrders: number;
  addonSales: number;
}

export interface LiveStream {
  start: string;
  title: string;
  viewers: number;
  peakViewers: number;
  orders: number;
  sales: number;
}

/** A per-period report (Ads, keywords, live ads, affiliates), labelled with its period. */
export interface PeriodReport<T> {
  from: string;
  to: string;
  rows: T[];
}

export interface CampaignResult {
  range: DateRange;
  /** Σ daily deductions of the billing CSV over the ads report's days in the range (all the range without one). */
  adSpend: number | null;
  /** The first and last billing day that ad spend counts. */
  adSpendPeriod: { from: string; to: string } | null;
  spendSeries: DailyPoint[];
  /** The per-ad reports of the range (periodReports), summed, with their period. */
  adsReport: { from: string; to: string; totals: AdTotals; ads: AdPerformance[] } | null;
  keywords: PeriodReport<KeywordPerformance> | null;
  liveAds: PeriodReport<LiveAdPerformance> | null;
  affiliates: (PeriodReport<AffiliatePerformance> & { totals: Omit<AffiliatePerformance, 'id' | 'name'> }) | null;
  /** Discounts, bundles and combos: Σ daily rows per promotion type (orders placed). */
  promotions: PromotionPerformance[];
  liveStreams: LiveStream[];
  vouchers: { claims: number; orders: number; sales: number; cost: number; usageRate: number | null } | null;
  flashSales: { sales: number; orders: number; views: number; clicks: number; ctr: number | null } | null;
}

const div = (a: number, b: number) => (b ? a / b : null);

/** Ratios from summed parts: the file's own ratio columns are never read. */
export function adRatios<T extends { spend: number; impressions: number; clicks: number; gmv: number }>(a: T) {
  return { ...a, ctr: div(a.clicks, a.impressions), roas: div(a.gmv, a.spend), acos: div(a.spend, a.gmv) };
}

const adFigures = (v: Figures) => ({
  spend: v.spend ?? 0,
  impressions: v.impressions ?? 0,
  clicks: v.clicks ?? 0,
  conversions: v.conversions ?? 0,
  gmv: v.gmv ?? 0,
});
const sumOf = <T, K extends keyof T>(rows: readonly T[], k: K) => rows.reduce((a, x) => a + (x[k] as number), 0);

/**
 * The billing days of ad spend in a range, and the days the ad spend card counts: those the ads reports
 * cover (within the range), so it sits beside their GMV and ROAS over the same days; without a report,
 * the billing days of the range.
 */
async function spendOf(db: SqlConnection, range: DateRange) {
  const inRange = `day BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`;
  const spendRows = await db.query<{ day: string; spend: number }>(`
    SELECT strftime(day, '%Y-%m-%d') AS day, sum(value) AS spend FROM insights
    WHERE kind = 'ads_billing' AND metric = 'spend' AND ${inRange} GROUP BY 1 ORDER BY 1`);
  const adsPeriod = await periodReports(db, 'ads', range);
  const spendFrom = adsPeriod && adsPeriod.from > range.from ? adsPeriod.from : range.from;
  const spendTo = adsPeriod && adsPeriod.to < range.to ? adsPeriod.to : range.to;
  const spendDays = spendRows.filter((r) => r.day >= spendFrom && r.day <= spendTo);
  return {
    spendRows,
    adsPeriod,
    spendDays,
    adSpend: spendDays.length ? spendDays.reduce((a, r) => a + r.spend, 0) : null,
  };
}

/** The ad spend of a range, as the Campaigns page's card counts it (null without billing days). */
export const adSpend = async (db: SqlConnection, range: DateRange) => (await spendOf(db, range)).adSpend;

export async function campaigns(db: SqlConnection, range: DateRange): Promise<CampaignResult> {
  const inRange = `day BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}`;
  const { spendRows, adsPeriod, spendDays, adSpend } = await spendOf(db, range);
  let adsReport: CampaignResult['adsReport'] = null;
  if (adsPeriod) {
    const ads = [...adsPeriod.scopes]
      .map(([scope, v]) => {
        const [type, name, product] = scope.split('\u001f');
        return adRatios({ type, name, product, ...adFigures(v) });
      })
      .sort((a, b) => b.spend - a.spend);
    const totals = adRatios({
      spend: sumOf(ads, 'spend'),
      impressions: sumOf(ads, 'impressions'),
      clicks: sumOf(ads, 'clicks'),
      conversions: sumOf(ads, 'conversions'),
      gmv: sumOf(ads, 'gmv'),
    });
    adsReport = { from: adsPeriod.from, to: adsPeriod.to, totals, ads };
  }

  const kw = await periodReports(db, 'ads_keyword', range);
  const keywords = kw && {
    from: kw.from,
    to: kw.to,
    rows: [...kw.scopes]
      .map(([scope, v]) => {
        const [ad, keyword] = scope.split('\u001f');
        return { ad, keyword, ...adRatios(adFigures(v)) };
      })
      .sort((a, b) => b.spend - a.spend),
  };

  const live = await periodReports(db, 'ads_live', range);
  const liveAds = live && {
    from: live.from,
    to: live.to,
    rows: [...live.scopes]
      .map(([scope, v]) => ({
        name: scope.split('\u001f')[0],
        spend: v.spend ?? 0,
        viewers: v.viewers ?? 0,
        orders: v.orders ?? 0,
        gmv: v.gmv ?? 0,
        roas: div(v.gmv ?? 0, v.spend ?? 0),
      }))
      .sort((a, b) => b.spend - a.spend),
  };

  const aff = await periodReports(db, 'affiliate', range);
  let affiliates: CampaignResult['affiliates'] = null;
  if (aff) {
    const rows = [...aff.scopes]
      .map(([scope, v]) => {
        const [id, name] = scope.split('\u001f');
        const sales = v.sales ?? 0;
        const commission = v.commission ?? 0;
        return {
          id,
          name,
          sales,
          orders: v.orders ?? 0,
          clicks: v.clicks ?? 0,
          commission,
          buyers: v.buyers ?? 0,
          newBuyers: v.new_buyers ?? 0,
          roi: div(sales, commission),
        };
      })
      .sort((a, b) => b.sales - a.sales);
    const totals = {
      sales: sumOf(rows, 'sales'),
      orders: sumOf(rows, 'orders'),
      clicks: sumOf(rows, 'clicks'),
      commission: sumOf(rows, 'commission'),
      buyers: sumOf(rows, 'buyers'),
      newBuyers: sumOf(rows, 'newBuyers'),
    };
    affiliates = { from: aff.from, to: aff.to, rows, totals: { ...totals, roi: div(totals.sales, totals.commission) } };
  }

  const promotions = await db.query<PromotionPerformance>(`
    SELECT scope AS type,
      coalesce(sum(value) FILTER (WHERE metric = 'sales_placed'), 0) AS sales,
      coalesce(sum(value) FILTER (WHERE metric = 'orders_placed'), 0) AS orders,
      coalesce(sum(value) FILTER (WHERE metric = 'units_placed'), 0) AS units,
      coalesce(sum(value) FILTER (WHERE metric = 'bundle_orders_placed'), 0) AS "bundleOrders",
      coalesce(sum(value) FILTER (WHERE metric = 'addon_sales_placed'), 0) AS "addonSales"
    FROM insights WHERE kind = 'discount' AND NOT is_summary AND ${inRange}
    GROUP BY scope ORDER BY sales DESC`);

  const liveStreams = await db.query<LiveStream & { scope: string }>(`
    SELECT scope,
      coalesce(sum(value) FILTER (WHERE metric = 'viewers'), 0) AS viewers,
      coalesce(sum(value) FILTER (WHERE metric = 'peak_viewers'), 0) AS "peakViewers",
      coalesce(sum(value) FILTER (WHERE metric = 'orders'), 0) AS orders,
      coalesce(sum(value) FILTER (WHERE metric = 'sales'), 0) AS sales
    FROM insights WHERE kind = 'live' AND ${inRange}
    GROUP BY scope ORDER BY scope`);

  const v = await dailySums(db, 'voucher', '', range);
  const f = await dailySums(db, 'flash_sale', '', range);
  return {
    range,
    adSpend,
    adSpendPeriod: spendDays.length ? { from: spendDays[0].day, to: spendDays[spendDays.length - 1].day } : null,
    spendSeries: spendRows.map((r) => ({ day: r.day, values: { spend: r.spend } })),
    adsReport,
    keywords,
    liveAds,
    affiliates,
    promotions,
    liveStreams: liveStreams.map(({ scope, ...x }) => {
      const [start, title] = scope.split('\u001f');
      return { ...x, start, title };
    }),
    vouchers: v.days
      ? {
          claims: v.claims ?? 0,
          orders: v.orders_placed ?? 0,
          sales: v.sales_placed ?? 0,
          cost: v.cost_placed ?? 0,
          usageRate: div(v.orders_placed ?? 0, v.claims ?? 0),
        }
      : null,
    flashSales: f.days
      ? {
          sales: f.sales_placed ?? 0,
          orders: f.orders_placed ?? 0,
          views: f.product_views ?? 0,
          clicks: f.product_clicks ?? 0,
          ctr: div(f.product_clicks ?? 0, f.product_views ?? 0),
        }
      : null,
  };
}

/** Days before a campaign day whose median sales is its baseline. */
export const CAMPAIGN_BASELINE_DAYS = 28;

/**
 * A campaign day is a success when its valid sales beat the median of the known days among the 28
 * calendar days before it. Days no order export covers are unknown: they are neither the campaign day (no
 * outcome) nor part of a baseline; a covered day without orders counts as zero.
 */
export function armOutcomes(sales: DailySeries, ran: readonly { day: string; arm: string }[]): Arm[] {
  const d0 = dayNumber(sales.start);
  const at = (i: number) => (i >= 0 && i < sales.values.length ? sales.values[i] : null);
  const arms = new Map<string, Arm>();
  for (const { day, arm } of ran) {
    const i = dayNumber(day) - d0;
    const value = at(i);
    if (value === null) continue;
    const before: number[] = [];
    for (let k = 1; k <= CAMPAIGN_BASELINE_DAYS; k++) {
      const v = at(i - k);
      if (v !== null) before.push(v);
    }
    if (!before.length) continue;
    const base = quantile(before, 0.5);
    const a = arms.get(arm) ?? { name: arm, successes: 0, trials: 0 };
    a.trials++;
    if (value > base) a.successes++;
    arms.set(arm, a);
  }
  return [...arms.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Past outcomes per campaign type for the bandit, on the shop's daily valid sales (`orderHistory`). */
export async function campaignOutcomes(db: SqlConnection, sales: DailySeries): Promise<Arm[]> {
  const ran = await db.query<{ day: string; arm: string }>(`
    SELECT DISTINCT strftime(CAST(day AS DATE), '%Y-%m-%d') AS day, arm FROM (
      SELECT day, 'flash_sale' AS arm FROM insights
        WHERE kind = 'flash_sale' AND NOT is_summary AND metric = 'orders_placed' AND value > 0
      UNION ALL SELECT day, 'voucher' FROM insights
        WHERE kind = 'voucher' AND NOT is_summary AND metric = 'orders_placed' AND value > 0
      UNION ALL SELECT day, 'discount: ' || scope FROM insights
        WHERE kind = 'discount' AND NOT is_summary AND metric = 'orders_placed' AND value > 0
      UNION ALL SELECT day, 'live' FROM insights WHERE kind = 'live'
    ) ORDER BY 1, 2`);
  return armOutcomes(sales, ran);
}
