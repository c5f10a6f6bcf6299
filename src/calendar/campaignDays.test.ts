import { describe, expect, it } from 'vitest';
import { campaignDayKinds } from './campaignDays';

describe('campaign calendar', () => {
  it('knows double dates, paydays and Ramadan', () => {
    expect(campaignDayKinds('2026-11-11')).toEqual(['double_date']);
    expect(campaignDayKinds('2026-12-12')).toEqual(['double_date']);
    expect(campaignDayKinds('2026-11-12')).toEqual([]);
    expect(campaignDayKinds('2026-10-27')).toEqual(['payday']);
    expect(campaignDayKinds('2026-03-03')).toEqual(['double_date', 'ramadan']);
    expect(campaignDayKinds('2026-03-21')).toEqual([]);
  });
});
