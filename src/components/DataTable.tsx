import { For, type JSX, Show } from 'solid-js';
import { tr } from '../app/state';
import { engine } from '../app/useRange';
import { downloadBlob, downloadBytes, toCsv, XLSX_MIME } from '../format/csv';

export interface Column<T> {
  label: string;
  value: (row: T) => JSX.Element;
  numeric?: boolean;
  /** The value for downloads (a number stays a number); by default the cell's text as shown. */
  raw?: (row: T) => string | number | null;
}

const fileStem = (caption: string) => `toko-insight-${caption.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'tabel'}`;

/** A plain, accessible table with a caption; numbers right-aligned; downloadable as CSV or Excel. */
export function DataTable<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; testid?: string }) {
  let table!: HTMLTableElement;
  /** The rows as shown (or their raw values where a column gives them). */
  const cells = () => {
    const bodyRows = [...table.tBodies[0].rows];
    return props.rows.map((r, i) =>
      props.columns.map((c, j) => (c.raw ? c.raw(r) : (bodyRows[i]?.cells[j]?.textContent ?? '').trim())),
    );
  };
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
      <table data-testid={props.testid} ref={table}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th classList={{ num: c.numeric }} scope="col">{c.label}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <Show when={props.rows.length} fallback={<tr><td colspan={props.columns.length} class="muted">{tr('noRows')}</td></tr>}>
            <For each={props.rows}>
              {(r) => (
                <tr>
                  <For each={props.columns}>{(c) => <td classList={{ num: c.numeric }}>{c.value(r)}</td>}</For>
                </tr>
              )}
            </For>
          </Show>
        </tbody>
      </table>
    </div>
  );
}
