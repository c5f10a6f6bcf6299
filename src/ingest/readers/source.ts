import type { Cell } from '../values';

/** A merged cell range, 0-based and inclusive, as SheetJS reports it. */
export interface MergeRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/**
 * One data row as the importer reads it: any cell through {@link RowView.cell}, and for a CSV file read
 * from its bytes, an unquoted cell's UTF-8 bytes, which the fast paths read without making a string.
 */
export interface RowView {
  /** How many cells the row has. */
  readonly count: number;
  /** The cell as the full parsers take it. */
  cell(col: number): Cell;
  /** The bytes that {@link RowView.start} and {@link RowView.end} index. */
  readonly buf: Uint8Array;
  /** Where the bytes of an unquoted CSV cell start, or -1 when the cell must be read through `cell`. */
  start(col: number): number;
  /** Where they end (exclusive); only meaningful when `start` is not -1. */
  end(col: number): number;
}

/** One sheet of a workbook, or the single table of a CSV file, read row by row. */
export interface SheetSource {
  name: string;
  /** The first `n` rows (fewer if the sheet is shorter). */
  head(n: number): Cell[][];
  /** Calls back for each row from `start` (0-based). The cell array may be reused between calls. */
  forEachRow(start: number, cb: (cells: readonly Cell[], rowIndex: number) => void): void;
  /** Like `forEachRow`, with each row as a reused view over the file's bytes (CSV only). */
  forEachRecord?(start: number, cb: (row: RowView, rowIndex: number) => void): void;
  merges: MergeRange[];
}

export interface WorkbookSource {
  format: 'xlsx' | 'csv';
  sheets: SheetSource[];
}

/** Spreadsheet column letters for a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A workbook that cannot be read: damaged (or cut short), or protected by a password. */
export class WorkbookReadError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'password',
    detail: string,
  ) {
    super(detail);
  }
}
