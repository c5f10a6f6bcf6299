import { Show } from 'solid-js';
import { currencyOf } from '../../kernel/currency';
import { fileLabel } from '../../i18n/names';
import { locale, tr } from '../../app/state';
import { createEngineQuery, useDatasetInfo, useRange } from '../../app/useRange';
import { Chart } from '../../components/Chart';
import { DataTable } from '../../components/DataTable';
import { KpiGrid } from '../../components/KpiCard';
import { formatCount } from '../../format/number';
import { SERVICE_METRICS } from '../../metrics/registry';
import { MissingExport } from '../traffic/TrafficPage';

/** Shopee's chat response-rate target. */
const RESPONSE_TARGET = 0.7;

export function ServicePage() {
  const { range, compare } = useRange();
  const info = useDatasetInfo();
  const [data] = createEngineQuery('serviceMetrics', () => [range()]);
  return (
    <section class="page" data-testid="page-service">
      <h1>{tr('page_service')}</h1>
      <Show when={data()}>
        {(d) => (
          <Show
            when={d().hasChat}
            fallback={<MissingExport what="noChatTitle" where="noChatWhere" testid="service-empty" />}
          >
            <KpiGrid
              testid="service-kpis"
              ids={SERVICE_METRICS}
              current={d().current}
              previous={d().previous}
              currency={currencyOf(info())}
              compare={compare()}
            />
            <Show when={d().series.length}>
              <div class="card">
                <h2>{tr('responseTrend')}</h2>
                <Chart
                  title={tr('responseTrend')}
                  x={d().series.map((p) => p.day)}
                  currency={currencyOf(info())}
                  series={[
                    {
                      label: tr('colResponseRate'),
                      values: d().series.map((p) =>
                        p.values.chats ? (p.values.chats_replied ?? 0) / p.values.chats : null,
                      ),
                      color: 'var(--chart-2)',
                      kind: 'line',
                      unit: 'ratio',
                    },
                    {
                      label: tr('shopeeTarget'),
                      values: d().series.map(() => RESPONSE_TARGET),
                      color: 'var(--bad)',
                      kind: 'line',
                      unit: 'ratio',
                      dashed: true,
                    },
                    {
                      label: tr('colChats'),
                      values: d().series.map((p) => p.values.chats ?? null),
                      color: 'var(--chart-3)',
                      kind: 'bars',
                      unit: 'count',
                    },
                  ]}
                />
              </div>
            </Show>
            <div class="card">
              <DataTable
                caption={tr('csatBreakdown')}
                testid="csat-breakdown"
                rows={d().csatBreakdown}
                columns={[
                  { label: tr('colRating'), value: (r) => fileLabel(locale(), 'csat_', r.metric) },
                  { label: tr('colCount'), key: (r) => r.value, fmt: 'count', show: (x) => formatCount(x, locale()) },
                ]}
              />
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
