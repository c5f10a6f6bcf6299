import { createSignal, For, Show } from 'solid-js';
import type { Currency } from '../kernel/currency';
import { type DateRange, daysIn } from '../kernel/days';
import { locale, tr, trf } from '../app/state';
import { formatCount, formatDate } from '../format/number';
import type { Grain, OverviewResult } from '../engine/api';
import { coveredValues } from '../metrics/gaps';
import { Chart, type ChartSeries } from './Chart';

export const GRAINS: Grain[] = ['day', 'week', 'month'];

/** Until the seller picks one: days for up to two months, weeks up to about a year, then months. */
export function autoGrain(range: DateRange | undefined): Grain {
  const days = range ? daysIn(range) : 0;
  return days <= 62 ? 'day' : days <= 400 ? 'week' : 'month';
}

/** The counts the trend can draw as its line. */
const COUNTS = [
  ['orders', 'colOrders'],
  ['buyers', 'colBuyers'],
  ['units', 'colUnits'],
] as const;
type Count = (typeof COUNTS)[number][0];

/**
 * Sales (bars) and a count (line: orders, buyers or units) by day, week or month, with the previous
 * period's sales overlaid when compared.
 */
export function TrendCard(props: {
  overview: OverviewResult;
  grain: Grain;
  onGrain: (g: Grain) => void;
  currency: Currency;
}) {
  const o = () => props.overview;
  const [count, setCount] = createSignal<Count>('orders');
  const countLabel = () => tr(COUNTS.find(([c]) => c === count())?.[1] ?? 'colOrders');
  /** The previous period's sales against this period's buckets, when compared. */
  const previousSeries = (): ChartSeries[] => {
    const p = o().previousTrend;
    if (!p) return [];
    const values = coveredValues(p, p.sales);
    // A previous period without any data (before the data starts) draws nothing: no legend for it either.
    if (values.every((v) => v === null)) return [];
    return [
      {
        label: tr('salesPrevious'),
        values: o().trend.buckets.map((_, i) => values[i] ?? null),
        color: 'var(--chart-3)',
        kind: 'line',
        unit: 'money',
        dashed: true,
      },
    ];
  };
  return (
    <div class="card">
      <div class="card-head">
        <h2>{tr('salesTrend')}</h2>
        <fieldset class="segmented">
          <legend class="sr-only">{tr('grain')}</legend>
          <For each={GRAINS}>
            {(g) => (
              <button
                type="button"
                aria-pressed={props.grain === g}
                data-testid={`grain-${g}`}
                onClick={() => props.onGrain(g)}
              >
                {tr(`grain_${g}`)}
              </button>
            )}
          </For>
        </fieldset>
        <fieldset class="segmented">
          <legend class="sr-only">{tr('trendLine')}</legend>
          <For each={COUNTS}>
            {([c, label]) => (
              <button
                type="button"
                aria-pressed={count() === c}
                data-testid={`trend-line-${c}`}
                onClick={() => setCount(c)}
              >
                {tr(label)}
              </button>
            )}
          </For>
        </fieldset>
      </div>
      <Chart
        title={tr('salesTrend')}
        x={o().trend.buckets}
        currency={props.currency}
        series={[
          {
            label: tr('colSales'),
            values: coveredValues(o().trend, o().trend.sales),
            color: 'var(--chart-1)',
            kind: 'bars',
            unit: 'money',
          },
          ...previousSeries(),
          {
            label: countLabel(),
            values: coveredValues(o().trend, o().trend[count()]),
            color: 'var(--chart-2)',
            kind: 'line',
            unit: 'count',
          },
        ]}
      />
      <For each={o().trend.partial}>
        {(p) => (
          <p class="muted small" data-testid="partial-day-note" data-day={p.day}>
            {trf(p.edge === 'end' ? 'partialDayNote' : 'partialStartNote', {
              day: formatDate(p.day, locale(), 'short'),
              at: p.at,
              share: `${formatCount(Math.round(p.share * 100), locale())}%`,
            })}
          </p>
        )}
      </For>
      <Show when={o().trend.coveredDays < daysIn(o().range)}>
        <p class="muted small" data-testid="coverage-note">
          {trf('coverageNote', {
            covered: formatCount(o().trend.coveredDays, locale()),
            days: formatCount(daysIn(o().range), locale()),
          })}
        </p>
      </Show>
    </div>
  );
}
