import { dayRange, isoDay } from '../kernel/days';
import { describe, expect, it } from 'vitest';
import { templatePeriod } from './periods';
import { cadenceProblem, isoWeekday, localNow, nextRun, runsBetween } from './schedule';

const monday8 = { every: 'week', weekday: 1 } as const;

describe('schedule runs (local wall-clock time)', () => {
  it('reads the device clock as local wall-clock time, whatever the zone', () => {
    // The Date is built from local fields, so the string is the same in every TZ the tests run in.
    expect(localNow(new Date(2026, 10, 23, 8, 5))).toBe('2026-11-23T08:05');
  });

  it('"every Monday 08:00" is due at 08:00 on Monday, not a minute before', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(runsBetween(monday8, '08:00', '2026-11-20T12:00', '2026-11-23T07:59')).toEqual([]);
    expect(runsBetween(monday8, '08:00', '2026-11-20T12:00', '2026-11-23T08:00')).toEqual(['2026-11-23T08:00']);
  });

  it('catches up on missed runs once each, oldest first, and never repeats the last one done', () => {
    const runs = runsBetween(monday8, '08:00', '2026-11-01T00:00', '2026-11-24T09:00');
    expect(runs).toEqual(['2026-11-02T08:00', '2026-11-09T08:00', '2026-11-16T08:00', '2026-11-23T08:00']);
    // After the last run is recorded, nothing is due until next Monday.
    expect(runsBetween(monday8, '08:00', runs[3], '2026-11-29T23:59')).toEqual([]);
    expect(nextRun(monday8, '08:00', '2026-11-24T09:00')).toBe('2026-11-30T08:00');
  });

  it('keeps only the most recent runs after a long time away', () => {
    const runs = runsBetween({ every: 'day' }, '07:30', '2026-01-01T00:00', '2026-11-24T09:00', 3);
    expect(runs).toEqual(['2026-11-22T07:30', '2026-11-23T07:30', '2026-11-24T07:30']);
  });

  it('has no DST gaps or repeats: 02:30 on a European or American DST day is one run', () => {
    for (const day of ['2026-03-29', '2026-10-25', '2026-03-08', '2026-11-01']) {
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(runsBetween({ every: 'day' }, '02:30', `${day}T00:00`, `${next}T00:00`)).toEqual([`${day}T02:30`]);
    }
  });

  it('monthly runs on the given day; the month end is not guessed', () => {
    expect(runsBetween({ every: 'month', day: 1 }, '06:00', '2026-09-15T00:00', '2026-11-24T00:00')).toEqual([
      '2026-10-01T06:00',
      '2026-11-01T06:00',
    ]);
    expect(cadenceProblem({ every: 'month', day: 31 }, '06:00')).toMatch(/1 to 28/);
    expect(cadenceProblem({ every: 'week', weekday: 0 }, '06:00')).toMatch(/weekday/);
    expect(cadenceProblem({ every: 'day' }, '8:00')).toMatch(/HH:MM/);
    expect(cadenceProblem({ every: 'day' }, '23:59')).toBeNull();
  });
});

describe('template periods', () => {
  it('covers the last complete day, week or month before the run, never past the data', () => {
    expect(templatePeriod('daily', isoDay('2026-11-24'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-23', '2026-11-23'),
    );
    expect(templatePeriod('weekly', isoDay('2026-11-23'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-16', '2026-11-22'),
    );
    expect(templatePeriod('weekly', isoDay('2026-11-26'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-16', '2026-11-22'),
    );
    expect(templatePeriod('monthly', isoDay('2026-12-01'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-01', '2026-11-30'),
    );
    expect(templatePeriod('monthly', isoDay('2026-11-24'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-10-01', '2026-10-31'),
    );
    // Data that ends earlier than the run: the last complete period of the data.
    expect(templatePeriod('daily', isoDay('2027-01-10'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-30', '2026-11-30'),
    );
    expect(templatePeriod('weekly', isoDay('2027-01-10'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-23', '2026-11-29'),
    );
    expect(templatePeriod('product', isoDay('2027-01-10'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-01', '2026-11-30'),
    );
    expect(templatePeriod('campaign', isoDay('2026-11-24'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-11-11', '2026-11-11'),
    );
    expect(templatePeriod('campaign', isoDay('2026-11-11'), isoDay('2026-11-30'))).toEqual(
      dayRange('2026-10-10', '2026-10-10'),
    );
  });
});
