import { createMemo, createRoot, createSignal, For, getOwner, type JSX, runWithOwner, Show } from 'solid-js';
import { currencyOf } from '../kernel/currency';
import { TABLE_PAGE_SIZE } from '../app/pages';
import { locale, narrow, tr, trf } from '../app/state';
import { engine } from '../app/useRange';
import { downloadBlob, downloadBytes, toCsv, XLSX_MIME } from '../format/csv';
import { formatCount } from '../format/number';
import { excelCell, excelDate } from '../format/figures';
import type { CellValue } from '../format/workbook';
import { type Column, isNumeric, listColumns, presentColumns } from './tableColumns';

export type { Column };

/** A column's key, with a missing or non-finite figure as null. */
function keyOf<T>(c: Column<T>, r: T): number | string | null {
  const k = c.key?.(r);
  return k === undefined || k === null || (typeof k === 'number' && !Number.isFinite(k)) ? null : k;
}

function cell<T>(c: Column<T>, r: T): JSX.Element {
  if (c.value) return c.value(r);
  const k = keyOf(c, r);
  return k === null ? '–' : typeof k === 'number' && c.show ? c.show(k) : String(k);
}

/** The plain text of a rendered cell: a fragment's parts (a name and its detail line) joined by " · ". */
function textOf(v: unknown): string {
  if (v === null || v === undefined || typeof v === 'boolean') return '';
  if (typeof v === 'function') return textOf((v as () => unknown)());
  if (Array.isArray(v)) return v.map(textOf).filter(Boolean).join(' · ');
  if (typeof HTMLInputElement !== 'undefined' && v instanceof HTMLInputElement) return v.value;
  if (typeof Node !== 'undefined' && v instanceof Node) return (v.textContent ?? '').trim();
  return String(v).trim();
}

/** Sort order of two keys: figures by size, text alphabetically; rows without a value always last. */
function compareKeys(a: number | string | null, b: number | string | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * dir;
  return String(a).localeCompare(String(b), locale()) * dir;
}

const fileStem = (caption: string) =>
  `toko-insight-${
    caption
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'tabel'
  }`;

/**
 * A plain, accessible table with a caption; numbers right-aligned. A column with a key sorts when its
 * header is clicked (largest first, then smallest first, then the table's own order). Long tables show their
 * first rows with "show more" and "show all". The CSV holds every row as shown; the Excel file holds every
 * row with figures as real numbers. On a phone it is a list: each row its label and key figures (see
 * listColumns), the other columns one tap away, and the sort in a picker.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  testid?: string;
  class?: string;
  /** The card already shows the caption as its heading: kept for screen readers and file names only. */
  hideCaption?: boolean;
  /** `data-*` attributes of a row (its row or its card on a phone): what tests and links find it by. */
  rowData?: (r: T) => Record<`data-${string}`, string>;
}) {
  const owner = getOwner();
  // Columns no row fills (an export not imported) are left out of the view; the downloads keep every column.
  const present = createMemo(() => presentColumns(props.columns, props.rows));
  const columns = () => present().columns;
  const [limit, setLimit] = createSignal(TABLE_PAGE_SIZE);
  const [sort, setSort] = createSignal<{ col: number; dir: 1 | -1 } | null>(null);
  const sorted = createMemo(() => {
    const s = sort();
    const col = s && columns()[s.col];
    if (!s || !col?.key) return props.rows;
    const keyed = props.rows.map((r, i) => ({ r, i, k: keyOf(col, r) }));
    keyed.sort((a, b) => compareKeys(a.k, b.k, s.dir) || a.i - b.i);
    return keyed.map((x) => x.r);
  });
  const shown = createMemo(() => (sorted().length > limit() ? sorted().slice(0, limit()) : sorted()));
  /** Next sort on a header click: figures start largest first, text A to Z; the third click restores the order. */
  const toggle = (col: number) => {
    const first: 1 | -1 = isNumeric(columns()[col]) ? -1 : 1;
    const s = sort();
    setSort(s?.col !== col ? { col, dir: first } : s.dir === first ? { col, dir: first === 1 ? -1 : 1 } : null);
  };
  const ariaSort = (col: number) => {
    const s = sort();
    return s?.col === col ? (s.dir === 1 ? 'ascending' : 'descending') : undefined;
  };
  /** Every row in the shown order, each cell through `get` (rendered off-screen, so rows not shown count too). */
  const cells = <V,>(get: (c: Column<T>, r: T) => V): V[][] =>
    runWithOwner(owner, () =>
      createRoot((dispose) => {
        const out = sorted().map((r) => props.columns.map((c) => get(c, r)));
        dispose();
        return out;
      }),
    ) ?? [];
  const header = () => props.columns.map((c) => c.label);
  const downloadCsv = () =>
    downloadBlob(
      `${fileStem(props.caption)}.csv`,
      new Blob(
        [
          toCsv(
            header(),
            cells((c, r) => textOf(cell(c, r))),
          ),
        ],
        { type: 'text/csv;charset=utf-8' },
      ),
    );
  const downloadXlsx = async () => {
    const currency = currencyOf(await engine().datasetInfo());
    const rows = cells((c, r): CellValue => {
      const k = keyOf(c, r);
      if (typeof k === 'number' && c.fmt) return excelCell(k, c.fmt, currency);
      return typeof k === 'string' && c.fmt === 'date' ? excelDate(k) : textOf(cell(c, r));
    });
    const bytes = await engine().exportWorkbook([{ name: props.caption, header: header(), rows }]);
    downloadBytes(`${fileStem(props.caption)}.xlsx`, bytes, XLSX_MIME);
  };
  return (
    <div class="table-wrap">
      <Show when={props.rows.length}>
        <div class="table-actions">
          <button
            type="button"
            class="secondary small-button"
            onClick={downloadCsv}
            aria-label={`${tr('downloadCsv')}: ${props.caption}`}
            data-testid={props.testid ? `${props.testid}-csv` : undefined}
          >
            CSV
          </button>
          <button
            type="button"
            class="secondary small-button"
            onClick={downloadXlsx}
            aria-label={`${tr('downloadXlsx')}: ${props.caption}`}
            data-testid={props.testid ? `${props.testid}-xlsx` : undefined}
          >
            Excel
          </button>
        </div>
      </Show>
      <Show
        when={narrow()}
        fallback={
          <table class={props.class} data-testid={props.testid} data-rows={props.rows.length}>
            <caption classList={{ 'sr-only': props.hideCaption }}>{props.caption}</caption>
            <thead>
              <tr>
                <For each={columns()}>
                  {(c, i) => (
                    <th classList={{ num: isNumeric(c) }} scope="col" aria-sort={ariaSort(i())}>
                      <Show when={c.key && props.rows.length > 1} fallback={c.label}>
                        <button type="button" class="sort" onClick={() => toggle(i())} title={tr('sortBy')}>
                          {c.label}
                          <span aria-hidden="true">{sort()?.col === i() ? (sort()?.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                        </button>
                      </Show>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <Show
                when={props.rows.length}
                fallback={
                  <tr>
                    <td colspan={columns().length} class="muted">
                      {tr('noRows')}
                    </td>
                  </tr>
                }
              >
                <For each={shown()}>
                  {(r) => (
                    <tr {...props.rowData?.(r)}>
                      <For each={columns()}>{(c) => <td classList={{ num: isNumeric(c) }}>{cell(c, r)}</td>}</For>
                    </tr>
                  )}
                </For>
              </Show>
            </tbody>
          </table>
        }
      >
        <RowList
          caption={props.caption}
          hideCaption={props.hideCaption}
          columns={columns()}
          rows={shown()}
          total={props.rows.length}
          testid={props.testid}
          sort={sort()}
          setSort={setSort}
          rowData={props.rowData}
        />
      </Show>
      <Show when={present().missing.length}>
        <p class="muted small" data-testid={props.testid ? `${props.testid}-missing` : undefined}>
          {trf('columnsNeedExport', {
            columns: present()
              .missing.map((c) => c.label)
              .join(', '),
            source: [...new Set(present().missing.map((c) => c.filledBy))].join(', '),
          })}
        </p>
      </Show>
      <Show when={props.rows.length > shown().length}>
        <div class="table-more">
          <span class="muted small">
            {trf('rowsShown', {
              shown: formatCount(shown().length, locale()),
              total: formatCount(props.rows.length, locale()),
            })}
          </span>
          <button
            type="button"
            class="secondary small-button"
            onClick={() => setLimit((n) => n + TABLE_PAGE_SIZE)}
            data-testid={props.testid ? `${props.testid}-more` : undefined}
          >
            {trf('showMore', { n: String(Math.min(TABLE_PAGE_SIZE, props.rows.length - shown().length)) })}
          </button>
          <button
            type="button"
            class="secondary small-button"
            onClick={() => setLimit(props.rows.length)}
            data-testid={props.testid ? `${props.testid}-all` : undefined}
          >
            {tr('showAll')}
          </button>
        </div>
      </Show>
    </div>
  );
}

/** Some columns of one row as label and value pairs. */
function Figures<T>(props: { columns: Column<T>[]; which: number[]; row: T }) {
  return (
    <dl class="row-figures">
      <For each={props.which}>
        {(i) => (
          <div>
            <dt>{props.columns[i].label}</dt>
            <dd classList={{ num: isNumeric(props.columns[i]) }}>{cell(props.columns[i], props.row)}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

/** The phone form of a table: a sort picker and one card per row (label, key figures, the rest in a detail). */
function RowList<T>(props: {
  caption: string;
  hideCaption?: boolean;
  columns: Column<T>[];
  rows: T[];
  total: number;
  testid?: string;
  sort: { col: number; dir: 1 | -1 } | null;
  setSort: (s: { col: number; dir: 1 | -1 } | null) => void;
  rowData?: (r: T) => Record<`data-${string}`, string>;
}) {
  const layout = createMemo(() => listColumns(props.columns, props.sort?.col ?? null));
  const sortable = () => props.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.key && props.total > 1);
  const pick = (value: string) => {
    if (!value) return props.setSort(null);
    const [col, dir] = value.split(':').map(Number);
    props.setSort({ col, dir: dir === 1 ? 1 : -1 });
  };
  return (
    <div class="row-list-wrap">
      <p class="row-list-caption" classList={{ 'sr-only': props.hideCaption }}>
        {props.caption}
      </p>
      <Show when={sortable().length}>
        <label class="field row-sort">
          <span class="field-label">{tr('sortList')}</span>
          <select
            value={props.sort ? `${props.sort.col}:${props.sort.dir}` : ''}
            onChange={(e) => pick(e.currentTarget.value)}
            data-testid={props.testid ? `${props.testid}-sort` : undefined}
          >
            <option value="">{tr('sortDefault')}</option>
            <For each={sortable()}>
              {({ c, i }) => (
                <>
                  <option value={`${i}:-1`}>{`${c.label} ${isNumeric(c) ? '↓' : 'Z–A'}`}</option>
                  <option value={`${i}:1`}>{`${c.label} ${isNumeric(c) ? '↑' : 'A–Z'}`}</option>
                </>
              )}
            </For>
          </select>
        </label>
      </Show>
      <ul class="row-list" data-testid={props.testid} data-rows={props.total} aria-label={props.caption}>
        <Show when={props.rows.length} fallback={<li class="muted">{tr('noRows')}</li>}>
          <For each={props.rows}>
            {(r) => (
              <li class="row-card" {...props.rowData?.(r)}>
                <div class="row-label">{cell(props.columns[0], r)}</div>
                <Figures columns={props.columns} which={layout().figures} row={r} />
                <Show when={layout().rest.length}>
                  <details class="row-detail">
                    <summary>{tr('rowMore')}</summary>
                    <Figures columns={props.columns} which={layout().rest} row={r} />
                  </details>
                </Show>
              </li>
            )}
          </For>
        </Show>
      </ul>
    </div>
  );
}
