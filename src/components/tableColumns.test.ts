import { describe, expect, it } from 'vitest';
import { type Column, listColumns, presentColumns } from './tableColumns';

type Row = Record<string, number | string>;
const text = (label: string): Column<Row> => ({ label, key: (r) => r[label] });
const figure = (label: string, fmt: Column<Row>['fmt'] = 'count'): Column<Row> => ({
  label,
  key: (r) => r[label],
  fmt,
  show: String,
});

describe('the phone list of a table', () => {
  const columns = [
    text('Produk'),
    text('SKU'),
    figure('Pesanan'),
    figure('Unit'),
    figure('Penjualan', 'money'),
    figure('Laba', 'money'),
    figure('Margin', 'ratio'),
  ];

  it('shows the money figures first, then other figures, up to three, in table order; the rest goes to the detail', () => {
    expect(listColumns(columns, null)).toEqual({ figures: [2, 4, 5], rest: [1, 3, 6] });
  });

  it('always shows the column the list is sorted by', () => {
    expect(listColumns(columns, 6)).toEqual({ figures: [4, 5, 6], rest: [1, 2, 3] });
    // Sorted by the label: it is the card's title already.
    expect(listColumns(columns, 0)).toEqual({ figures: [2, 4, 5], rest: [1, 3, 6] });
  });

  it('a table of text shows its first columns when it has no figures to show', () => {
    expect(listColumns([text('a'), text('b'), text('c'), text('d'), text('e')], null)).toEqual({
      figures: [1, 2, 3],
      rest: [4],
    });
  });

  it('leaves out a column that an export fills while no row has a value, and names it', () => {
    const visitors: Column<Row> = {
      ...figure('Pengunjung'),
      key: (r) => (r.v === undefined ? null : r.v),
      filledBy: 'Performa Produk',
    };
    const units = { ...figure('Unit'), key: (r: Row) => (r.u === undefined ? null : r.u) };
    const cols = [text('SKU'), units, visitors];
    const none = presentColumns(cols, [{ SKU: 'A' }, { SKU: 'B', u: 1 }]);
    expect(none.columns.map((c) => c.label)).toEqual(['SKU', 'Unit']);
    expect(none.missing.map((c) => c.label)).toEqual(['Pengunjung']);
    // One value anywhere brings it back; a column without an export stays even when empty.
    expect(presentColumns(cols, [{ SKU: 'A', v: 0 }]).columns.map((c) => c.label)).toEqual([
      'SKU',
      'Unit',
      'Pengunjung',
    ]);
  });
});
