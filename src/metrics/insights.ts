import type { SqlConnection } from '../db/connection';
import { type DateRange, daysBetween, previousRange } from '../kernel/days';
import { sqlDate, sqlString } from '../db/connection';

/**
 * Business Insights metrics (METRICS.md): daily rows are the unit; counts and money are summed over the
 * days of the range; ratios are recomputed from summed parts; averages (time on page, response time) are
 * weighted by the count they average over. Shopee's own period-summary figure is returned beside, for
 * when the range is exactly a file's period (visitors and buyers are de-duplicated there).
 */

export type Sums = Record<string, number>;

const dayFilter = (r: DateRange) => `day BETWEEN ${sqlDate(r.from)} AND ${sqlDate(r.to)}`;

/** Σ per metric over the daily rows of a kind and scope, for a range. */
export async function dailySums(
  db: SqlConnection,
  kind: string,
  scope: string,
  range: DateRange,
): Promise<Sums & { days: number }> {
  const rows = await db.query<{ metric: string; total: number; days: number }>(`
    SELECT metric, sum(value) AS total, count(DISTINCT day) AS days FROM insights
    WHERE NOT is_summary AND kind = ${sqlString(kind)} AND scope = ${sqlString(scope)} AND ${dayFilter(range)}
    GROUP BY metric`);
  const out: Sums & { days: number } = { days: 0 };
  for (const r of rows) {
    out[r.metric] = r.total;
    out.days = Math.max(out.days, r.days);
  }
  return out;
}

/** Σ of `value × weight` per metric (for weighted averages), over the daily rows. */
export async function weightedSums(
  db: SqlConnection,
  kind: string,
  scope: string,
  range: DateRange,
  pairs: readonly [metric: string, weight: string][],
): Promise<Record<string, { weighted: number; weight: number }>> {
  const out: Record<string, { weighted: number; weight: number }> = {};
  for (const [metric, weight] of pairs) {
    const [r] = await db.query<{ weighted: number | null; weight: number | null }>(`
      SELECT sum(v.value * w.value) AS weighted, sum(w.value) AS weight
      FROM insights v JOIN insights w USING (kind, scope, day, is_summary)
      WHERE NOT v.is_summary AND v.kind = ${sqlString(kind)} AND v.scope = ${sqlString(scope)}
        AND v.metric = ${sqlString(metric)} AND w.metric = ${sqlString(weight)} AND ${dayFilter(range).replace('day', 'v.day')}`);
    out[metric] = { weighted: r.weighted ?? 0, weight: r.weight ?? 0 };
  }
  return out;
}

/** Shopee's period-summary figures of a kind and scope whose period is exactly the range, if a file has one. */
export async function periodSummary(
  db: SqlConnection,
  kind: string,
  scope: string,
  range: DateRange,
): Promise<Sums | null> {
  const rows = await db.query<{ metric: string; value: number }>(`
    SELECT metric, value FROM insights
    WHERE is_summary AND kind = ${sqlString(kind)} AND scope = ${sqlString(scope)}
      AND day = ${sqlDate(range.from)} AND period_to = ${sqlDate(range.to)}`);
  if (!rows.length) return null;
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}

export interface DailyPoint {
  day: string;
  values: Record<string, number>;
}

/** One value per metric per day over the range (missing days are absent). */
export async function dailySeries(
  db: SqlConnection,
  kind: string,
  scope: string,
  range: DateRange,
  metrics: readonly string[],
): Promise<DailyPoint[]> {
  const rows = await db.query<{ day: string; metric: string; value: number }>(`
    SELECT strftime(day, '%Y-%m-%d') AS day, metric, value FROM insights
    WHERE NOT is_summary AND kind = ${sqlString(kind)} AND scope = ${sqlString(scope)} AND ${dayFilter(range)}
      AND metric IN (${metrics.map(sqlString).join(', ')})
    ORDER BY day`);
  const byDay = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const v = byDay.get(r.day) ?? {};
    v[r.metric] = r.value;
    byDay.set(r.day, v);
  }
  return [...byDay.entries()].map(([day, values]) => ({ day, values }));
}

/** Whether any daily rows of a kind exist at all (for empty states). */
export async function hasKind(db: SqlConnection, kind: string): Promise<boolean> {
  const [r] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM insights WHERE kind = ${sqlString(kind)}`);
  return r.n > 0;
}

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : null);

export interface TrafficMetrics {
  visitors: number | null;
  new_visitors: number | null;
  returning_visitors: number | null;
  page_views: number | null;
  new_followers: number | null;
  /** Visitor-weighted mean of the daily rates (Shopee gives rates, not bounce counts). */
  bounce_rate: number | null;
  /** Visitor-weighted mean of the daily averages, in seconds. */
  avg_time_spent: number | null;
  order_conversion_rate: number | null;
  buyer_conversion_rate: number | null;
  product_clicks: number | null;
  /** Σ daily visitors who added a product to the cart (product overview). */
  cart_visitors: number | null;
}

export interface TrafficResult {
  range: DateRange;
  current: TrafficMetrics;
  previous: TrafficMetrics;
  /** Shopee's own figures when the range is exactly one file's period. */
  shopeeSummary: Sums | null;
  series: DailyPoint[];
  platforms: { scope: string; visitors: number; pageViews: number; newVisitors: number }[];
  /** Shop stats' visit-source sheet of the latest period overlapping the range (orders placed). */
  visitSources: { from: string; to: string; rows: VisitSource[] } | null;
  hasTraffic: boolean;
  hasShopStats: boolean;
}

export type Figures = Record<string, number>;

/**
 * The latest period report of a kind whose period overlaps the range: its period and its figures per scope.
 * Period reports are never split over days, so a range sees the whole report, labelled with its period.
 */
export async function latestPeriodReport(
  db: SqlConnection,
  kind: string,
  range: DateRange,
): Promise<{ from: string; to: string; scopes: Map<string, Figures> } | null> {
  const [period] = await db.query<{ from: string; to: string }>(`
    SELECT strftime(day, '%Y-%m-%d') AS "from", strftime(period_to, '%Y-%m-%d') AS "to" FROM insights
    WHERE kind = ${sqlString(kind)} AND is_summary AND day <= ${sqlDate(range.to)} AND period_to >= ${sqlDate(range.from)}
    ORDER BY period_to DESC, day DESC LIMIT 1`);
  if (!period) return null;
  const rows = await db.query<{ scope: string; metric: string; value: number }>(`
    SELECT scope, metric, value FROM insights
    WHERE kind = ${sqlString(kind)} AND is_summary AND day = ${sqlDate(period.from)} AND period_to = ${sqlDate(period.to)}`);
  const scopes = new Map<string, Figures>();
  for (const r of rows) {
    const f = scopes.get(r.scope) ?? {};
    f[r.metric] = r.value;
    scopes.set(r.scope, f);
  }
  return { ...period, scopes };
}

/**
 * The period reports of a kind over a range: every report whose whole period lies in the range (reports
 * that overlap one already taken, the later first, are left out, so no day counts twice), their figures
 * summed per scope, and the days they cover. With none inside the range, the latest that overlaps it.
 * Every card built on them says their period, so no card mixes it with the range's other days.
 */
export async function periodReports(
  db: SqlConnection,
  kind: string,
  range: DateRange,
): Promise<{ from: string; to: string; days: number; reports: number; scopes: Map<string, Figures> } | null> {
  const periods = await db.query<{ from: string; to: string }>(`
    SELECT DISTINCT strftime(day, '%Y-%m-%d') AS "from", strftime(period_to, '%Y-%m-%d') AS "to" FROM insights
    WHERE kind = ${sqlString(kind)} AND is_summary AND day >= ${sqlDate(range.from)} AND period_to <= ${sqlDate(range.to)}
    ORDER BY "to" DESC, "from" DESC`);
  const taken: { from: string; to: string }[] = [];
  for (const p of periods) if (!taken.some((t) => p.from <= t.to && p.to >= t.from)) taken.push(p);
  if (!taken.length) {
    const latest = await latestPeriodReport(db, kind, range);
    return latest && { ...latest, days: daysBetween(latest.from, latest.to) + 1, reports: 1 };
  }
  const rows = await db.query<{ scope: string; metric: string; value: number }>(`
    SELECT scope, metric, sum(value) AS value FROM insights
    WHERE kind = ${sqlString(kind)} AND is_summary
      AND (${taken.map((t) => `(day = ${sqlDate(t.from)} AND period_to = ${sqlDate(t.to)})`).join(' OR ')})
    GROUP BY 1, 2`);
  const scopes = new Map<string, Figures>();
  for (const r of rows) scopes.set(r.scope, { ...scopes.get(r.scope), [r.metric]: r.value });
  return {
    from: taken.map((t) => t.from).sort()[0],
    to:
      taken
        .map((t) => t.to)
        .sort()
        .at(-1) ?? range.to,
    days: taken.reduce((a, t) => a + daysBetween(t.from, t.to) + 1, 0),
    reports: taken.length,
    scopes,
  };
}

export interface VisitSource {
  source: string;
  sales: number;
  impressions: number;
  clicks: number;
  orders: number;
  buyers: number;
  /** Σ clicks ÷ Σ impressions. */
  ctr: number | null;
  /** Σ orders ÷ Σ clicks. */
  conversion: number | null;
}

export async function visitSources(db: SqlConnection, range: DateRange): Promise<TrafficResult['visitSources']> {
  const report = await latestPeriodReport(db, 'visit_source', range);
  if (!report) return null;
  // One order basis: orders placed when the file has it, else the first basis it has.
  const basisOf = (scope: string) => scope.split('\u001f')[0];
  const bases = [...report.scopes.keys()].map(basisOf);
  const basis = bases.includes('placed') ? 'placed' : bases[0];
  const rows = [...report.scopes]
    .filter(([scope]) => basisOf(scope) === basis)
    .map(([scope, v]) => ({
      source: scope.split('\u001f').pop() ?? scope,
      sales: v.sales ?? 0,
      impressions: v.impressions ?? 0,
      clicks: v.product_clicks ?? 0,
      orders: v.orders ?? 0,
      buyers: v.buyers ?? 0,
      ctr: ratio(v.product_clicks, v.impressions),
      conversion: ratio(v.orders, v.product_clicks),
    }))
    .sort((a, b) => b.sales - a.sales);
  return { from: report.from, to: report.to, rows };
}

async function trafficFor(db: SqlConnection, range: DateRange): Promise<TrafficMetrics> {
  const t = await dailySums(db, 'traffic_overview', 'all', range);
  const w = await weightedSums(db, 'traffic_overview', 'all', range, [
    ['bounce_rate', 'visitors'],
    ['avg_time_spent', 'visitors'],
  ]);
  const s = await dailySums(db, 'shop_stats', 'placed', range);
  const p = await dailySums(db, 'product_overview', '', range);
  const has = (x: Sums & { days: number }) => x.days > 0;
  const v = (x: Sums & { days: number }, k: string) => (has(x) ? (x[k] ?? 0) : null);
  return {
    visitors: has(t) ? (t.visitors ?? 0) : v(s, 'visitors'),
    new_visitors: v(t, 'new_visitors'),
    returning_visitors: v(t, 'returning_visitors'),
    page_views: v(t, 'page_views'),
    new_followers: v(t, 'new_followers'),
    bounce_rate: ratio(w.bounce_rate.weighted, w.bounce_rate.weight),
    avg_time_spent: ratio(w.avg_time_spent.weighted, w.avg_time_spent.weight),
    order_conversion_rate: ratio(s.orders, s.product_clicks),
    buyer_conversion_rate: ratio(s.buyers, s.visitors),
    product_clicks: v(s, 'product_clicks'),
    cart_visitors: v(p, 'cart_visitors'),
  };
}

/** The Traffic page: visitors and their behaviour from traffic overview and shop stats exports. */
export async function traffic(db: SqlConnection, range: DateRange): Promise<TrafficResult> {
  const platforms = await db.query<{ scope: string; visitors: number; pageViews: number; newVisitors: number }>(`
    SELECT scope, coalesce(sum(value) FILTER (WHERE metric = 'visitors'), 0) AS visitors,
      coalesce(sum(value) FILTER (WHERE metric = 'page_views'), 0) AS "pageViews",
      coalesce(sum(value) FILTER (WHERE metric = 'new_visitors'), 0) AS "newVisitors"
    FROM insights WHERE NOT is_summary AND kind = 'traffic_overview' AND ${dayFilter(range)}
    GROUP BY scope ORDER BY visitors DESC`);
  return {
    range,
    current: await trafficFor(db, range),
    previous: await trafficFor(db, previousRange(range)),
    shopeeSummary: await periodSummary(db, 'traffic_overview', 'all', range),
    series: await dailySeries(db, 'traffic_overview', 'all', range, ['visitors', 'page_views', 'new_visitors']),
    platforms,
    visitSources: await visitSources(db, range),
    hasTraffic: await hasKind(db, 'traffic_overview'),
    hasShopStats: await hasKind(db, 'shop_stats'),
  };
}

export interface ServiceMetrics {
  chats: number | null;
  chats_replied: number | null;
  chat_response_rate: number | null;
  avg_response_time: number | null;
  first_response_time: number | null;
  csat: number | null;
  csat_ratings: number | null;
  chat_orders: number | null;
  chat_sales: number | null;
  chat_conversion_rate: number | null;
}

export interface ServiceResult {
  range: DateRange;
  current: ServiceMetrics;
  previous: ServiceMetrics;
  series: DailyPoint[];
  csatBreakdown: { metric: string; value: number }[];
  hasChat: boolean;
}

async function serviceFor(db: SqlConnection, range: DateRange): Promise<ServiceMetrics> {
  const s = await dailySums(db, 'chat', '', range);
  const w = await weightedSums(db, 'chat', '', range, [
    ['avg_response_time', 'chats_replied'],
    ['first_response_time', 'chats_replied'],
  ]);
  const has = s.days > 0;
  const rated = (s.csat_good ?? 0) + (s.csat_ok ?? 0) + (s.csat_bad ?? 0);
  return {
    chats: has ? (s.chats ?? 0) : null,
    chats_replied: has ? (s.chats_replied ?? 0) : null,
    chat_response_rate: ratio(s.chats_replied, s.chats),
    avg_response_time: ratio(w.avg_response_time.weighted, w.avg_response_time.weight),
    first_response_time: ratio(w.first_response_time.weighted, w.first_response_time.weight),
    csat: rated ? (s.csat_good ?? 0) / rated : null,
    csat_ratings: has ? rated : null,
    chat_orders: has ? (s.chat_orders ?? 0) : null,
    chat_sales: has ? (s.chat_sales ?? 0) : null,
    chat_conversion_rate: ratio(s.chat_orders, s.chats_replied),
  };
}

/** The Customer Service page: chats, response rate and times, CSAT, chat-driven orders and sales. */
export async function service(db: SqlConnection, range: DateRange): Promise<ServiceResult> {
  const current = await serviceFor(db, range);
  const breakdown = await dailySums(db, 'chat', '', range);
  return {
    range,
    current,
    previous: await serviceFor(db, previousRange(range)),
    series: await dailySeries(db, 'chat', '', range, ['chats', 'chats_replied']),
    csatBreakdown: [
      'csat_good',
      'csat_ok',
      'csat_bad',
      'csat_reason_slow',
      'csat_reason_unresolved',
      'csat_reason_impolite',
      'csat_reason_other',
      'csat_reason_none',
    ].map((metric) => ({ metric, value: breakdown[metric] ?? 0 })),
    hasChat: await hasKind(db, 'chat'),
  };
}
