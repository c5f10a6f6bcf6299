import { RAMADAN } from './ramadan';

/** The kind of a shop-calendar day that campaigns and demand follow (a day may be several). */
export type CampaignDay = 'double_date' | 'payday' | 'ramadan';

/**
 * Which campaign-calendar kinds a date (`YYYY-MM-DD`) belongs to: the double dates 1.1 to 12.12, payday
 * (the 25th to the end of the month), and Ramadan.
 * @example campaignDayKinds('2026-11-11') // ['double_date']
 */
export function campaignDayKinds(iso: string): CampaignDay[] {
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const out: CampaignDay[] = [];
  if (day === month) out.push('double_date');
  if (day >= 25) out.push('payday');
  if (RAMADAN.some((r) => iso >= r.start && iso < r.lebaran)) out.push('ramadan');
  return out;
}
