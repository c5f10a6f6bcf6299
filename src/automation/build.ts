/**
 * Builds a report document from the engine's own results: the same numbers the pages show, for the same
 * range. Every template has KPIs against the previous period, charts, top tables, the forecast for the next
 * period and the top findings of the insights summary.
 */
import type { EngineApi } from '../engine/api';
import { TEMPLATE_NAMES } from './periods';
import { ACTION_NAMES } from '../ml/rfm';
import { addDays, type DateRange, daysBetween, daysIn, previousRange } from '../kernel/days';
import { currencyOf } from '../kernel/currency';
import { segmentLabel } from '../i18n/names';
import { coveredValues } from '../metrics/gaps';
import { findingText } from '../i18n/findings';
import type { Locale } from '../i18n/locale';
import { skuDetail, type StringKey, t, tf } from '../i18n/ui';
import { change, formatDate, formatMoney, formatPercent, formatRange } from '../format/number';
import {
  INCOME_METRICS,
  METRICS,
  type MetricId,
  ORDER_METRICS,
  type ServiceMetricId,
  type TrafficMetricId,
} from '../metrics/registry';
import type { ChartSeries, KpiItem, ReportDoc, Section } from './model';
import type { TemplateId } from './periods';
import { SEGMENT_ACTIONS, type SegmentName } from '../ml/rfm';

export type ReportSource = Pick<
  EngineApi,
  | 'kpis'
  | 'trend'
  | 'topProducts'
  | 'forecastSales'
  | 'insightsSummary'
  | 'productTable'
  | 'campaignPerformance'
  | 'segmentCustomers'
  | 'traffic'
  | 'serviceMetrics'
  | 'datasetInfo'
  | 'forecastDemand'
  | 'cohortAnalysis'
>;

export interface BuildParams {
  template: TemplateId;
  period: DateRange;
  locale: Locale;
  shopName: string;
  generatedAt: string;
}

const CORE: MetricId[] = ['sales', 'orders', 'units', 'buyers', 'aov', 'cancel_rate'];
const KPI_SETS: Record<TemplateId, MetricId[]> = {
  daily: CORE,
  weekly: [
    ...CORE,
    'new_buyers',
    'repeat_buyer_rate',
    'returned_units',
    'visitors',
    'order_conversion_rate',
    'chat_response_rate',
  ],
  monthly: [
    ...ORDER_METRICS,
    ...INCOME_METRICS,
    'visitors',
    'page_views',
    'order_conversion_rate',
    'chats',
    'chat_response_rate',
    'csat',
  ],
  campaign: [...CORE, 'seller_discount', 'visitors', 'order_conversion_rate'],
  product: ['sales', 'units', 'orders', 'returned_units', 'aov'],
  segment: ['buyers', 'new_buyers', 'repeat_buyer_rate', 'orders', 'aov', 'sales'],
};

const COLORS = { current: '#ee4d2d', previous: '#8a94a6', forecast: '#2563eb' };

/** The metric values of a range and of its previous period, from whichever engine query carries each metric. */
export async function metricValues(
  src: Pick<ReportSource, 'kpis' | 'traffic' | 'serviceMetrics'>,
  ids: MetricId[],
  range: DateRange,
) {
  const isTraffic = (id: MetricId) => METRICS[id].source === 'traffic' || METRICS[id].source === 'shop_stats';
  const isChat = (id: MetricId) => METRICS[id].source === 'chat';
  const [k, tr, sv] = await Promise.all([
    src.kpis(range),
    ids.some(isTraffic) ? src.traffic(range) : null,
    ids.some(isChat) ? src.serviceMetrics(range) : null,
  ]);
  const pick = (id: MetricId, which: 'current' | 'previous'): number | null => {
    if (isTraffic(id)) return tr?.[which][id as TrafficMetricId] ?? null;
    if (isChat(id)) return sv?.[which][id as ServiceMetricId] ?? null;
    return (which === 'current' ? k.values : k.previous)[id as keyof typeof k.values] ?? null;
  };
  return ids.map((id) => ({ id, value: pick(id, 'current'), previous: pick(id, 'previous') }));
}

export async function buildReport(src: ReportSource, p: BuildParams): Promise<ReportDoc> {
  const L = p.locale;
  const s = (key: StringKey) => t(L, key);
  const info = await src.datasetInfo();
  const currency = currencyOf(info);
  const money = (v: number) => formatMoney(v, currency, L);
  const range = p.period;
  const prev = previousRange(range);
  const days = daysIn(range);
  const dataEnd = info.lastOrderDate ?? range.to;
  const sections: Section[] = [];

  // KPIs: metrics with no value in either period (no traffic or chat export) are left out, not shown as 0.
  const values = (await metricValues(src, KPI_SETS[p.template], range)).filter(
    (m) => m.value !== null || m.previous !== null || METRICS[m.id].source === 'orders',
  );
  const items: KpiItem[] = values.map((m) => ({
    id: m.id,
    label: METRICS[m.id].name[L],
    fmt: METRICS[m.id].unit,
    value: m.value,
    previous: m.previous,
    change: change(m.value, m.previous),
  }));
  sections.push({
    kind: 'kpis',
    title: tf(L, 'rep_kpis', { from: formatDate(prev.from, L, 'short'), to: formatDate(prev.to, L, 'long') }),
    items,
  });
  // Days of the period that no order export covers: their order figures are unknown, and the report says so.
  const periodTrend = await src.trend(range, 'day');
  if (periodTrend.coveredDays < days) {
    sections.push({
      kind: 'text',
      title: s('rep_coverageTitle'),
      text: tf(L, 'rep_coverageText', { covered: String(periodTrend.coveredDays), days: String(days) }),
    });
  }

  // Sales by day, with the previous period's days beside them.
  if (p.template !== 'segment') {
    const chartRange =
      p.template === 'daily'
        ? { from: addDays(range.to, -27), to: range.to }
        : p.template === 'campaign'
          ? {
              from: addDays(range.from, -14),
              to: addDays(range.to, Math.min(14, Math.max(0, daysBetween(range.to, dataEnd)))),
            }
          : range;
    const [cur, before] = await Promise.all([
      chartRange === range ? periodTrend : src.trend(chartRange, 'day'),
      p.template === 'weekly' || p.template === 'monthly' ? src.trend(previousRange(chartRange), 'day') : null,
    ]);
    const series: ChartSeries[] = [
      { label: s('rep_salesSeries'), values: coveredValues(cur, cur.sales), color: COLORS.current },
    ];
    if (before) {
      const previous = coveredValues(before, before.sales);
      series.push({
        label: s('rep_previousSeries'),
        values: cur.buckets.map((_, i) => previous[i] ?? null),
        color: COLORS.previous,
        dashed: true,
      });
    }
    sections.push({
      kind: 'chart',
      title: s(p.template === 'campaign' ? 'rep_chartCampaign' : 'rep_chartSales'),
      fmt: 'money',
      dates: cur.buckets,
      series,
    });
  }

  if (p.template === 'product') sections.push(...(await productSections(src, range, L)));
  else if (p.template === 'segment') sections.push(...(await segmentSections(src, L)));
  else {
    const top = await src.topProducts(range, 10);
    sections.push({
      kind: 'table',
      title: s('rep_topProducts'),
      columns: [
        { label: s('colProduct'), fmt: 'text' },
        { label: s('rep_colOrders'), fmt: 'count' },
        { label: s('rep_colUnits'), fmt: 'count' },
        { label: s('rep_colSales'), fmt: 'money' },
      ],
      rows: top.products.map((r) => [r.key, r.orders, r.units, r.sales]),
    });
    if (p.template !== 'daily') {
      sections.push({
        kind: 'table',
        title: s('rep_topSkus'),
        columns: [
          { label: s('colSku'), fmt: 'text' },
          { label: s('colProduct'), fmt: 'text' },
          { label: s('rep_colUnits'), fmt: 'count' },
          { label: s('rep_colSales'), fmt: 'money' },
        ],
        rows: top.skus.map((r) => [r.key, skuDetail(L, r.detail, r.variations), r.units, r.sales]),
      });
    }
    if (p.template === 'monthly' || p.template === 'campaign')
      sections.push(...(await campaignSections(src, range, L)));
  }

  // The forecast for the next week or 30 days (from the last day of data, where the model's history ends);
  // 30 days is also the insights summary's horizon, so the same fit serves both.
  const horizon = days <= 7 ? 7 : 30;
  const fc = await src.forecastSales(horizon);
  if (fc) {
    const hist = fc.history.values.slice(-28);
    const histDates = hist.map((_, i) => addDays(fc.history.start, fc.history.values.length - hist.length + i));
    const dates = [...histDates, ...fc.forecast.dates];
    const pad = (xs: number[]) => [...hist.map(() => null), ...xs];
    const total = fc.forecast.yhat.reduce((a, b) => a + b, 0);
    sections.push({
      kind: 'chart',
      title: tf(L, 'rep_forecast', {
        days: String(horizon),
        date: formatDate(fc.forecast.dates[0], L, 'long'),
        total: money(total),
      }),
      fmt: 'money',
      dates,
      series: [
        { label: s('rep_salesSeries'), values: [...hist, ...fc.forecast.dates.map(() => null)], color: COLORS.current },
        { label: s('rep_forecastSeries'), values: pad(fc.forecast.yhat), color: COLORS.forecast, dashed: true },
      ],
      band: { label: s('rep_band80'), lo: pad(fc.forecast.lo80), hi: pad(fc.forecast.hi80) },
    });
  }

  const findings = (await src.insightsSummary(range)).slice(0, 5).map((f) => findingText(f, currency, L));
  sections.push({ kind: 'list', title: s('rep_findings'), items: findings.length ? findings : [s('rep_noFindings')] });

  const title = TEMPLATE_NAMES[p.template][L];
  const periodText = formatRange(range, L, 'long');
  const summary = [
    `${title}: ${p.shopName}, ${periodText}`,
    ...items
      .filter((i) => i.value !== null)
      .slice(0, 6)
      .map(
        (i) =>
          `${i.label}: ${i.fmt === 'money' ? money(i.value as number) : i.fmt === 'ratio' ? formatPercent(i.value as number, L) : String(Math.round((i.value as number) * 100) / 100)}${i.change === null ? '' : ` (${i.change >= 0 ? '+' : '−'}${formatPercent(Math.abs(i.change), L)})`}`,
      ),
    ...findings.slice(0, 3).map((f) => `• ${f}`),
  ].join('\n');
  return {
    template: p.template,
    locale: L,
    title,
    shopName: p.shopName,
    period: range,
    previous: prev,
    currency,
    generatedAt: p.generatedAt,
    datasetVersion: info.version,
    sections,
    metrics: items.map((i) => i.id),
    summary,
  };
}

async function productSections(src: ReportSource, range: DateRange, L: Locale): Promise<Section[]> {
  const s = (key: StringKey) => t(L, key);
  const [rows, demand] = await Promise.all([src.productTable(range), src.forecastDemand({ topN: 10, horizon: 30 })]);
  const top = [...rows].sort((a, b) => b.sales - a.sales).slice(0, 25);
  return [
    {
      kind: 'table',
      title: s('rep_productTable'),
      columns: [
        { label: s('colSku'), fmt: 'text' },
        { label: s('colProduct'), fmt: 'text' },
        { label: s('rep_colUnits'), fmt: 'count' },
        { label: s('rep_colSales'), fmt: 'money' },
        { label: s('rep_colReturned'), fmt: 'count' },
        { label: s('colMargin'), fmt: 'ratio' },
      ],
      rows: top.map((r) => [r.sku, r.product, r.units, r.sales, r.returnedUnits, r.margin]),
      note: rows.length > top.length ? tf(L, 'rep_moreRows', { n: String(rows.length - top.length) }) : undefined,
    },
    {
      kind: 'table',
      title: s('rep_demand'),
      columns: [
        { label: s('colSku'), fmt: 'text' },
        { label: s('colProduct'), fmt: 'text' },
        { label: s('rep_colDemand30'), fmt: 'decimal' },
        { label: s('rep_colSuggestedStock'), fmt: 'count' },
      ],
      rows: demand.map((d) => [d.sku, d.name, Math.round(d.horizonUnits * 10) / 10, d.suggestedStock]),
    },
  ];
}

async function segmentSections(src: ReportSource, L: Locale): Promise<Section[]> {
  const s = (key: StringKey) => t(L, key);
  const [seg, cohorts] = await Promise.all([src.segmentCustomers('rfm'), src.cohortAnalysis()]);
  const out: Section[] = [];
  if (seg) {
    out.push({
      kind: 'table',
      title: tf(L, 'rep_segments', { buyers: String(seg.buyers) }),
      columns: [
        { label: s('rep_colSegment'), fmt: 'text' },
        { label: s('rep_colBuyers'), fmt: 'count' },
        { label: s('rep_colShare'), fmt: 'ratio' },
        { label: s('rep_colValueShare'), fmt: 'ratio' },
        { label: s('rep_colRecency'), fmt: 'decimal' },
        { label: s('rep_colOrdersPerBuyer'), fmt: 'decimal' },
        { label: s('rep_colAction'), fmt: 'text' },
      ],
      rows: seg.segments.map((g) => [
        segmentLabel(L, g.id),
        g.size,
        g.share,
        g.valueShare,
        g.recency,
        Math.round(g.orders * 100) / 100,
        ACTION_NAMES[SEGMENT_ACTIONS[g.id as SegmentName]][L],
      ]),
    });
  }
  out.push({
    kind: 'table',
    title: s('rep_repeat'),
    columns: [
      { label: s('rep_colWithin'), fmt: 'text' },
      { label: s('rep_colRepeatRate'), fmt: 'ratio' },
      { label: s('rep_colBuyers'), fmt: 'count' },
    ],
    rows: cohorts.repeat.map((r) => [tf(L, 'rep_days', { n: String(r.days) }), r.rate, r.buyers]),
  });
  return out;
}

async function campaignSections(src: ReportSource, range: DateRange, L: Locale): Promise<Section[]> {
  const s = (key: StringKey) => t(L, key);
  const c = await src.campaignPerformance(range);
  const out: Section[] = [];
  if (c.adsReport) {
    out.push({
      kind: 'table',
      title: tf(L, 'rep_ads', {
        from: formatDate(c.adsReport.from, L, 'short'),
        to: formatDate(c.adsReport.to, L, 'long'),
      }),
      columns: [
        { label: s('rep_colAd'), fmt: 'text' },
        { label: s('rep_colSpend'), fmt: 'money' },
        { label: s('rep_colGmv'), fmt: 'money' },
        { label: 'ROAS', fmt: 'decimal' },
        { label: s('rep_colConversions'), fmt: 'count' },
      ],
      rows: [...c.adsReport.ads]
        .sort((a, b) => b.spend - a.spend)
        .slice(0, 15)
        .map((a) => [a.name, a.spend, a.gmv, a.roas === null ? null : Math.round(a.roas * 100) / 100, a.conversions]),
    });
  }
  if (c.promotions.length) {
    out.push({
      kind: 'table',
      title: s('rep_promotions'),
      columns: [
        { label: s('rep_colPromotion'), fmt: 'text' },
        { label: s('rep_colOrders'), fmt: 'count' },
        { label: s('rep_colUnits'), fmt: 'count' },
        { label: s('rep_colSales'), fmt: 'money' },
      ],
      rows: c.promotions.map((x) => [x.type, x.orders, x.units, x.sales]),
    });
  }
  return out;
}
