import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  it('writes formula-like text as text, never as a formula', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(csvCell(evil).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell('Panci, "Set"')).toBe('"Panci, ""Set"""');
  });
  it('starts with a BOM so spreadsheets read UTF-8', () => {
    expect(toCsv(['a'], [['é']])).toBe('\ufeffa\r\né\r\n');
  });
});
