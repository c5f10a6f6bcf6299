import { createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import { tr } from '../app/state';

/** One cell of a heat table: its shade (0–1), the short text in the cell, and the exact figure a tap shows. */
export interface HeatCell {
  shade: number;
  text: string;
  detail: string;
}

export interface HeatRow {
  label: string;
  /** A second line under the label (a cohort's size). */
  sub?: string;
  /** Cells in column order; `null` where the row has no value (the unfilled corner of a cohort triangle). */
  cells: (HeatCell | null)[];
}

/**
 * A matrix whose colour carries the value: the weekday × hour heatmap, the cohort matrix. Row labels stay in
 * view (sticky) while the cells scroll sideways, cells take the width of their text so they never overlap,
 * and a tap, a click or the arrow keys select a cell, whose exact figure shows under the table.
 */
export function HeatTable(props: {
  testid: string;
  caption: string;
  corner: string;
  columns: string[];
  rows: HeatRow[];
  captionVisible?: boolean;
}) {
  // The rows are built by the page (a getter): build them once per change, not once per cell.
  const rows = createMemo(() => props.rows);
  const [at, setAt] = createSignal<[number, number] | null>(null);
  const selected = () => {
    const p = at();
    return p ? (rows()[p[0]]?.cells[p[1]] ?? null) : null;
  };
  const firstCell = (): [number, number] | null => {
    for (let r = 0; r < rows().length; r++) {
      const c = rows()[r].cells.findIndex((x) => x !== null);
      if (c >= 0) return [r, c];
    }
    return null;
  };
  // One tab stop for the whole grid (the selected cell, or the first), arrows move within it.
  const tabStop = createMemo(() => at() ?? firstCell());
  let table: HTMLTableElement | undefined;
  // Whether cells lie beyond the right edge: the wrapper then shades that edge.
  const [more, setMore] = createSignal(false);
  const measure = (el: HTMLElement) => setMore(el.scrollLeft + el.clientWidth < el.scrollWidth - 1);
  const watch = (el: HTMLDivElement) => {
    const ro = new ResizeObserver(() => measure(el));
    ro.observe(el);
    onCleanup(() => ro.disconnect());
  };
  const move = (e: KeyboardEvent, r: number, c: number) => {
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const d = step[e.key];
    if (!d) return;
    e.preventDefault();
    const [nr, nc] = [r + d[0], c + d[1]];
    if (!rows()[nr]?.cells[nc]) return;
    setAt([nr, nc]);
    table?.querySelector<HTMLElement>(`[data-cell="${nr}-${nc}"]`)?.focus();
  };
  const cell = (c: HeatCell | null, r: number, i: number): JSX.Element => {
    if (!c) return <td class="heat-none" />;
    const isAt = () => at()?.[0] === r && at()?.[1] === i;
    const isStop = () => tabStop()?.[0] === r && tabStop()?.[1] === i;
    return (
      <td style={{ '--heat': Math.max(0, Math.min(1, c.shade)).toFixed(3) }}>
        <button
          type="button"
          class="heat-cell"
          data-cell={`${r}-${i}`}
          tabindex={isStop() ? 0 : -1}
          aria-pressed={isAt()}
          title={c.detail}
          onClick={() => setAt([r, i])}
          onFocus={() => setAt([r, i])}
          onKeyDown={(e) => move(e, r, i)}
        >
          {c.text}
          <span class="sr-only"> · {c.detail}</span>
        </button>
      </td>
    );
  };
  return (
    <div>
      <div class="heat-frame" data-more={more() ? '' : undefined}>
        <div class="table-wrap" ref={watch} onScroll={(e) => measure(e.currentTarget)}>
          <table class="heatmap" data-testid={props.testid} ref={table}>
            <caption class={props.captionVisible ? undefined : 'sr-only'}>{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col" class="heat-corner">
                  {props.corner}
                </th>
                <For each={props.columns}>{(h) => <th scope="col">{h}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row, r) => (
                  <tr>
                    <th scope="row">
                      {row.label}
                      <Show when={row.sub}>
                        <span class="heat-sub">{row.sub}</span>
                      </Show>
                    </th>
                    <For each={row.cells}>{(c, i) => cell(c, r(), i())}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </div>
      <p class="heat-readout small" aria-live="polite" data-testid={`${props.testid}-readout`}>
        {selected()?.detail ?? tr('heatTap')}
      </p>
    </div>
  );
}
