import * as XLSX from '@e965/xlsx';
import { XLSX_MIME } from '../format/csv';
import { type StringKey, t } from '../i18n/ui';
import { METRICS } from '../metrics/definitions';
import { METRIC_QUOTES } from '../metrics/quotes';
import type { CellValue, ReportDoc } from './model';
import { excelCell, unitFmt } from './model';
import type { Locale } from '../i18n/locale';
import type { KpiMetricId, MetricId } from '../metrics/definitions';
import type { DateRange } from '../metrics/kpis';
import type { TrendSeries } from '../metrics/overview';
import type { ProductRow } from '../metrics/products';
import type { KpiResult } from '../engine/api';
import type { ReportDownload } from './service';

/**
 * Excel workbooks for download, written by SheetJS in the db worker. Text is always a text cell, never a
 * formula, even when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return (product names and buyer
 * notes come from untrusted exports); numbers are numbers, with a number format.
 */

export interface SheetSpec {
  name: string;
  header: string[];
  rows: CellValue[][];
  /** Excel number formats by column index (e.g. `#,##0` for rupiah, `0.00%` for a ratio). */
  formats?: Record<number, string>;
  /** Rows above the data: a title and notes, written before the header (which stays frozen below them). */
  preamble?: string[];
}

/** Excel's sheet-name rules: at most 31 characters, none of `: \ / ? * [ ]`, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)} ${i}`;
  taken.add(out.toLowerCase());
  return out;
}

export function workbookBytes(sheets: readonly SheetSpec[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  const frozen: number[] = [];
  for (const s of sheets) {
    const ws: XLSX.WorkSheet = {};
    const top = s.preamble?.length ? s.preamble.length + 1 : 0;
    s.preamble?.forEach((line, r) => {
      ws[XLSX.utils.encode_cell({ r, c: 0 })] = { t: 's', v: line };
    });
    const rows = [s.header, ...s.rows];
    rows.forEach((row, i) => {
      const r = top + i;
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const ref = XLSX.utils.encode_cell({ r, c });
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) return;
          ws[ref] = { t: 'n', v, ...(i > 0 && s.formats?.[c] ? { z: s.formats[c] } : {}) };
        } else if (typeof v === 'object') {
          if (Number.isFinite(v.v)) ws[ref] = { t: 'n', v: v.v, z: v.z };
        } else ws[ref] = { t: 's', v: String(v) };
      });
    });
    const width = Math.max(1, s.header.length);
    ws['!ref'] = XLSX.utils.encode_range({
      s: { r: 0, c: 0 },
      e: { r: Math.max(0, top + rows.length - 1), c: width - 1 },
    });
    ws['!cols'] = s.header.map((h, c) => ({
      wch: Math.min(60, Math.max(h.length, ...s.rows.slice(0, 200).map((row) => cellText(row[c]).length)) + 2),
    }));
    const name = sheetName(s.name, taken);
    XLSX.utils.book_append_sheet(wb, ws, name);
    frozen.push(top + 1);
  }
  return freezeHeaders(
    new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer),
    frozen,
  );
}

const cellText = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? String(v.v) : String(v);

/**
 * Freezes the rows above each sheet's data (SheetJS's community build writes no panes): a frozen pane is
 * added to the `<sheetView>` of sheet N, below `rows[N - 1]` rows.
 */
function freezeHeaders(bytes: Uint8Array, rows: number[]): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: 'array' });
  zip.FullPaths.forEach((p: string, i: number) => {
    const m = /xl\/worksheets\/sheet(\d+)\.xml$/.exec(p);
    const n = m ? rows[Number(m[1]) - 1] : undefined;
    if (!n) return;
    const entry = zip.FileIndex[i];
    const xml = new TextDecoder().decode(entry.content as Uint8Array);
    const pane = `<sheetView workbookViewId="0"><pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`;
    entry.content = new TextEncoder().encode(
      xml.replace('<sheetView workbookViewId="0"/>', pane),
    ) as unknown as typeof entry.content;
    entry.size = (entry.content as Uint8Array).length;
  });
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayBuffer);
}

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
        rows: sec.dates.map((d, i) => [d, ...data.map((xs) => excelCell(xs[i] ?? null, sec.fmt, doc.currency))]),
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
  currency: string;
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
        const fmt = unitFmt(METRICS[id].unit);
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
        d,
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
