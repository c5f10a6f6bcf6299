/**
 * Currencies: the one table of minor units, the currency of a country's exports, and the dataset's
 * currency with its default. Money is stored in minor units (METRICS.md); IDR and VND have none.
 */

/** An ISO 4217 code as the exports give it (`IDR`, `MYR`): made by `currency`, or taken from this table. */
export type Currency = string & { readonly __brand: 'Currency' };

/** A currency code read where it enters (a header, a country column, the stored dataset): three letters. */
export function currency(code: string): Currency {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) throw new RangeError(`not a currency code: ${code}`);
  return c as Currency;
}

/** The currency of a dataset before any file has said otherwise. */
export const DEFAULT_CURRENCY = currency('IDR');

/** Minor units per major unit; 100 for every currency not listed. */
const MINOR: Readonly<Record<string, number>> = { IDR: 1, VND: 1 };

export const minorPerMajor = (currency: Currency): number => MINOR[currency] ?? 100;

/** Whether amounts of the currency are whole (no minor unit): Indonesian `82.500` is 82,500, not 82.5. */
export const hasNoMinorUnit = (currency: Currency): boolean => minorPerMajor(currency) === 1;

/** The currency of the exports of a Shopee country (the `Negara` column). */
export const COUNTRY_CURRENCY: Readonly<Record<string, Currency>> = {
  ID: currency('IDR'),
  MY: currency('MYR'),
  SG: currency('SGD'),
  PH: currency('PHP'),
  TH: currency('THB'),
  VN: currency('VND'),
};

/** The dataset's currency, or the default while it has none. */
export const currencyOf = (info: { currency: Currency | null } | null | undefined): Currency =>
  info?.currency ?? DEFAULT_CURRENCY;
