import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { bumpDataVersion, dataVersion, engineStatus, locale, tr } from '../../app/state';
import { KpiCard } from '../../components/KpiCard';
import type { EngineApi, FileImportReport } from '../../engine/api';
import { formatCount } from '../../format/number';
import { errorText, noteText } from '../../i18n/problems';
import type { StringKey } from '../../i18n/ui';
import { INCOME_METRICS, ORDER_METRICS } from '../../metrics/definitions';

interface PendingReport {
  key: number;
  fileName: string;
  report: FileImportReport | null;
}

let nextKey = 0;

function engine(): EngineApi {
  const s = engineStatus();
  if (s?.state !== 'ready') throw new Error('engine not ready');
  return s.engine;
}

function ReportItem(props: { item: PendingReport }) {
  const r = () => props.item.report;
  const status = () => r()?.status ?? 'pending';
  return (
    <li class={`report report-${status()}`} data-testid="import-report" data-status={status()} data-file={props.item.fileName}>
      <div class="report-head">
        <strong>{props.item.fileName}</strong>
        <span class="badge">{status() === 'pending' ? tr('pending') : status() === 'ok' ? tr('ok') : tr('error')}</span>
        <Show when={r()?.kind}>{(k) => <span class="muted">{tr(`kind_${k()}` as StringKey)}</span>}</Show>
      </div>
      <Show when={r()?.status === 'ok'}>
        <p class="counts">
          {formatCount(r()?.rowsRead ?? 0, locale())} {tr('rowsRead')} · {formatCount(r()?.added ?? 0, locale())}{' '}
          {tr('added')} · {formatCount(r()?.updated ?? 0, locale())} {tr('updated')} ·{' '}
          {formatCount(r()?.unchanged ?? 0, locale())} {tr('unchanged')}
        </p>
      </Show>
      <Show when={r()?.error}>{(e) => <p class="error-text" data-testid="import-error">{errorText(locale(), e())}</p>}</Show>
      <Show when={r()?.notes.length}>
        <ul class="notes">
          <For each={r()?.notes}>{(n) => <li class={`note-${n.level}`}>{noteText(locale(), n)}</li>}</For>
        </ul>
      </Show>
    </li>
  );
}

export function DataPage() {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string }>();
  const [reports, setReports] = createSignal<PendingReport[]>([]);
  const [dragging, setDragging] = createSignal(false);

  const [kpis] = createResource(
    () => ({ v: dataVersion(), from: params.from, to: params.to }),
    ({ from, to }) => engine().kpis({ from: from || undefined, to: to || undefined }),
  );
  const [info] = createResource(dataVersion, () => engine().datasetInfo());
  const [imports] = createResource(dataVersion, () => engine().listImports());

  async function importFiles(files: File[]) {
    if (!files.length) return;
    const items = files.map((f) => ({ key: nextKey++, fileName: f.name, report: null }));
    setReports((prev) => [...items, ...prev]);
    let i = 0;
    await engine().importFiles(
      files.map((f) => ({ name: f.name, data: f })),
      (report) => {
        const key = items[i++].key;
        setReports((prev) => prev.map((p) => (p.key === key ? { ...p, report } : p)));
      },
    );
    bumpDataVersion();
  }

  async function remove(id: number) {
    if (!confirm(tr('removeConfirm'))) return;
    await engine().removeImport(id);
    bumpDataVersion();
  }

  const currency = () => info()?.currency ?? 'IDR';

  return (
    <div class="page data-page">
      <h1>{tr('dataTitle')}</h1>
      <p class="muted">{tr('tagline')}</p>
      <Show when={engineStatus()?.state === 'ready' && !(engineStatus() as { persistent: boolean }).persistent}>
        <p class="status warning">{tr('notPersistent')}</p>
      </Show>

      <fieldset
        class="dropzone"
        classList={{ dragging: dragging() }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void importFiles([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <p>{tr('dropHint')}</p>
        <label class="button">
          {tr('chooseFiles')}
          <input
            type="file"
            multiple
            accept=".xlsx,.xls,.csv"
            data-testid="import-input"
            class="sr-only"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void importFiles(files);
            }}
          />
        </label>
        <p class="muted small">{tr('whereToDownload')}</p>
      </fieldset>

      <Show when={reports().length}>
        <section>
          <h2>{tr('importReports')}</h2>
          <ul class="reports">
            <For each={reports()}>{(item) => <ReportItem item={item} />}</For>
          </ul>
        </section>
      </Show>

      <section>
        <h2>{tr('kpis')}</h2>
        <div class="range">
          <label>
            {tr('from')}{' '}
            <input
              type="date"
              data-testid="range-from"
              value={params.from ?? kpis()?.range.from ?? ''}
              onChange={(e) => setParams({ from: e.currentTarget.value || undefined })}
            />
          </label>
          <label>
            {tr('to')}{' '}
            <input
              type="date"
              data-testid="range-to"
              value={params.to ?? kpis()?.range.to ?? ''}
              onChange={(e) => setParams({ to: e.currentTarget.value || undefined })}
            />
          </label>
          <button type="button" class="link" onClick={() => setParams({ from: undefined, to: undefined })}>
            {tr('allTime')}
          </button>
        </div>
        <Show when={kpis()}>
          {(k) => (
            <>
              <div class="kpi-grid" data-testid="order-kpis">
                <For each={ORDER_METRICS}>
                  {(id) => <KpiCard id={id} value={k().values[id]} previous={k().previous[id]} currency={currency()} />}
                </For>
              </div>
              <h3>{tr('income')}</h3>
              <div class="kpi-grid" data-testid="income-kpis">
                <For each={INCOME_METRICS}>
                  {(id) => <KpiCard id={id} value={k().values[id]} previous={k().previous[id]} currency={currency()} />}
                </For>
              </div>
            </>
          )}
        </Show>
      </section>

      <section>
        <h2>{tr('imports')}</h2>
        <Show when={imports()?.length} fallback={<p class="empty" data-testid="no-imports">{tr('noImports')}</p>}>
          <div class="table-wrap">
            <table class="imports" data-testid="imports">
              <thead>
                <tr>
                  <th>{tr('fileName')}</th>
                  <th>{tr('kind')}</th>
                  <th>{tr('periodCol')}</th>
                  <th class="num">{tr('rows')}</th>
                  <th>{tr('importedAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={imports()}>
                  {(im) => (
                    <tr data-testid="import-row" data-import-id={im.id}>
                      <td>{im.fileName}</td>
                      <td>{tr(`kind_${im.kind}` as StringKey)}</td>
                      <td>
                        {im.firstDate} – {im.lastDate}
                      </td>
                      <td class="num">{formatCount(im.rowsRead, locale())}</td>
                      <td>{new Date(im.importedAt).toLocaleString(locale() === 'id' ? 'id-ID' : 'en-GB')}</td>
                      <td>
                        <button type="button" class="link danger" onClick={() => remove(im.id)}>
                          {tr('remove')}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>
    </div>
  );
}
