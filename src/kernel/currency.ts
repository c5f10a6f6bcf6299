/**
 * Currencies: the one table of minor units, the currency of a country's exports, and the dataset's
 * currency with its default. Money is stored in minor units (METRICS.md); IDR and VND have none.
 */

/** The currency of a dataset before any file has said otherwise. */
export const DEFAULT_CURRENCY = 'IDR';

/** Minor units per major unit; 100 for every currency not listed. */
const MINOR: Readonly<Record<string, number>> = { IDR: 1, VND: 1 };

export const minorPerMajor = (currency: string): number => MINOR[currency] ?? 100;

/** Whether amounts of the currency are whole (no minor unit): Indonesian `82.500` is 82,500, not 82.5. */
export const hasNoMinorUnit = (currency: string): boolean => minorPerMajor(currency) === 1;

/** The currency of the exports of a Shopee country (the `Negara` column). */
export const COUNTRY_CURRENCY: Readonly<Record<string, string>> = {
  ID: 'IDR',
  MY: 'MYR',
  SG: 'SGD',
  PH: 'PHP',
  TH: 'THB',
  VN: 'VND',
};

/** The dataset's currency, or the default while it has none. */
export const currencyOf = (info: { currency: string | null } | null | undefined): string =>
  info?.currency ?? DEFAULT_CURRENCY;
