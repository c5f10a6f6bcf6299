import { For, Show } from 'solid-js';
import { currencyOf } from '../../kernel/currency';
import { fileLabel } from '../../i18n/names';
import { locale, tr } from '../../app/state';
import { createEngineQuery, useDatasetInfo, useRange } from '../../app/useRange';
import { Chart } from '../../components/Chart';
import { DataTable } from '../../components/DataTable';
import { KpiGrid } from '../../components/KpiCard';
import { formatCount, formatDate, formatMoney, formatPercent } from '../../format/number';
import type { StringKey } from '../../i18n/ui';
import { TRAFFIC_METRICS } from '../../metrics/registry';

/** An empty state that names the export to download and where it is. */
export function MissingExport(props: { what: StringKey; where: StringKey; testid: string }) {
  return (
    <div class="empty" data-testid={props.testid}>
      <h2>{tr(props.what)}</h2>
      <p>{tr(props.where)}</p>
      <a class="button secondary" href="/data">
        {tr('importOwn')}
      </a>
    </div>
  );
}

export function TrafficPage() {
  const { range, compare } = useRange();
  const info = useDatasetInfo();
  const [data] = createEngineQuery('traffic', () => [range()]);
  const [kpis] = createEngineQuery('kpis', () => [range()]);
  const count = (n: number) => formatCount(n, locale());
  const funnel = () => {
    const d = data()?.current;
    const k = kpis()?.values;
    return [
      { step: 'funnelVisitors', value: d?.visitors ?? null, source: 'source_traffic' },
      { step: 'funnelClicks', value: d?.product_clicks ?? null, source: 'source_shop_stats' },
      {
        step: 'funnelCart',
        value: d?.cart_visitors ?? null,
        source: d?.cart_visitors === null ? 'cartSourceMissing' : 'source_product_overview',
      },
      { step: 'funnelOrders', value: k?.orders ?? null, source: 'source_orders' },
      { step: 'funnelBuyers', value: k?.buyers ?? null, source: 'source_orders' },
    ] as { step: StringKey; value: number | null; source: StringKey }[];
  };
  return (
    <section class="page" data-testid="page-traffic">
      <h1>{tr('page_traffic')}</h1>
      <Show when={data()}>
        {(d) => (
          <Show
            when={d().hasTraffic || d().hasShopStats}
            fallback={<MissingExport what="noTrafficTitle" where="noTrafficWhere" testid="traffic-empty" />}
          >
            <Show when={d().shopeeSummary}>
              {(s) => (
                <p class="status" data-testid="shopee-period-figure">
                  {tr('shopeePeriodVisitors')} <strong>{count(s().visitors ?? 0)}</strong>
                </p>
              )}
            </Show>
            <KpiGrid
              testid="traffic-kpis"
              ids={TRAFFIC_METRICS}
              current={d().current}
              previous={d().previous}
              currency={currencyOf(info())}
              compare={compare()}
            />
            <Show when={d().series.length}>
              <div class="card">
                <h2>{tr('visitorsTrend')}</h2>
                <Chart
                  title={tr('visitorsTrend')}
                  x={d().series.map((p) => p.day)}
                  currency={currencyOf(info())}
                  series={[
                    {
                      label: tr('colVisitors'),
                      values: d().series.map((p) => p.values.visitors ?? null),
                      color: 'var(--chart-2)',
                      kind: 'bars',
                      unit: 'count',
                    },
                    {
                      label: tr('colPageViews'),
                      values: d().series.map((p) => p.values.page_views ?? null),
                      color: 'var(--chart-1)',
                      kind: 'line',
                      unit: 'count',
                    },
                  ]}
                />
              </div>
            </Show>
            <div class="grid-2">
              <div class="card">
                <h2>{tr('conversionFunnel')}</h2>
                <div class="funnel" data-testid="traffic-funnel">
                  <For each={funnel()}>
                    {(f) => (
                      <div class="funnel-step" data-step={f.step} data-value={f.value ?? ''}>
                        <span class="funnel-label">{tr(f.step)}</span>
                        <span class="funnel-bar">
                          <span
                            style={{
                              width: `${f.value && funnel()[0].value ? Math.min(100, (f.value / (funnel()[0].value ?? 1)) * 100) : 0}%`,
                            }}
                          />
                        </span>
                        <span class="funnel-value">{f.value === null ? '–' : count(f.value)}</span>
                        <span class="funnel-source muted small">{tr(f.source)}</span>
                      </div>
                    )}
                  </For>
                </div>
              </div>
              <div class="card">
                <DataTable
                  caption={tr('platforms')}
                  testid="platforms"
                  rows={d().platforms.filter((p) => p.scope !== 'all')}
                  columns={[
                    { label: tr('colPlatform'), value: (p) => fileLabel(locale(), 'platform_', p.scope) },
                    { label: tr('colVisitors'), key: (p) => p.visitors, fmt: 'count', show: count },
                    { label: tr('colPageViews'), key: (p) => p.pageViews, fmt: 'count', show: count },
                    {
                      label: tr('colShare'),
                      key: (p) => p.visitors / Math.max(1, d().platforms.find((x) => x.scope === 'all')?.visitors ?? 1),
                      fmt: 'ratio',
                      show: (x) => formatPercent(x, locale()),
                    },
                  ]}
                />
              </div>
              <Show when={d().visitSources}>
                {(v) => (
                  <div class="card">
                    <DataTable
                      caption={`${tr('visitSourcesTable')} · ${formatDate(v().from, locale(), 'short')} – ${formatDate(v().to, locale(), 'long')}`}
                      testid="visit-sources"
                      rows={v().rows}
                      columns={[
                        { label: tr('colSource'), value: (r) => r.source },
                        {
                          label: tr('colSales'),
                          key: (r) => r.sales,
                          fmt: 'money',
                          show: (x) => formatMoney(x, currencyOf(info()), locale()),
                        },
                        { label: tr('colImpressions'), key: (r) => r.impressions, fmt: 'count', show: count },
                        { label: tr('colClicks'), key: (r) => r.clicks, fmt: 'count', show: count },
                        { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
                        { label: 'CTR', key: (r) => r.ctr, fmt: 'ratio', show: (x) => formatPercent(x, locale()) },
                        {
                          label: tr('colConversion'),
                          key: (r) => r.conversion,
                          fmt: 'ratio',
                          show: (x) => formatPercent(x, locale()),
                        },
                      ]}
                    />
                    <p class="muted small">{tr('periodReportNote')}</p>
                  </div>
                )}
              </Show>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
