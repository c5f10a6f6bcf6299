/**
 * A report as an A4 PDF (jsPDF and jspdf-autotable, compressed): a header with the shop and the period on
 * every page, page numbers, KPI cards with their change, vector charts, and tables that split across pages
 * with their header repeated. It runs in the db worker: no DOM is needed.
 *
 * Text uses the PDF's built-in Helvetica, whose Latin-1 set covers Indonesian; other characters (emoji,
 * non-Latin scripts in product names) are written as their closest Latin letter or `?`. The Excel file
 * keeps them as they are.
 */
import { jsPDF } from 'jspdf';
import autoTable from 'jspdf-autotable';
import { formatCompactMoney, formatDate, formatDecimal, formatPercent, formatRange } from '../format/number';
import { type StringKey, t, tf } from '../i18n/ui';
import { METRICS } from '../metrics/registry';
import type { Fmt } from '../kernel/units';
import { formatValue } from '../format/figures';
import type { KpiItem, ReportDoc, Section } from './model';

const PAGE = { w: 210, h: 297, margin: 14, top: 26, bottom: 16 };
const INK = '#1f2933';
const MUTED = '#6b7280';
const ACCENT = '#ee4d2d';

const ASCII: Record<string, string> = {
  '–': '-',
  '—': '-',
  '−': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '•': '-',
  '≥': '>=',
  '≤': '<=',
  Σ: 'Sum ',
  '\u202f': ' ',
  '\u2009': ' ',
};

/** Text the built-in font can show: Latin-1 as is, common punctuation as ASCII, accents dropped, else `?`. */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 63;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || ch === '\n') out += ch;
    else if (ASCII[ch] !== undefined) out += ASCII[ch];
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((b) => (b.codePointAt(0) ?? 0) < 0x100) ? base : '?';
    }
  }
  return out;
}

const numeric = (f: Fmt) => f !== 'text' && f !== 'date';

export function reportPdf(doc: ReportDoc): Uint8Array {
  const L = doc.locale;
  const s = (key: StringKey) => t(L, key);
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  pdf.setProperties({ title: pdfText(`${doc.title} - ${doc.shopName}`), creator: 'Toko Insight' });
  const periodText = formatRange(doc.period, L, 'long');
  const width = PAGE.w - 2 * PAGE.margin;
  let y = PAGE.top;
  const text = (str: string, x: number, yy: number, opts?: Parameters<jsPDF['text']>[3]) =>
    pdf.text(pdfText(str), x, yy, opts);
  const ensure = (h: number) => {
    if (y + h > PAGE.h - PAGE.bottom) {
      pdf.addPage();
      y = PAGE.top;
    }
  };
  /** A section title, kept on the same page as the first `next` mm of what follows it. */
  const heading = (title: string, next: number) => {
    ensure(9 + next);
    pdf.setFont('helvetica', 'bold').setFontSize(11.5).setTextColor(INK);
    text(title, PAGE.margin, y + 5);
    y += 9;
  };

  for (const sec of doc.sections) {
    if (sec.kind === 'kpis') {
      heading(sec.title, KPI_H + 3);
      const cols = 3;
      for (let i = 0; i < sec.items.length; i += cols) {
        ensure(KPI_H + 3);
        kpiRow(pdf, sec.items.slice(i, i + cols), y, doc);
        y += KPI_H + 3;
      }
      y += 3;
    } else if (sec.kind === 'chart') {
      heading(sec.title, 64);
      chart(pdf, sec, PAGE.margin, y, width, 58, doc);
      y += 64;
    } else if (sec.kind === 'table') {
      heading(sec.title, 24);
      autoTable(pdf, {
        startY: y,
        margin: { left: PAGE.margin, right: PAGE.margin, top: PAGE.top, bottom: PAGE.bottom },
        head: [sec.columns.map((c) => pdfText(c.label))],
        body: sec.rows.map((row) => row.map((v, i) => pdfText(formatValue(v, sec.columns[i].fmt, doc.currency, L)))),
        styles: { font: 'helvetica', fontSize: 8, cellPadding: 1.6, textColor: INK, overflow: 'linebreak' },
        headStyles: { fillColor: [243, 244, 246], textColor: INK, fontStyle: 'bold' },
        columnStyles: Object.fromEntries(
          sec.columns.map((c, i) => [i, numeric(c.fmt) ? { halign: 'right' as const } : {}]),
        ),
        didParseCell: (h) => {
          if (h.section === 'head' && numeric(sec.columns[h.column.index].fmt)) h.cell.styles.halign = 'right';
        },
        rowPageBreak: 'avoid',
        showHead: 'everyPage',
      });
      y = (pdf as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 3;
      if (sec.note) {
        pdf.setFont('helvetica', 'normal').setFontSize(8).setTextColor(MUTED);
        text(sec.note, PAGE.margin, y + 3);
        y += 5;
      }
      y += 4;
    } else {
      heading(sec.title, 10);
      pdf.setFont('helvetica', 'normal').setFontSize(9.5).setTextColor(INK);
      const items = sec.kind === 'list' ? sec.items.map((i) => `- ${i}`) : [sec.text];
      for (const item of items) {
        const lines = pdf.splitTextToSize(pdfText(item), width) as string[];
        ensure(lines.length * 4.6 + 1);
        pdf.text(lines, PAGE.margin, y + 4);
        y += lines.length * 4.6 + 1.5;
      }
      y += 3;
    }
  }

  // Header and footer on every page, once the page count is known.
  const pages = pdf.getNumberOfPages();
  for (let i = 1; i <= pages; i++) {
    pdf.setPage(i);
    pdf.setFillColor(ACCENT).rect(0, 0, PAGE.w, 2.2, 'F');
    pdf.setFont('helvetica', 'bold').setFontSize(13).setTextColor(INK);
    text(`${doc.title} - ${doc.shopName}`, PAGE.margin, 11);
    pdf.setFont('helvetica', 'normal').setFontSize(9).setTextColor(MUTED);
    text(`${s('rep_period')}: ${periodText}`, PAGE.margin, 16.5);
    text(`${s('rep_generated')}: ${doc.generatedAt.replace('T', ' ')}`, PAGE.w - PAGE.margin, 16.5, { align: 'right' });
    pdf
      .setDrawColor('#e5e7eb')
      .setLineWidth(0.3)
      .line(PAGE.margin, 19.5, PAGE.w - PAGE.margin, 19.5);
    pdf.setFontSize(8);
    text('Toko Insight', PAGE.margin, PAGE.h - 8);
    text(tf(L, 'rep_page', { n: String(i), total: String(pages) }), PAGE.w - PAGE.margin, PAGE.h - 8, {
      align: 'right',
    });
  }
  return new Uint8Array(pdf.output('arraybuffer'));
}

const KPI_H = 17;

function kpiRow(pdf: jsPDF, items: KpiItem[], y: number, doc: ReportDoc) {
  const gap = 3;
  const w = (PAGE.w - 2 * PAGE.margin - gap * 2) / 3;
  items.forEach((k, col) => {
    const x = PAGE.margin + col * (w + gap);
    pdf.setDrawColor('#e5e7eb').setFillColor('#fafafa').roundedRect(x, y, w, KPI_H, 1.5, 1.5, 'FD');
    pdf.setFont('helvetica', 'normal').setFontSize(7.5).setTextColor(MUTED);
    pdf.text(pdfText(k.label), x + 2.5, y + 4.5);
    pdf.setFont('helvetica', 'bold').setFontSize(12).setTextColor(INK);
    pdf.text(pdfText(formatValue(k.value, k.fmt, doc.currency, doc.locale)), x + 2.5, y + 10.5);
    pdf.setFont('helvetica', 'normal').setFontSize(7.5);
    if (k.change === null) {
      pdf
        .setTextColor(MUTED)
        .text(pdfText(k.value && k.previous === 0 ? t(doc.locale, 'isNew') : '–'), x + 2.5, y + 14.8);
    } else {
      const better = METRICS[k.id].better;
      const good = better === 'neutral' ? null : k.change >= 0 === (better === 'up');
      pdf.setTextColor(good === null ? MUTED : good ? '#15803d' : '#b91c1c');
      const prev = formatValue(k.previous, k.fmt, doc.currency, doc.locale);
      pdf.text(
        pdfText(`${k.change >= 0 ? '+' : '-'}${formatPercent(Math.abs(k.change), doc.locale)} (${prev})`),
        x + 2.5,
        y + 14.8,
      );
    }
  });
}

/** A line chart drawn with PDF vector paths: gridlines, y ticks, a few date labels, the band, the series. */
function chart(
  pdf: jsPDF,
  sec: Extract<Section, { kind: 'chart' }>,
  x: number,
  y: number,
  w: number,
  h: number,
  doc: ReportDoc,
) {
  const left = 22;
  const bottom = 12;
  const px = x + left;
  const pw = w - left - 2;
  const ph = h - bottom;
  const all = [...sec.series.flatMap((s) => s.values), ...(sec.band ? [...sec.band.lo, ...sec.band.hi] : [])].filter(
    (v): v is number => v !== null && Number.isFinite(v),
  );
  const max = Math.max(1, ...all);
  const min = Math.min(0, ...all);
  const n = sec.dates.length;
  const X = (i: number) => px + (n <= 1 ? pw / 2 : (i / (n - 1)) * pw);
  const Y = (v: number) => y + ph - ((v - min) / (max - min)) * ph;
  const tick = (v: number) =>
    sec.fmt === 'money' ? formatCompactMoney(v, doc.currency, doc.locale) : formatDecimal(v, doc.locale, 1);
  pdf.setFont('helvetica', 'normal').setFontSize(7).setTextColor(MUTED).setLineWidth(0.2);
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4;
    pdf.setDrawColor('#e5e7eb').line(px, Y(v), px + pw, Y(v));
    pdf.text(pdfText(tick(v)), px - 1.5, Y(v) + 1, { align: 'right' });
  }
  const labels = Math.min(6, n);
  for (let k = 0; k < labels; k++) {
    const i = labels === 1 ? 0 : Math.round((k * (n - 1)) / (labels - 1));
    pdf.text(pdfText(formatDate(sec.dates[i], doc.locale, 'short')), X(i), y + ph + 4, { align: 'center' });
  }
  if (sec.band) {
    const { lo, hi } = sec.band;
    const idx = sec.dates.map((_, i) => i).filter((i) => lo[i] !== null && hi[i] !== null);
    if (idx.length > 1) {
      const pts = [
        ...idx.map((i) => [X(i), Y(hi[i] as number)]),
        ...[...idx].reverse().map((i) => [X(i), Y(lo[i] as number)]),
      ];
      const deltas = pts.slice(1).map((p, k) => [p[0] - pts[k][0], p[1] - pts[k][1]]);
      pdf.setFillColor('#dbe7fb').setDrawColor('#dbe7fb');
      pdf.lines(deltas, pts[0][0], pts[0][1], [1, 1], 'F', true);
    }
  }
  for (const s of sec.series) {
    pdf.setDrawColor(s.color).setLineWidth(0.45);
    pdf.setLineDashPattern(s.dashed ? [1.2, 0.8] : [], 0);
    let prev: [number, number] | null = null;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        prev = null;
        return;
      }
      const p: [number, number] = [X(i), Y(v)];
      if (prev) pdf.line(prev[0], prev[1], p[0], p[1]);
      else if (s.values[i + 1] === null || i === n - 1) pdf.circle(p[0], p[1], 0.35, 'S');
      prev = p;
    });
  }
  pdf.setLineDashPattern([], 0);
  // Legend under the axis labels.
  let lx = px;
  const legend = [
    ...sec.series.map((s) => ({ label: s.label, color: s.color })),
    ...(sec.band ? [{ label: sec.band.label, color: '#dbe7fb' }] : []),
  ];
  for (const item of legend) {
    pdf.setFillColor(item.color).rect(lx, y + ph + 7, 3, 1.6, 'F');
    pdf.setTextColor(MUTED).text(pdfText(item.label), lx + 4, y + ph + 8.4);
    lx += 8 + pdf.getTextWidth(pdfText(item.label));
  }
}
