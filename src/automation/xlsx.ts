import type { Currency } from '../kernel/currency';
import { XLSX_MIME } from '../format/csv';
import type { DateRange } from '../kernel/days';
import { type StringKey, t } from '../i18n/ui';
import { METRICS } from '../metrics/registry';
import { METRIC_QUOTES } from '../metrics/quotes';
import type { ReportDoc } from './model';
import { type SheetSpec, workbookBytes } from '../format/workbook';
import { excelCell, excelDate } from '../format/figures';
import type { Locale } from '../i18n/locale';
import type { KpiMetricId, MetricId } from '../metrics/registry';
import type { TrendSeries } from '../metrics/overview';
import type { ProductRow } from '../metrics/products';
import type { KpiResult } from '../engine/api';
import type { ReportDownload } from './api';

/**
 * A report as an Excel workbook: an "About" sheet, then one sheet per section (KPIs, each chart's data,
 * each table, the findings) with real numbers and number formats, and a "Definitions" sheet that quotes
 * ../shared/METRICS.md for every metric the report uses.
 */
export function reportWorkbook(doc: ReportDoc): Uint8Array {
  const L = doc.locale;
  const s = (key: StringKey) => t(L, key);
  const head = [`${doc.title}: ${doc.shopName}`, `${s('rep_period')}: ${doc.period.from} – ${doc.period.to}`];
  const sheets: SheetSpec[] = [
    {
      name: s('rep_about'),
      header: [s('rep_colMetric'), s('rep_colValue')],
      rows: [
        [s('rep_period'), `${doc.period.from} – ${doc.period.to}`],
        [s('rep_colPrevious'), `${doc.previous.from} – ${doc.previous.to}`],
        [s('rep_generated'), doc.generatedAt.replace('T', ' ')],
        ['Currency', doc.currency],
        ['Dataset version', doc.datasetVersion],
      ],
      preamble: head,
    },
  ];
  for (const sec of doc.sections) {
    if (sec.kind === 'kpis') {
      sheets.push({
        name: s('rep_kpis').replace(/ \(.*$/, ''),
        header: [s('rep_colId'), s('rep_colMetric'), s('rep_colValue'), s('rep_colPrevious'), s('rep_colChange')],
        rows: sec.items.map((k) => [
          k.id,
          k.label,
          excelCell(k.value, k.fmt, doc.currency),
          excelCell(k.previous, k.fmt, doc.currency),
          excelCell(k.change, 'ratio', doc.currency),
        ]),
        preamble: [...head, sec.title],
      });
    } else if (sec.kind === 'chart') {
      const cols = [
        ...sec.series.map((x) => x.label),
        ...(sec.band ? [`${sec.band.label} (lo)`, `${sec.band.label} (hi)`] : []),
      ];
      const data = [...sec.series.map((x) => x.values), ...(sec.band ? [sec.band.lo, sec.band.hi] : [])];
      sheets.push({
        name: sec.title,
        header: [s('rep_date'), ...cols],
        rows: sec.dates.map((d, i) => [
          excelDate(d),
          ...data.map((xs) => excelCell(xs[i] ?? null, sec.fmt, doc.currency)),
        ]),
        preamble: [...head, sec.title],
      });
    } else if (sec.kind === 'table') {
      sheets.push({
        name: sec.title,
        header: sec.columns.map((c) => c.label),
        rows: sec.rows.map((row) =>
          row.map((v, c) => (typeof v === 'number' ? excelCell(v, sec.columns[c].fmt, doc.currency) : v)),
        ),
        preamble: [...head, sec.title, ...(sec.note ? [sec.note] : [])],
      });
    } else if (sec.kind === 'list') {
      sheets.push({ name: sec.title, header: [sec.title], rows: sec.items.map((x) => [x]), preamble: head });
    } else {
      sheets.push({ name: sec.title, header: [sec.title], rows: [[sec.text]], preamble: head });
    }
  }
  sheets.push(definitionsSheet(doc.metrics, L, head));
  return workbookBytes(sheets);
}

/** What ../shared/METRICS.md says of each metric used, beside the formula the app shows. */
function definitionsSheet(ids: readonly MetricId[], L: Locale, preamble: string[]): SheetSpec {
  const s = (key: StringKey) => t(L, key);
  return {
    name: s('rep_definitions'),
    header: [s('rep_colId'), s('rep_colMetric'), s('rep_colDefinition'), s('rep_colFormula')],
    rows: ids.map((id) => [id, METRICS[id].name[L], METRIC_QUOTES[id] ?? '', METRICS[id].formula[L]]),
    preamble,
  };
}

export interface DataExport {
  range: DateRange;
  kpis: KpiResult;
  daily: TrendSeries;
  products: ProductRow[];
  currency: Currency;
  version: number;
  locale: Locale;
}

/** The data of a range as a workbook: KPIs with the previous period, sales and orders by day, products. */
export function dataWorkbook(x: DataExport): ReportDownload {
  const L = x.locale;
  const s = (key: StringKey) => t(L, key);
  const cur = x.currency;
  const head = [`Toko Insight: ${x.range.from} – ${x.range.to}`, `Dataset version ${x.version}`];
  const ids = Object.keys(x.kpis.values) as KpiMetricId[];
  const sheets: SheetSpec[] = [
    {
      name: s('rep_colMetric'),
      header: [s('rep_colId'), s('rep_colMetric'), s('rep_colValue'), s('rep_colPrevious')],
      rows: ids.map((id) => {
        const fmt = METRICS[id].unit;
        return [
          id,
          METRICS[id].name[L],
          excelCell(x.kpis.values[id], fmt, cur),
          excelCell(x.kpis.previous[id], fmt, cur),
        ];
      }),
      preamble: head,
    },
    {
      name: s('rep_chartSales'),
      header: [s('rep_date'), s('rep_colOrders'), s('rep_colSales')],
      rows: x.daily.buckets.map((d, i) => [
        excelDate(d),
        excelCell(x.daily.orders[i], 'count', cur),
        excelCell(x.daily.sales[i], 'money', cur),
      ]),
      preamble: head,
    },
    {
      name: s('page_products'),
      header: [
        s('colSku'),
        s('colProduct'),
        s('rep_colOrders'),
        s('rep_colUnits'),
        s('rep_colSales'),
        s('rep_colReturned'),
        s('colMargin'),
      ],
      rows: x.products.map((r) => [
        r.sku,
        r.product,
        excelCell(r.orders, 'count', cur),
        excelCell(r.units, 'count', cur),
        excelCell(r.sales, 'money', cur),
        excelCell(r.returnedUnits, 'count', cur),
        excelCell(r.margin, 'ratio', cur),
      ]),
      preamble: head,
    },
    definitionsSheet(ids, L, head),
  ];
  return {
    fileName: `toko-insight-${x.range.from}_${x.range.to}.xlsx`,
    mime: XLSX_MIME,
    bytes: workbookBytes(sheets),
  };
}
