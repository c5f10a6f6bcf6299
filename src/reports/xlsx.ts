import * as XLSX from '@e965/xlsx';

/**
 * Excel workbooks for download, written by SheetJS in the db worker. Text is always a text cell, never a
 * formula, even when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return (product names and buyer
 * notes come from untrusted exports); numbers are numbers, with a number format.
 */

export interface SheetSpec {
  name: string;
  header: string[];
  rows: (string | number | null)[][];
  /** Excel number formats by column index (e.g. `#,##0` for rupiah, `0.00%` for a ratio). */
  formats?: Record<number, string>;
}

/** Excel's sheet-name rules: at most 31 characters, none of `: \ / ? * [ ]`, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)} ${i}`;
  taken.add(out.toLowerCase());
  return out;
}

export function workbookBytes(sheets: readonly SheetSpec[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const s of sheets) {
    const ws: XLSX.WorkSheet = {};
    const rows = [s.header, ...s.rows];
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const ref = XLSX.utils.encode_cell({ r, c });
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) return;
          ws[ref] = { t: 'n', v, ...(r > 0 && s.formats?.[c] ? { z: s.formats[c] } : {}) };
        } else ws[ref] = { t: 's', v: String(v) };
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: Math.max(0, s.header.length - 1) } });
    ws['!cols'] = s.header.map((h, c) => ({ wch: Math.min(60, Math.max(h.length, ...s.rows.slice(0, 200).map((row) => String(row[c] ?? '').length)) + 2) }));
    XLSX.utils.book_append_sheet(wb, ws, sheetName(s.name, taken));
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
