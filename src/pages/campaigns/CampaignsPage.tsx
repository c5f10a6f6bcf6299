import { Show } from 'solid-js';
import { currencyOf } from '../../kernel/currency';
import { locale, tr } from '../../app/state';
import { createEngineQuery, useDatasetInfo, useRange } from '../../app/useRange';
import { campaignDayKinds } from '../../calendar/campaignDays';
import { Chart } from '../../components/Chart';
import { Pending, SkeletonCard } from '../../components/Skeleton';
import { coveredValues } from '../../metrics/gaps';
import { type Column, DataTable } from '../../components/DataTable';
import { formatCount, formatDate, formatDecimal, formatMoney, formatPercent } from '../../format/number';
import { MissingExport } from '../traffic/TrafficPage';
import { Figure } from '../../components/Figure';
import type { AdTotals } from '../../metrics/campaigns';

export function CampaignsPage() {
  const { range } = useRange();
  const info = useDatasetInfo();
  const [data] = createEngineQuery('campaignPerformance', () => [range()]);
  const [sales] = createEngineQuery('trend', () => [range(), 'day']);
  const cur = () => currencyOf(info());
  const money = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : formatMoney(v, cur(), locale());
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatPercent(v, locale()));
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatCount(v, locale()));
  const roas = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : `${formatDecimal(v, locale())}×`;
  /** The metric columns of every ads table, ratios from the row's own sums. */
  const adMetricColumns = <T extends AdTotals>(): Column<T>[] => [
    { label: tr('adSpend'), key: (r) => r.spend, fmt: 'money', show: money },
    { label: tr('colImpressions'), key: (r) => r.impressions, fmt: 'count', show: num },
    { label: tr('colClicks'), key: (r) => r.clicks, fmt: 'count', show: num },
    { label: 'CTR', key: (r) => r.ctr, fmt: 'ratio', show: pct },
    { label: tr('colConversions'), key: (r) => r.conversions, fmt: 'count', show: num },
    { label: 'GMV', key: (r) => r.gmv, fmt: 'money', show: money },
    { label: 'ROAS', key: (r) => r.roas, fmt: 'decimal', show: roas },
    { label: 'ACOS', key: (r) => r.acos, fmt: 'ratio', show: pct },
  ];
  const period = (p: { from: string; to: string }) =>
    `${formatDate(p.from, locale(), 'short')} – ${formatDate(p.to, locale(), 'long')}`;
  /** A card's formula with the days it counts: every card says its period, so none reads as the range's. */
  const withPeriod = (formula: string, p: { from: string; to: string } | null) =>
    p ? `${formula} · ${period(p)}` : formula;
  const empty = () => {
    const d = data();
    return (
      d &&
      d.adSpend === null &&
      !d.adsReport &&
      !d.keywords &&
      !d.liveAds &&
      !d.affiliates &&
      !d.promotions.length &&
      !d.liveStreams.length &&
      !d.vouchers &&
      !d.flashSales
    );
  };
  return (
    <section class="page" data-testid="page-campaigns">
      <h1>{tr('page_campaigns')}</h1>
      <Show when={data()}>
        {(d) => (
          <Show
            when={!empty()}
            fallback={<MissingExport what="noCampaignTitle" where="noCampaignWhere" testid="campaigns-empty" />}
          >
            <div class="kpi-grid" data-testid="campaign-kpis">
              <Figure
                id="ad_spend"
                label={tr('adSpend')}
                value={d().adSpend}
                text={money(d().adSpend)}
                formula={withPeriod(tr('adSpendFormula'), d().adSpendPeriod)}
              />
              <Show when={d().adsReport}>
                {(a) => (
                  <>
                    <Figure
                      id="ad_gmv"
                      label={tr('adGmv')}
                      value={a().totals.gmv}
                      text={money(a().totals.gmv)}
                      formula={withPeriod(tr('adReportPeriod'), a())}
                    />
                    <Figure
                      id="roas"
                      label="ROAS"
                      value={a().totals.roas}
                      text={roas(a().totals.roas)}
                      formula={withPeriod(tr('roasFormula'), a())}
                    />
                    <Figure
                      id="acos"
                      label="ACOS"
                      value={a().totals.acos}
                      text={pct(a().totals.acos)}
                      formula={withPeriod(tr('acosFormula'), a())}
                    />
                    <Figure
                      id="ctr"
                      label="CTR"
                      value={a().totals.ctr}
                      text={pct(a().totals.ctr)}
                      formula={withPeriod(tr('ctrFormula'), a())}
                    />
                  </>
                )}
              </Show>
              <Show when={d().vouchers}>
                {(v) => (
                  <>
                    <Figure
                      id="voucher_cost"
                      label={tr('voucherCost')}
                      value={v().cost}
                      text={money(v().cost)}
                      formula={tr('voucherCostFormula')}
                    />
                    <Figure
                      id="voucher_usage_rate"
                      label={tr('voucherUsage')}
                      value={v().usageRate}
                      text={pct(v().usageRate)}
                      formula={tr('voucherUsageFormula')}
                    />
                  </>
                )}
              </Show>
              <Show when={d().flashSales}>
                {(f) => (
                  <Figure
                    id="flash_sale_sales"
                    label={tr('flashSaleSales')}
                    value={f().sales}
                    text={money(f().sales)}
                    formula={tr('flashSaleFormula')}
                  />
                )}
              </Show>
              <Show when={d().affiliates}>
                {(a) => (
                  <>
                    <Figure
                      id="affiliate_sales"
                      label={tr('affiliateSales')}
                      value={a().totals.sales}
                      text={money(a().totals.sales)}
                      formula={withPeriod(tr('affiliateSalesFormula'), a())}
                    />
                    <Figure
                      id="affiliate_roi"
                      label="ROI affiliate"
                      value={a().totals.roi}
                      text={roas(a().totals.roi)}
                      formula={withPeriod(tr('affiliateRoiFormula'), a())}
                    />
                  </>
                )}
              </Show>
              <Show when={d().liveStreams.length}>
                <Figure
                  id="live_sales"
                  label={tr('liveSales')}
                  value={d().liveStreams.reduce((a, x) => a + x.sales, 0)}
                  text={money(d().liveStreams.reduce((a, x) => a + x.sales, 0))}
                  formula={tr('liveSalesFormula')}
                />
              </Show>
            </div>
            <Pending
              of={sales}
              skeleton={<SkeletonCard title={tr('campaignChart')} height="24.75rem" narrow="30.2rem" />}
            >
              {(s) => {
                const spend = new Map(d().spendSeries.map((p) => [p.day, p.values.spend]));
                return (
                  <div class="card">
                    <h2>{tr('campaignChart')}</h2>
                    <Chart
                      title={tr('campaignChart')}
                      x={s().buckets}
                      currency={cur()}
                      series={[
                        {
                          label: tr('colSales'),
                          values: coveredValues(s(), s().sales),
                          color: 'var(--chart-3)',
                          kind: 'bars',
                          unit: 'money',
                        },
                        {
                          label: tr('doubleDates'),
                          values: s().buckets.map((b, i) =>
                            campaignDayKinds(b).includes('double_date') && s().known[i] ? s().sales[i] : null,
                          ),
                          color: 'var(--chart-1)',
                          kind: 'bars',
                          unit: 'money',
                        },
                        {
                          label: tr('adSpend'),
                          values: s().buckets.map((b) => spend.get(b) ?? null),
                          color: 'var(--chart-2)',
                          kind: 'line',
                          unit: 'money',
                        },
                      ]}
                    />
                    <p class="muted small">{tr('campaignChartNote')}</p>
                  </div>
                );
              }}
            </Pending>
            <Show when={d().adsReport}>
              {(a) => (
                <div class="card">
                  <DataTable
                    caption={`${tr('adsTable')} · ${period(a())}`}
                    testid="ads-table"
                    rows={a().ads}
                    columns={[
                      {
                        label: tr('colAd'),
                        value: (r) => (
                          <>
                            {r.name}
                            <div class="muted small">{r.type}</div>
                          </>
                        ),
                      },
                      ...adMetricColumns(),
                    ]}
                  />
                </div>
              )}
            </Show>
            <Show when={d().keywords}>
              {(k) => (
                <div class="card">
                  <DataTable
                    caption={`${tr('keywordTable')} · ${period(k())}`}
                    testid="keyword-table"
                    rows={k().rows}
                    columns={[
                      {
                        label: tr('colKeyword'),
                        value: (r) => (
                          <>
                            {r.keyword}
                            <div class="muted small">{r.ad}</div>
                          </>
                        ),
                      },
                      ...adMetricColumns(),
                    ]}
                  />
                  <p class="muted small">{tr('periodReportNote')}</p>
                </div>
              )}
            </Show>
            <Show when={d().liveAds}>
              {(l) => (
                <div class="card">
                  <DataTable
                    caption={`${tr('liveAdsTable')} · ${period(l())}`}
                    testid="live-ads-table"
                    rows={l().rows}
                    columns={[
                      { label: tr('colAd'), value: (r) => r.name },
                      { label: tr('adSpend'), key: (r) => r.spend, fmt: 'money', show: money },
                      { label: tr('colViewers'), key: (r) => r.viewers, fmt: 'count', show: num },
                      { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: num },
                      { label: 'GMV', key: (r) => r.gmv, fmt: 'money', show: money },
                      { label: 'ROAS', key: (r) => r.roas, fmt: 'decimal', show: roas },
                    ]}
                  />
                </div>
              )}
            </Show>
            <Show when={d().promotions.length}>
              <div class="card">
                <DataTable
                  caption={tr('promotionTable')}
                  testid="promotion-table"
                  rows={d().promotions}
                  columns={[
                    { label: tr('colPromotion'), value: (r) => r.type },
                    { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
                    { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: num },
                    { label: tr('colUnits'), key: (r) => r.units, fmt: 'count', show: num },
                    { label: tr('colBundleOrders'), key: (r) => r.bundleOrders, fmt: 'count', show: num },
                    { label: tr('colAddonSales'), key: (r) => r.addonSales, fmt: 'money', show: money },
                  ]}
                />
                <p class="muted small">{tr('promotionNote')}</p>
              </div>
            </Show>
            <Show when={d().liveStreams.length}>
              <div class="card">
                <DataTable
                  caption={tr('liveTable')}
                  testid="live-table"
                  rows={d().liveStreams}
                  columns={[
                    {
                      label: tr('colStream'),
                      value: (r) => (
                        <>
                          {r.title}
                          <div class="muted small">{r.start}</div>
                        </>
                      ),
                    },
                    { label: tr('colViewers'), key: (r) => r.viewers, fmt: 'count', show: num },
                    { label: tr('colPeakViewers'), key: (r) => r.peakViewers, fmt: 'count', show: num },
                    { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: num },
                    { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
                  ]}
                />
              </div>
            </Show>
            <Show when={d().affiliates}>
              {(a) => (
                <div class="card">
                  <DataTable
                    caption={`${tr('affiliateTable')} · ${period(a())}`}
                    testid="affiliate-table"
                    rows={a().rows}
                    columns={[
                      {
                        label: 'Affiliate',
                        value: (r) => (
                          <>
                            {r.name}
                            <div class="muted small">{r.id}</div>
                          </>
                        ),
                      },
                      { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
                      { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: num },
                      { label: tr('colClicks'), key: (r) => r.clicks, fmt: 'count', show: num },
                      { label: tr('colCommission'), key: (r) => r.commission, fmt: 'money', show: money },
                      { label: 'ROI', key: (r) => r.roi, fmt: 'decimal', show: roas },
                      { label: tr('colNewBuyers'), key: (r) => r.newBuyers, fmt: 'count', show: num },
                    ]}
                  />
                </div>
              )}
            </Show>
          </Show>
        )}
      </Show>
    </section>
  );
}
