import { createEffect, createMemo, createRoot, createSignal, For, getOwner, type JSX, on, runWithOwner, Show } from 'solid-js';
import { TABLE_PAGE_SIZE } from '../app/pages';
import { locale, tr, trf } from '../app/state';
import { engine } from '../app/useRange';
import { downloadBlob, downloadBytes, toCsv, XLSX_MIME } from '../format/csv';
import { formatCount } from '../format/number';

export interface Column<T> {
  label: string;
  value: (row: T) => JSX.Element;
  numeric?: boolean;
  /** The value for downloads (a number stays a number); by default the cell's text as shown. */
  raw?: (row: T) => string | number | null;
}

/** The plain text of a rendered cell: a fragment's parts (a name and its detail line) joined by " · ". */
function textOf(v: unknown): string {
  if (v === null || v === undefined || typeof v === 'boolean') return '';
  if (typeof v === 'function') return textOf((v as () => unknown)());
  if (Array.isArray(v)) return v.map(textOf).filter(Boolean).join(' · ');
  if (typeof Node !== 'undefined' && v instanceof Node) return (v.textContent ?? '').trim();
  return String(v).trim();
}

const fileStem = (caption: string) => `toko-insight-${caption.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'tabel'}`;

/**
 * A plain, accessible table with a caption; numbers right-aligned. Long tables show their first rows with
 * "show more" and "show all"; the CSV and Excel downloads always hold every row.
 */
export function DataTable<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; testid?: string }) {
  const owner = getOwner();
  const [limit, setLimit] = createSignal(TABLE_PAGE_SIZE);
  // New data (another period, another filter) starts again from the first page.
  createEffect(on(() => props.rows, () => setLimit(TABLE_PAGE_SIZE), { defer: true }));
  const shown = createMemo(() => (props.rows.length > limit() ? props.rows.slice(0, limit()) : props.rows));
  /** Every row's cells as text (or their raw values where a column gives them), rendered off-screen. */
  const cells = () =>
    runWithOwner(owner, () =>
      createRoot((dispose) => {
        const out = props.rows.map((r) => props.columns.map((c) => (c.raw ? c.raw(r) : textOf(c.value(r)))));
        dispose();
        return out;
      }),
    ) ?? [];
  const header = () => props.columns.map((c) => c.label);
  const downloadCsv = () => downloadBlob(`${fileStem(props.caption)}.csv`, new Blob([toCsv(header(), cells())], { type: 'text/csv;charset=utf-8' }));
  const downloadXlsx = async () => {
    const bytes = await engine().exportWorkbook([{ name: props.caption, header: header(), rows: cells() }]);
    downloadBytes(`${fileStem(props.caption)}.xlsx`, bytes, XLSX_MIME);
  };
  return (
    <div class="table-wrap">
      <Show when={props.rows.length}>
        <div class="table-actions">
          <button type="button" class="secondary small-button" onClick={downloadCsv} aria-label={`${tr('downloadCsv')}: ${props.caption}`} data-testid={props.testid ? `${props.testid}-csv` : undefined}>
            CSV
          </button>
          <button type="button" class="secondary small-button" onClick={downloadXlsx} aria-label={`${tr('downloadXlsx')}: ${props.caption}`} data-testid={props.testid ? `${props.testid}-xlsx` : undefined}>
            Excel
          </button>
        </div>
      </Show>
      <table data-testid={props.testid} data-rows={props.rows.length}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th classList={{ num: c.numeric }} scope="col">{c.label}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <Show when={props.rows.length} fallback={<tr><td colspan={props.columns.length} class="muted">{tr('noRows')}</td></tr>}>
            <For each={shown()}>
              {(r) => (
                <tr>
                  <For each={props.columns}>{(c) => <td classList={{ num: c.numeric }}>{c.value(r)}</td>}</For>
                </tr>
              )}
            </For>
          </Show>
        </tbody>
      </table>
      <Show when={props.rows.length > shown().length}>
        <div class="table-more">
          <span class="muted small">{trf('rowsShown', { shown: formatCount(shown().length, locale()), total: formatCount(props.rows.length, locale()) })}</span>
          <button type="button" class="secondary small-button" onClick={() => setLimit((n) => n + TABLE_PAGE_SIZE)} data-testid={props.testid ? `${props.testid}-more` : undefined}>
            {trf('showMore', { n: String(Math.min(TABLE_PAGE_SIZE, props.rows.length - shown().length)) })}
          </button>
          <button type="button" class="secondary small-button" onClick={() => setLimit(props.rows.length)} data-testid={props.testid ? `${props.testid}-all` : undefined}>
            {tr('showAll')}
          </button>
        </div>
      </Show>
    </div>
  );
}
