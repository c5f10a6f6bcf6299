import { isoDay } from '../kernel/days';
import { describe, expect, it } from 'vitest';
import { presetOf, presetRange } from './range';

describe('date range presets', () => {
  it('count back from the anchor day, inclusive', () => {
    expect(presetRange('7d', isoDay('2026-11-30'))).toEqual({ from: '2026-11-24', to: '2026-11-30' });
    expect(presetRange('30d', isoDay('2026-03-01'))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(presetRange('90d', isoDay('2026-11-30'))).toEqual({ from: '2026-09-02', to: '2026-11-30' });
  });
  it('know this month and last month, across a year end', () => {
    expect(presetRange('this_month', isoDay('2026-01-15'))).toEqual({ from: '2026-01-01', to: '2026-01-15' });
    expect(presetRange('last_month', isoDay('2026-01-15'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('last_month', isoDay('2024-03-10'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
  it('recognise a preset from the URL range', () => {
    expect(presetOf(undefined, undefined, isoDay('2026-11-30'))).toBe('all');
    expect(presetOf('2026-11-01', '2026-11-15', isoDay('2026-11-15'))).toBe('this_month');
    expect(presetOf('2026-11-01', '2026-11-30', isoDay('2026-11-30'))).toBe('30d');
    expect(presetOf('2026-10-01', '2026-10-31', isoDay('2026-11-30'))).toBe('last_month');
    expect(presetOf('2026-05-05', '2026-06-01', isoDay('2026-11-30'))).toBe('custom');
  });
});
