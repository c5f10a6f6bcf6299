/**
 * Calendar days as `YYYY-MM-DD` text, with UTC arithmetic: a day is the day the export says, with no time
 * zone to apply. Every date computation of the app goes through these.
 */

export const DAY_MS = 86_400_000;

/** A calendar day, `YYYY-MM-DD`: made only by `isoDay` (which checks it) or by the arithmetic below. */
export type IsoDay = string & { readonly __brand: 'IsoDay' };

/** A range of calendar days, both ends included. */
export interface DateRange {
  from: IsoDay;
  to: IsoDay;
}

/** A day whose orders are known only up to a time of day: its last export was made during it. */
export interface PartialDay {
  day: IsoDay;
  /** `end`: known up to `at` (its last export was made that day); `start`: known from `at` (an export began mid-day). */
  edge: 'end' | 'start';
  /** `HH:MM`. */
  at: string;
  /** The share of a usual day's orders in the known part of the day, from the shop's own hours. */
  share: number;
}

/** A range as asked for at an edge (an API call, a URL): text until parsed; a missing end means the data's. */
export interface RangeRequest {
  from?: string;
  to?: string;
}

/**
 * Parses a calendar day where one enters (a URL, a form, an API call, a file): the `YYYY-MM-DD` date at the
 * start of `text` (a time after it is ignored), which must be a real date.
 */
export function isoDay(text: string): IsoDay {
  const day = text.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || dayOfMs(msOfDay(day)) !== day)
    throw new RangeError(`not a calendar day: ${text}`);
  return day as IsoDay;
}

/** The day of a year, month (1–12) and day of month; out-of-range parts roll over as `Date.UTC` does. */
export const dayOf = (year: number, month: number, day: number): IsoDay => dayOfMs(Date.UTC(year, month - 1, day));

/** A range from two day texts, parsed (see `isoDay`). */
export const dayRange = (from: string, to: string): DateRange => ({ from: isoDay(from), to: isoDay(to) });

/** Midnight UTC of a day, in milliseconds. */
export const msOfDay = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
/** The calendar day of a time in milliseconds (UTC). */
export const dayOfMs = (ms: number): IsoDay => new Date(ms).toISOString().slice(0, 10) as IsoDay;
/** Days since 1970-01-01. */
export const dayNumber = (iso: string): number => Math.round(msOfDay(iso) / DAY_MS);
export const isoOfDay = (n: number): IsoDay => dayOfMs(n * DAY_MS);
export const addDays = (iso: IsoDay, n: number): IsoDay => dayOfMs(msOfDay(iso) + n * DAY_MS);
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
