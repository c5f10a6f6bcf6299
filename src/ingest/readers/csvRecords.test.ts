import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../ml/random';
import { ORDERS } from '../kinds/ordersSpec';
import { EXPORT_KINDS, type ParsedExport, parseWorkbook } from '../parseExport';
import { ImportError } from '../problems';
import { csvWorkbook, readCsv } from './csv';
import { CsvRecord, tokenizeRecords } from './csvRecords';
import type { WorkbookSource } from './source';

/**
 * The CSV fast path (cells as byte ranges, plain values parsed from the bytes, text copied byte for byte)
 * against the full path (a string per cell through the full parsers): on any file, the same Arrow bytes,
 * notes and figures, or the same error with the same row, column and message.
 */

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const NUMBERS_ID = ['0', '1', '83.600', '1.234.567', '-5', '-0', '00012', 'Rp 1.000', 'RP 86.400', ' 5', '5 '];
const NUMBERS_EN = ['0', '1', '83,600', '1,234,567', '-5', '12.50', '2,000,000.5', '$12.30'];
const ODD_NUMBERS = ['', '-', '--', '1,5', '82,500', '82.500', '1.2.3', 'abc', '9999999999999999', '"1.000"', '(5)'];
const DATES = ['2024-01-02 17:27', '2025-12-31 23:59', '2024-02-29 10:00', '2024-03-01 00:00'];
const ODD_DATES = ['', '-', '2024-02-30 10:00', '2023-02-29 10:00', '2024-1-2 3:04', '02/01/2024', ' 2024-01-02 17:27'];
const ODD_DATES_2 = ['2024-01-02 24:00', '2024-01-02', '2024-01-02 17:27:05', 'x', '"2024-01-02 17:27"'];
const WEIGHTS = ['800 gr', '800gr', '800 g', '1.200 gr', '800', '0', '800  gr'];
const ODD_WEIGHTS = ['', '-', '0,5 kg', '800 GR', 'x gr', '-5 gr', '800 r', '1,2 gr', '800 gram', ' 800 gr'];
const TEXTS = ['abc', 'Gayung 55 cm', 'Kaos Polos Hitam - XL', 'SKU-01', 'é', 'ÉCLAIR', 'Teh 🍵', 'a;b', 'x\ty'];
const ODD_TEXTS = [' abc', 'abc ', '\u00a0x', 'x\u00a0', '"quoted, comma"', '"multi\nline"', '"a ""b"" c"'];
const ODD_TEXTS_2 = ['', '-', 'Total', 'jumlah', '\ufeffbom', 'x\ufeff', '"x"junk', '\u3000y', '""'];
const STATUSES = ['Selesai', 'Batal', 'Sedang Dikirim', 'Perlu Dikirim', 'selesai ', 'Dikembalikan'];

/** A cell of a field's type: mostly what exports write, sometimes anything the parsers must judge. */
function value(rnd: Rnd, type: string, en: boolean, odd: number): string {
  const unusual = rnd() < odd;
  switch (type) {
    case 'int':
      return unusual ? pick(rnd, [...ODD_NUMBERS, '-5', '12.50']) : pick(rnd, ['0', '1', '2', '12', '007']);
    case 'money':
    case 'number':
      return unusual ? pick(rnd, ODD_NUMBERS) : pick(rnd, en ? NUMBERS_EN : NUMBERS_ID);
    case 'datetime':
      return unusual ? pick(rnd, rnd() < 0.5 ? ODD_DATES : ODD_DATES_2) : pick(rnd, DATES);
    case 'weight':
      return unusual ? pick(rnd, ODD_WEIGHTS) : pick(rnd, WEIGHTS);
    default:
      return unusual ? pick(rnd, rnd() < 0.5 ? ODD_TEXTS : ODD_TEXTS_2) : pick(rnd, TEXTS);
  }
}

/** Quotes a cell the way a spreadsheet would, unless it is written quoted (or deliberately odd) already. */
const csvCell = (v: string, rnd: Rnd) =>
  v.startsWith('"') ? v : /[",\n\r]/.test(v) || rnd() < 0.05 ? `"${v.replace(/"/g, '""')}"` : v;

/** An order export of `rows` lines with Indonesian headers, odd cells at rate `odd`. */
function orderCsv(rnd: Rnd, rows: number, odd: number): Uint8Array {
  const fields = ORDERS.fields.filter((f) => f.required || rnd() < 0.6);
  const en = rnd() < 0.3;
  const eol = rnd() < 0.3 ? '\r\n' : '\n';
  const lines = [fields.map((f) => f.aliases[0]).join(',')];
  const orders: { id: string; status: string }[] = [];
  for (let r = 0; r < rows; r++) {
    const roll = rnd();
    if (roll < 0.02) {
      lines.push(rnd() < 0.5 ? '' : ','.repeat(fields.length - 1));
      continue;
    }
    if (roll < 0.03) {
      lines.push(`${pick(rnd, ['Total', 'Jumlah', ' total'])}${',1.000'.repeat(rnd() * 3)}`);
      continue;
    }
    let order = orders.length && rnd() < 0.3 ? pick(rnd, orders) : undefined;
    if (!order) {
      order = { id: `2401${Math.floor(rnd() * 1e6)}AB`, status: pick(rnd, STATUSES) };
      orders.push(order);
    }
    const cells = fields.map((f) => {
      if (f.id === 'order_id') return rnd() < odd / 4 ? value(rnd, 'text', en, 1) : order.id;
      if (f.id === 'status') return rnd() < odd / 4 ? value(rnd, 'text', en, 1) : order.status;
      return value(rnd, f.type, en, odd);
    });
    if (rnd() < odd / 2) cells.length = Math.floor(rnd() * cells.length);
    lines.push(cells.map((c) => csvCell(c, rnd)).join(','));
  }
  const text = (rnd() < 0.2 ? '\ufeff' : '') + lines.join(eol) + (rnd() < 0.7 ? eol : rnd() < 0.5 ? ',' : '');
  const bytes = new TextEncoder().encode(text);
  // Now and then a byte that is no UTF-8, past the header.
  if (rnd() < 0.05) bytes[Math.floor(bytes.length / 2 + (rnd() * bytes.length) / 2)] = 0xff;
  return bytes;
}

/** The full path: the same workbook without its byte records. */
function withoutRecords(wb: WorkbookSource): WorkbookSource {
  return { ...wb, sheets: wb.sheets.map((s) => ({ ...s, forEachRecord: undefined })) };
}

function outcome(name: string, open: () => WorkbookSource): ParsedExport | { error: string } {
  try {
    return parseWorkbook(name, open(), EXPORT_KINDS);
  } catch (e) {
    if (e instanceof ImportError) return { error: `${e.code} ${JSON.stringify(e.params)}` };
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

describe('CSV byte records', () => {
  it('split records and cells exactly as readCsv does, at any piece boundary', () => {
    const rnd = mulberry32(7);
    for (let n = 0; n < 300; n++) {
      const parts = ['a', '', ' b ', '"q,1"', '"q""2"', '"open', '"x"y', 'é', '\ufeff', '\r', '\n', '\r\n', ',', ';'];
      const text = (rnd() < 0.2 ? '\ufeff\ufeff' : '') + Array.from({ length: 30 }, () => pick(rnd, parts)).join('');
      const bytes = new TextEncoder().encode(text);
      const expected: string[][] = [];
      readCsv(new TextDecoder().decode(bytes), (cells) => void expected.push(cells.slice()), ',');
      const got: string[][] = [];
      const rec = new CsvRecord(44);
      const count = tokenizeRecords(bytes, 44, rec, (r) => {
        got.push(Array.from({ length: r.count }, (_, c) => String(r.cell(c))));
      });
      expect(got).toEqual(expected);
      expect(count).toBe(expected.length);
    }
  });

  it('give the same rows, notes and errors as the full path on any generated order export', () => {
    const rnd = mulberry32(20261207);
    const seen = { ok: 0, error: 0 };
    for (let n = 0; n < 200; n++) {
      const odd = pick(rnd, [0, 0, 0.0005, 0.002, 0.02, 0.2]);
      const bytes = orderCsv(rnd, 1 + Math.floor(rnd() * 60), odd);
      const chunk = pick(rnd, [64, 300, 4096, 1 << 25]);
      const name = 'Order.all.20240101_20251231.csv';
      const fast = outcome(name, () => csvWorkbook(bytes, chunk));
      const full = outcome(name, () => withoutRecords(csvWorkbook(bytes, chunk)));
      expect(fast).toEqual(full);
      seen['error' in fast ? 'error' : 'ok']++;
      if ('error' in fast && process.env.SHOW) console.log(fast.error.slice(0, 160));
    }
    // The generator reaches both outcomes often.
    expect(seen.ok).toBeGreaterThan(50);
    expect(seen.error).toBeGreaterThan(50);
  });
});
