import { describe, expect, it } from 'vitest';
import { eventsBetween } from './events';

describe('the shop calendar', () => {
  it('marks double dates with their eve and after-day, payday, 12.12 and Lebaran', () => {
    const ev = eventsBetween('2026-12-01', '2026-12-31');
    expect([...(ev.get('2026-12-12') ?? [])].sort()).toEqual(['big_double_date', 'double_date', 'harbolnas']);
    expect(ev.get('2026-12-11')?.has('double_date_eve')).toBe(true);
    expect(ev.get('2026-12-13')?.has('double_date_after')).toBe(true);
    expect(ev.get('2026-12-25')?.has('payday')).toBe(true);
    expect(ev.get('2026-12-25')?.has('public_holiday')).toBe(true);
    const lebaran = eventsBetween('2026-03-15', '2026-03-31');
    // 1 Syawal 1447 is 2026-03-21: the trough runs from two days before to four after.
    expect(lebaran.get('2026-03-19')?.has('lebaran_trough')).toBe(true);
    expect(lebaran.get('2026-03-25')?.has('lebaran_trough')).toBe(true);
    expect(lebaran.get('2026-03-26')?.has('post_lebaran')).toBe(true);
  });

  it("follows the seller's isbat correction of a year", () => {
    const before = eventsBetween('2027-03-01', '2027-03-31');
    const after = eventsBetween('2027-03-01', '2027-03-31', {
      ramadan: { '2027': { start: '2027-02-09', lebaran: '2027-03-11' } },
    });
    expect(before.get('2027-03-08')?.has('lebaran_trough')).toBe(true);
    expect(after.get('2027-03-08')?.has('lebaran_trough') ?? false).toBe(false);
    expect(after.get('2027-03-15')?.has('lebaran_trough')).toBe(true);
    expect(after.get('2027-03-11')?.has('public_holiday')).toBe(true);
  });
});
