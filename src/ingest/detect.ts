import type { ExportKindSpec, FieldSpec } from './kinds/spec';
import type { SheetSource, WorkbookSource } from './readers/source';
import { type Cell, cellText, normalizeLabel } from './values';

/** How far down a sheet the header row may sit (preambles, notes, grouped headers). */
const HEADER_SCAN_ROWS = 60;

/** A table found in a sheet: where its header is and which column holds which field. */
export interface LocatedTable {
  sheet: SheetSource;
  kind: ExportKindSpec;
  /** 0-based index of the row holding the column names. Data starts on the next row. */
  headerRow: number;
  headers: string[];
  /** Group labels above each column (outermost first), merged cells filled in. Empty for flat headers. */
  groups: string[][];
  /** Field id to 0-based column index. */
  columns: Map<string, number>;
  /** Header texts that no field of the kind knows. */
  unknownColumns: string[];
}

/** A header as matched against alias tables: normalised, without a currency suffix or trailing marks. */
export function headerKey(text: Cell): string {
  return normalizeLabel(text)
    .replace(/\s*\((idr|php|myr|rm|sgd|thb|vnd|rp)\)\s*$/i, '')
    .replace(/[*:]+$/, '')
    .trim();
}

/** The currency named by a header suffix such as `Total Diskon(PHP)`, if any. */
export function headerCurrency(text: Cell): string | null {
  const m = /\((idr|php|myr|rm|sgd|thb|vnd)\)\s*$/i.exec(cellText(text));
  if (!m) return null;
  const c = m[1].toUpperCase();
  return c === 'RM' ? 'MYR' : c;
}

const aliasCache = new WeakMap<ExportKindSpec, Map<string, FieldSpec[]>>();
/** Header key to the fields that take it, in order: two columns with the same name go to two fields. */
function aliasIndex(kind: ExportKindSpec): Map<string, FieldSpec[]> {
  let idx = aliasCache.get(kind);
  if (!idx) {
    idx = new Map();
    for (const f of kind.fields) {
      for (const a of f.aliases) {
        const k = headerKey(a);
        idx.set(k, [...(idx.get(k) ?? []), f]);
      }
    }
    aliasCache.set(kind, idx);
  }
  return idx;
}

/**
 * Which fields of a kind a header row holds, which headers it does not know, and whether it identifies the
 * kind. `keys` are the row's header keys, when the caller has them already (one row is tried for every kind).
 */
export function matchRow(kind: ExportKindSpec, row: readonly Cell[], keys: readonly string[] = row.map(headerKey)) {
  const idx = aliasIndex(kind);
  const columns = new Map<string, number>();
  const unknown: string[] = [];
  row.forEach((cell, c) => {
    const key = keys[c];
    if (!key) return;
    const fields = idx.get(key);
    const f = fields?.find((x) => !columns.has(x.id));
    if (f) columns.set(f.id, c);
    else if (!fields) unknown.push(cellText(cell));
  });
  const complete = [kind.signature, ...(kind.altSignatures ?? [])].some((sig) => sig.every((id) => columns.has(id)));
  return { columns, unknown, complete };
}

function groupRows(sheet: SheetSource, rows: Cell[][], headerRow: number, count: number, width: number): string[][] {
  const out: string[][] = [];
  // No group rows: the merges (a pass over the whole sheet, in a workbook) are not needed.
  if (count <= 0) return out;
  for (let r = headerRow - count; r < headerRow; r++) {
    const labels: string[] = [];
    for (let c = 0; c < width; c++) labels.push(cellText(rows[r]?.[c]));
    for (const m of sheet.merges) {
      if (r < m.s.r || r > m.e.r) continue;
      const v = cellText(rows[m.s.r]?.[m.s.c]);
      for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) if (!labels[c]) labels[c] = v;
    }
    out.push(labels);
  }
  // Without merge information, a label covers the empty cells to its right within the same outer group.
  if (sheet.merges.length === 0) {
    for (let g = 0; g < out.length; g++) {
      for (let c = 1; c < width; c++) {
        const sameOuter = g === 0 || out[g - 1][c] === out[g - 1][c - 1];
        if (!out[g][c] && sameOuter) out[g][c] = out[g][c - 1];
      }
    }
  }
  return out;
}

/**
 * Finds the tables of one export kind in a workbook. Every kind is tried on the first rows of every
 * sheet; the kind whose signature headers appear, with the most recognised columns, wins, and every sheet
 * that holds it is returned (large income exports split their rows over `Income - 1`, `Income - 2`).
 */
export function locateTables(wb: WorkbookSource, kinds: readonly ExportKindSpec[]): LocatedTable[] {
  const found: (LocatedTable & { score: number })[] = [];
  for (const sheet of wb.sheets) {
    const rows = sheet.head(HEADER_SCAN_ROWS);
    const keys: string[][] = [];
    const keysOf = (r: number) => {
      keys[r] ??= rows[r].map(headerKey);
      return keys[r];
    };
    let best: (LocatedTable & { score: number }) | null = null;
    for (const kind of kinds) {
      for (let r = 0; r < rows.length; r++) {
        const m = matchRow(kind, rows[r], keysOf(r));
        if (!m.complete || r < kind.headerRows - 1) continue;
        const score = m.columns.size;
        if (!best || score > best.score) {
          const width = rows[r].length;
          best = {
            sheet,
            kind,
            headerRow: r,
            headers: rows[r].map((c) => cellText(c)),
            groups: groupRows(sheet, rows, r, kind.headerRows - 1, width),
            columns: m.columns,
            unknownColumns: m.unknown,
            score,
          };
        }
        break;
      }
    }
    if (best) found.push(best);
  }
  if (!found.length) return [];
  const top = found.reduce((a, b) => (b.score > a.score ? b : a));
  return found.filter((t) => t.kind === top.kind).map(({ score: _score, ...t }) => t);
}

/** The first rows of the first sheet, for an "unknown export" message that shows what was found. */
export function describeHeaders(wb: WorkbookSource): string {
  let first = '';
  for (const sheet of wb.sheets) {
    for (const row of sheet.head(12)) {
      const texts = row.map((c) => cellText(c)).filter(Boolean);
      if (texts.length >= 3) return texts.slice(0, 6).join(', ');
      // A sheet of one or two columns: its first row says what it is.
      if (!first && texts.length) first = texts.join(', ');
    }
  }
  return first;
}

/** Which field ids of a kind are required but missing from a located table. */
export function missingRequired(table: LocatedTable): FieldSpec[] {
  return table.kind.fields.filter((f) => f.required && !table.columns.has(f.id));
}
