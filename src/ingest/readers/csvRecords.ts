import { cellDecoder } from '../arrow';
import type { Cell } from '../values';
import type { RowView } from './source';

/**
 * CSV records over the file's bytes, without a string per cell: each cell is a byte range, decoded only when
 * a reader asks for its text. Record and cell boundaries are exactly those of `readCsv` on the decoded text
 * (every byte it looks at is ASCII, and UTF-8 never puts an ASCII byte inside a character).
 */

export const QUOTE = 34;
export const CR = 13;
export const LF = 10;

/** Where the last {@link quotedCell} ended: at its delimiter, line end or the end of the text. */
export let quotedEnd = 0;

/**
 * The value of the quoted cell that starts at `text[i]` (a quote): `""` is a quote, and anything between
 * the closing quote and the delimiter is kept. An unclosed quote runs to the end of the text.
 */
export function quotedCell(text: string, i: number, d: number): string {
  const n = text.length;
  let start = i + 1;
  let parts = '';
  i = start;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) {
      parts += text.slice(start);
      i = n;
      break;
    }
    if (text.charCodeAt(q + 1) === QUOTE) {
      parts += text.slice(start, q + 1);
      i = q + 2;
      start = i;
      continue;
    }
    parts += text.slice(start, q);
    i = q + 1;
    break;
  }
  // tolerate junk between the closing quote and the delimiter
  let j = i;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === d || c === LF || c === CR) break;
    j++;
  }
  if (j > i) parts += text.slice(i, j);
  quotedEnd = j;
  return parts;
}

const EMPTY = new Uint8Array(0);

/** One record of a CSV file read from its bytes; reused from record to record. */
export class CsvRecord implements RowView {
  buf: Uint8Array = EMPTY;
  count = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);

  constructor(private readonly delimiter: number) {}

  /** Adds a cell: `buf[s, e)`, quoted when it starts with a quote. */
  add(s: number, e: number, quoted: boolean): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, new Int32Array(this.count * 2));
      this.ends = grow(this.ends, new Int32Array(this.count * 2));
      this.quoted = grow(this.quoted, new Uint8Array(this.count * 2));
    }
    this.starts[this.count] = s;
    this.ends[this.count] = e;
    this.quoted[this.count++] = quoted ? 1 : 0;
  }

  start(col: number): number {
    return col < this.count && !this.quoted[col] ? this.starts[col] : -1;
  }

  end(col: number): number {
    return this.ends[col];
  }

  cell(col: number): Cell {
    if (col >= this.count) return undefined;
    const s = this.starts[col];
    const e = this.ends[col];
    if (s === e) return '';
    const text = cellDecoder.decode(this.buf.subarray(s, e));
    return this.quoted[col] ? quotedCell(text, 0, this.delimiter) : text;
  }
}

/** 1 at the bytes that end an unquoted cell: the delimiter, CR and LF. */
const stopTables = new Map<number, Uint8Array>();
function stopBytes(d: number): Uint8Array {
  let t = stopTables.get(d);
  if (!t) {
    t = new Uint8Array(256);
    t[d] = t[CR] = t[LF] = 1;
    stopTables.set(d, t);
  }
  return t;
}

const isBom = (b: Uint8Array, i: number) => b[i] === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf;

/**
 * Calls back once per record of `buf` (whole records of valid UTF-8, as `csvChunks` cuts them) with `rec`
 * refilled, and returns how many there were. Like decoding the piece and reading it with `readCsv`: the
 * decoder drops a byte-order mark at the start, and `readCsv` one more.
 */
export function tokenizeRecords(
  buf: Uint8Array,
  d: number,
  rec: CsvRecord,
  onRecord: (rec: CsvRecord, index: number) => void,
): number {
  const n = buf.length;
  let i = 0;
  if (isBom(buf, i)) i += 3;
  if (isBom(buf, i)) i += 3;
  rec.buf = buf;
  const stop = stopBytes(d);
  let record = 0;
  while (i < n) {
    rec.count = 0;
    for (;;) {
      const s = i;
      const quoted = buf[i] === QUOTE;
      if (quoted) {
        let j = i + 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q === -1) {
            j = n;
            break;
          }
          if (buf[q + 1] === QUOTE) {
            j = q + 2;
            continue;
          }
          j = q + 1;
          break;
        }
        i = j;
      }
      while (i < n && !stop[buf[i]]) i++;
      rec.add(s, i, quoted);
      if (i >= n) break;
      const c = buf[i];
      if (c === d) {
        i++;
        if (i >= n) {
          rec.add(i, i, false);
          break;
        }
        continue;
      }
      if (c === CR) i++;
      if (buf[i] === LF) i++;
      break;
    }
    onRecord(rec, record++);
  }
  return record;
}
