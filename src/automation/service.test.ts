import 'fake-indexeddb/auto';
import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { Engine } from '../engine/engine';
import { localMl } from '../ml/predictions';
import { initTf } from '../ml/tf';
import { IdbReportStore, openAppDb } from '../store/idb';
import { TEMPLATES } from './periods';
import { ReportService } from './service';

const DIR = path.resolve('sample-data');
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { files: string[] };

let db: Awaited<ReturnType<typeof openNodeDuckDB>>;
let engine: Engine;
let store: IdbReportStore;
let now = '2026-11-24T09:00';
let service: ReportService;

beforeAll(async () => {
  db = await openNodeDuckDB();
  store = new IdbReportStore(await openAppDb('service-test'));
  engine = await Engine.open(db, {
    ml: localMl(() => initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`)),
  });
  service = new ReportService(engine, store, () => now);
  const report = await engine.importFiles(
    manifest.files.map((f) => ({ name: f, data: new Uint8Array(fs.readFileSync(path.join(DIR, f))) })),
  );
  expect(report.files.filter((f) => f.status !== 'ok')).toEqual([]);
}, 300_000);
afterAll(() => db.close());

const pdfPages = (bytes: Uint8Array) =>
  (new TextDecoder('latin1').decode(bytes).match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('reports without data', () => {
  it('a due schedule makes nothing and stays due until there are orders; alerts find nothing to say', async () => {
    const empty = await openNodeDuckDB();
    try {
      const st = new IdbReportStore(await openAppDb('service-empty'));
      const svc = new ReportService(await Engine.open(empty), st, () => '2026-11-24T09:00');
      const s = await svc.scheduleReport({
        template: 'weekly',
        cadence: { every: 'day' },
        time: '08:00',
        since: '2026-11-20T00:00',
      });
      expect(await svc.runDueSchedules()).toEqual([]);
      expect((await svc.listSchedules()).find((x) => x.id === s.id)?.lastRun).toBeNull();
      await svc.createAlert('', { type: 'threshold', metric: 'orders', op: '<', value: 1, window: 'day' });
      expect(await svc.evaluateAlerts()).toEqual([]);
      await expect(svc.generate({ template: 'daily' })).rejects.toThrow(/no order data/);
    } finally {
      empty.close();
    }
  });
});

describe('reports on sample data', () => {
  it('every template makes a PDF and an Excel file whose KPI cells are the engine KPIs of the same range', async () => {
    for (const template of TEMPLATES) {
      const locale = template === 'monthly' ? 'en' : 'id';
      const meta = await service.generate({ template, locale });
      expect(meta, template).not.toBeNull();
      if (!meta) continue;
      const pdf = await service.downloadReport(meta.id, 'pdf');
      expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
      expect(pdfPages(pdf.bytes), template).toBeGreaterThanOrEqual(1);
      const xlsx = await service.downloadReport(meta.id, 'xlsx');
      const wb = XLSX.read(xlsx.bytes, { type: 'array', cellNF: true });
      expect(wb.SheetNames.at(-1)).toBe(locale === 'id' ? 'Definisi' : 'Definitions');
      const kpiSheet = wb.Sheets[wb.SheetNames[1]];
      const rows = XLSX.utils.sheet_to_json<unknown[]>(kpiSheet, { header: 1, raw: true });
      const k = await engine.kpis(meta.period);
      const header = rows.findIndex((r) => r[0] === (locale === 'id' ? 'Kode metrik' : 'Metric id'));
      const cells = rows.slice(header + 1).filter((r) => typeof r[0] === 'string');
      expect(cells.length, template).toBeGreaterThan(0);
      for (const [id, , value, previous] of cells as [string, string, number | undefined, number | undefined][]) {
        if (!(id in k.values)) continue;
        const v = k.values[id as keyof typeof k.values];
        expect(value ?? null, `${template} ${id}`).toBe(v);
        expect(previous ?? null, `${template} ${id} previous`).toBe(k.previous[id as keyof typeof k.previous]);
      }
      // Amounts are numbers with a number format, never text; the header row is frozen.
      const salesRow = header + 1 + cells.findIndex((r) => r[0] === 'sales');
      const sales = kpiSheet[XLSX.utils.encode_cell({ r: salesRow, c: 2 })] as XLSX.CellObject;
      expect(sales.t).toBe('n');
      expect(sales.z).toBe('"Rp"#,##0');
      const zip = XLSX.CFB.read(xlsx.bytes, { type: 'array' });
      const sheet2 = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet2.xml'))];
      expect(new TextDecoder().decode(sheet2.content as Uint8Array)).toContain(
        `<pane ySplit="${header + 1}" topLeftCell="A${header + 2}" activePane="bottomLeft" state="frozen"/>`,
      );
    }
    const list = await service.listReports();
    expect(list.map((r) => r.template).sort()).toEqual([...TEMPLATES].sort());
  }, 300_000);

  it('the weekly review covers the last complete week of the data, with its forecast and findings', async () => {
    const meta = await service.generate({ template: 'weekly', locale: 'en' });
    expect(meta?.period).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(meta?.summary).toMatch(/^Weekly review: My shop/);
    const pdf = await service.downloadReport(meta?.id ?? -1, 'pdf');
    const text = new TextDecoder('latin1').decode(pdf.bytes);
    expect(text).toContain('/FlateDecode');
    await service.deleteReport(meta?.id ?? -1);
    await expect(service.downloadReport(meta?.id ?? -1, 'pdf')).rejects.toThrow(/not in the history/);
  }, 120_000);

  it('a due schedule runs once; missed runs are caught up once each; nothing repeats after that', async () => {
    const before = (await service.listReports()).length;
    now = '2026-11-24T09:00';
    const s = await service.scheduleReport({
      template: 'daily',
      cadence: { every: 'day' },
      time: '08:00',
      locale: 'en',
      since: '2026-11-21T09:00',
    });
    expect(s.nextRun).toBe('2026-11-25T08:00');
    const made = await service.runDueSchedules();
    // Runs on the 22nd, 23rd and 24th: the days 21, 22 and 23.
    expect(made.map((r) => r.period.from)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(await service.runDueSchedules()).toEqual([]);
    const [view] = (await service.listSchedules()).filter((x) => x.id === s.id);
    expect(view.lastRun).toBe('2026-11-24T08:00');
    expect(view.lastResult).toEqual({ status: 'ok', reportId: made[2].id });
    expect((await service.listReports()).length).toBe(before + 3);
    await service.deleteSchedule(s.id);
  }, 300_000);

  it('an alert rule that fires on the data raises one inbox item, which stays read once read', async () => {
    const k = await engine.kpis({ from: '2026-11-01', to: '2026-11-30' });
    const rule = await service.createAlert('', {
      type: 'threshold',
      metric: 'cancel_rate',
      op: '>',
      value: (k.values.cancel_rate ?? 0) / 2,
      window: '30d',
    });
    const quiet = await service.createAlert('never', {
      type: 'threshold',
      metric: 'orders',
      op: '<',
      value: 0,
      window: '7d',
    });
    const first = await service.runAutomations();
    expect(first.alerts.map((a) => a.ruleId)).toEqual([rule.id]);
    expect(first.alerts[0].evidence).toEqual({
      type: 'threshold',
      metric: 'cancel_rate',
      value: k.values.cancel_rate,
      range: { from: '2026-11-01', to: '2026-11-30' },
    });
    expect(first.alerts[0].href).toBe('/overview?from=2026-11-01&to=2026-11-30');
    expect((await service.runAutomations()).alerts).toEqual([]);
    await service.markAlertRead(first.alerts[0].id);
    expect((await service.listAlerts()).find((a) => a.id === first.alerts[0].id)?.read).toBe(true);
    await service.updateAlert(quiet.id, { enabled: false });
    expect((await service.listAlertRules()).find((r) => r.id === quiet.id)?.enabled).toBe(false);
  }, 300_000);

  it('exports a range as a workbook whose KPI and daily cells are the engine figures', async () => {
    const range = { from: '2026-10-01', to: '2026-10-31' };
    const out = await service.exportData(range, 'en');
    const wb = XLSX.read(out.bytes, { type: 'array', cellNF: true });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
    const k = await engine.kpis(range);
    expect(rows.find((r) => r[0] === 'sales')?.[2]).toBe(k.values.sales);
    expect(rows.find((r) => r[0] === 'orders')?.[2]).toBe(k.values.orders);
    // Days are date cells (Excel serials shown yyyy-mm-dd): Excel sorts and charts them as dates.
    const sheet = wb.Sheets[wb.SheetNames[1]];
    const daily = XLSX.utils
      .sheet_to_json<unknown[]>(sheet, { header: 1, raw: true })
      .filter((r) => r[0] instanceof Date);
    expect(daily.length).toBe(31);
    const dateCells = Object.values(sheet).filter((c) => (c as XLSX.CellObject).z === 'yyyy-mm-dd');
    expect(dateCells.map((c) => (c as XLSX.CellObject).v)).toEqual(Array.from({ length: 31 }, (_, i) => 46_296 + i));
    expect(daily.reduce((a, r) => a + Number(r[2] ?? 0), 0)).toBe(k.values.sales);
  }, 120_000);
});
