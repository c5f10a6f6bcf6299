import type { Currency } from '../kernel/currency';
import type { LocatedTable } from './detect';
import type { FieldType } from './kinds/spec';
import { ImportError } from './problems';
import type { Utf8Column } from './arrow';
import { columnLetter, type RowView } from './readers/source';
import {
  type Cell,
  type NumberConvention,
  cellBytes,
  cellText,
  contradictsConvention,
  conventionVotes,
  decideConvention,
  isEmptyValue,
  normalizeLabel,
  parseDateTime,
  parseDuration,
  parseInteger,
  parseMoney,
  parseNumber,
  parsePercent,
  parseWeightGrams,
  toMinorUnits,
  ValueError,
} from './values';

export interface ReadContext {
  fileName: string;
  /** The file's currency, and its minor units per major unit: 1 for IDR, 100 for MYR, SGD, PHP. */
  currency: Currency;
  minorFactor: number;
  /**
   * The number convention of the whole file (see {@link fileConvention}): every column reads by it, and a
   * text written the other way fails the file instead of reinterpreting its column.
   */
  convention: NumberConvention;
}

export type Getter<T> = (cells: readonly Cell[], rowIndex: number) => T;
export type RowGetter<T> = (row: RowView, rowIndex: number) => T;
type CellGetter = (cell: Cell, rowIndex: number) => string | number | null;

/** Printable ASCII, neither a space nor anything `trim` removes. */
const isGraphic = (b: number) => b > 32 && b < 127;

const SUMMARY_ROW = /^(total|jumlah|grand total|subtotal|ringkasan|summary)\b/i;
const SAMPLE_ROWS = 300;

/** True when every cell of a row is empty. */
export function isBlankRow(cells: readonly Cell[]): boolean {
  for (const c of cells) if (c !== null && c !== undefined && cellText(c) !== '') return false;
  return true;
}

/** A row of cells as a {@link RowView}: one reused view, its cells set row by row. */
class CellsRow implements RowView {
  cells: readonly Cell[] = [];
  readonly buf = new Uint8Array(0);
  get count(): number {
    return this.cells.length;
  }
  cell(col: number): Cell {
    return this.cells[col];
  }
  start(): number {
    return -1;
  }
  end(): number {
    return -1;
  }
}

const isAsciiSpace = (b: number) => b === 32 || (b >= 9 && b <= 13);

/**
 * The first byte of a CSV cell's trimmed text when the bytes decide it: -1 for a cell of ASCII spaces only
 * (empty text), the byte when it is ASCII, or undefined when the cell must be decoded (quoted, non-ASCII).
 */
function firstByte(row: RowView, col: number): number | undefined {
  const s = row.start(col);
  if (s < 0) return undefined;
  const e = row.end(col);
  let j = s;
  while (j < e && isAsciiSpace(row.buf[j])) j++;
  if (j === e) return -1;
  return row.buf[j] < 0x80 ? row.buf[j] : undefined;
}

/** {@link isBlankRow} of a view. */
function isBlankView(row: RowView): boolean {
  for (let c = 0; c < row.count; c++) {
    const b = firstByte(row, c);
    if (b === -1) continue;
    if (b !== undefined) return false;
    const v = row.cell(c);
    if (v !== null && v !== undefined && cellText(v) !== '') return false;
  }
  return true;
}

/** The first letters a summary label can start with, lower case. */
const SUMMARY_FIRST = new Set([...'tjgsr'].map((ch) => ch.charCodeAt(0)));

/** True when the row's first non-empty cell is a summary label such as "Total" or "Jumlah". */
function isSummaryView(row: RowView): boolean {
  for (let c = 0; c < row.count; c++) {
    const b = firstByte(row, c);
    if (b === -1) continue;
    if (b !== undefined && !SUMMARY_FIRST.has(b | 0x20)) return false;
    const t = cellText(row.cell(c));
    if (t) return SUMMARY_ROW.test(t);
  }
  return false;
}

/**
 * Reads typed values out of a located table's rows, with errors that name the file, sheet, row and column.
 */
export class TableReader {
  constructor(
    readonly table: LocatedTable,
    readonly ctx: ReadContext,
  ) {}

  /** 1-based row number as the seller sees it in a spreadsheet. */
  rowNumber(rowIndex: number): number {
    return rowIndex + 1;
  }

  private fail(
    code: 'bad_value' | 'missing_value',
    col: number,
    rowIndex: number,
    value: string,
    expected: string,
  ): never {
    throw new ImportError(code, {
      file: this.ctx.fileName,
      sheet: this.table.sheet.name,
      row: this.rowNumber(rowIndex),
      column: columnLetter(col),
      header: this.table.headers[col] ?? '',
      value,
      expected,
    });
  }

  /** Fails the file on a field's cell whose value reads, but cannot be true (`expected` says what could). */
  refuse(fieldId: string, row: RowView, rowIndex: number, expected: string): never {
    const col = this.col(fieldId);
    this.fail('bad_value', col, rowIndex, cellText(row.cell(col)), expected);
  }

  /** The column index of a field, or -1 when the file lacks it. */
  col(fieldId: string): number {
    return this.table.columns.get(fieldId) ?? -1;
  }

  /** A getter for a field by type; an absent optional column reads as null. */
  getter(fieldId: string, type: 'text', notEmpty?: boolean): Getter<string | null>;
  getter(fieldId: string, type: Exclude<FieldType, 'text'>, notEmpty?: boolean): Getter<number | null>;
  getter(fieldId: string, type: FieldType, notEmpty = false): Getter<string | number | null> {
    return this.columnGetter(this.col(fieldId), type, notEmpty);
  }

  /**
   * Getters for the table's present non-text fields (or those of `ids`, in that order), each reading the
   * field's own type: the metrics of a facts table.
   */
  metricGetters(ids?: readonly string[]): { id: string; get: Getter<number | null> }[] {
    const fields = this.table.kind.fields.filter((f) => f.type !== 'text' && this.table.columns.has(f.id));
    const chosen = ids ? ids.flatMap((id) => fields.filter((f) => f.id === id)) : fields;
    return chosen.map((f) => ({
      id: f.id,
      get: this.columnGetter(this.col(f.id), f.type as Exclude<FieldType, 'text'>),
    }));
  }

  /** Like {@link getter}, for a column by index (columns found by group rather than by name). */
  columnGetter(col: number, type: 'text', notEmpty?: boolean): Getter<string | null>;
  columnGetter(col: number, type: Exclude<FieldType, 'text'>, notEmpty?: boolean): Getter<number | null>;
  columnGetter(col: number, type: FieldType, notEmpty?: boolean): Getter<string | number | null>;
  columnGetter(col: number, type: FieldType, notEmpty = false): Getter<string | number | null> {
    if (col < 0) return () => null;
    const get = this.cellGetter(col, type, notEmpty);
    return (cells, rowIndex) => get(cells[col], rowIndex);
  }

  /** Getters over row views: a cell's bytes through the fast path when it has one, else the full parser. */
  rowGetter(fieldId: string, type: 'text', notEmpty?: boolean): RowGetter<string | null>;
  rowGetter(fieldId: string, type: Exclude<FieldType, 'text'>, notEmpty?: boolean): RowGetter<number | null>;
  rowGetter(fieldId: string, type: FieldType, notEmpty = false): RowGetter<string | number | null> {
    const col = this.col(fieldId);
    if (col < 0) return () => null;
    const slow = this.cellGetter(col, type, notEmpty);
    const { convention, minorFactor } = this.ctx;
    const fast: ((buf: Uint8Array, s: number, e: number) => number | undefined) | null =
      type === 'int' || type === 'number'
        ? (buf, s, e) => cellBytes.number(buf, s, e, convention)
        : type === 'money'
          ? (buf, s, e) => {
              const v = cellBytes.number(buf, s, e, convention);
              return v === undefined ? undefined : toMinorUnits(v, minorFactor);
            }
          : type === 'datetime'
            ? cellBytes.dateTime
            : type === 'weight'
              ? (buf, s, e) => cellBytes.weightGrams(buf, s, e, convention)
              : null;
    if (!fast) return (row, rowIndex) => slow(row.cell(col), rowIndex);
    return (row, rowIndex) => {
      const s = row.start(col);
      if (s >= 0) {
        const v = fast(row.buf, s, row.end(col));
        if (v !== undefined) return v;
      }
      return slow(row.cell(col), rowIndex);
    };
  }

  /**
   * Appends a text field of each row to `out`: a CSV cell without spaces or a quote at its ends byte for
   * byte, any other cell as its trimmed text (or null), as {@link getter} reads it.
   */
  textCopier(fieldId: string, out: Utf8Column, notEmpty = false): (row: RowView, rowIndex: number) => void {
    const col = this.col(fieldId);
    if (col < 0) return () => out.push(null);
    const slow = this.cellGetter(col, 'text', notEmpty);
    return (row, rowIndex) => {
      const s = row.start(col);
      if (s >= 0) {
        const e = row.end(col);
        // Printable ASCII at both ends: trimming leaves the text as it is.
        if (e > s && isGraphic(row.buf[s]) && isGraphic(row.buf[e - 1])) {
          out.pushBytes(row.buf, s, e);
          return;
        }
      }
      out.push(slow(row.cell(col), rowIndex) as string | null);
    };
  }

  private cellGetter(col: number, type: FieldType, notEmpty: boolean): CellGetter {
    const conv = this.ctx.convention;
    const { minorFactor } = this.ctx;
    const decimalMark = conv === 'id' ? ',' : '.';
    const numeric = type !== 'text' && type !== 'datetime' && type !== 'duration';
    const parse: (c: Cell) => string | number | null =
      type === 'text'
        ? (c) => cellText(c) || null
        : type === 'money'
          ? (c) => parseMoney(c, conv, minorFactor)
          : type === 'int'
            ? (c) => parseInteger(c, conv)
            : type === 'datetime'
              ? (c) => parseDateTime(c)
              : type === 'number'
                ? (c) => parseNumber(c, conv)
                : type === 'percent'
                  ? (c) => parsePercent(c, conv)
                  : type === 'duration'
                    ? (c) => parseDuration(c)
                    : (c) => parseWeightGrams(c, conv);
    return (cell, rowIndex) => {
      let v: string | number | null;
      // `82,500` reads as 82.5 under `id`: an amount with three decimals is the other convention, not a value.
      if (
        type === 'money' &&
        typeof cell === 'string' &&
        cell.includes(decimalMark) &&
        contradictsConvention(cell, conv, true)
      ) {
        this.fail('bad_value', col, rowIndex, cellText(cell), `convention_${conv}`);
      }
      try {
        v = parse(cell);
      } catch (e) {
        if (e instanceof ValueError) {
          const other = numeric && contradictsConvention(cell, conv, type === 'money');
          this.fail('bad_value', col, rowIndex, cellText(cell), other ? `convention_${conv}` : e.reason);
        }
        throw e;
      }
      if (notEmpty && (v === null || v === '')) this.fail('missing_value', col, rowIndex, cellText(cell), type);
      return v;
    };
  }

  /** Visits the data rows, skipping blank rows and summary rows (whose key cell is empty) by rule. */
  forEachDataRow(
    keyField: string,
    onRow: (cells: readonly Cell[], rowIndex: number) => void,
  ): { blank: number; summary: number } {
    const view = new CellsRow();
    return this.visitDataRows(keyField, (visit) =>
      this.table.sheet.forEachRow(this.table.headerRow + 1, (cells, rowIndex) => {
        view.cells = cells;
        if (visit(view)) onRow(cells, rowIndex);
      }),
    );
  }

  /** Like {@link forEachDataRow}, with rows as views: over a CSV file's bytes where the sheet has them. */
  forEachDataView(keyField: string, onRow: RowGetter<void>): { blank: number; summary: number } {
    const { sheet, headerRow } = this.table;
    return this.visitDataRows(keyField, (visit) => {
      if (sheet.forEachRecord) {
        sheet.forEachRecord(headerRow + 1, (row, rowIndex) => {
          if (visit(row)) onRow(row, rowIndex);
        });
        return;
      }
      const view = new CellsRow();
      sheet.forEachRow(headerRow + 1, (cells, rowIndex) => {
        view.cells = cells;
        if (visit(view)) onRow(view, rowIndex);
      });
    });
  }

  /** Runs `read` with a test that counts blank and summary rows and passes the rest. */
  private visitDataRows(
    keyField: string,
    read: (visit: (row: RowView) => boolean) => void,
  ): { blank: number; summary: number } {
    const keyCol = this.col(keyField);
    let blank = 0;
    let summary = 0;
    read((row) => {
      if (isBlankView(row)) {
        blank++;
        return false;
      }
      // A summary row carries a label ("Total", "Jumlah") where data rows carry their key.
      if (isSummaryView(row)) {
        const key = row.cell(keyCol);
        if (isEmptyValue(key) || SUMMARY_ROW.test(cellText(key))) {
          summary++;
          return false;
        }
      }
      return true;
    });
    return { blank, summary };
  }
}

/** How a file's number convention was decided, for the import report. */
export interface FileConvention {
  convention: NumberConvention;
  /**
   * `file`: its own unambiguous texts decided; `export`: none did, and this export kind has one format;
   * `headers`: the language of its headers (Indonesian or English); `default`: the currency's usual format.
   */
  source: 'file' | 'export' | 'headers' | 'default';
  /** Headers of number columns whose texts were all ambiguous (`82.500`): read by the file's convention. */
  undecidedColumns: string[];
}

const NUMERIC: ReadonlySet<FieldType> = new Set(['money', 'int', 'number', 'percent', 'weight']);

/**
 * Decides one number convention for a whole file from the unambiguous texts of all its number columns in
 * every table (the first rows of each). A column whose texts are all ambiguous is read by the file's
 * convention; the report says so.
 */
export function fileConvention(
  tables: readonly LocatedTable[],
  fallback: { kind?: NumberConvention; currency: NumberConvention },
): FileConvention {
  const total = { id: 0, en: 0, ambiguous: 0 };
  const undecided: { header: string; ambiguous: number }[] = [];
  for (const table of tables) {
    const sample = table.sheet.head(table.headerRow + 1 + SAMPLE_ROWS).slice(table.headerRow + 1);
    for (const f of table.kind.fields) {
      const col = table.columns.get(f.id);
      if (col === undefined || !NUMERIC.has(f.type)) continue;
      const v = conventionVotes(
        sample.map((r) => r[col]),
        f.type === 'money',
      );
      total.id += v.id;
      total.en += v.en;
      if (v.id === 0 && v.en === 0 && v.ambiguous > 0)
        undecided.push({ header: table.headers[col] ?? f.id, ambiguous: v.ambiguous });
    }
  }
  const undecidedColumns = [...new Set(undecided.map((u) => u.header))];
  if (total.id !== total.en)
    return { convention: decideConvention(total, fallback.currency), source: 'file', undecidedColumns };
  if (fallback.kind) return { convention: fallback.kind, source: 'export', undecidedColumns };
  const language = headerLanguage(tables);
  if (language) return { convention: language, source: 'headers', undecidedColumns };
  return { convention: fallback.currency, source: 'default', undecidedColumns };
}

/**
 * The language of a file's headers: each matched header is its field's Indonesian alias (the first) or one
 * of its English ones; null when they are even (or every alias is the same in both).
 */
export function headerLanguage(tables: readonly LocatedTable[]): NumberConvention | null {
  let id = 0;
  let en = 0;
  for (const table of tables) {
    for (const f of table.kind.fields) {
      const col = table.columns.get(f.id);
      if (col === undefined) continue;
      const header = normalizeLabel(table.headers[col] ?? '');
      const [indonesian, ...english] = f.aliases.map(normalizeLabel);
      if (english.includes(header) && header !== indonesian) en++;
      else if (header === indonesian && !english.includes(header)) id++;
    }
  }
  return id === en ? null : id > en ? 'id' : 'en';
}
