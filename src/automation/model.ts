/**
 * A report as data: sections of KPIs, charts, tables and findings, with its text already in the report's
 * language and its numbers raw. The PDF and the Excel file are two renderings of the same document.
 */
import type { Fmt } from '../kernel/units';
import type { Currency } from '../kernel/currency';
import type { DateRange } from '../kernel/days';
import type { Locale } from '../i18n/locale';
import type { MetricId } from '../metrics/registry';
import type { TemplateId } from './periods';

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
  currency: Currency;
  /** Local wall-clock time of generation (`YYYY-MM-DDTHH:MM`). */
  generatedAt: string;
  datasetVersion: number;
  sections: Section[];
  /** The metrics the report shows, for the Excel "Definitions" sheet. */
  metrics: MetricId[];
  /** A few lines for a message body (mailto, share text). */
  summary: string;
}
