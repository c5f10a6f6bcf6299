import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_COLUMNS_2026 } from '../../scripts/sample/layouts';
import { at, line, orderFile, textBytes } from '../../test/fixtures';
import { EXPORT_KINDS, parseExport } from './parseExport';
import type { Note } from './problems';
import { ORDERS } from './kinds/ordersSpec';
import { errorText, noteText } from '../i18n/problems';
import { failure, HEADER_2026, sum } from '../../test/parsed';

describe('number conventions: one file, one convention', () => {
  /** An order CSV in the 2026 layout, with the Subtotal column's texts (and any other column's) given. */
  const csvWith = (subtotals: string[], other: Record<string, string> = {}) => {
    const lines = subtotals.map((_, i) => line({ orderId: `N${i}`, subtotal: 1 }));
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const cell = (h: string, i: number, v: string) => (h === 'Subtotal Pesanan' ? subtotals[i] : (other[h] ?? v));
    const rows = lines.map((l, i) => ORDER_COLUMNS_2026.map(([h, v]) => q(cell(h, i, v(l)))).join(','));
    return textBytes([HEADER_2026.map(q).join(','), ...rows].join('\n'));
  };
  const idText = (v: number) => v.toLocaleString('de-DE');
  const enTexts = ['1,234.50', '12,345', '82,500', '4.00', '2,000,000'];

  it('reads Indonesian amounts exactly, and one English amount anywhere fails the file with its row and column', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 1, max: 999 }).map((k) => k * 500),
          { minLength: 2, maxLength: 40 },
        ),
        fc.nat(),
        fc.constantFrom(...enTexts),
        (amounts, pos, english) => {
          const texts = amounts.map(idText);
          expect(sum(parseExport('Order.all.20260601_20260630.csv', csvWith(texts)), 'subtotal')).toBe(
            amounts.reduce((a, b) => a + b, 0),
          );
          const at = pos % texts.length;
          texts[at] = english;
          const e = failure('Order.all.20260601_20260630.csv', csvWith(texts));
          expect(e.code).toBe('bad_value');
          expect(e.params).toMatchObject({
            row: at + 2,
            header: 'Subtotal Pesanan',
            value: english,
            expected: 'convention_id',
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads a column of only ambiguous numbers by the file, and says so', () => {
    // Quantities of 1.000 (a thousand): the column alone cannot say; the amounts of the file can.
    const p = parseExport('Order.all.20260601_20260630.csv', csvWith(['82.500', '1.000'], { Jumlah: '1.000' }));
    expect(sum(p, 'subtotal')).toBe(83_500);
    expect(sum(p, 'qty')).toBe(2000);
    const note = p.output.notes.find((n) => n.code === 'number_convention');
    expect(note?.params).toMatchObject({ convention: 'id', source: 'file' });
    expect(String(note?.params.columns)).toContain('Jumlah');
  });

  it('a file whose every number is ambiguous reads by its header language, and says so', () => {
    // Amounts without separators, counts of 1.000 (a thousand, or one): nothing in the file decides.
    const numeric = new Set(['int', 'number', 'percent', 'weight']);
    const ambiguous = Object.fromEntries(
      ORDERS.fields
        .filter((f) => f.type === 'money' || numeric.has(f.type))
        .map((f) => [f.aliases[0], f.type === 'money' ? '1000' : '1.000']),
    );
    const indonesian = parseExport('Order.all.20260601_20260630.csv', csvWith(['82500', '1000'], ambiguous));
    expect(indonesian.output.notes.find((n) => n.code === 'number_convention')?.params).toMatchObject({
      convention: 'id',
      source: 'headers',
    });
    expect(sum(indonesian, 'qty')).toBe(2000);
    // The same file with the English headers of the same columns.
    const text = new TextDecoder().decode(csvWith(['82500', '1000'], ambiguous));
    const english = ORDERS.fields.reduce(
      (t, f) => (f.aliases[1] ? t.replace(`"${f.aliases[0]}"`, `"${f.aliases[1]}"`) : t),
      text,
    );
    const note = parseExport('Order.all.20260601_20260630.csv', textBytes(english)).output.notes.find(
      (n) => n.code === 'number_convention',
    );
    expect(note?.params).toMatchObject({ convention: 'en', source: 'headers' });
    expect(sum(parseExport('Order.all.20260601_20260630.csv', textBytes(english)), 'qty')).toBe(2);
    expect(noteText('en', note as Note)).toContain('matching the language of the file’s column headers');
  });
});

describe('implausible order rows fail the file, naming them', () => {
  it('one order with two statuses in one file', () => {
    const e = failure(
      'Order.all.20260601_20260630.xlsx',
      orderFile([
        line({ orderId: 'C1' }),
        line({ orderId: 'C1', productName: 'Topi', status: 'Batal', completed: null }),
      ]),
    );
    expect(e.code).toBe('conflicting_status');
    expect(e.params).toMatchObject({ order: 'C1', rows: '2 (Selesai), 3 (Batal)' });
  });

  it('a negative quantity', () => {
    const e = failure(
      'Order.all.20260601_20260630.xlsx',
      orderFile([line({ orderId: 'Q1' }), line({ orderId: 'Q2', qty: -2 })]),
    );
    expect(e.params).toMatchObject({ row: 3, header: 'Jumlah', value: '-2', expected: 'not_negative' });
  });

  it('an order created after the period in the file name, or in the future', () => {
    const late = line({ orderId: 'F1', created: at('2026-07-02 10:00'), completed: null, status: 'Perlu Dikirim' });
    expect(
      failure('Order.all.20260601_20260630.xlsx', orderFile([line({ orderId: 'F0' }), late])).params,
    ).toMatchObject({ row: 3, header: 'Waktu Pesanan Dibuat', expected: 'date_in_period' });
    // Without a period in the name, only the future is refused: 2099 is.
    expect(parseExport('orders.xlsx', orderFile([late])).output.rowsRead).toBe(1);
    const future = line({ orderId: 'F2', created: at('2099-01-01 10:00'), completed: null, status: 'Perlu Dikirim' });
    expect(failure('orders.xlsx', orderFile([future])).params).toMatchObject({ row: 2, expected: 'date_not_future' });
  });
});

describe('a file the importer does not read', () => {
  const foreign = textBytes('Nama,Alamat\nBudi,Jakarta\n');
  it('is told which exports the app reads, every kind by name, in both languages', () => {
    const e = failure('kontak.csv', foreign);
    expect(e.code).toBe('unknown_export');
    for (const locale of ['id', 'en'] as const) {
      const text = errorText(locale, e.info);
      for (const k of EXPORT_KINDS) expect(text, `${locale} ${k.id}`).toContain(k.name[locale]);
      expect(text).toContain('Nama, Alamat');
    }
  });

  it('is named when it is a Shopee export the app does not read yet, not called foreign', () => {
    const e = failure('video-overview-v3.20260701_20260731.csv', foreign);
    expect(e.code).toBe('unread_export');
    expect(errorText('en', e.info)).toContain("Shopee's Video overview report");
    expect(errorText('id', e.info)).toContain('laporan Ringkasan Video dari Shopee');
  });
});

describe('amounts in import notes', () => {
  it('read as money in the file currency, in both languages', () => {
    const note = { code: 'ads_topups', level: 'info', params: { amount: 7_750_000, currency: 'IDR' } } as const;
    expect(noteText('id', note)).toContain('Rp7.750.000');
    expect(noteText('en', note)).toContain('IDR 7,750,000');
  });
});
