import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { locale, tr, trf } from '../../app/state';
import { createEngineQuery, useDatasetInfo, useRange } from '../../app/useRange';
import { Chart } from '../../components/Chart';
import { type Column, DataTable } from '../../components/DataTable';
import { formatMetric } from '../../components/KpiCard';
import { Pending } from '../../components/Skeleton';
import { change, formatCount, formatMoney, formatPercent } from '../../format/number';
import { currencyOf } from '../../kernel/currency';
import { METRICS, type MetricId } from '../../metrics/registry';
import type { ShopComparisonRow, ShopFigures } from '../../metrics/shops';

/** The figures compared, in the order of the table: a KPI of the registry, or one of the comparison's own. */
type Figure = Extract<keyof ShopFigures, MetricId> | 'grossProfit' | 'adSpend';
const FIGURES: readonly Figure[] = [
  'sales',
  'orders',
  'buyers',
  'aov',
  'cancel_rate',
  'net_payout',
  'grossProfit',
  'adSpend',
];
const LABEL: Record<'grossProfit' | 'adSpend', 'shopGrossProfit' | 'shopAdSpend'> = {
  grossProfit: 'shopGrossProfit',
  adSpend: 'shopAdSpend',
};
/** Which way is better for a figure's change (the registry says so for its KPIs). */
const LOWER_IS_BETTER = new Set<Figure>(['cancel_rate', 'adSpend']);

/** A figure's change against the same days before, as the KPI cards show it ("new" when it was 0). */
function Change(props: { current: number | null; previous: number | null; figure: Figure }) {
  const d = () => change(props.current, props.previous);
  const good = () => (d() ?? 0) > 0 !== LOWER_IS_BETTER.has(props.figure);
  return (
    <Show
      when={d() !== null}
      fallback={<span class="muted small">{props.current && props.previous === 0 ? tr('isNew') : ''}</span>}
    >
      <span class="small nowrap" classList={{ good: good() && d() !== 0, bad: !good() && d() !== 0 }}>
        {(d() ?? 0) > 0 ? '▲' : (d() ?? 0) < 0 ? '▼' : '■'} {formatPercent(Math.abs(d() ?? 0), locale())}
      </span>
    </Show>
  );
}

/**
 * Shops side by side: per shop, the headline figures of the range with their change, its share of the
 * sales, and a sales trend with one line per shop. Needs two shops or more.
 */
export function ShopsPage() {
  const { range } = useRange();
  const info = useDatasetInfo();
  const [data] = createEngineQuery('compareShops', () => [range()]);
  const currency = () => currencyOf(info());
  const show = (f: Figure, v: number | null) =>
    v === null
      ? '–'
      : f === 'grossProfit' || f === 'adSpend'
        ? formatMoney(v, currency(), locale())
        : formatMetric(f, v, currency());
  const label = (f: Figure) => (f === 'grossProfit' || f === 'adSpend' ? tr(LABEL[f]) : METRICS[f].name[locale()]);
  const columns = (): Column<ShopComparisonRow>[] => [
    { label: tr('shopColumn'), value: (r) => r.shop.name, key: (r) => r.shop.name },
    ...FIGURES.map(
      (f): Column<ShopComparisonRow> => ({
        label: label(f),
        key: (r) => r.current[f],
        fmt: f === 'orders' || f === 'buyers' ? 'count' : f === 'cancel_rate' ? 'ratio' : 'money',
        show: () => '',
        value: (r) => (
          <span class="figure-cell">
            <span>{show(f, r.current[f])}</span> <Change figure={f} current={r.current[f]} previous={r.previous[f]} />
          </span>
        ),
      }),
    ),
    {
      label: tr('shopShare'),
      key: (r) => r.salesShare,
      fmt: 'ratio',
      show: (v) => formatPercent(v, locale()),
    },
  ];
  return (
    <div class="page shops-page" data-testid="page-shops">
      <h1>{tr('page_shops')}</h1>
      <Pending of={data} skeleton={<p class="status">{tr('loading')}</p>}>
        {(c) => (
          <Show
            when={c().rows.length >= 2}
            fallback={
              <p class="empty" data-testid="shops-need-two">
                {tr('shopsNeedTwo')} <A href="/data">{tr('page_data')}</A>
              </p>
            }
          >
            <p class="muted small">
              {trf('shopsCompared', { n: formatCount(c().rows.length, locale()) })} {tr('shopsFormula')}
            </p>
            <DataTable
              caption={tr('shopsTable')}
              columns={columns()}
              rows={c().rows}
              testid="shops-table"
              rowData={(r) => ({
                'data-shop': String(r.shop.id),
                'data-sales': String(r.current.sales ?? ''),
                'data-orders': String(r.current.orders ?? ''),
                'data-buyers': String(r.current.buyers ?? ''),
              })}
            />
            <p class="muted small" data-testid="shops-total" data-sales={String(c().total.current.sales ?? '')}>
              {trf('shopsTotal', {
                sales: show('sales', c().total.current.sales),
                orders: show('orders', c().total.current.orders),
                buyers: show('buyers', c().total.current.buyers),
              })}
            </p>
            <Show when={c().rows.some((r) => r.current.uncostedSkus > 0)}>
              <p class="muted small">{tr('shopsUncosted')}</p>
            </Show>
            <section>
              <h2>{tr('shopsTrend')}</h2>
              <Chart
                title={tr('shopsTrend')}
                x={c().trend.buckets}
                currency={currency()}
                series={c().rows.map((r, i) => ({
                  label: r.shop.name,
                  values: c().trend.sales[i],
                  color: `var(--chart-${(i % 6) + 1})`,
                  kind: 'line',
                  unit: 'money',
                }))}
              />
            </section>
          </Show>
        )}
      </Pending>
    </div>
  );
}
