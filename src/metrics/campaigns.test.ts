import { describe, expect, it } from 'vitest';
import { isoOfDay, isoDay } from '../kernel/days';
import { CAMPAIGN_BASELINE_DAYS, armOutcomes } from './campaigns';

const START = isoDay('2026-03-01');
const day = (i: number) => isoOfDay(Date.parse(`${START}T00:00:00Z`) / 86_400_000 + i);

describe('campaign outcomes for the bandit', () => {
  it('compares a campaign day with the median of the 28 calendar days before it, days without orders as zero', () => {
    // Sales on odd days only: the 28 days before day 60 hold 14 zeros and 14 × 100, median 50. Counting only
    // the days with orders (28 rows reach back 56 days) would give a median of 100 and call 60 a failure.
    const values: number[] = Array.from({ length: 61 }, (_, i) => (i % 2 ? 100 : 0));
    values[60] = 60;
    expect(armOutcomes({ start: START, values }, [{ day: day(60), arm: 'voucher' }])).toEqual([
      { name: 'voucher', successes: 1, trials: 1 },
    ]);
  });

  it('leaves out the days no export covers: no outcome on them, no part of a baseline', () => {
    const values: (number | null)[] = Array.from({ length: 40 }, () => 10);
    // Unknown days right before the campaign day: the baseline is the known days of the window only.
    for (let i = 30; i < 39; i++) values[i] = null;
    values[39] = 11;
    values[20] = null;
    const arms = armOutcomes({ start: START, values }, [
      { day: day(39), arm: 'live' },
      { day: day(20), arm: 'live' },
      { day: day(0), arm: 'live' },
    ]);
    // Day 20 is unknown and day 0 has nothing before it: only day 39 is a trial.
    expect(arms).toEqual([{ name: 'live', successes: 1, trials: 1 }]);
  });

  it('the window is exactly the 28 days before: the 29th day back does not count', () => {
    const d = CAMPAIGN_BASELINE_DAYS;
    // Days 1..28 before the campaign day: 14 at 40 and 14 at 50, median 45. The day before them is huge: a
    // 29-day window would take the median up to 50 and make 46 a failure.
    const values = [1_000_000, ...Array.from({ length: d }, (_, i) => (i % 2 ? 40 : 50)), 46];
    expect(armOutcomes({ start: START, values }, [{ day: day(d + 1), arm: 'flash_sale' }])).toEqual([
      { name: 'flash_sale', successes: 1, trials: 1 },
    ]);
  });
});
