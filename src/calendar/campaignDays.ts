import { type EventKind, eventsBetween } from './events';

const RAMADAN_WEEKS: readonly EventKind[] = ['ramadan_w1', 'ramadan_w2', 'ramadan_w3', 'ramadan_w4'];

/** The kind of a shop-calendar day that campaigns and demand follow (a day may be several). */
export type CampaignDay = 'double_date' | 'payday' | 'ramadan';

/**
 * Which campaign-calendar kinds a date (`YYYY-MM-DD`) belongs to: the double dates 1.1 to 12.12, payday
 * (the 25th to the end of the month), and Ramadan. A coarse view of the shop calendar (`events.ts`).
 * @example campaignDayKinds('2026-11-11') // ['double_date']
 */
export function campaignDayKinds(iso: string): CampaignDay[] {
  const on = eventsBetween(iso, iso).get(iso) ?? new Set<EventKind>();
  const out: CampaignDay[] = [];
  if (on.has('double_date')) out.push('double_date');
  if (on.has('payday')) out.push('payday');
  if (RAMADAN_WEEKS.some((k) => on.has(k))) out.push('ramadan');
  return out;
}
