import * as XLSX from '@e965/xlsx';
import type { Cell } from '../values';
import { type MergeRange, type SheetSource, type WorkbookSource, WorkbookReadError } from './source';

export { WorkbookReadError };
import { readXlsxStreaming } from './xlsxStream';

interface DenseCell {
  t: string;
  v?: unknown;
  w?: string;
}

function cellValue(c: DenseCell | undefined): Cell {
  if (!c || c.v === undefined || c.v === null) return null;
  switch (c.t) {
    case 'n':
      return c.v as number;
    case 'b':
      return c.v as boolean;
    case 's':
      return c.v as string;
    case 'd':
      return c.v instanceof Date ? c.v.toISOString().slice(0, 19).replace('T', ' ') : String(c.v);
    case 'e':
      return c.w ?? '#ERR';
    default:
      return c.v === undefined ? null : String(c.v);
  }
}

function sheetSource(name: string, ws: XLSX.WorkSheet): SheetSource {
  const data = ((ws as unknown as { '!data'?: (DenseCell | undefined)[][] })['!data'] ?? []) as (
    | (DenseCell | undefined)[]
    | undefined
  )[];
  const toCells = (row: (DenseCell | undefined)[] | undefined, out: Cell[]): Cell[] => {
    out.length = 0;
    if (!row) return out;
    for (let i = 0; i < row.length; i++) out.push(cellValue(row[i]));
    return out;
  };
  return {
    name,
    merges: (ws['!merges'] ?? []) as MergeRange[],
    head(n) {
      const rows: Cell[][] = [];
      for (let r = 0; r < Math.min(n, data.length); r++) rows.push(toCells(data[r], []));
      return rows;
    },
    forEachRow(start, cb) {
      const buf: Cell[] = [];
      for (let r = start; r < data.length; r++) cb(toCells(data[r], buf), r);
    },
  };
}

/** Opens an xlsx (or xls) workbook from its bytes. Cells keep their stored type: text stays text. */
export function readXlsx(bytes: Uint8Array): WorkbookSource {
  // A plain zip streams row by row; SheetJS reads the rest (.xls, ZIP64, encrypted packages).
  return readXlsxStreaming(bytes) ?? readWithSheetJs(bytes);
}

/** The whole workbook through SheetJS (every cell in memory at once). */
export function readWithSheetJs(bytes: Uint8Array): WorkbookSource {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellText: false,
      raw: true,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new WorkbookReadError(/password|encrypt/i.test(msg) ? 'password' : 'corrupt', msg);
  }
  // A package whose sheet parts are missing (a cut-off or hand-edited file) lists sheets it cannot give.
  const missing = wb.SheetNames.find((n) => !wb.Sheets[n]);
  if (missing !== undefined) throw new WorkbookReadError('corrupt', `sheet "${missing}" is missing from the file`);
  return { format: 'xlsx', sheets: wb.SheetNames.map((n) => sheetSource(n, wb.Sheets[n])) };
}
