import { createMemo, createSignal, Show } from 'solid-js';
import { currencyOf } from '../../kernel/currency';
import { locale, narrow, tr, trf } from '../../app/state';
import { createEngineQuery, useDatasetInfo, useRange } from '../../app/useRange';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { type HeatRow, HeatTable } from '../../components/HeatTable';
import { KpiGrid, KpiGridSkeleton } from '../../components/KpiCard';
import { Pending, SkeletonCard } from '../../components/Skeleton';
import { autoGrain, TrendCard } from '../../components/TrendCard';
import type { BreakdownRow, Grain } from '../../engine/api';
import { formatCount, formatMoney, formatPercent } from '../../format/number';
import type { StringKey } from '../../i18n/ui';
import type { KpiMetricId } from '../../metrics/registry';

const SALES_KPIS: KpiMetricId[] = [
  'sales',
  'orders',
  'buyers',
  'units',
  'placed_orders',
  'cancelled_orders',
  'cancel_rate',
  'returned_units',
];
const WEEKDAYS: StringKey[] = ['dow_0', 'dow_1', 'dow_2', 'dow_3', 'dow_4', 'dow_5', 'dow_6'];

/**
 * Orders by weekday and hour: each cell's shade is its share of the busiest cell. On a phone the matrix turns
 * (hours down, weekdays across), so its 7 columns fit the width and keep their counts.
 */
function Heatmap(props: { cells: number[][] }) {
  const max = createMemo(() => Math.max(1, ...props.cells.flat()));
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const cell = (d: number, h: number) => {
    const n = props.cells[d]?.[h] ?? 0;
    const when = `${tr(WEEKDAYS[d])} ${String(h).padStart(2, '0')}:00`;
    return {
      shade: n / max(),
      text: n ? formatCount(n, locale()) : '',
      detail: trf('heatOrders', { when, n: formatCount(n, locale()) }),
    };
  };
  const rows = (): HeatRow[] =>
    narrow()
      ? hours.map((h) => ({ label: `${String(h).padStart(2, '0')}:00`, cells: WEEKDAYS.map((_, d) => cell(d, h)) }))
      : WEEKDAYS.map((w, d) => ({ label: tr(w), cells: hours.map((h) => cell(d, h)) }));
  return (
    <HeatTable
      testid="heatmap"
      caption={tr('heatmap')}
      captionVisible
      corner={narrow() ? tr('hour') : tr('weekday')}
      columns={narrow() ? WEEKDAYS.map((w) => tr(w)) : hours.map(String)}
      rows={rows()}
    />
  );
}

export function SalesPage() {
  const { range, compare } = useRange();
  const info = useDatasetInfo();
  const [chosenGrain, setGrain] = createSignal<Grain | null>(null);
  const [kpis] = createEngineQuery('kpis', () => [range()]);
  const grain = (): Grain => chosenGrain() ?? autoGrain(kpis()?.range);
  const [overview] = createEngineQuery('overview', () => [range(), { grain: grain(), compare: compare() }]);
  const [analysis] = createEngineQuery('salesAnalysis', () => [range()]);
  const [categories] = createEngineQuery('salesByCategory', () => [range()]);
  const cur = () => currencyOf(info());
  const money = (v: number) => formatMoney(v, cur(), locale());
  const count = (v: number) => formatCount(v, locale());
  const groupColumns = (first: StringKey): Column<BreakdownRow>[] => [
    { label: tr(first), value: (r) => r.key },
    { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
    { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
  ];
  return (
    <section class="page" data-testid="page-sales">
      <h1>{tr('page_sales')}</h1>
      <Show when={info()}>
        <Show when={(info()?.orders ?? 0) > 0} fallback={<EmptyState testid="sales-empty" />}>
          <Pending of={kpis} skeleton={<KpiGridSkeleton ids={SALES_KPIS} />}>
            {(k) => (
              <KpiGrid
                testid="sales-kpis"
                ids={SALES_KPIS}
                current={k().values}
                previous={k().previous}
                currency={cur()}
                compare={compare() && k().previousHasData}
              />
            )}
          </Pending>
          <Pending of={overview} skeleton={<SkeletonCard title={tr('salesTrend')} height="22rem" narrow="28rem" />}>
            {(o) => <TrendCard overview={o()} grain={grain()} onGrain={setGrain} currency={cur()} />}
          </Pending>
          <Pending of={analysis} skeleton={<SkeletonCard title={tr('heatmap')} height="20rem" narrow="51rem" />}>
            {(a) => (
              <>
                <div class="card">
                  <Heatmap cells={a().heatmap} />
                </div>
                <Show when={a().gap}>
                  {(g) => (
                    <div class="card" data-testid="sales-gap">
                      <h2>{tr('gapTitle')}</h2>
                      <table>
                        <tbody>
                          <tr>
                            <td>{tr('gapShopee')}</td>
                            <td class="num">{money(g().shopeeSales)}</td>
                          </tr>
                          <tr>
                            <td>{tr('gapPlaced')}</td>
                            <td class="num">{money(g().placedSales)}</td>
                          </tr>
                          <tr>
                            <td>− {tr('gapCancelled')}</td>
                            <td class="num">{money(g().cancelledSales)}</td>
                          </tr>
                          <tr>
                            <td>− {tr('gapUnpaid')}</td>
                            <td class="num">{money(g().unpaidSales)}</td>
                          </tr>
                          <tr>
                            <th scope="row">{tr('gapOurs')}</th>
                            <td class="num">
                              <strong>{money(g().ourSales)}</strong>
                            </td>
                          </tr>
                        </tbody>
                      </table>
                      <p class="muted small">
                        {tr('gapExplain')} ({count(g().days)} {tr('gapDays')})
                      </p>
                    </div>
                  )}
                </Show>
                <div class="grid-2">
                  <Show when={overview()}>
                    {(o) => (
                      <>
                        <div class="card">
                          <DataTable
                            caption={tr('paymentMethods')}
                            columns={groupColumns('colPayment')}
                            rows={o().breakdowns.payments}
                          />
                        </div>
                        <div class="card">
                          <DataTable
                            caption={tr('shippingOptions')}
                            columns={groupColumns('colShipping')}
                            rows={o().breakdowns.shipping}
                          />
                        </div>
                        <div class="card">
                          <DataTable
                            caption={tr('provinces')}
                            columns={groupColumns('colProvince')}
                            rows={o().breakdowns.provinces}
                          />
                        </div>
                      </>
                    )}
                  </Show>
                  <Show when={categories()}>
                    {(c) => (
                      <div class="card">
                        <DataTable
                          caption={tr('categoryTable')}
                          testid="categories"
                          rows={c()}
                          columns={[
                            { label: tr('colCategory'), value: (r) => r.category ?? tr('noCategory') },
                            { label: 'SKU', key: (r) => r.skus, fmt: 'count', show: count },
                            { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
                            { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
                            {
                              label: tr('colShare'),
                              key: (r) => r.share,
                              fmt: 'ratio',
                              show: (x) => formatPercent(x, locale()),
                            },
                          ]}
                        />
                        <p class="muted small">{tr('categoryHint')}</p>
                      </div>
                    )}
                  </Show>
                  <div class="card">
                    <DataTable
                      caption={tr('cities')}
                      testid="cities"
                      rows={a().cities}
                      columns={[
                        {
                          label: tr('colCity'),
                          value: (r) => (
                            <>
                              {r.key}
                              <div class="muted small">{r.detail}</div>
                            </>
                          ),
                        },
                        { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
                        { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
                      ]}
                    />
                  </div>
                  <div class="card">
                    <DataTable
                      caption={tr('cancelReasons')}
                      testid="cancel-reasons"
                      rows={a().cancellations}
                      columns={[
                        { label: tr('colReason'), value: (r) => r.reason },
                        { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
                        { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
                      ]}
                    />
                  </div>
                  <div class="card">
                    <DataTable
                      caption={tr('returnReasons')}
                      testid="return-reasons"
                      rows={a().returnReasons}
                      columns={[
                        { label: tr('colReason'), value: (r) => r.reason },
                        { label: tr('colRequests'), key: (r) => r.requests, fmt: 'count', show: count },
                        { label: tr('colReturnedUnits'), key: (r) => r.units, fmt: 'count', show: count },
                        { label: tr('colRefund'), key: (r) => r.refund, fmt: 'money', show: money },
                      ]}
                    />
                  </div>
                  <div class="card">
                    <DataTable
                      caption={tr('returnedProducts')}
                      testid="returns"
                      rows={a().returns}
                      columns={[
                        { label: tr('colProduct'), value: (r) => r.product },
                        { label: tr('colReturnedUnits'), key: (r) => r.units, fmt: 'count', show: count },
                        { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
                      ]}
                    />
                  </div>
                </div>
                <Show when={a().claims.length}>
                  <div class="card" data-testid="claims">
                    <h2>{tr('claimsTitle')}</h2>
                    <p class="muted small">{tr('claimsNote')}</p>
                    <p class="counts" data-testid="claims-summary">
                      {trf('claimsSummary', {
                        failed: count(a().claims.length),
                        submitted: count(a().claims.filter((c) => c.submittedAt).length),
                        paid: count(a().claims.filter((c) => c.paidAt).length),
                        rejected: count(a().claims.filter((c) => c.rejectedAt).length),
                        compensation: money(a().claims.reduce((t, c) => t + (c.paidAt ? (c.compensation ?? 0) : 0), 0)),
                      })}
                    </p>
                    <DataTable
                      caption={tr('claimsByOrder')}
                      testid="claims-table"
                      rows={a().claims}
                      columns={[
                        { label: tr('colOrderId'), value: (c) => c.orderId },
                        { label: tr('colOrderDate'), value: (c) => c.date },
                        { label: tr('colFailedStatus'), value: (c) => c.failedStatus ?? '–' },
                        { label: tr('colClaimStatus'), value: (c) => c.claimStatus ?? '–' },
                        { label: tr('colClaimSubmitted'), value: (c) => c.submittedAt ?? '–' },
                        { label: tr('colClaimPaid'), value: (c) => c.paidAt ?? c.rejectedAt ?? '–' },
                        { label: tr('colCompensation'), key: (c) => c.compensation, fmt: 'money', show: money },
                      ]}
                    />
                  </div>
                </Show>
              </>
            )}
          </Pending>
        </Show>
      </Show>
    </section>
  );
}
