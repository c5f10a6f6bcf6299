/**
 * A report as data: sections of KPIs, charts, tables and findings, with its text already in the report's
 * language and its numbers raw. The PDF and the Excel file are two renderings of the same document.
 */
import type { Fmt } from '../kernel/units';
import { minorPerMajor } from '../kernel/currency';
import type { DateRange } from '../kernel/days';
import { formatCount, formatDate, formatDecimal, formatDuration, formatMoney, formatPercent } from '../format/number';
import type { CellValue } from '../format/workbook';
import type { Locale } from '../i18n/locale';
import type { MetricId } from '../metrics/registry';
import type { TemplateId } from './periods';

/** How a number is shown: money in minor units, a count, a ratio (as a percentage), a plain decimal, seconds. */

/** A report number (or text) as shown in the report's language. */
export function formatValue(v: number | string | null, fmt: Fmt, currency: string, locale: Locale): string {
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
      return formatDuration(v);
    default:
      return formatDecimal(v, locale, 2);
  }
}

/** A number as an Excel cell with its number format. Money is shown in major units with the currency. */
export function excelCell(v: number | null, fmt: Fmt, currency: string): CellValue {
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

export interface KpiItem {
  id: MetricId;
  label: string;
  fmt: Fmt;
  value: number | null;
  previous: number | null;
  /** (value − previous) ÷ previous; null when the previous value is 0 or missing. */
  change: number | null;
}

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
}

export type Section =
  | { kind: 'kpis'; title: string; items: KpiItem[] }
  | {
      kind: 'chart';
      title: string;
      fmt: Fmt;
      dates: string[];
      series: ChartSeries[];
      /** An interval band (forecast), drawn under the series, over the same dates (null outside it). */
      band?: { label: string; lo: (number | null)[]; hi: (number | null)[] };
    }
  | {
      kind: 'table';
      title: string;
      columns: { label: string; fmt: Fmt }[];
      rows: (string | number | null)[][];
      note?: string;
    }
  | { kind: 'list'; title: string; items: string[] }
  | { kind: 'text'; title: string; text: string };

export interface ReportDoc {
  template: TemplateId;
  locale: Locale;
  title: string;
  shopName: string;
  period: DateRange;
  previous: DateRange;
  currency: string;
  /** Local wall-clock time of generation (`YYYY-MM-DDTHH:MM`). */
  generatedAt: string;
  datasetVersion: number;
  sections: Section[];
  /** The metrics the report shows, for the Excel "Definitions" sheet. */
  metrics: MetricId[];
  /** A few lines for a message body (mailto, share text). */
  summary: string;
}
