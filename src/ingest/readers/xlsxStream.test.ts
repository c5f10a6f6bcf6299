import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../values';
import { type WorkbookSource, WorkbookReadError } from './source';
import { readWithSheetJs } from './xlsx';
import { crc32, readXlsxStreaming } from './xlsxStream';
import { mulberry32 } from '../../ml/random';

/** Every sheet's name, merges and rows (from a start row), as plain data. */
function contents(wb: WorkbookSource, start = 0) {
  return wb.sheets.map((s) => {
    const rows: Cell[][] = [];
    s.forEachRow(start, (cells, r) => {
      rows[r - start] = [...cells];
    });
    return { name: s.name, merges: s.merges, head: s.head(7), rows: Array.from(rows, (r) => r ?? []) };
  });
}

/**
 * Both readers agree on a file: the streaming one must read exactly what SheetJS reads, with its parts
 * inflated whole (as small files are), streamed piece by piece (as big ones are), and some of each.
 */
function same(bytes: Uint8Array) {
  const expected = contents(readWithSheetJs(bytes));
  for (const wholePartsBytes of [undefined, 0, 3000]) {
    const streamed = readXlsxStreaming(bytes, wholePartsBytes);
    expect(streamed, 'the streaming reader takes the file').not.toBeNull();
    expect(contents(streamed as WorkbookSource)).toEqual(expected);
    const fromRow3 = contents(streamed as WorkbookSource, 3).map((s) => s.rows);
    expect(fromRow3).toEqual(expected.map((s) => s.rows.slice(3)));
  }
  return expected;
}

const xlsxFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')) : []);

describe('streaming xlsx reader', () => {
  it('reads every sample workbook exactly as SheetJS does', () => {
    const files = xlsxFiles(path.resolve('sample-data'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) same(new Uint8Array(fs.readFileSync(path.join('sample-data', f))));
  });

  const real = path.resolve('../shared/data/real');
  it.skipIf(!xlsxFiles(real).length)('reads every real export in ../shared exactly as SheetJS does', () => {
    for (const f of xlsxFiles(real)) same(new Uint8Array(fs.readFileSync(path.join(real, f))));
  });

  it('shared and inline strings, entities, numbers, booleans, gaps, merges and several sheets', () => {
    const wb = XLSX.utils.book_new();
    const a = XLSX.utils.aoa_to_sheet([
      ['Nama & "kode"', '<b>tebal</b>', 'é ü 日本', ' spasi  '],
      [1.5, -2, 0, true],
      [],
      [null, 'setelah celah', false, 1e21],
    ]);
    a['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }];
    XLSX.utils.book_append_sheet(wb, a, 'Pesanan & Data');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x'], ['y']]), 'kedua');
    for (const bookSST of [true, false]) {
      for (const compression of [true, false]) {
        const sheets = same(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST, compression })));
        expect(sheets.map((s) => s.name)).toEqual(['Pesanan & Data', 'kedua']);
        expect(sheets[0].rows[0]).toEqual(['Nama & "kode"', '<b>tebal</b>', 'é ü 日本', ' spasi  ']);
        expect(sheets[0].merges).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }]);
      }
    }
  });

  it('reads any generated workbook exactly as SheetJS does: text of any characters, numbers, gaps, merges', () => {
    // Not literal entity text such as "&amp;": SheetJS reads its own inline string of it back as "&", where
    // this reader keeps what the cell says.
    const cell = fc.oneof(
      fc.constant(null),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('a & b', '<c r="A1">', '_x0041_', ' a ', 'Rp 1.000', '2026-06-01 08:00', '-'),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
    );
    const sheet = fc.record({
      rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
      merge: fc.option(fc.record({ r: fc.nat(3), c: fc.nat(3), h: fc.nat(2), w: fc.integer({ min: 1, max: 3 }) })),
    });
    fc.assert(
      fc.property(
        fc.array(sheet, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        (sheets, bookSST, compression) => {
          const wb = XLSX.utils.book_new();
          sheets.forEach((sh, k) => {
            const ws = XLSX.utils.aoa_to_sheet(sh.rows);
            if (sh.merge) {
              const { r, c, h, w } = sh.merge;
              ws['!merges'] = [{ s: { r, c }, e: { r: r + h, c: c + w } }];
            }
            XLSX.utils.book_append_sheet(wb, ws, `S${k} & <x>`);
          });
          same(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST, compression })));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a part whose bytes are damaged, inflated whole or streamed, stored or deflated', () => {
    const wb = XLSX.utils.book_new();
    const rows = Array.from({ length: 200 }, (_, i) => [`baris ${i}`, i * 1.5]);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'S');
    for (const compression of [false, true]) {
      const good = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression }));
      const scrambled = good.slice();
      const name = new TextDecoder('latin1').decode(good).indexOf('xl/worksheets/sheet1.xml');
      const data = name + 24 + (good[name - 2] | (good[name - 1] << 8));
      for (let i = data + 400; i < data + 432; i++) scrambled[i] ^= 0x5a;
      for (const wholePartsBytes of [undefined, 0]) {
        const read = () => contents(readXlsxStreaming(scrambled, wholePartsBytes) as WorkbookSource);
        expect(read).toThrow(WorkbookReadError);
        expect(read).toThrow(/checksum|invalid|block|distance/i);
      }
    }
  });

  it('leaves what it does not handle to SheetJS: not a zip, or a zip without a workbook', () => {
    expect(readXlsxStreaming(new TextEncoder().encode('Nomor Pesanan,Status'))).toBeNull();
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, 'notes.txt', new TextEncoder().encode('hello'));
    expect(
      readXlsxStreaming(new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as ArrayLike<number>)),
    ).toBeNull();
  });
});

describe('crc32', () => {
  it('matches the bitwise CRC-32 of zip on any bytes, in any split', () => {
    const bitwise = (bytes: Uint8Array) => {
      let c = ~0;
      for (const b of bytes) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      return ~c >>> 0;
    };
    expect(crc32(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const rnd = mulberry32(5);
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 100) }, () => Math.floor(rnd() * 256));
      const cut = Math.floor(rnd() * (bytes.length + 1));
      expect(crc32(crc32(0, bytes.subarray(0, cut)), bytes.subarray(cut))).toBe(bitwise(bytes));
    }
  });
});
