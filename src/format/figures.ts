/**
 * Each figure format once: how a value of a unit reads on a page, in a PDF and in CSV (`formatValue`), and
 * the Excel cell it becomes (`excelCell`, a number with its number format).
 */
import { type Currency, minorPerMajor } from '../kernel/currency';
import { dayNumber } from '../kernel/days';
import type { Fmt } from '../kernel/units';
import type { Locale } from '../i18n/locale';
import { formatCount, formatDate, formatDecimal, formatDuration, formatMoney, formatPercent } from './number';
import type { CellValue } from './workbook';

/** A number (or text) as shown in `locale`: money in minor units, a count, a ratio as a percentage, seconds. */
export function formatValue(v: number | string | null, fmt: Fmt, currency: Currency, locale: Locale): string {
  if (v === null) return '–';
  if (typeof v === 'string') return fmt === 'date' ? formatDate(v, locale, 'short') : v;
  switch (fmt) {
    case 'money':
      return formatMoney(v, currency, locale);
    case 'count':
      return formatCount(v, locale);
    case 'ratio':
      return formatPercent(v, locale);
    case 'duration':
      return formatDuration(v, locale);
    default:
      return formatDecimal(v, locale, 2);
  }
}

/** A number as an Excel cell with its number format. Money is shown in major units with the currency. */
export function excelCell(v: number | null, fmt: Fmt, currency: Currency): CellValue {
  if (v === null || !Number.isFinite(v)) return null;
  switch (fmt) {
    case 'money': {
      const f = minorPerMajor(currency);
      return { v: v / f, z: currency === 'IDR' ? '"Rp"#,##0' : `"${currency} "#,##0${f === 1 ? '' : '.00'}` };
    }
    case 'count':
      return { v, z: '#,##0' };
    case 'ratio':
      return { v, z: '0.00%' };
    case 'duration':
      return { v, z: '#,##0" s"' };
    default:
      return { v, z: '#,##0.00' };
  }
}

/** Excel's serial of 1970-01-01 (its day 0 is 1899-12-30). */
const EXCEL_EPOCH = 25_569;

/** A calendar day as an Excel date cell (a serial number shown `yyyy-mm-dd`), so the sheet can sort and chart it. */
export const excelDate = (day: string): CellValue => ({ v: dayNumber(day) + EXCEL_EPOCH, z: 'yyyy-mm-dd' });
