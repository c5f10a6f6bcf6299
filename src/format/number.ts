import type { Locale } from '../i18n/locale';

const INT: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};
/** Two decimals: percentages, and money in currencies with minor units. */
const PCT: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** Minor units per major unit of each currency's exports (METRICS.md: money is stored in minor units). */
const MINOR: Record<string, number> = { IDR: 1, VND: 1 };

/**
 * Money from minor units: `Rp1.234.567` in Indonesian, `IDR 1,234,567` in English.
 * @example formatMoney(1234567, 'IDR', 'id') // 'Rp1.234.567'
 */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const factor = MINOR[currency] ?? 100;
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

/** Period-over-period change (METRICS.md): null when the previous value is 0 ("new"). */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}
