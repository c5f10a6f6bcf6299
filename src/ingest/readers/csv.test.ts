import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunks, csvWorkbook, detectDelimiter, readCsv } from './csv';

const rowsOf = (text: string) => {
  const rows: string[][] = [];
  readCsv(text, (cells) => {
    rows.push(cells.slice());
    return undefined;
  });
  return rows;
};

const encode = (rows: string[][], d = ',') =>
  rows.map((r) => r.map((c) => (/[",\n\r;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join('\r\n');

describe('readCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF, a BOM and empty trailing cells', () => {
    expect(rowsOf('\ufeffa,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n1,,\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2'],
      ['1', '', ''],
    ]);
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('Urutan,Nama Iklan,Status\n1,"a;b",x\n')).toBe(',');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
  });

  it('reads any table back exactly, whole or in small pieces', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', 'é', '🙂', '.'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }), (rows) => {
        // A record of one empty cell is a blank line, which CSV cannot tell from nothing.
        fc.pre(rows.every((r) => r.some((c) => c !== '')));
        const text = `${encode(rows)}\n`;
        expect(rowsOf(text)).toEqual(rows);
        const bytes = new TextEncoder().encode(text);
        const pieces = [...csvChunks(bytes, 7)];
        expect(pieces.reduce((a, p) => a + p.length, 0)).toBe(bytes.length);
        const fromPieces = pieces.flatMap((p) => rowsOf(new TextDecoder().decode(p)));
        expect(fromPieces).toEqual(rows);
      }),
    );
  });

  it('numbers records across pieces in a workbook read', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`r${i}`, `"multi\nline ${i}"`, String(i)]);
    const bytes = new TextEncoder().encode(`${rows.map((r) => r.join(',')).join('\n')}\n`);
    const wb = csvWorkbook(bytes);
    const seen: [number, string][] = [];
    wb.sheets[0].forEachRow(45, (cells, i) => seen.push([i, String(cells[0])]));
    expect(seen).toEqual([45, 46, 47, 48, 49].map((i) => [i, `r${i}`]));
    expect(wb.sheets[0].head(2).map((r) => r[0])).toEqual(['r0', 'r1']);
  });
});
