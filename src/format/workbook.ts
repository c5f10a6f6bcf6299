import * as XLSX from '@e965/xlsx';

/**
 * Excel workbooks for download, written by SheetJS in the db worker. Text is always a text cell, never a
 * formula, even when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return (product names and buyer
 * notes come from untrusted exports); numbers are numbers, with a number format.
 */

/** A spreadsheet cell: text, a number, empty, or a number with its own format (when a column mixes units). */
export type CellValue = string | number | null | { v: number; z: string };

export interface SheetSpec {
  name: string;
  header: string[];
  rows: CellValue[][];
  /** Excel number formats by column index (e.g. `#,##0` for rupiah, `0.00%` for a ratio). */
  formats?: Record<number, string>;
  /** Rows above the data: a title and notes, written before the header (which stays frozen below them). */
  preamble?: string[];
}

/** Excel's sheet-name rules: at most 31 characters, none of `: \ / ? * [ ]`, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)} ${i}`;
  taken.add(out.toLowerCase());
  return out;
}

export function workbookBytes(sheets: readonly SheetSpec[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  const frozen: number[] = [];
  for (const s of sheets) {
    const ws: XLSX.WorkSheet = {};
    const top = s.preamble?.length ? s.preamble.length + 1 : 0;
    s.preamble?.forEach((line, r) => {
      ws[XLSX.utils.encode_cell({ r, c: 0 })] = { t: 's', v: line };
    });
    const rows = [s.header, ...s.rows];
    rows.forEach((row, i) => {
      const r = top + i;
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const ref = XLSX.utils.encode_cell({ r, c });
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) return;
          ws[ref] = { t: 'n', v, ...(i > 0 && s.formats?.[c] ? { z: s.formats[c] } : {}) };
        } else if (typeof v === 'object') {
          if (Number.isFinite(v.v)) ws[ref] = { t: 'n', v: v.v, z: v.z };
        } else ws[ref] = { t: 's', v: String(v) };
      });
    });
    const width = Math.max(1, s.header.length);
    ws['!ref'] = XLSX.utils.encode_range({
      s: { r: 0, c: 0 },
      e: { r: Math.max(0, top + rows.length - 1), c: width - 1 },
    });
    ws['!cols'] = s.header.map((h, c) => ({
      wch: Math.min(60, Math.max(h.length, ...s.rows.slice(0, 200).map((row) => cellText(row[c]).length)) + 2),
    }));
    const name = sheetName(s.name, taken);
    XLSX.utils.book_append_sheet(wb, ws, name);
    frozen.push(top + 1);
  }
  return freezeHeaders(
    new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer),
    frozen,
  );
}

const cellText = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? String(v.v) : String(v);

/**
 * Freezes the rows above each sheet's data (SheetJS's community build writes no panes): a frozen pane is
 * added to the `<sheetView>` of sheet N, below `rows[N - 1]` rows.
 */
function freezeHeaders(bytes: Uint8Array, rows: number[]): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: 'array' });
  zip.FullPaths.forEach((p: string, i: number) => {
    const m = /xl\/worksheets\/sheet(\d+)\.xml$/.exec(p);
    const n = m ? rows[Number(m[1]) - 1] : undefined;
    if (!n) return;
    const entry = zip.FileIndex[i];
    const xml = new TextDecoder().decode(entry.content as Uint8Array);
    const pane = `<sheetView workbookViewId="0"><pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`;
    entry.content = new TextEncoder().encode(
      xml.replace('<sheetView workbookViewId="0"/>', pane),
    ) as unknown as typeof entry.content;
    entry.size = (entry.content as Uint8Array).length;
  });
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayBuffer);
}
