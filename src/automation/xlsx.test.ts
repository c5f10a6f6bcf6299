import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { workbookBytes } from '../format/workbook';

const DANGEROUS = [
  '=HYPERLINK("http://evil.example","klik")',
  '+62 812',
  '-1+1',
  '@SUM(A1:A2)',
  '\tTab',
  '\rCR',
  '=1+1',
];

describe('Excel export', () => {
  it('writes every dangerous text as a text cell, never a formula; numbers stay numbers with their format', () => {
    const bytes = workbookBytes([
      {
        name: 'Produk: [semua]',
        header: ['Nama', 'Penjualan'],
        rows: DANGEROUS.map((d, i) => [d, 1000 * (i + 1)]),
        formats: { 1: '#,##0' },
      },
    ]);
    const wb = XLSX.read(bytes, { type: 'array', cellFormula: true });
    const ws = wb.Sheets[wb.SheetNames[0]];
    expect(wb.SheetNames[0]).toBe('Produk   semua');
    DANGEROUS.forEach((d, i) => {
      const cell = ws[XLSX.utils.encode_cell({ r: i + 1, c: 0 })];
      expect(cell.t, d).toBe('s');
      expect(cell.f, d).toBeUndefined();
      expect(cell.v).toBe(d);
      const n = ws[XLSX.utils.encode_cell({ r: i + 1, c: 1 })];
      expect(n.t).toBe('n');
      expect(n.v).toBe(1000 * (i + 1));
    });
    // No formula element anywhere in the sheet's XML.
    const zip = XLSX.CFB.read(bytes, { type: 'array' });
    const sheetXml = zip.FullPaths.filter((p: string) => /xl\/worksheets\/sheet\d+\.xml$/.test(p));
    expect(sheetXml.length).toBe(1);
    for (const p of sheetXml) {
      const entry = XLSX.CFB.find(zip, p);
      expect(new TextDecoder().decode(entry?.content as Uint8Array)).not.toMatch(/<f[ >]/);
    }
  });
});
