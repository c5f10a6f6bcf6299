import type { Currency } from '../kernel/currency';
import { For, Show } from 'solid-js';
import { locale, tr } from '../app/state';
import { change, formatPercent } from '../format/number';
import { metricText } from '../i18n/alerts';
import { METRICS, type MetricId } from '../metrics/registry';
import { SkeletonFigure } from './Skeleton';

export const formatMetric = (id: MetricId, value: number | null, currency: Currency): string =>
  metricText(id, value, currency, locale());

/**
 * One KPI: the value for the selected range (`data-value`, full precision), its change against the
 * previous period (`data-previous`), and the formula and source behind it.
 */
export function KpiCard(props: {
  id: MetricId;
  value: number | null;
  previous: number | null;
  currency: Currency;
  compare?: boolean;
}) {
  const def = () => METRICS[props.id];
  const delta = () => change(props.value, props.previous);
  const tone = () => {
    const d = delta() ?? 0;
    const better = def().better;
    if (d === 0 || better === 'neutral') return 'neutral';
    return d > 0 === (better === 'up') ? 'good' : 'bad';
  };
  return (
    <div
      class="kpi"
      data-kpi={props.id}
      data-value={props.value === null ? '' : String(props.value)}
      data-previous={props.previous === null ? '' : String(props.previous)}
    >
      <div class="kpi-name">{def().name[locale()]}</div>
      <div class="kpi-value" title={formatMetric(props.id, props.value, props.currency)}>
        {formatMetric(props.id, props.value, props.currency)}
      </div>
      <div class="kpi-change">
        <Show when={props.compare !== false}>
          <Show
            when={delta() !== null}
            fallback={<span class="muted">{props.value && props.previous === 0 ? tr('isNew') : '–'}</span>}
          >
            <span classList={{ good: tone() === 'good', bad: tone() === 'bad' }}>
              {(delta() ?? 0) > 0 ? '▲' : (delta() ?? 0) < 0 ? '▼' : '■'}{' '}
              {formatPercent(Math.abs(delta() ?? 0), locale())}
            </span>{' '}
            <span class="muted">{tr('vsPrevious')}</span>
          </Show>
        </Show>
      </div>
      <details class="kpi-info">
        <summary aria-label={tr('formula')}>i</summary>
        <p>
          <strong>{tr('formula')}:</strong> {def().formula[locale()]}
        </p>
        <p>
          <strong>{tr('source')}:</strong> {tr(`source_${def().source}`)}
        </p>
      </details>
    </div>
  );
}

/** The place of a KPI grid while its values load: each card's name, the value still to come. */
export function KpiGridSkeleton(props: { ids: readonly MetricId[] }) {
  return (
    <div class="kpi-grid">
      <For each={props.ids}>{(id) => <SkeletonFigure label={METRICS[id].name[locale()]} />}</For>
    </div>
  );
}

/** A grid of KPI cards for metrics whose current and previous values a page has. */
export function KpiGrid<Id extends MetricId>(props: {
  testid: string;
  ids: readonly Id[];
  current: Record<Id, number | null>;
  previous: Record<Id, number | null>;
  currency: Currency;
  compare: boolean;
}) {
  return (
    <div class="kpi-grid" data-testid={props.testid}>
      <For each={props.ids}>
        {(id) => (
          <KpiCard
            id={id}
            value={props.current[id]}
            previous={props.previous[id]}
            currency={props.currency}
            compare={props.compare}
          />
        )}
      </For>
    </div>
  );
}
