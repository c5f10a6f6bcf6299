import { createSignal, For, Show } from 'solid-js';
import { currencyOf } from '../../kernel/currency';
import { locale, tr } from '../../app/state';
import { createEngineQuery, useDatasetInfo, useRange } from '../../app/useRange';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { KpiCard } from '../../components/KpiCard';
import { autoGrain, TrendCard } from '../../components/TrendCard';
import type { BreakdownRow, Funnel, Grain } from '../../engine/api';
import { formatCount, formatDate, formatMoney, formatPercent } from '../../format/number';
import { skuDetail, type StringKey } from '../../i18n/ui';
import type { KpiMetricId } from '../../metrics/registry';

const OVERVIEW_KPIS: KpiMetricId[] = [
  'sales',
  'orders',
  'buyers',
  'units',
  'aov',
  'cancel_rate',
  'repeat_buyer_rate',
  'new_buyers',
];

function FunnelView(props: { funnel: Funnel }) {
  const steps = () =>
    (['placed', 'paid', 'shipped', 'completed', 'cancelled'] as const).map((k) => ({ k, n: props.funnel[k] }));
  return (
    <div class="funnel" data-testid="funnel">
      <For each={steps()}>
        {(s) => {
          const share = () => (props.funnel.placed ? s.n / props.funnel.placed : 0);
          return (
            <div class="funnel-step" data-step={s.k} data-value={s.n}>
              <span class="funnel-label">{tr(`funnel_${s.k}`)}</span>
              <span class="funnel-bar" classList={{ bad: s.k === 'cancelled' }}>
                <span style={{ width: `${(share() * 100).toFixed(1)}%` }} />
              </span>
              <span class="funnel-value">
                {formatCount(s.n, locale())} <span class="muted">({formatPercent(share(), locale())})</span>
              </span>
            </div>
          );
        }}
      </For>
    </div>
  );
}

export function OverviewPage() {
  const { range, compare } = useRange();
  const info = useDatasetInfo();
  const [chosenGrain, setGrain] = createSignal<Grain | null>(null);
  const grain = (): Grain => chosenGrain() ?? autoGrain(kpis()?.range);
  const currency = () => currencyOf(info());
  const hasOrders = () => (info()?.orders ?? 0) > 0;
  const hasIncome = () => (info()?.incomeOrders ?? 0) > 0;

  const [kpis] = createEngineQuery('kpis', () => [range()]);
  const [overview] = createEngineQuery('overview', () => [range(), { grain: grain(), compare: compare() }]);

  const money = (v: number) => formatMoney(v, currency(), locale());
  const count = (v: number) => formatCount(v, locale());
  const breakdownColumns = (first: StringKey, withUnits: boolean): Column<BreakdownRow>[] => [
    {
      label: tr(first),
      value: (r) => (
        <>
          {r.key}
          <Show when={r.detail}>
            <div class="muted small">{skuDetail(locale(), r.detail, r.variations)}</div>
          </Show>
        </>
      ),
    },
    { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
    ...(withUnits
      ? [{ label: tr('colUnits'), key: (r: BreakdownRow) => r.units, fmt: 'count' as const, show: count }]
      : []),
    { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
  ];

  return (
    <section class="page" data-testid="page-overview">
      <h1>{tr('page_overview')}</h1>
      <Show when={info()}>
        <Show when={hasOrders() || hasIncome()} fallback={<EmptyState />}>
          <Show when={kpis()}>
            {(k) => (
              <>
                <p class="muted small" data-testid="overview-range">
                  {formatDate(k().range.from, locale(), 'long')} – {formatDate(k().range.to, locale(), 'long')}
                  <Show when={compare()}>
                    {' · '}
                    <Show
                      when={k().previousHasData}
                      fallback={<span data-testid="no-earlier-data">{tr('noEarlierData')}</span>}
                    >
                      {tr('comparedWith')} {formatDate(k().previousRange.from, locale(), 'short')} –{' '}
                      {formatDate(k().previousRange.to, locale(), 'long')}
                    </Show>
                  </Show>
                </p>
                <div class="kpi-grid" data-testid="overview-kpis">
                  <For each={OVERVIEW_KPIS}>
                    {(id) => (
                      <KpiCard
                        id={id}
                        value={k().values[id]}
                        previous={k().previous[id]}
                        currency={currency()}
                        compare={compare() && k().previousHasData}
                      />
                    )}
                  </For>
                  <Show when={hasIncome()}>
                    <KpiCard
                      id="net_payout"
                      value={k().values.net_payout}
                      previous={k().previous.net_payout}
                      currency={currency()}
                      compare={compare() && k().previousHasData}
                    />
                  </Show>
                </div>
              </>
            )}
          </Show>
          <Show when={!hasOrders()}>
            <p class="status warning">{tr('noOrdersYet')}</p>
          </Show>
          <Show when={hasOrders() && overview()}>
            {(o) => (
              <>
                <TrendCard overview={o()} grain={grain()} onGrain={setGrain} currency={currency()} />
                <div class="card">
                  <DataTable
                    caption={tr('topProducts')}
                    columns={breakdownColumns('colProduct', true)}
                    rows={o().breakdowns.products}
                    testid="top-products"
                  />
                </div>
                <div class="card">
                  <DataTable
                    caption={tr('topSkus')}
                    columns={breakdownColumns('colSku', true)}
                    rows={o().breakdowns.skus}
                    testid="top-skus"
                  />
                </div>
                <div class="grid-2">
                  <div class="card">
                    <h2>{tr('funnel')}</h2>
                    <FunnelView funnel={o().funnel} />
                  </div>
                  <div class="card">
                    <DataTable
                      caption={tr('provinces')}
                      columns={breakdownColumns('colProvince', false)}
                      rows={o().breakdowns.provinces}
                      testid="provinces"
                    />
                  </div>
                  <div class="card">
                    <DataTable
                      caption={tr('paymentMethods')}
                      columns={breakdownColumns('colPayment', false)}
                      rows={o().breakdowns.payments}
                      testid="payments"
                    />
                  </div>
                  <div class="card">
                    <DataTable
                      caption={tr('shippingOptions')}
                      columns={breakdownColumns('colShipping', false)}
                      rows={o().breakdowns.shipping}
                      testid="shipping"
                    />
                  </div>
                </div>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </section>
  );
}
