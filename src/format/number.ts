import { msOfDay } from '../kernel/days';
import type { Locale } from '../i18n/locale';
import { type Currency, minorPerMajor } from '../kernel/currency';

const INT: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};
/** Two decimals: percentages, and money in currencies with minor units. */
const PCT: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/**
 * Money from minor units: `Rp1.234.567` in Indonesian, `IDR 1,234,567` in English.
 * @example formatMoney(1234567, 'IDR', 'id') // 'Rp1.234.567'
 */
export function formatMoney(minor: number, currency: Currency, locale: Locale): string {
  const factor = minorPerMajor(currency);
  const major = minor / factor;
  const sign = major < 0 ? '-' : '';
  const abs = Math.abs(major);
  const digits = factor === 1 ? INT[locale].format(Math.round(abs)) : PCT[locale].format(abs);
  if (currency === 'IDR' && locale === 'id') return `${sign}Rp${digits}`;
  return `${sign}${currency} ${digits}`;
}

/** A count: `1.234` (id), `1,234` (en). */
export function formatCount(n: number, locale: Locale): string {
  return INT[locale].format(n);
}

/** A ratio as a percentage: 0.0273 is `2,73%` (id) and `2.73%` (en). */
export function formatPercent(ratio: number, locale: Locale): string {
  return `${PCT[locale].format(ratio * 100)}%`;
}

/** A plain number with up to `digits` decimals: `1,23` (id), `1.23` (en). */
export function formatDecimal(n: number, locale: Locale, digits = 2): string {
  return n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: digits });
}

/** Period-over-period change (METRICS.md): null when the previous value is 0 ("new"). */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

const COMPACT: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { notation: 'compact', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }),
};

/** Money for axis ticks: `Rp1,2 jt` (id), `IDR 1.2M` (en). */
export function formatCompactMoney(minor: number, currency: Currency, locale: Locale): string {
  const major = minor / minorPerMajor(currency);
  const digits = COMPACT[locale].format(major);
  return currency === 'IDR' && locale === 'id' ? `Rp${digits}` : `${currency} ${digits}`;
}

const DATE_FORMATS = {
  short: { day: 'numeric', month: 'short', timeZone: 'UTC' },
  long: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A calendar date (`YYYY-MM-DD`, shop-local) in the seller's language: `1 Nov`, `Sen, 1 Nov 2026`. */
export function formatDate(iso: string, locale: Locale, style: keyof typeof DATE_FORMATS): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', DATE_FORMATS[style]).format(
    new Date(msOfDay(iso)),
  );
}

/** An instant (ISO time) on this device's clock, with the day: `2 Des 2026, 14.05`. */
export function formatInstant(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A file size: `820 KB`, `3,2 MB`. */
export function formatBytes(bytes: number, locale: Locale): string {
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'KB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${unit}`;
}

/**
 * A date range: one date in the long style, else `1 Nov – Sen, 30 Nov 2026` (the start in `fromStyle`).
 * @example formatRange({ from: '2026-11-01', to: '2026-11-30' }, 'en') // '1 Nov – Mon, 30 Nov 2026'
 */
export function formatRange(
  r: { from: string; to: string },
  locale: Locale,
  fromStyle: 'short' | 'long' = 'short',
): string {
  return r.from === r.to
    ? formatDate(r.from, locale, 'long')
    : `${formatDate(r.from, locale, fromStyle)} – ${formatDate(r.to, locale, 'long')}`;
}

const DURATION_UNITS: Record<Locale, { h: string; m: string; s: string }> = {
  id: { h: 'jam', m: 'mnt', s: 'dtk' },
  en: { h: 'h', m: 'min', s: 's' },
};

/**
 * A duration in seconds with its units, the two largest that apply: `1 jam 5 mnt`, `16 mnt 10 dtk`, `45 dtk`.
 * @example formatDuration(970, 'en') // '16 min 10 s'
 */
export function formatDuration(seconds: number, locale: Locale): string {
  const s = Math.round(seconds);
  const u = DURATION_UNITS[locale];
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) return m ? `${h} ${u.h} ${m} ${u.m}` : `${h} ${u.h}`;
  if (m) return s % 60 ? `${m} ${u.m} ${s % 60} ${u.s}` : `${m} ${u.m}`;
  return `${s} ${u.s}`;
}
