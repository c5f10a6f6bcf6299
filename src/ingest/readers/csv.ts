import type { Cell } from "../values";
import type { SheetSource, WorkbookSource } from "./source";

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
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
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
        i = j;
        value = parts;
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

/** A CSV file as a one-sheet workbook. */
export function csvWorkbook(text: string): WorkbookSource {
  const delimiter = detectDelimiter(text);
  const sheet: SheetSource = {
    name: 'csv',
    merges: [],
    head(n) {
      const rows: Cell[][] = [];
      readCsv(
        text,
        (cells) => {
          rows.push(cells.slice());
          return rows.length < n;
        },
        delimiter,
      );
      return rows;
    },
    forEachRow(start, cb) {
      readCsv(
        text,
        (cells, i) => {
          if (i >= start) cb(cells, i);
        },
        delimiter,
      );
    },
  };
  return { format: 'csv', sheets: [sheet] };
}
