/**
 * When scheduled reports are due. Times are the device's local wall-clock time as naive strings
 * (`YYYY-MM-DDTHH:MM`), like the exports' shop-local times: no time zone arithmetic, so a schedule at
 * 08:00 is due at 08:00 on the clock whatever the zone, and a DST change cannot move or repeat it.
 */
import { addDays, isoDay, weekday } from '../kernel/days';

export type Cadence =
  | { every: 'day' }
  | { every: 'week' /** ISO weekday: 1 = Monday … 7 = Sunday. */; weekday: number }
  | { every: 'month' /** 1–28. */; day: number };

/** A local wall-clock time, `YYYY-MM-DDTHH:MM`. */
export type LocalTime = string;

/** The device's local wall-clock time now, as the schedule logic reads it. */
export function localNow(d: Date = new Date()): LocalTime {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const w = weekday(day);
  return w === 0 ? 7 : w;
}

function matches(cadence: Cadence, day: string): boolean {
  if (cadence.every === 'day') return true;
  if (cadence.every === 'week') return isoWeekday(day) === cadence.weekday;
  return Number(day.slice(8, 10)) === cadence.day;
}

/** Checks a cadence and a `HH:MM` time; returns what is wrong, or null. */
export function cadenceProblem(cadence: Cadence, time: string): string | null {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return `time must be HH:MM, got "${time}"`;
  if (cadence.every === 'week' && !(Number.isInteger(cadence.weekday) && cadence.weekday >= 1 && cadence.weekday <= 7))
    return 'weekday must be 1 (Monday) to 7 (Sunday)';
  if (cadence.every === 'month' && !(Number.isInteger(cadence.day) && cadence.day >= 1 && cadence.day <= 28))
    return 'day of month must be 1 to 28';
  return null;
}

/**
 * The runs of a schedule in (`after`, `until`]: every matching day at `time`, oldest first. Only the last
 * `limit` are returned, so an app opened after months away catches up on the recent runs, not on every one.
 */
export function runsBetween(
  cadence: Cadence,
  time: string,
  after: LocalTime,
  until: LocalTime,
  limit = 5,
): LocalTime[] {
  const out: LocalTime[] = [];
  if (until <= after) return out;
  // Walk back from the last day, so the cost does not grow with the time away.
  for (let day = isoDay(until); out.length < limit; day = addDays(day, -1)) {
    const at = `${day}T${time}`;
    if (at <= after) break;
    if (at <= until && matches(cadence, day)) out.push(at);
  }
  return out.reverse();
}

/** The next run strictly after `now`. */
export function nextRun(cadence: Cadence, time: string, now: LocalTime): LocalTime {
  for (let day = isoDay(now); ; day = addDays(day, 1)) {
    const at = `${day}T${time}`;
    if (at > now && matches(cadence, day)) return at;
  }
}
