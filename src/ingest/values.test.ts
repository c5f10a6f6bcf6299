import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectConvention,
  parseDateTime,
  parseDuration,
  parseInteger,
  parseMoney,
  parseNumber,
  parsePercent,
  parseWeightGrams,
  ValueError,
} from './values';

const ID_FMT = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const EN_FMT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

describe('numbers', () => {
  it('reads the formats of real exports', () => {
    expect(parseNumber('91.425', 'id')).toBe(91425);
    expect(parseNumber('1.000', 'id')).toBe(1000);
    expect(parseNumber('0', 'id')).toBe(0);
    expect(parseNumber('RP 86.400\n', 'id')).toBe(86400);
    expect(parseNumber('RP -12.478 \n', 'id')).toBe(-12478);
    expect(parseNumber('Rp1.234.567', 'id')).toBe(1234567);
    expect(parseNumber('118350,32', 'id')).toBeCloseTo(118350.32, 6);
    expect(parseNumber('28.200.952', 'id')).toBe(28200952);
    expect(parseNumber('2,000,000.5', 'en')).toBe(2000000.5);
    expect(parseNumber('2.9789999999999996', 'en')).toBeCloseTo(2.979, 6);
    expect(parseNumber(-7879, 'id')).toBe(-7879);
    expect(parseNumber('-', 'id')).toBeNull();
    expect(parseNumber('', 'id')).toBeNull();
    expect(parseNumber(null, 'id')).toBeNull();
  });

  it('refuses texts that are not numbers, naming the reason', () => {
    for (const bad of ['abc', '12,5,3', '1.2.3.4', '9.99', '--5']) {
      expect(() => parseNumber(bad, 'id')).toThrow(ValueError);
    }
    expect(() => parseInteger('1,5', 'id')).toThrowError(/not_an_integer/);
  });

  it('round-trips any integer written the Indonesian way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseNumber(ID_FMT.format(n), 'id')).toBe(n);
        expect(parseMoney(`RP ${ID_FMT.format(n)}\n`, 'id', 1)).toBe(n);
      }),
    );
  });

  it('round-trips any integer written the English way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseNumber(EN_FMT.format(n), 'en')).toBe(n);
      }),
    );
  });

  it('takes the same decision on the allocation-free fast path as on the full parser', () => {
    const attempt = (text: string, conv: 'id' | 'en') => {
      try {
        return parseNumber(text, conv);
      } catch {
        return 'error';
      }
    };
    const text = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', ',', '-'), minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(text, fc.constantFrom('id' as const, 'en' as const), (t, conv) => {
        // A leading space bypasses the fast path; both must agree.
        expect(attempt(t, conv)).toEqual(attempt(` ${t}`, conv));
      }),
      { numRuns: 3000 },
    );
  });

  it('stores money in minor units, rounding half away from zero', () => {
    expect(parseMoney('2.9789999999999996', 'en', 100)).toBe(298);
    expect(parseMoney('0.005', 'en', 100)).toBe(1);
    expect(parseMoney('-0.005', 'en', 100)).toBe(-1);
    expect(parseMoney('99.3', 'en', 100)).toBe(9930);
  });

  it('reads percentages as ratios', () => {
    expect(parsePercent('2,32%', 'id')).toBeCloseTo(0.0232, 10);
    expect(parsePercent('4.00%', 'en')).toBeCloseTo(0.04, 10);
    expect(() => parsePercent('4.00', 'en')).toThrow(ValueError);
  });

  it('detects the convention of a column from unambiguous texts', () => {
    expect(detectConvention(['91.425', '118350,32'], 'en')).toBe('id');
    expect(detectConvention(['2,000,000.5', '4.00'], 'id')).toBe('en');
    expect(detectConvention(['1.000.000'], 'en')).toBe('id');
    expect(detectConvention(['91.425', '1.000'], 'id')).toBe('id');
    expect(detectConvention(['91.425', '1.000'], 'en')).toBe('en');
  });
});

describe('dates, durations, weights', () => {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  it('keeps shop-local time naive, in every layout', () => {
    expect(iso(parseDateTime('2026-06-01 01:08'))).toBe('2026-06-01T01:08:00.000Z');
    expect(iso(parseDateTime('2026-08-02'))).toBe('2026-08-02T00:00:00.000Z');
    expect(iso(parseDateTime('01-07-2026'))).toBe('2026-07-01T00:00:00.000Z');
    expect(iso(parseDateTime('06/08/2026'))).toBe('2026-08-06T00:00:00.000Z');
    expect(iso(parseDateTime('2026-08-06 10:28:29'))).toBe('2026-08-06T10:28:29.000Z');
    expect(iso(parseDateTime('28/08/2026 00:00:00'))).toBe('2026-08-28T00:00:00.000Z');
    expect(iso(parseDateTime(46143))).toBe('2026-05-01T00:00:00.000Z');
    expect(iso(parseDateTime(45658.5))).toBe('2025-01-01T12:00:00.000Z');
    expect(parseDateTime('-')).toBeNull();
  });

  it('refuses impossible dates', () => {
    for (const bad of ['2026-02-30', '2026-13-01 10:00', '2026-06-01 25:00', 'kemarin']) {
      expect(() => parseDateTime(bad)).toThrow(ValueError);
    }
  });

  it('round-trips any minute of the years Shopee exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2015, 0, 1) / 60000, max: Date.UTC(2030, 0, 1) / 60000 }), (min) => {
        const ms = min * 60000;
        const text = new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
        expect(parseDateTime(text)).toBe(ms);
      }),
    );
  });

  it('reads durations and weights', () => {
    expect(parseDuration('00:12:30')).toBe(750);
    expect(parseDuration('1:02:03')).toBe(3723);
    expect(() => parseDuration('12:75')).toThrow(ValueError);
    expect(parseWeightGrams('333 gr', 'id')).toBe(333);
    expect(parseWeightGrams('1,5 kg', 'id')).toBe(1500);
    expect(parseWeightGrams('0.480', 'en')).toBe(480);
    expect(() => parseWeightGrams('berat', 'id')).toThrow(ValueError);
  });
});
