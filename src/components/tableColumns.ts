import type { JSX } from 'solid-js';
import type { Fmt } from '../kernel/units';

export interface Column<T> {
  label: string;
  /** The cell. A figure column leaves it out: it shows its key through `show`, or "–" when there is none. */
  value?: (row: T) => JSX.Element;
  /** Right-aligned; a figure column (one with `show`) is numeric unless it says otherwise. */
  numeric?: boolean;
  /** The value behind the cell: what the column sorts by; a number goes to Excel as a number in `fmt`, a date (`fmt: 'date'`) as YYYY-MM-DD. */
  key?: (row: T) => number | string | null | undefined;
  fmt?: Fmt;
  show?: (v: number) => JSX.Element;
  /** The export that fills this column: when no row has a value, the column is left out and a note names it. */
  filledBy?: string;
}

/** The columns to show: those with `filledBy` go when no row has a value (they are listed in `missing`). */
export function presentColumns<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
): { columns: Column<T>[]; missing: Column<T>[] } {
  const empty = (c: Column<T>) =>
    c.filledBy !== undefined &&
    c.key !== undefined &&
    rows.every((r) => {
      const k = c.key?.(r);
      return k === null || k === undefined;
    });
  return { columns: columns.filter((c) => !empty(c)), missing: columns.filter(empty) };
}

export const isNumeric = <T>(c: Column<T>) => c.numeric ?? c.show !== undefined;

/** How many figures a row of the phone list shows before its "more" detail. */
const LIST_FIGURES = 3;

/**
 * The phone list's figures: the column sorted by, then money columns, then the other figures, then text, up
 * to LIST_FIGURES; every other column (the first is the row's label) goes into the row's detail.
 */
export function listColumns<T>(
  columns: readonly Column<T>[],
  sortedBy: number | null,
): { figures: number[]; rest: number[] } {
  const candidates = columns.map((_, i) => i).filter((i) => i > 0);
  const rank = (i: number) => (i === sortedBy ? 0 : columns[i].fmt === 'money' ? 1 : isNumeric(columns[i]) ? 2 : 3);
  const figures = [...candidates]
    .sort((a, b) => rank(a) - rank(b) || a - b)
    .slice(0, LIST_FIGURES)
    .sort((a, b) => a - b);
  return { figures, rest: candidates.filter((i) => !figures.includes(i)) };
}
