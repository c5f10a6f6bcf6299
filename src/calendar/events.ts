import type { Text } from '../kernel/text';
import { addDays, dayOf, daysBetween, type IsoDay, isoDay } from '../kernel/days';
import { RAMADAN, type RamadanYear } from './ramadan';

/**
 * The Indonesian shop calendar as data, 2020 to 2028, for the forecaster's regressors and the charts.
 * Fixed-date events are computed; moving holidays are listed. Islamic holidays other than Lebaran follow
 * the Lebaran dates by their usual distance and can be a day off the government's decision, like the isbat
 * itself: the seller can correct any of them in Settings (see `CalendarOverrides`).
 */

export type EventKind =
  | 'double_date_eve'
  | 'double_date'
  | 'double_date_after'
  | 'big_double_date'
  | 'harbolnas'
  | 'payday'
  | 'tanggal_muda'
  | 'ramadan_w1'
  | 'ramadan_w2'
  | 'ramadan_w3'
  | 'ramadan_w4'
  | 'pre_lebaran'
  | 'lebaran_trough'
  | 'post_lebaran'
  | 'public_holiday';

/** Every regressor kind, in design-matrix order. */
export const EVENT_KINDS: readonly EventKind[] = [
  'double_date_eve',
  'double_date',
  'double_date_after',
  'big_double_date',
  'harbolnas',
  'payday',
  'tanggal_muda',
  'ramadan_w1',
  'ramadan_w2',
  'ramadan_w3',
  'ramadan_w4',
  'pre_lebaran',
  'lebaran_trough',
  'post_lebaran',
  'public_holiday',
];

/** Each event kind's name, as the forecast tables and the calendar show it. */
export const EVENT_NAMES: Record<EventKind, Text> = {
  double_date_eve: { id: 'Malam tanggal kembar', en: 'Double-date eve' },
  double_date: { id: 'Tanggal kembar', en: 'Double date' },
  double_date_after: { id: 'Sehari setelah tanggal kembar', en: 'Day after a double date' },
  big_double_date: { id: 'Tanggal kembar besar (9.9–12.12)', en: 'Big double date (9.9–12.12)' },
  harbolnas: { id: 'Harbolnas 12.12', en: 'Harbolnas 12.12' },
  payday: { id: 'Gajian (tgl 25–akhir bulan)', en: 'Payday (25th to month end)' },
  tanggal_muda: { id: 'Tanggal muda (tgl 1–5)', en: 'Early month (1st–5th)' },
  ramadan_w1: { id: 'Ramadan minggu 1', en: 'Ramadan week 1' },
  ramadan_w2: { id: 'Ramadan minggu 2', en: 'Ramadan week 2' },
  ramadan_w3: { id: 'Ramadan minggu 3', en: 'Ramadan week 3' },
  ramadan_w4: { id: 'Ramadan minggu 4+', en: 'Ramadan week 4+' },
  pre_lebaran: { id: 'Menjelang Lebaran', en: 'Before Lebaran' },
  lebaran_trough: { id: 'Lebaran dan cuti bersama (kurir libur)', en: 'Lebaran and joint leave (couriers off)' },
  post_lebaran: { id: 'Setelah Lebaran', en: 'After Lebaran' },
  public_holiday: { id: 'Libur nasional', en: 'Public holiday' },
};

/** Moving public holidays other than the Islamic ones (Imlek, Nyepi, Waisak), by the government's SKB. */
const MOVING_HOLIDAYS: Record<number, readonly string[]> = {
  2020: ['2020-01-25', '2020-03-25', '2020-05-07'],
  2021: ['2021-02-12', '2021-03-14', '2021-05-26'],
  2022: ['2022-02-01', '2022-03-03', '2022-05-16'],
  2023: ['2023-01-22', '2023-03-22', '2023-06-04'],
  2024: ['2024-02-10', '2024-03-11', '2024-05-23'],
  2025: ['2025-01-29', '2025-03-29', '2025-05-12'],
  2026: ['2026-02-17', '2026-03-19', '2026-05-31'],
  2027: ['2027-02-06', '2027-03-08', '2027-05-20'],
  2028: ['2028-01-26', '2028-03-26', '2028-05-09'],
};

/** Seller corrections: Ramadan and Lebaran dates per year (the isbat), and dates added to or removed from a kind. */
export interface CalendarOverrides {
  ramadan?: Record<string, { start: string; lebaran: string }>;
  add?: Partial<Record<EventKind, string[]>>;
  remove?: Partial<Record<EventKind, string[]>>;
}

/** The Ramadan table with the seller's corrections applied. */
export function ramadanTable(overrides: CalendarOverrides = {}): RamadanYear[] {
  return RAMADAN.map((r) => {
    const o = overrides.ramadan?.[String(r.year)];
    return o ? { year: r.year, start: isoDay(o.start), lebaran: isoDay(o.lebaran) } : r;
  });
}

/** Easter Sunday (Gregorian, anonymous algorithm), for Good Friday and Ascension Day. */
function easter(y: number): IsoDay {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(y, month, day);
}

/** Public holidays of a year (national, not cuti bersama). */
function publicHolidays(y: number, ramadan: readonly RamadanYear[]): string[] {
  const out = [`${y}-01-01`, `${y}-05-01`, `${y}-06-01`, `${y}-08-17`, `${y}-12-25`, ...(MOVING_HOLIDAYS[y] ?? [])];
  const e = easter(y);
  out.push(addDays(e, -2), addDays(e, 39));
  const r = ramadan.find((x) => x.year === y);
  if (r) {
    // Idul Fitri (two days), Idul Adha (~70 days after 1 Syawal), Islamic New Year (~20 days after that),
    // Maulid (~89 days after the new year), Isra Miraj (~237 days before 1 Syawal).
    const adha = addDays(r.lebaran, 70);
    const newYear = addDays(adha, 20);
    out.push(r.lebaran, addDays(r.lebaran, 1), adha, newYear, addDays(newYear, 89), addDays(r.lebaran, -237));
  }
  return out;
}

/**
 * The event kinds of every date from `from` to `to` (ISO dates), as a map from date to its kinds.
 * @example eventsBetween('2026-11-10', '2026-11-12').get('2026-11-11') // ['double_date', 'big_double_date']
 */
export function eventsBetween(
  from: string,
  to: string,
  overrides: CalendarOverrides = {},
): Map<string, Set<EventKind>> {
  const out = new Map<string, Set<EventKind>>();
  const add = (d: string, k: EventKind) => {
    if (d < from || d > to) return;
    const s = out.get(d) ?? new Set<EventKind>();
    s.add(k);
    out.set(d, s);
  };
  const ramadan = ramadanTable(overrides);
  const y0 = Number(from.slice(0, 4)) - 1;
  const y1 = Number(to.slice(0, 4)) + 1;
  for (let y = y0; y <= y1; y++) {
    for (let m = 1; m <= 12; m++) {
      const dd = dayOf(y, m, m);
      add(addDays(dd, -1), 'double_date_eve');
      add(dd, 'double_date');
      add(addDays(dd, 1), 'double_date_after');
      if (m >= 9) add(dd, 'big_double_date');
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (let d = 25; d <= last; d++) add(`${y}-${String(m).padStart(2, '0')}-${d}`, 'payday');
      for (let d = 1; d <= 5; d++) add(`${y}-${String(m).padStart(2, '0')}-0${d}`, 'tanggal_muda');
    }
    add(`${y}-12-12`, 'harbolnas');
    for (const h of publicHolidays(y, ramadan)) add(h, 'public_holiday');
  }
  for (const r of ramadan) {
    const days = daysBetween(r.start, r.lebaran);
    for (let i = 0; i < days; i++)
      add(
        addDays(r.start, i),
        (['ramadan_w1', 'ramadan_w2', 'ramadan_w3', 'ramadan_w4'] as const)[Math.min(3, Math.floor(i / 7))],
      );
    for (let i = -10; i <= -3; i++) add(addDays(r.lebaran, i), 'pre_lebaran');
    // Cuti bersama and the courier shutdown: the trough around 1 Syawal.
    for (let i = -2; i <= 4; i++) add(addDays(r.lebaran, i), 'lebaran_trough');
    for (let i = 5; i <= 10; i++) add(addDays(r.lebaran, i), 'post_lebaran');
  }
  for (const [k, dates] of Object.entries(overrides.add ?? {}) as [EventKind, string[]][])
    for (const d of dates) add(d, k);
  for (const [k, dates] of Object.entries(overrides.remove ?? {}) as [EventKind, string[]][])
    for (const d of dates) out.get(d)?.delete(k);
  return out;
}
