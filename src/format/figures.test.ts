import { describe, expect, it } from 'vitest';
import { currency } from '../kernel/currency';
import { excelCell, excelDate, formatValue } from './figures';

const IDR = currency('IDR');

describe('a figure of each unit', () => {
  it('reads a duration with its units, in both languages', () => {
    expect(formatValue(970, 'duration', IDR, 'id')).toBe('16 mnt 10 dtk');
    expect(formatValue(970, 'duration', IDR, 'en')).toBe('16 min 10 s');
    expect(formatValue(3_909, 'duration', IDR, 'en')).toBe('1 h 5 min');
    expect(formatValue(45, 'duration', IDR, 'id')).toBe('45 dtk');
    expect(formatValue(600, 'duration', IDR, 'id')).toBe('10 mnt');
    // Excel keeps the seconds as a number with its unit in the format.
    expect(excelCell(970, 'duration', IDR)).toEqual({ v: 970, z: '#,##0" s"' });
  });

  it('reads money in the currency, counts and ratios in the locale, and unknown as a dash', () => {
    expect(formatValue(7_750_000, 'money', IDR, 'id')).toBe('Rp7.750.000');
    expect(formatValue(0.25, 'ratio', IDR, 'en')).toMatch(/^25(\.0+)?%$/);
    expect(formatValue(null, 'count', IDR, 'en')).toBe('–');
  });
});

describe('a day in Excel', () => {
  it('is a date cell: the serial Excel counts from 1899-12-30, shown as yyyy-mm-dd', () => {
    expect(excelDate('1970-01-01')).toEqual({ v: 25_569, z: 'yyyy-mm-dd' });
    // 2026-10-01 is Excel day 46,296.
    expect(excelDate('2026-10-01')).toEqual({ v: 46_296, z: 'yyyy-mm-dd' });
  });
});
