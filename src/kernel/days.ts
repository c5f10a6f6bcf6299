/**
 * Calendar days as `YYYY-MM-DD` text, with UTC arithmetic: a day is the day the export says, with no time
 * zone to apply. Every date computation of the app goes through these.
 */

export const DAY_MS = 86_400_000;

/** A range of calendar days, both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

/** Midnight UTC of a day, in milliseconds. */
export const msOfDay = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
/** The calendar day of a time in milliseconds (UTC). */
export const dayOfMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Days since 1970-01-01. */
export const dayNumber = (iso: string): number => Math.round(msOfDay(iso) / DAY_MS);
export const isoOfDay = (n: number): string => dayOfMs(n * DAY_MS);
export const addDays = (iso: string, n: number): string => dayOfMs(msOfDay(iso) + n * DAY_MS);
/** Days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);
/** Days in a range, both ends included. */
export const daysIn = (r: DateRange): number => daysBetween(r.from, r.to) + 1;
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (iso: string): number => new Date(msOfDay(iso)).getUTCDay();

/** The same number of days immediately before `range`. */
export function previousRange(range: DateRange): DateRange {
  const len = daysIn(range);
  return { from: addDays(range.from, -len), to: addDays(range.from, -1) };
}
