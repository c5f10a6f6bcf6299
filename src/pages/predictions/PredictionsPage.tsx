import { ModelScopeNote } from '../../components/ShopPicker';
import { addDays } from '../../kernel/days';
import { EVENT_NAMES } from '../../calendar/events';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { type Currency, currencyOf } from '../../kernel/currency';
import { locale, named, tr, trf } from '../../app/state';
import { createEngineQuery, engine, useDatasetInfo } from '../../app/useRange';
import { Chart } from '../../components/Chart';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Figure } from '../../components/Figure';
import { Pending, SkeletonCard, SkeletonFigure } from '../../components/Skeleton';
import { ChurnCard } from './ChurnCard';
import type { SeriesForecast, SkuDemand } from '../../engine/api';
import { formatCount, formatDate, formatDecimal, formatMoney, formatPercent } from '../../format/number';

const HORIZONS = [30, 60, 90] as const;
/** Days of history shown before the forecast. */
const SHOWN_HISTORY = 120;

/** Calendar kinds marked on the chart: the campaign and holiday days, not the monthly payday windows. */
const MARKED: ReadonlySet<string> = new Set([
  'double_date',
  'big_double_date',
  'harbolnas',
  'pre_lebaran',
  'lebaran_trough',
  'public_holiday',
]);

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** History and forecast on one time axis, with the 80% and 95% bands and the calendar days marked. */
function ForecastChart(props: { f: SeriesForecast; currency: Currency; unit: 'money' | 'count'; title: string }) {
  const data = createMemo(() => {
    const { history, forecast, events } = props.f;
    const n = history.values.length;
    const from = Math.max(0, n - SHOWN_HISTORY);
    const past = Array.from({ length: n - from }, (_, i) => addDays(history.start, from + i));
    const x = [...past, ...forecast.dates];
    const pad = (v: readonly (number | null)[]) => [...past.map(() => null), ...v];
    const marked = new Set(events.filter((e) => e.kinds.some((k) => MARKED.has(k))).map((e) => e.date));
    return {
      x,
      series: [
        {
          label: tr('fcActual'),
          values: [...history.values.slice(from), ...forecast.dates.map(() => null)],
          color: 'var(--chart-3)',
          kind: 'line' as const,
          unit: props.unit,
        },
        {
          label: tr('fcForecast'),
          values: pad(forecast.yhat),
          color: 'var(--chart-1)',
          kind: 'line' as const,
          unit: props.unit,
        },
        {
          label: `${tr('fcBand95')} ↑`,
          values: pad(forecast.hi95),
          color: 'var(--chart-1)',
          kind: 'line' as const,
          unit: props.unit,
          hidden: true,
        },
        {
          label: `${tr('fcBand95')} ↓`,
          values: pad(forecast.lo95),
          color: 'var(--chart-1)',
          kind: 'line' as const,
          unit: props.unit,
          hidden: true,
        },
        {
          label: `${tr('fcBand80')} ↑`,
          values: pad(forecast.hi80),
          color: 'var(--chart-1)',
          kind: 'line' as const,
          unit: props.unit,
          hidden: true,
        },
        {
          label: `${tr('fcBand80')} ↓`,
          values: pad(forecast.lo80),
          color: 'var(--chart-1)',
          kind: 'line' as const,
          unit: props.unit,
          hidden: true,
        },
        {
          label: tr('fcEvents'),
          values: pad(forecast.dates.map((d, i) => (marked.has(d) ? forecast.yhat[i] : null))),
          color: 'var(--chart-2)',
          kind: 'bars' as const,
          unit: props.unit,
        },
      ],
    };
  });
  return (
    <Chart
      title={props.title}
      x={data().x}
      currency={props.currency}
      series={data().series}
      bands={[
        { upper: 2, lower: 3, color: 'var(--chart-1)' },
        { upper: 4, lower: 5, color: 'var(--chart-1)' },
      ]}
    />
  );
}

export function PredictionsPage() {
  const info = useDatasetInfo();
  const [horizon, setHorizon] = createSignal<number>(30);
  const [showComponents, setShowComponents] = createSignal(false);
  const [sales] = createEngineQuery('forecastSales', () => [horizon()]);
  const [traffic] = createEngineQuery('forecastTraffic', () => [horizon()]);
  const [perf] = createEngineQuery('modelPerformance');
  const [anomalies] = createEngineQuery('anomalies');
  const [churn] = createEngineQuery('predictChurn');
  const [leadTime, setLeadTime] = createSignal(14);
  const [serviceLevel, setServiceLevel] = createSignal(0.95);
  const [progress, setProgress] = createSignal<[number, number] | null>(null);
  const [demand, setDemand] = createSignal<SkuDemand[] | null>(null);
  const cur = () => currencyOf(info());
  const money = (v: number) => formatMoney(v, cur(), locale());
  const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : formatPercent(v, locale()));
  const num = (v: number, digits = 2) => formatDecimal(v, locale(), digits);

  const [cancelled, setCancelled] = createSignal(false);
  const runDemand = async () => {
    setProgress([0, 1]);
    setCancelled(false);
    try {
      setDemand(
        await engine().forecastDemand(
          { topN: 20, horizon: horizon(), leadTime: leadTime(), serviceLevel: serviceLevel() },
          (done, total) => setProgress([done, total]),
        ),
      );
    } catch (e) {
      if (!String(e instanceof Error ? e.message : e).includes('forecast cancelled')) throw e;
      setCancelled(true);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section class="page" data-testid="page-predictions">
      <h1>{tr('page_predictions')}</h1>
      <ModelScopeNote />
      <Show when={info()}>
        <Show when={(info()?.orders ?? 0) > 0} fallback={<EmptyState testid="predictions-empty" />}>
          <div class="toolbar">
            <label>
              {tr('fcHorizon')}{' '}
              <select
                value={horizon()}
                onChange={(e) => setHorizon(Number(e.currentTarget.value))}
                data-testid="horizon"
              >
                <For each={HORIZONS}>{(h) => <option value={h}>{`${h} ${tr('fcDays')}`}</option>}</For>
              </select>
            </label>
          </div>
          <div class="kpi-grid" data-testid="prediction-kpis">
            <Pending
              of={sales}
              skeleton={
                <>
                  <SkeletonFigure
                    label={`${tr('fcSales')} · ${horizon()} ${tr('fcDays')}`}
                    formula={tr('fcSalesFormula')}
                  />
                  <SkeletonFigure label={tr('fcLo80')} formula={tr('fcBand80')} />
                  <SkeletonFigure label={tr('fcHi80')} formula={tr('fcBand80')} />
                </>
              }
            >
              {(s) => (
                <>
                  <Figure
                    id="forecast_sales"
                    label={`${tr('fcSales')} · ${horizon()} ${tr('fcDays')}`}
                    value={sum(s().forecast.yhat)}
                    text={money(sum(s().forecast.yhat))}
                    formula={tr('fcSalesFormula')}
                  />
                  <Figure
                    id="forecast_sales_lo80"
                    label={tr('fcLo80')}
                    value={sum(s().forecast.lo80)}
                    text={money(sum(s().forecast.lo80))}
                    formula={tr('fcBand80')}
                  />
                  <Figure
                    id="forecast_sales_hi80"
                    label={tr('fcHi80')}
                    value={sum(s().forecast.hi80)}
                    text={money(sum(s().forecast.hi80))}
                    formula={tr('fcBand80')}
                  />
                </>
              )}
            </Pending>
            <Pending
              of={perf}
              skeleton={
                <>
                  <SkeletonFigure label={tr('backtestMape')} formula={tr('perfTitle')} />
                  <SkeletonFigure label={tr('backtestMase')} formula={'MAE ÷ MAE naive (m = 7)'} />
                </>
              }
            >
              {(p) => (
                <>
                  <Figure
                    id="backtest_mape"
                    label={tr('backtestMape')}
                    value={p().ours.mape}
                    text={pct(p().ours.mape)}
                    formula={tr('perfTitle')}
                  />
                  <Figure
                    id="backtest_mase"
                    label={tr('backtestMase')}
                    value={p().ours.mase}
                    text={num(p().ours.mase)}
                    formula="MAE ÷ MAE naive (m = 7)"
                  />
                </>
              )}
            </Pending>
            <Pending
              of={anomalies}
              skeleton={<SkeletonFigure label={tr('anomaliesCount')} formula={tr('anomaliesFormula')} />}
            >
              {(a) => (
                <Figure
                  id="anomalies"
                  label={tr('anomaliesCount')}
                  value={a().anomalies.length}
                  text={formatCount(a().anomalies.length, locale())}
                  formula={tr('anomaliesFormula')}
                />
              )}
            </Pending>
            <Pending
              of={churn}
              skeleton={
                <>
                  <SkeletonFigure label={tr('atRiskBuyers')} formula={tr('atRiskFormula')} />
                  <SkeletonFigure label={tr('atRiskValue')} formula={tr('atRiskValueFormula')} />
                </>
              }
            >
              {(c) => (
                <>
                  <Figure
                    id="at_risk_buyers"
                    label={tr('atRiskBuyers')}
                    value={c().atRisk.length}
                    text={formatCount(c().atRisk.length, locale())}
                    formula={tr('atRiskFormula')}
                  />
                  <Figure
                    id="at_risk_value"
                    label={tr('atRiskValue')}
                    value={c().atRiskValue}
                    text={money(c().atRiskValue)}
                    formula={tr('atRiskValueFormula')}
                  />
                </>
              )}
            </Pending>
          </div>

          <Pending of={sales} skeleton={<SkeletonCard title={tr('fcChart')} height="27rem" narrow="29rem" />}>
            {(s) => (
              <div class="card">
                <h2>{tr('fcChart')}</h2>
                <ForecastChart f={s()} currency={cur()} unit="money" title={tr('fcChart')} />
                <For each={s().partial ?? []}>
                  {(p) => (
                    <p class="muted small" data-testid="partial-day-models" data-day={p.day}>
                      {trf(p.edge === 'end' ? 'partialDayModels' : 'partialStartModels', {
                        day: formatDate(p.day, locale(), 'short'),
                        at: p.at,
                      })}
                    </p>
                  )}
                </For>
                <p class="muted small" data-testid="forecast-method">
                  {tr(`fcMethod_${s().forecast.method}`)}. {s().forecast.transform === 'log1p' ? tr('fcLogNote') : ''}{' '}
                  {s().forecast.calibrated ? tr('fcCalibrated') : tr('fcUncalibrated')}
                </p>
                <Show when={s().forecast.levelShift}>
                  {(d) => (
                    <p class="muted small" data-testid="level-shift">
                      {trf('fcLevelShift', { date: formatDate(d(), locale(), 'long') })}
                    </p>
                  )}
                </Show>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={showComponents()}
                    onChange={(e) => setShowComponents(e.currentTarget.checked)}
                  />{' '}
                  {tr('fcShowComponents')}
                </label>
                <Show when={showComponents() && s().forecast.components}>
                  {(c) => {
                    const n = s().history.values.length;
                    const from = Math.max(0, n - SHOWN_HISTORY);
                    const x = c()
                      .trend.slice(from)
                      .map((_, i) => addDays(s().history.start, from + i));
                    const unit = s().forecast.transform === 'log1p' ? ('ratio' as const) : ('money' as const);
                    return (
                      <Chart
                        title={tr('fcComponents')}
                        x={x}
                        currency={cur()}
                        series={[
                          {
                            label: tr('fcWeekly'),
                            values: c().weekly.slice(from),
                            color: 'var(--chart-2)',
                            kind: 'line',
                            unit,
                          },
                          {
                            label: tr('fcYearly'),
                            values: c().yearly.slice(from),
                            color: 'var(--chart-4)',
                            kind: 'line',
                            unit,
                          },
                          {
                            label: tr('fcCalendar'),
                            values: c().events.slice(from),
                            color: 'var(--chart-1)',
                            kind: 'bars',
                            unit,
                          },
                        ]}
                      />
                    );
                  }}
                </Show>
              </div>
            )}
          </Pending>

          <Pending of={perf} skeleton={<SkeletonCard title={tr('perfTitle')} height="22rem" narrow="53rem" />}>
            {(p) => {
              const better = () => p().improvementOverNaive;
              return (
                <div class="card" data-testid="model-performance">
                  <h2>{tr('perfTitle')}</h2>
                  <p>
                    {trf((better() ?? 0) >= 0 ? 'perfVerdict' : 'perfVerdictWorse', {
                      mape: pct(p().ours.mape),
                      weeks: String(p().weeks),
                      better: pct(Math.abs(better() ?? 0)),
                    })}
                  </p>
                  <DataTable
                    caption={tr('perfTitle')}
                    hideCaption
                    rows={[
                      { name: tr('perfOurs'), m: p().ours },
                      { name: tr('perfNaive'), m: p().seasonalNaive },
                      { name: tr('perfEts'), m: p().ets },
                    ]}
                    columns={[
                      { label: tr('perfModel'), value: (r) => r.name },
                      { label: 'MAPE', key: (r) => r.m.mape, fmt: 'ratio', show: pct },
                      { label: 'MASE', key: (r) => r.m.mase, fmt: 'decimal', show: num },
                      { label: 'MAE', key: (r) => r.m.mae, fmt: 'money', show: money },
                      { label: tr('coverage80'), key: (r) => r.m.coverage80, fmt: 'ratio', show: pct },
                    ]}
                  />
                  <p class="muted small">{tr('perfNote')}</p>
                </div>
              );
            }}
          </Pending>

          <Pending of={traffic} skeleton={<SkeletonCard title={tr('trafficForecast')} height="22rem" />}>
            {(t) => {
              const r = t();
              return (
                <div class="card">
                  <h2>{tr('trafficForecast')}</h2>
                  {'refused' in r ? (
                    <p class="muted" data-testid="traffic-refused">
                      {trf('fcRefusedSpacing', {
                        days: formatCount('days' in r.refused ? r.refused.days : 0, locale()),
                      })}
                    </p>
                  ) : (
                    <ForecastChart f={r} currency={cur()} unit="count" title={tr('trafficForecast')} />
                  )}
                </div>
              );
            }}
          </Pending>

          <div class="card" data-testid="demand">
            <h2>{tr('demandTitle')}</h2>
            <div class="toolbar">
              <label>
                {tr('leadTime')}{' '}
                <input
                  type="number"
                  min="1"
                  max="90"
                  value={leadTime()}
                  onChange={(e) => setLeadTime(Math.max(1, Math.min(90, Number(e.currentTarget.value) || 14)))}
                />
              </label>
              <label>
                {tr('serviceLevel')}{' '}
                <select value={serviceLevel()} onChange={(e) => setServiceLevel(Number(e.currentTarget.value))}>
                  <For each={[0.8, 0.9, 0.95, 0.98, 0.99]}>
                    {(l) => <option value={l}>{formatPercent(l, locale())}</option>}
                  </For>
                </select>
              </label>
              <button
                type="button"
                class="button"
                onClick={runDemand}
                disabled={progress() !== null}
                data-testid="demand-run"
              >
                {tr('demandRun')}
              </button>
              <Show when={progress()}>
                {(p) => (
                  <>
                    <progress max={p()[1]} value={p()[0]} data-testid="demand-progress">
                      {tr('demandProgress')}
                    </progress>
                    <button
                      type="button"
                      class="secondary small-button"
                      data-testid="demand-cancel"
                      onClick={() => void engine().cancelForecastDemand()}
                    >
                      {tr('demandCancel')}
                    </button>
                  </>
                )}
              </Show>
              <Show when={cancelled()}>
                <span class="muted" role="status" data-testid="demand-cancelled">
                  {tr('demandCancelled')}
                </span>
              </Show>
            </div>
            <Show when={demand()}>
              {(d) => (
                <DataTable
                  caption={tr('demandTitle')}
                  testid="demand-table"
                  rows={d()}
                  columns={[
                    {
                      label: 'SKU',
                      value: (r) => (
                        <>
                          {r.sku}
                          <div class="muted small">{r.name}</div>
                        </>
                      ),
                    },
                    {
                      label: tr('colHorizonUnits'),
                      key: (r) => r.horizonUnits,
                      fmt: 'decimal',
                      show: (x) => num(x, 0),
                    },
                    { label: tr('colLeadUnits'), key: (r) => r.leadTimeUnits, fmt: 'decimal', show: (x) => num(x, 0) },
                    {
                      label: tr('colStock'),
                      key: (r) => r.suggestedStock,
                      fmt: 'count',
                      show: (x) => formatCount(x, locale()),
                    },
                    { label: tr('colMethod'), value: (r) => tr(`fcMethod_${r.method}`) },
                  ]}
                />
              )}
            </Show>
            <p class="muted small">{tr('demandNote')}</p>
          </div>

          <Pending
            of={anomalies}
            skeleton={<SkeletonCard title={tr('anomaliesTitle')} height="38rem" narrow="133rem" />}
          >
            {(a) => (
              <div class="card">
                <h2>{tr('anomaliesTitle')}</h2>
                <Show when={a().anomalies.length} fallback={<p class="muted">{tr('noAnomalies')}</p>}>
                  <DataTable
                    caption={tr('anomaliesTitle')}
                    hideCaption
                    testid="anomalies"
                    rows={a().anomalies}
                    columns={[
                      {
                        label: tr('colDate'),
                        key: (r) => r.date,
                        fmt: 'date',
                        value: (r) => formatDate(r.date, locale(), 'long'),
                      },
                      { label: tr('colDirection'), value: (r) => tr(r.direction === 'up' ? 'dirUp' : 'dirDown') },
                      { label: tr('colExpected'), key: (r) => r.expected, fmt: 'money', show: money },
                      { label: tr('colActual'), key: (r) => r.actual, fmt: 'money', show: money },
                      {
                        label: tr('colSeverity'),
                        key: (r) => r.severity,
                        fmt: 'decimal',
                        show: (x) => `${num(x, 1)} σ`,
                      },
                      {
                        label: tr('colEvents'),
                        value: (r) => r.events.map((k) => named(EVENT_NAMES[k])).join(', ') || '–',
                      },
                    ]}
                  />
                </Show>
                <Show when={a().joint.length}>
                  <DataTable
                    caption={tr('jointTitle')}
                    testid="joint-anomalies"
                    rows={a().joint}
                    columns={[
                      {
                        label: tr('colDate'),
                        key: (r) => r.date,
                        fmt: 'date',
                        value: (r) => formatDate(r.date, locale(), 'long'),
                      },
                      { label: tr('colScore'), key: (r) => r.score, fmt: 'decimal', show: (x) => num(x, 2) },
                      { label: tr('colSales'), key: (r) => r.values.sales, fmt: 'money', show: money },
                      {
                        label: tr('colOrders'),
                        key: (r) => r.values.orders ?? 0,
                        fmt: 'count',
                        show: (x) => formatCount(x, locale()),
                      },
                      {
                        label: tr('colVisitors2'),
                        key: (r) => r.values.visitors,
                        fmt: 'count',
                        show: (x) => formatCount(x, locale()),
                      },
                    ]}
                  />
                </Show>
              </div>
            )}
          </Pending>

          <ChurnCard churn={churn} currency={cur()} />
        </Show>
      </Show>
    </section>
  );
}
