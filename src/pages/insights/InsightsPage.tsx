import { ModelScopeNote } from '../../components/ShopPicker';
import { channelName } from '../../metrics/channels';
import { A } from '@solidjs/router';
import { SEGMENT_NAMES } from '../../ml/rfm';
import { currencyOf } from '../../kernel/currency';
import { createSignal, For, Show } from 'solid-js';
import { locale, named, tr, trf } from '../../app/state';
import { createEngineQuery, engine, useDatasetInfo } from '../../app/useRange';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Chart } from '../../components/Chart';
import { Figure } from '../../components/Figure';
import { Pending, SkeletonCard, SkeletonFigure } from '../../components/Skeleton';
import { type HeatRow, HeatTable } from '../../components/HeatTable';
import type { CohortResult, PriceResult, ProductPair, SegmentationResult } from '../../engine/api';
import { formatCount, formatDecimal, formatMoney, formatPercent } from '../../format/number';
import { findingText } from '../../i18n/findings';
import { SEGMENT_RULES } from '../../ml/rfm';
import { Dendrogram, SegmentTable } from './Segments';

export function InsightsPage() {
  const info = useDatasetInfo();
  const [rfm] = createEngineQuery('segmentCustomers', () => ['rfm']);
  const [cohorts] = createEngineQuery('cohortAnalysis');
  const [findings] = createEngineQuery('insightsSummary');
  // Bundle ideas: pairs bought together more often than chance (lift above 1).
  const [pairs] = createEngineQuery('recommendProducts', () => [{}, 3]);
  const bundles = (all: ProductPair[]) => all.filter((p) => p.lift > 1);
  const topLift = (all: ProductPair[]) =>
    bundles(all).reduce<ProductPair | undefined>((a, p) => (a && a.lift >= p.lift ? a : p), undefined);
  const [model] = createEngineQuery('recommender');
  const [clusters, setClusters] = createSignal<SegmentationResult | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [prices, setPrices] = createSignal<PriceResult[] | null>(null);
  const [budget, setBudget] = createSignal<number | undefined>(undefined);
  const [arms] = createEngineQuery('suggestCampaign');
  const [mix] = createEngineQuery('optimizeMarketing', () => [budget()]);
  const cur = () => currencyOf(info());
  const size = (id: string) => rfm()?.segments.find((s) => s.id === id)?.size ?? 0;
  // The retention triangle: month m (1, 2, …) after a cohort's first exists while the data lasts.
  const cohortMonths = (c: CohortResult) => c.cohorts.slice(1).map((_, i) => i + 1);
  const cohortRows = (c: CohortResult): HeatRow[] =>
    c.cohorts.map((cohort, i) => {
      const n0 = c.sizes[i];
      const size = formatCount(n0, locale());
      return {
        label: cohort,
        sub: `${size} ${tr('colBuyers').toLowerCase()}`,
        cells: cohortMonths(c).map((m) => {
          if (m >= c.cohorts.length - i) return null;
          const n = c.buyers[i][m];
          const rate = n0 ? n / n0 : 0;
          const sales = formatMoney(c.sales[i][m], cur(), locale());
          const text = formatPercent(rate, locale());
          return {
            shade: rate * 5,
            text,
            detail: trf('cohortCell', { cohort, m: String(m), n: formatCount(n, locale()), size, rate: text, sales }),
          };
        }),
      };
    });
  const runKmeans = async () => {
    setBusy(true);
    try {
      setClusters(await engine().segmentCustomers('kmeans'));
    } finally {
      setBusy(false);
    }
  };
  const repeat90 = () => cohorts()?.repeat.find((r) => r.days === 90)?.rate ?? null;
  const signedPct = (v: number | null) =>
    v === null ? '–' : `${v >= 0 ? '+' : '−'}${formatPercent(Math.abs(v), locale())}`;
  const num = (v: number, d = 2) => formatDecimal(v, locale(), d);

  return (
    <section class="page" data-testid="page-insights">
      <h1>{tr('page_insights')}</h1>
      <ModelScopeNote />
      <Show when={info()}>
        <Show when={(info()?.orders ?? 0) > 0} fallback={<EmptyState testid="insights-empty" />}>
          <div class="kpi-grid" data-testid="insight-kpis">
            <Pending
              of={rfm}
              skeleton={
                <>
                  <SkeletonFigure label={tr('insSegments')} formula={tr('insSegmentsFormula')} />
                  <SkeletonFigure label={named(SEGMENT_NAMES.champions)} formula={tr('insChampionsFormula')} />
                  <SkeletonFigure label={named(SEGMENT_NAMES.at_risk)} formula={tr('insAtRiskFormula')} />
                </>
              }
            >
              {(r) => (
                <>
                  <Figure
                    id="segments"
                    label={tr('insSegments')}
                    value={r().segments.length}
                    text={formatCount(r().segments.length, locale())}
                    formula={tr('insSegmentsFormula')}
                  />
                  <Figure
                    id="champions"
                    label={named(SEGMENT_NAMES.champions)}
                    value={size('champions')}
                    text={formatCount(size('champions'), locale())}
                    formula={tr('insChampionsFormula')}
                  />
                  <Figure
                    id="at_risk"
                    label={named(SEGMENT_NAMES.at_risk)}
                    value={size('at_risk')}
                    text={formatCount(size('at_risk'), locale())}
                    formula={tr('insAtRiskFormula')}
                  />
                </>
              )}
            </Pending>
            <Pending
              of={cohorts}
              skeleton={<SkeletonFigure label={tr('insRepeat90')} formula={tr('insRepeat90Formula')} />}
            >
              {() => (
                <Figure
                  id="repeat_rate_90d"
                  label={tr('insRepeat90')}
                  value={repeat90()}
                  text={repeat90() === null ? '–' : formatPercent(repeat90() as number, locale())}
                  formula={tr('insRepeat90Formula')}
                />
              )}
            </Pending>
            <Pending
              of={mix}
              skeleton={<SkeletonFigure label={tr('insMmmExpected')} formula={tr('insMmmExpectedFormula')} />}
            >
              {(m) => {
                // Without a reliable effect the budget is not moved: the figure is the current budget's.
                const v = () => (m().holdout.reliable ? m().expectedDaily : m().currentExpectedDaily);
                return (
                  <Figure
                    id="mmm_expected_sales"
                    label={tr(m().holdout.reliable ? 'insMmmExpected' : 'insMmmExpectedNow')}
                    value={v()}
                    text={formatMoney(v(), cur(), locale())}
                    formula={tr('insMmmExpectedFormula')}
                  />
                );
              }}
            </Pending>
            <Pending
              of={pairs}
              skeleton={<SkeletonFigure label={tr('insTopLift')} formula={tr('insTopLiftFormula')} />}
            >
              {(all) => (
                <Show when={topLift(all())}>
                  {(top) => (
                    <Figure
                      id="top_bundle_lift"
                      label={tr('insTopLift')}
                      value={top().lift}
                      text={`${num(top().lift)}×`}
                      formula={tr('insTopLiftFormula')}
                    />
                  )}
                </Show>
              )}
            </Pending>
          </div>

          <div class="card" data-testid="findings">
            <h2>{tr('insFindings')}</h2>
            <Show
              when={findings()}
              fallback={<div class="skeleton skeleton-block findings-pending" aria-busy="true" />}
            >
              {(list) => (
                <Show when={list().length} fallback={<p class="muted">{tr('insNoFindings')}</p>}>
                  <ol class="findings">
                    <For each={list().slice(0, 8)}>
                      {(f) => (
                        <li data-finding={f.kind}>
                          {findingText(f, cur(), locale())} <A href={f.href}>{tr('insEvidence')}</A>
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>
              )}
            </Show>
          </div>

          <Pending of={rfm} skeleton={<SkeletonCard title={tr('insRfmTitle')} height="78rem" narrow="135rem" />}>
            {(r) => (
              <div class="card">
                <h2>{tr('insRfmTitle')}</h2>
                <p class="muted small" data-testid="rfm-scheme" data-scheme={r().scheme}>
                  {tr(r().scheme === 'fixed' ? 'rfmSchemeFixed' : 'rfmSchemeQuintiles')} {tr('rfmEvidence')}
                </p>
                <SegmentTable result={r()} currency={cur()} testid="rfm-segments" caption={tr('insRfmTitle')} />
                <details>
                  <summary>{tr('insRules')}</summary>
                  <DataTable
                    caption={tr('insRules')}
                    testid="rfm-rules"
                    rows={[...SEGMENT_RULES]}
                    columns={[
                      { label: tr('colSegment'), value: (x) => named(SEGMENT_NAMES[x.name]) },
                      { label: 'R', value: (x) => x.r.join('–') },
                      { label: 'F', value: (x) => x.f.join('–') },
                      { label: 'M', value: (x) => x.m.join('–') },
                      {
                        label: tr('colMinOrders'),
                        key: (x) => x.minOrders,
                        fmt: 'count',
                        show: (n) => formatCount(n, locale()),
                      },
                    ]}
                  />
                </details>
              </div>
            )}
          </Pending>

          <div class="card">
            <h2>{tr('insKmeans')}</h2>
            <div class="toolbar">
              <button type="button" class="button" onClick={runKmeans} disabled={busy()} data-testid="kmeans-run">
                {tr('insKmeansRun')}
              </button>
            </div>
            <Show
              when={clusters()}
              fallback={busy() && <div class="skeleton skeleton-block clusters-pending" aria-busy="true" />}
            >
              {(c) => (
                <>
                  <p class="muted small">
                    {trf('insKmeansNote', { k: String(c().k ?? ''), s: num(c().silhouette ?? 0, 3) })}
                  </p>
                  <SegmentTable result={c()} currency={cur()} testid="kmeans-segments" caption={tr('insKmeans')} />
                  <Show when={c().merges?.length}>
                    <h3>{tr('insDendrogram')}</h3>
                    <Dendrogram merges={c().merges ?? []} />
                  </Show>
                  <Show when={c().outliers}>
                    {(o) => (
                      <>
                        <p class="muted small">
                          {trf('insOutliers', { count: formatCount(o().count, locale()), eps: num(o().eps) })}
                        </p>
                        <DataTable
                          caption={tr('insOutliersTitle')}
                          testid="outliers"
                          rows={o().top}
                          columns={[
                            { label: tr('colBuyer'), value: (b) => b.buyer },
                            {
                              label: tr('colOrders'),
                              key: (b) => b.orders,
                              fmt: 'count',
                              show: (x) => formatCount(x, locale()),
                            },
                            {
                              label: tr('colSales'),
                              key: (b) => b.sales,
                              fmt: 'money',
                              show: (x) => formatMoney(x, cur(), locale()),
                            },
                            {
                              label: tr('colRecency'),
                              key: (b) => b.recency,
                              fmt: 'count',
                              show: (x) => formatCount(x, locale()),
                            },
                          ]}
                        />
                      </>
                    )}
                  </Show>
                </>
              )}
            </Show>
          </div>

          <div class="card">
            <h2>{tr('insPrice')}</h2>
            <div class="toolbar">
              <button
                type="button"
                class="button"
                onClick={async () => setPrices(await engine().optimizePrice())}
                data-testid="price-run"
              >
                {tr('insPriceRun')}
              </button>
            </div>
            <Show when={prices()}>
              {(list) => (
                <DataTable
                  caption={tr('insPrice')}
                  hideCaption
                  testid="prices"
                  rows={list()}
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
                      label: tr('colElasticity'),
                      value: (r) =>
                        r.elasticity === null || !r.ci
                          ? '–'
                          : `${num(r.elasticity)} (${num(r.ci[0])} … ${num(r.ci[1])})`,
                      key: (r) => (r.ci ? r.elasticity : null),
                      fmt: 'decimal',
                      numeric: true,
                    },
                    {
                      label: tr('colCurrentPrice'),
                      key: (r) => r.currentPrice,
                      fmt: 'money',
                      show: (x) => formatMoney(x, cur(), locale()),
                    },
                    {
                      label: tr('colRecommended'),
                      value: (r) =>
                        r.reason
                          ? tr(`why_${r.reason}`)
                          : trf('priceRec', {
                              price: formatMoney(r.recommendedPrice ?? 0, cur(), locale()),
                              units: signedPct(r.unitsChange),
                              profit: signedPct(r.profitChange),
                            }),
                    },
                  ]}
                />
              )}
            </Show>
            <p class="muted small">{tr('insPriceNote')}</p>
          </div>

          <Pending of={mix} skeleton={<SkeletonCard title={tr('insMmm')} height="54rem" narrow="104rem" />}>
            {(m) => (
              <div class="card" data-testid="marketing-mix">
                <h2>{tr('insMmm')}</h2>
                <form
                  class="toolbar"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const v = Number(new FormData(e.currentTarget).get('budget'));
                    setBudget(Number.isFinite(v) && v > 0 ? v : undefined);
                  }}
                >
                  <label>
                    {tr('insMmmBudget')}{' '}
                    <input name="budget" type="number" min="0" step="10000" value={Math.round(m().budget)} />
                  </label>
                  <button type="submit" class="button">
                    {tr('insMmmApply')}
                  </button>
                </form>
                <Show when={m().enough.some((e) => !e)}>
                  <p class="muted small">{tr('insMmmNotEnoughNote')}</p>
                </Show>
                <DataTable
                  caption={tr('insMmm')}
                  hideCaption
                  testid="mmm-channels"
                  rows={m().fit.channels.map((c, i) => ({
                    c,
                    now: m().current[i],
                    next: m().recommended[i],
                    enough: m().enough[i],
                  }))}
                  columns={[
                    { label: tr('colChannel'), value: (r) => channelName(r.c.name, locale()) },
                    { label: tr('colAdstock'), key: (r) => r.c.theta, fmt: 'decimal', show: num },
                    {
                      label: tr('colHalfSat'),
                      key: (r) => r.c.k,
                      fmt: 'money',
                      show: (x) => formatMoney(x, cur(), locale()),
                    },
                    { label: 'Hill S', key: (r) => r.c.s, fmt: 'decimal', show: num },
                    {
                      label: 'ROAS',
                      key: (r) => r.c.roas,
                      fmt: 'decimal',
                      numeric: true,
                      value: (r) =>
                        r.enough ? (
                          r.c.roas === null ? (
                            '–'
                          ) : (
                            `${num(r.c.roas)}×`
                          )
                        ) : (
                          <span class="muted" data-testid="mmm-not-enough">
                            {tr('insMmmNotEnough')}
                          </span>
                        ),
                    },
                    {
                      label: tr('colMarginalRoas'),
                      key: (r) => r.c.marginalRoas,
                      fmt: 'decimal',
                      show: (x) => `${num(x)}×`,
                    },
                    {
                      label: tr('colCurrentSpend'),
                      key: (r) => r.now,
                      fmt: 'money',
                      show: (x) => formatMoney(x, cur(), locale()),
                    },
                    {
                      label: tr('colSuggestedSpend'),
                      key: (r) => (m().holdout.reliable ? r.next : null),
                      fmt: 'money',
                      show: (x) => formatMoney(x, cur(), locale()),
                    },
                  ]}
                />
                <Chart
                  title={tr('insMmm')}
                  x={m().curves.spend.map((s) => formatMoney(s, cur(), locale()))}
                  categorical
                  currency={cur()}
                  series={m().fit.channels.map((c, i) => ({
                    label: channelName(c.name, locale()),
                    values: m().curves.response[i],
                    color: `var(--chart-${(i % 4) + 1})`,
                    kind: 'line' as const,
                    unit: 'money' as const,
                  }))}
                />
                <p class={m().holdout.reliable ? 'muted small' : 'status warning'} data-testid="mmm-verdict">
                  {trf(m().holdout.reliable ? 'insMmmReliable' : 'insMmmUnreliable', {
                    media: formatMoney(m().holdout.maeMedia, cur(), locale()),
                    base: formatMoney(m().holdout.maeBase, cur(), locale()),
                  })}
                </p>
                <p class="muted small">
                  {trf('insMmmNote', {
                    r2: num(m().fit.r2, 3),
                    greedy: tr(m().greedyAgrees ? 'insMmmGreedyOk' : 'insMmmGreedyDiff'),
                  })}
                </p>
              </div>
            )}
          </Pending>

          <Pending of={arms} skeleton={<SkeletonCard title={tr('insBandit')} height="25rem" narrow="70rem" />}>
            {(a) => (
              <Show when={a().length}>
                <div class="card">
                  <h2>{tr('insBandit')}</h2>
                  <DataTable
                    caption={tr('insBandit')}
                    hideCaption
                    testid="bandit"
                    rows={a()}
                    columns={[
                      { label: tr('colCampaignType'), value: (a) => channelName(a.name, locale()) },
                      {
                        label: tr('colSuccess'),
                        value: (a) => `${formatCount(a.successes, locale())} / ${formatCount(a.trials, locale())}`,
                        key: (a) => a.successes,
                        numeric: true,
                      },
                      {
                        label: tr('colRate'),
                        key: (a) => a.rate,
                        fmt: 'ratio',
                        show: (x) => formatPercent(x, locale()),
                      },
                      {
                        label: tr('colBest'),
                        key: (a) => a.probabilityBest,
                        fmt: 'ratio',
                        show: (x) => formatPercent(x, locale()),
                      },
                    ]}
                  />
                  <p class="muted small">{tr('insBanditNote')}</p>
                </div>
              </Show>
            )}
          </Pending>

          <Pending of={cohorts} skeleton={<SkeletonCard title={tr('insCohorts')} height="57rem" narrow="59rem" />}>
            {(c) => (
              <div class="card">
                <h2>{tr('insCohorts')}</h2>
                <HeatTable
                  testid="cohorts"
                  caption={tr('insCohorts')}
                  corner={tr('colCohort')}
                  columns={cohortMonths(c()).map((m) => `+${m}`)}
                  rows={cohortRows(c())}
                />
                <p class="muted small">
                  {c()
                    .repeat.map(
                      (r) => `${r.days} ${tr('fcDays')}: ${r.rate === null ? '–' : formatPercent(r.rate, locale())}`,
                    )
                    .join(' · ')}
                </p>
              </div>
            )}
          </Pending>

          <Pending of={pairs} skeleton={<SkeletonCard title={tr('insBundles')} height="26rem" narrow="70rem" />}>
            {(all) => (
              <div class="card">
                <h2>{tr('insBundles')}</h2>
                <Show when={model()}>
                  {(m) => (
                    <p class="muted small" data-testid="recommender">
                      {trf('recModel', {
                        method:
                          m().popularityWeight === Number.POSITIVE_INFINITY
                            ? tr('recModelPopular')
                            : [
                                m().method === 'ease'
                                  ? trf('recModelEase', { lambda: formatCount(m().lambda ?? 0, locale()) })
                                  : tr('recModelKnn'),
                                m().popularityWeight
                                  ? trf('recModelBlend', { weight: formatDecimal(m().popularityWeight, locale(), 2) })
                                  : '',
                              ]
                                .filter(Boolean)
                                .join(' '),
                        items: formatCount(m().items, locale()),
                        buyers: formatCount(m().buyers, locale()),
                      })}{' '}
                      <Show when={m().hitRate !== null}>
                        {trf('recModelTest', {
                          held: formatCount(m().heldBuyers, locale()),
                          hit: formatPercent(m().hitRate ?? 0, locale()),
                          pop: formatPercent(m().popularityHitRate ?? 0, locale()),
                        })}
                      </Show>
                    </p>
                  )}
                </Show>
                <Show when={bundles(all()).length} fallback={<p class="muted">{tr('insNoBundles')}</p>}>
                  <p class="muted small">{tr('insBundlesOrder')}</p>
                  <DataTable
                    caption={tr('insBundles')}
                    hideCaption
                    testid="bundles"
                    rows={bundles(all()).slice(0, 20)}
                    columns={[
                      {
                        // Both products in the first column: a phone card shows it as its title.
                        label: 'A + B',
                        key: (p) => `${p.a} + ${p.b}`,
                        value: (p) => (
                          <>
                            {p.a}
                            <div class="muted">+ {p.b}</div>
                          </>
                        ),
                      },
                      {
                        label: tr('colTogether'),
                        key: (p) => p.together,
                        fmt: 'count',
                        show: (x) => formatCount(x, locale()),
                      },
                      { label: 'Lift', key: (p) => p.lift, fmt: 'decimal', show: (x) => `${num(x)}×` },
                      { label: 'Cosine', key: (p) => p.cosine, fmt: 'decimal', show: (x) => num(x, 3) },
                      {
                        label: tr('colConfidence'),
                        key: (p) => p.confidence,
                        fmt: 'ratio',
                        show: (x) => formatPercent(x, locale()),
                      },
                    ]}
                  />
                </Show>
              </div>
            )}
          </Pending>
        </Show>
      </Show>
    </section>
  );
}
