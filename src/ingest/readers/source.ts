import type { Cell } from '../values';

/** A merged cell range, 0-based and inclusive, as SheetJS reports it. */
export interface MergeRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** One sheet of a workbook, or the single table of a CSV file, read row by row. */
export interface SheetSource {
  name: string;
  /** The first `n` rows (fewer if the sheet is shorter). */
  head(n: number): Cell[][];
  /** Calls back for each row from `start` (0-based). The cell array may be reused between calls. */
  forEachRow(start: number, cb: (cells: readonly Cell[], rowIndex: number) => void): void;
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
