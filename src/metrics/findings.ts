import type { SqlConnection } from '../db/connection';
import type { DateRange } from '../kernel/days';
import { sqlDate } from '../db/connection';
import type { AnomalyResult, SeriesForecast } from '../ml/predictions';
import type { CampaignResult } from './campaigns';
import type { ProductRow } from './products';

/**
 * The insights summary: plain-language findings across the shop, ranked by how much they matter. Each has
 * a kind (its sentence in the UI's language), its numbers, a score for the ranking and the page (with the
 * filter) that shows the evidence.
 */

export type FindingKind =
  | 'sales_anomaly'
  | 'forecast_change'
  | 'return_rate'
  | 'chat_response'
  | 'ad_unprofitable'
  | 'lapsing_buyers';

export interface Finding {
  kind: FindingKind;
  params: Record<string, string | number>;
  /** Higher comes first. */
  score: number;
  /** The page that shows the evidence, with its query (range, filter). */
  href: string;
}

/** Days of the last `days` whose chat response rate (Σ replied ÷ Σ chats of the day) was below 70%. */
export async function chatDaysBelowTarget(
  db: SqlConnection,
  range: DateRange,
): Promise<{ days: number; below: number }> {
  const [r] = await db.query<{ days: number; below: number }>(`
    WITH d AS (
      SELECT day, sum(value) FILTER (WHERE metric = 'chats') AS chats, sum(value) FILTER (WHERE metric = 'chats_replied') AS replied
      FROM insights WHERE kind = 'chat' AND NOT is_summary AND day BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
      GROUP BY 1
    )
    SELECT count(*) FILTER (WHERE chats > 0) AS days, count(*) FILTER (WHERE chats > 0 AND replied / chats < 0.7) AS below FROM d`);
  return r;
}

const q = (range: DateRange) => `?from=${range.from}&to=${range.to}`;

export interface FindingInputs {
  range: DateRange;
  anomalies: AnomalyResult | null;
  forecast: SeriesForecast | null;
  products: ProductRow[];
  chat: { days: number; below: number };
  campaigns: CampaignResult;
  /** High-value buyers (Can't lose, At risk) and their median days since the last order. */
  lapsing: { segment: string; buyers: number; recency: number }[];
}

/** Ranks the findings of the inputs. Pure: every number comes from the engine's own results. */
export function rankFindings(x: FindingInputs): Finding[] {
  const out: Finding[] = [];
  for (const a of (x.anomalies?.anomalies ?? [])
    .filter((a) => a.date >= x.range.from && a.date <= x.range.to)
    .slice(0, 3)) {
    out.push({
      kind: 'sales_anomaly',
      params: {
        date: a.date,
        change: a.expected ? (a.actual - a.expected) / a.expected : 0,
        actual: a.actual,
        expected: a.expected,
      },
      score: Math.min(10, a.severity),
      href: `/predictions${q({ from: a.date, to: a.date })}`,
    });
  }
  const f = x.forecast;
  if (f) {
    const next = f.forecast.yhat.reduce((s, v) => s + v, 0);
    const h = f.forecast.yhat.length;
    const last = f.history.values.slice(-h).reduce((s: number, v) => s + (v ?? 0), 0);
    if (last > 0 && Math.abs(next / last - 1) >= 0.1) {
      out.push({
        kind: 'forecast_change',
        params: { days: h, change: next / last - 1, next },
        score: 3 + 10 * Math.abs(next / last - 1),
        href: '/predictions',
      });
    }
  }
  const units = x.products.reduce((s, p) => s + p.units, 0);
  const returned = x.products.reduce((s, p) => s + p.returnedUnits, 0);
  const shopRate = units ? returned / units : 0;
  if (shopRate > 0) {
    for (const p of x.products.filter((p) => p.units >= 10 && p.returnedUnits / p.units >= 2 * shopRate).slice(0, 3)) {
      const rate = p.returnedUnits / p.units;
      out.push({
        kind: 'return_rate',
        params: { sku: p.sku, product: p.product, rate, times: rate / shopRate },
        score: 2 + rate / shopRate,
        href: `/products${q(x.range)}&q=${encodeURIComponent(p.sku)}`,
      });
    }
  }
  if (x.chat.below > 0) {
    out.push({
      kind: 'chat_response',
      params: { below: x.chat.below, days: x.chat.days },
      score: 2 + (5 * x.chat.below) / Math.max(1, x.chat.days),
      href: `/service${q(x.range)}`,
    });
  }
  for (const ad of (x.campaigns.adsReport?.ads ?? [])
    .filter((a) => a.spend > 0 && a.roas !== null && a.roas < 1)
    .slice(0, 2)) {
    out.push({
      kind: 'ad_unprofitable',
      params: { ad: ad.name, spend: ad.spend, roas: ad.roas ?? 0 },
      score: 4 + (1 - (ad.roas ?? 0)) * 3,
      href: `/campaigns${q(x.range)}`,
    });
  }
  for (const l of x.lapsing.filter((l) => l.buyers > 0)) {
    out.push({
      kind: 'lapsing_buyers',
      params: { segment: l.segment, buyers: l.buyers, days: l.recency },
      score: 3 + Math.log10(1 + l.buyers),
      href: '/insights',
    });
  }
  return out.sort((a, b) => b.score - a.score);
}
