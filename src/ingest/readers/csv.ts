import type { Cell } from '../values';
import { CR, CsvRecord, LF, QUOTE, quotedCell, quotedEnd, tokenizeRecords } from './csvRecords';
import type { SheetSource, WorkbookSource } from './source';

/**
 * A streaming CSV reader (RFC 4180 quotes, CRLF or LF, UTF-8 BOM). It calls back once per record with a
 * reused cell array, so a million-line export never becomes a million arrays at once.
 */

export type Delimiter = ',' | ';' | '\t';

/** Returns false from the callback to stop early. */
export type CsvRowCallback = (cells: string[], lineIndex: number) => boolean | undefined;

/** Picks the delimiter that splits the first lines most consistently. */
export function detectDelimiter(text: string): Delimiter {
  const head = text.slice(0, 20_000).split(/\r?\n/).slice(0, 30);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t'] as const) {
    const counts = head.map((l) => l.split(d).length - 1).filter((n) => n > 0);
    const max = counts.length ? Math.max(...counts) : 0;
    const score = max * counts.length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Reads `text` record by record. `lineIndex` is the 0-based index of the record (a quoted newline does not
 * start a new record), which the importer reports as row number `lineIndex + 1`.
 * @example readCsv('a,b\n1,"x,y"\n', (cells) => { console.log(cells); })
 */
export function readCsv(text: string, onRow: CsvRowCallback, delimiter: Delimiter = detectDelimiter(text)): void {
  const d = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const cells: string[] = [];
  let record = 0;
  while (i < n) {
    cells.length = 0;
    // one record
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        value = quotedCell(text, i, d);
        i = quotedEnd;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      cells.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      // end of line
      if (c === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      break;
    }
    if (onRow(cells, record) === false) return;
    record++;
  }
}

/** Decoded text is handed to the tokenizer in pieces of about this many bytes (V8 strings max out near 512 MB). */
const CHUNK_BYTES = 32 * 1024 * 1024;

/**
 * Splits UTF-8 bytes into pieces that end after a line feed outside quotes, so that every piece holds
 * whole records and whole characters.
 */
export function* csvChunks(bytes: Uint8Array, chunkBytes = CHUNK_BYTES): Generator<Uint8Array> {
  let start = 0;
  let inQuotes = false;
  let pos = 0; // bytes before pos have been scanned for quotes
  while (start < bytes.length) {
    const target = Math.min(bytes.length, start + chunkBytes);
    let cut = bytes.length;
    for (;;) {
      const lf = bytes.indexOf(LF, Math.max(pos, target - 1));
      if (lf < 0) break;
      // Quote parity up to the line feed decides whether it ends a record.
      for (let q = bytes.indexOf(QUOTE, pos); q >= 0 && q < lf; q = bytes.indexOf(QUOTE, q + 1)) {
        inQuotes = !inQuotes;
      }
      pos = lf + 1;
      if (!inQuotes) {
        cut = lf + 1;
        break;
      }
    }
    yield bytes.subarray(start, cut);
    start = cut;
    pos = Math.max(pos, cut);
  }
}

/** Thrown when a CSV file is not valid UTF-8 text; says whether it is UTF-16 (Excel's "Unicode Text"). */
export class CsvEncodingError extends Error {
  constructor(readonly encoding: 'utf16' | 'other') {
    super(`not UTF-8 text (${encoding})`);
  }
}

/**
 * UTF-16 by its byte-order mark, or (without one) by the zero high bytes that ASCII text has in UTF-16: at
 * least a third of the first 1,000 bytes' even or odd positions are zero.
 */
export function looksUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const n = Math.min(bytes.length, 1000);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 ? odd++ : even++;
  return n >= 4 && Math.max(even, odd) >= n / 6;
}

function decode(bytes: Uint8Array): string {
  // Valid UTF-8 can hold NULs, so UTF-16 is checked first.
  if (looksUtf16(bytes)) throw new CsvEncodingError('utf16');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvEncodingError('other');
  }
}

/** A CSV file as a one-sheet workbook, read from its bytes piece by piece (`chunkBytes` for tests). */
export function csvWorkbook(bytes: Uint8Array, chunkBytes = CHUNK_BYTES): WorkbookSource {
  const headText = decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)).subarray(0, lastLineEnd(bytes)));
  const delimiter = detectDelimiter(headText);
  const sheet: SheetSource = {
    name: 'csv',
    merges: [],
    head(n) {
      const rows: Cell[][] = [];
      readCsv(
        headText,
        (cells) => {
          rows.push(cells.slice());
          return rows.length < n;
        },
        delimiter,
      );
      return rows;
    },
    forEachRow(start, cb) {
      let offset = 0;
      for (const piece of csvChunks(bytes, chunkBytes)) {
        let last = -1;
        readCsv(
          decode(piece),
          (cells, i) => {
            last = i;
            if (offset + i >= start) cb(cells, offset + i);
            return undefined;
          },
          delimiter,
        );
        offset += last + 1;
      }
    },
    forEachRecord(start, cb) {
      const rec = new CsvRecord(delimiter.charCodeAt(0));
      let offset = 0;
      for (const piece of csvChunks(bytes, chunkBytes)) {
        // Decoding validates the piece: a bad byte fails the file where the text path would fail it.
        decode(piece);
        offset += tokenizeRecords(piece, delimiter.charCodeAt(0), rec, (r, i) => {
          if (offset + i >= start) cb(r, offset + i);
        });
      }
    },
  };
  return { format: 'csv', sheets: [sheet] };
}

/** The end of the last whole line within the first megabyte (the head never splits a character). */
function lastLineEnd(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, 1 << 20);
  if (limit === bytes.length) return limit;
  const i = bytes.lastIndexOf(LF, limit - 1);
  return i < 0 ? limit : i + 1;
}
