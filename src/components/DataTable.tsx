import { For, type JSX, Show } from 'solid-js';
import { tr } from '../app/state';

export interface Column<T> {
  label: string;
  value: (row: T) => JSX.Element;
  numeric?: boolean;
}

/** A plain, accessible table with a caption; numbers right-aligned. */
export function DataTable<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; testid?: string }) {
  return (
    <div class="table-wrap">
      <table data-testid={props.testid}>
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
