import { shopSelection } from '../../app/shops';
import { createSignal, For, Show } from 'solid-js';
import { currencyOf } from '../../kernel/currency';
import { type ImportItem, importItems, startImport } from '../../app/imports';
import { MoveImport, ShopControls } from './ShopControls';
import { bumpDataVersion, engineStatus, locale, tr, trf } from '../../app/state';
import { createEngineQuery, engine, useDatasetInfo, useRange } from '../../app/useRange';
import type { ImportRecord } from '../../engine/api';
import { LoadSampleButton } from '../../components/EmptyState';
import { ReportItem } from '../../components/ImportReport';
import { KpiCard, KpiGrid, KpiGridSkeleton } from '../../components/KpiCard';
import { Pending } from '../../components/Skeleton';
import { downloadBytes } from '../../format/csv';
import { formatCount } from '../../format/number';
import { INCOME_METRICS, ORDER_METRICS, WALLET_METRICS } from '../../metrics/registry';

/** Batches longer than this show their finished files' reports one tap away, behind the summary. */
const OPEN_REPORTS = 5;

/**
 * The import reports: one summary line for all files (done, errors, rows, added, updated), then the files
 * still pending and those that failed, then every successful file's report (one tap away in a long batch).
 */
function ImportSummary(props: { items: ImportItem[] }) {
  const done = () => props.items.filter((i) => i.report);
  const ok = () => props.items.filter((i) => i.report?.status === 'ok');
  const first = () => props.items.filter((i) => i.report?.status !== 'ok');
  const total = (k: 'rowsRead' | 'added' | 'updated') =>
    formatCount(
      ok().reduce((n, i) => n + (i.report?.[k] ?? 0), 0),
      locale(),
    );
  return (
    <section data-testid="import-summary">
      <h2>{tr('importReports')}</h2>
      <p class="counts" data-testid="import-totals">
        {trf('importTotals', {
          done: formatCount(done().length, locale()),
          files: formatCount(props.items.length, locale()),
          errors: formatCount(done().length - ok().length, locale()),
          rows: total('rowsRead'),
          added: total('added'),
          updated: total('updated'),
        })}
      </p>
      <Show when={first().length}>
        <ul class="reports">
          <For each={first()}>{(item) => <ReportItem item={item} />}</For>
        </ul>
      </Show>
      <Show when={ok().length}>
        <Show
          when={props.items.length > OPEN_REPORTS}
          fallback={
            <ul class="reports">
              <For each={ok()}>{(item) => <ReportItem item={item} />}</For>
            </ul>
          }
        >
          <details class="all-reports">
            <summary>{trf('importOkReports', { n: formatCount(ok().length, locale()) })}</summary>
            <ul class="reports">
              <For each={ok()}>{(item) => <ReportItem item={item} />}</For>
            </ul>
          </details>
        </Show>
      </Show>
    </section>
  );
}

interface ImportGroup {
  kind: ImportRecord['kind'];
  items: ImportRecord[];
  rows: number;
  first: string | null;
  last: string | null;
}

/** Stored files by export kind, in the order they first appear; each group's period spans its files. */
function importGroups(imports: ImportRecord[]): ImportGroup[] {
  const groups = new Map<string, ImportGroup>();
  for (const im of imports) {
    let g = groups.get(im.kind);
    if (!g) {
      g = { kind: im.kind, items: [], rows: 0, first: null, last: null };
      groups.set(im.kind, g);
    }
    g.items.push(im);
    g.rows += im.rowsRead;
    if (im.firstDate && (!g.first || im.firstDate < g.first)) g.first = im.firstDate;
    if (im.lastDate && (!g.last || im.lastDate > g.last)) g.last = im.lastDate;
  }
  return [...groups.values()];
}

export function DataPage() {
  const { range, compare } = useRange();
  const [dragging, setDragging] = createSignal(false);
  const info = useDatasetInfo();
  const [kpis] = createEngineQuery('kpis', () => [range()]);
  const [imports] = createEngineQuery('listImports');
  const [cash] = createEngineQuery('cash', () => [range()]);

  const importFiles = (files: File[]) =>
    startImport(
      engine(),
      files.map((f) => ({ name: f.name, data: f })),
    );

  async function remove(id: number) {
    if (!confirm(tr('removeConfirm'))) return;
    await engine().removeImport(id);
    bumpDataVersion();
  }

  const currency = () => currencyOf(info());

  return (
    <div class="page data-page" data-testid="page-data">
      <h1>{tr('dataTitle')}</h1>
      <p class="muted">{tr('tagline')}</p>
      <Show when={engineStatus()?.state === 'ready' && !(engineStatus() as { persistent: boolean }).persistent}>
        <p class="status warning">{tr('notPersistent')}</p>
      </Show>

      <ShopControls />

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
        <p>
          <LoadSampleButton />
        </p>
      </fieldset>

      <Show when={importItems().length}>
        <ImportSummary items={importItems()} />
      </Show>

      <section>
        <h2>{tr('kpis')}</h2>
        <Pending
          of={kpis}
          skeleton={
            <>
              <KpiGridSkeleton ids={ORDER_METRICS} />
              <h3>{tr('income')}</h3>
              <KpiGridSkeleton ids={INCOME_METRICS} />
              <div class="toolbar">
                <button type="button" class="secondary small-button" disabled>
                  {tr('exportData')}
                </button>
              </div>
            </>
          }
        >
          {(k) => (
            <>
              <div class="kpi-grid" data-testid="order-kpis">
                <For each={ORDER_METRICS}>
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
              </div>
              <h3>{tr('income')}</h3>
              <div class="kpi-grid" data-testid="income-kpis">
                <For each={INCOME_METRICS}>
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
              </div>
              <Show when={cash()?.hasData ? cash() : undefined}>
                {(c) => (
                  <>
                    <h3>{tr('kind_balance')}</h3>
                    <KpiGrid
                      testid="wallet-kpis"
                      ids={WALLET_METRICS}
                      current={c().kpis.current}
                      previous={c().kpis.previous}
                      currency={currency()}
                      compare={compare()}
                    />
                  </>
                )}
              </Show>
              <div class="toolbar">
                <button
                  type="button"
                  class="secondary small-button"
                  data-testid="export-data"
                  onClick={async () => {
                    const d = await engine().exportData(k().range, locale(), shopSelection());
                    downloadBytes(d.fileName, d.bytes, d.mime);
                  }}
                >
                  {tr('exportData')}
                </button>
              </div>
            </>
          )}
        </Pending>
      </section>

      <section>
        <h2>{tr('imports')}</h2>
        <Show
          when={imports()?.length}
          fallback={
            <p class="empty" data-testid="no-imports">
              {tr('noImports')}
            </p>
          }
        >
          <div class="import-groups">
            <For each={importGroups(imports() ?? [])}>
              {(g) => (
                <details class="import-group" data-testid="import-group" data-kind={g.kind}>
                  <summary>
                    <strong>{tr(`kind_${g.kind}`)}</strong>
                    <span class="muted">
                      {trf('importGroup', {
                        files: formatCount(g.items.length, locale()),
                        rows: formatCount(g.rows, locale()),
                      })}
                      <Show when={g.first}>
                        {' · '}
                        <span class="nowrap">
                          {g.first} – {g.last}
                        </span>
                      </Show>
                    </span>
                  </summary>
                  <ul class="import-files">
                    <For each={g.items}>
                      {(im) => (
                        <li data-testid="import-row" data-import-id={im.id}>
                          <span class="import-name">{im.fileName}</span>
                          <span class="muted">
                            {im.firstDate} – {im.lastDate} · {formatCount(im.rowsRead, locale())} {tr('rows')} ·{' '}
                            {new Date(im.importedAt).toLocaleString(locale() === 'id' ? 'id-ID' : 'en-GB')}
                          </span>
                          <button type="button" class="link danger" onClick={() => remove(im.id)}>
                            {tr('remove')}
                          </button>
                          <MoveImport record={im} />
                        </li>
                      )}
                    </For>
                  </ul>
                </details>
              )}
            </For>
          </div>
        </Show>
      </section>
    </div>
  );
}
