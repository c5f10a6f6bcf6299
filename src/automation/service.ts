/**
 * Reports, schedules and alerts on the device: generates a report (PDF and Excel of one document), keeps
 * the history, runs the schedules that are due (catching up on missed runs without duplicates) and
 * evaluates the alert rules. Runs in the db worker next to the engine, whose public operations it reads.
 */
import type { EngineApi } from '../engine/api';
import { addDays, type DateRange, dayRange, type IsoDay, isoDay, type RangeRequest } from '../kernel/days';
import { currencyOf } from '../kernel/currency';
import type { AutomationCounts } from '../engine/backups';
import type {
  AutomationApi,
  AutomationResult,
  ReportDownload,
  ReportRequest,
  ReportSettings,
  ScheduleRequest,
  ScheduleView,
} from './api';
import type { Locale } from '../i18n/locale';
import { METRICS, type MetricId } from '../metrics/registry';
import {
  type Alert,
  type AlertRule,
  type Evidence,
  evaluateRule,
  type RuleFacts,
  type RuleSpec,
  ruleProblem,
} from './alerts';
import { buildReport, metricValues } from './build';
import { TEMPLATES, templatePeriod } from './periods';
import { cadenceProblem, type LocalTime, localNow, nextRun, runsBetween } from './schedule';
import type { ReportMeta, ReportStore, Schedule } from './store';
import { dataWorkbook, reportWorkbook } from './xlsx';
import { XLSX_MIME } from '../format/csv';

const SETTINGS_KEY = 'reportSettings';
const DEFAULT_SETTINGS: ReportSettings = { shopName: '', locale: 'id' };

const MIME = { pdf: 'application/pdf', xlsx: XLSX_MIME } as const;

export class ReportService implements AutomationApi {
  constructor(
    private readonly src: EngineApi,
    private readonly store: ReportStore,
    private readonly clock: () => LocalTime = () => localNow(),
  ) {}

  async reportSettings(): Promise<ReportSettings> {
    return { ...DEFAULT_SETTINGS, ...((await this.store.getSetting<ReportSettings>(SETTINGS_KEY)) ?? {}) };
  }

  async setReportSettings(patch: Partial<ReportSettings>): Promise<ReportSettings> {
    const current = await this.reportSettings();
    const next = { ...current, ...patch, shopName: (patch.shopName ?? current.shopName).trim().slice(0, 80) };
    await this.store.setSetting(SETTINGS_KEY, next);
    return next;
  }

  /** The period of a request: as given, or the template's last complete period of the data. */
  async periodOf(req: Pick<ReportRequest, 'template' | 'from' | 'to'>, runDay?: IsoDay): Promise<DateRange> {
    if (!TEMPLATES.includes(req.template)) throw new Error(`unknown report template "${req.template}"`);
    const info = await this.src.datasetInfo();
    if (!info.lastOrderDate) throw new Error('no order data to report on: import an Orders export first');
    const auto = templatePeriod(req.template, runDay ?? addDays(info.lastOrderDate, 1), info.lastOrderDate);
    const from = req.from ?? auto.from;
    const to = req.to ?? (req.from ? req.from : auto.to);
    let range: DateRange | null = null;
    try {
      range = dayRange(from, to);
    } catch {}
    if (!range || from > to) throw new Error(`invalid report period ${from} – ${to}`);
    return range;
  }

  async generate(
    req: ReportRequest,
    run?: { scheduleId: number; runKey: string; at: LocalTime },
  ): Promise<ReportMeta | null> {
    const settings = await this.reportSettings();
    const locale = req.locale ?? settings.locale;
    const period = await this.periodOf(req, run ? isoDay(run.at) : undefined);
    const shopName = settings.shopName || (locale === 'id' ? 'Toko saya' : 'My shop');
    const doc = await buildReport(this.src, {
      template: req.template,
      period,
      locale,
      shopName,
      generatedAt: this.clock(),
    });
    // jsPDF is loaded on the first report, not with the engine.
    const { reportPdf } = await import('./pdf');
    const pdf = reportPdf(doc);
    const xlsx = reportWorkbook(doc);
    return this.store.addReport(
      {
        template: req.template,
        title: doc.title,
        locale,
        shopName,
        period,
        datasetVersion: doc.datasetVersion,
        createdAt: doc.generatedAt,
        ...(run ? { scheduleId: run.scheduleId, runKey: run.runKey } : {}),
        summary: doc.summary,
        pdfBytes: pdf.length,
        xlsxBytes: xlsx.length,
      },
      { pdf, xlsx },
    );
  }

  /** What the workspace keeps here, for a backup's summary. */
  async counts(): Promise<AutomationCounts> {
    const [settings, schedules, rules, reports] = await Promise.all([
      this.reportSettings(),
      this.store.listSchedules(),
      this.store.listRules(),
      this.store.listReports(),
    ]);
    return {
      shopName: settings.shopName,
      schedules: schedules.length,
      alertRules: rules.length,
      reports: reports.length,
    };
  }

  async generateReport(request: ReportRequest): Promise<ReportMeta> {
    const r = await this.generate(request);
    if (!r) throw new Error('the report was not stored');
    return r;
  }

  listReports(): Promise<ReportMeta[]> {
    return this.store.listReports();
  }

  async getReport(id: number): Promise<ReportMeta | null> {
    return (await this.store.getReport(id)) ?? null;
  }

  async exportData(range: RangeRequest = {}, locale: Locale = 'id'): Promise<ReportDownload> {
    const kpis = await this.src.kpis(range);
    const [daily, products, info] = await Promise.all([
      this.src.trend(kpis.range, 'day'),
      this.src.productTable(kpis.range),
      this.src.datasetInfo(),
    ]);
    return dataWorkbook({
      range: kpis.range,
      kpis,
      daily,
      products,
      currency: currencyOf(info),
      version: info.version,
      locale,
    });
  }

  async downloadReport(id: number, format: 'pdf' | 'xlsx'): Promise<ReportDownload> {
    const [meta, files] = await Promise.all([this.store.getReport(id), this.store.reportFiles(id)]);
    if (!meta || !files) throw new Error(`report ${id} is not in the history`);
    const slug =
      `${meta.title}-${meta.period.from}${meta.period.to === meta.period.from ? '' : `_${meta.period.to}`}`.replace(
        /[^\p{L}\p{N}_-]+/gu,
        '-',
      );
    return { fileName: `${slug}.${format}`, mime: MIME[format], bytes: files[format] };
  }

  deleteReport(id: number): Promise<void> {
    return this.store.deleteReport(id);
  }

  async scheduleReport(req: ScheduleRequest): Promise<ScheduleView> {
    if (!TEMPLATES.includes(req.template)) throw new Error(`unknown report template "${req.template}"`);
    const problem = cadenceProblem(req.cadence, req.time);
    if (problem) throw new Error(problem);
    const locale = req.locale ?? (await this.reportSettings()).locale;
    const s = await this.store.putSchedule({
      template: req.template,
      cadence: req.cadence,
      time: req.time,
      locale,
      since: req.since ?? this.clock(),
      lastRun: null,
      lastResult: null,
    });
    return this.view(s);
  }

  async listSchedules(): Promise<ScheduleView[]> {
    return (await this.store.listSchedules()).map((s) => this.view(s));
  }

  deleteSchedule(id: number): Promise<void> {
    return this.store.deleteSchedule(id);
  }

  private view(s: Schedule): ScheduleView {
    return { ...s, nextRun: nextRun(s.cadence, s.time, this.clock()) };
  }

  /**
   * Generates every scheduled report that is due, oldest run first. A run's report is keyed by the schedule
   * and its period, so runs missed while the app was closed are caught up once each, and two runs that
   * cover the same period (the data has not moved on) make one report.
   */
  async runDueSchedules(): Promise<ReportMeta[]> {
    // Without orders there is nothing to report on: the runs stay due until there is.
    if (!(await this.src.datasetInfo()).lastOrderDate) return [];
    const now = this.clock();
    const made: ReportMeta[] = [];
    for (const s of await this.store.listSchedules()) {
      const runs = runsBetween(s.cadence, s.time, s.lastRun && s.lastRun > s.since ? s.lastRun : s.since, now);
      if (!runs.length) continue;
      let lastResult = s.lastResult;
      for (const at of runs) {
        try {
          const period = await this.periodOf({ template: s.template }, isoDay(at));
          const runKey = `${s.id}@${period.from}/${period.to}`;
          if (await this.store.hasRun(runKey)) continue;
          const r = await this.generate(
            { template: s.template, from: period.from, to: period.to, locale: s.locale },
            { scheduleId: s.id, runKey, at },
          );
          if (r) {
            made.push(r);
            lastResult = { status: 'ok', reportId: r.id };
          }
        } catch (e) {
          lastResult = { status: 'error', message: e instanceof Error ? e.message : String(e) };
        }
      }
      await this.store.putSchedule({ ...s, lastRun: runs[runs.length - 1], lastResult });
    }
    return made;
  }

  async createAlert(name: string, spec: RuleSpec, enabled = true): Promise<AlertRule> {
    const problem = ruleProblem(spec);
    if (problem) throw new Error(problem);
    return this.store.putRule({ name: name.trim().slice(0, 80), enabled, spec, createdAt: this.clock() });
  }

  async updateAlert(id: number, patch: Partial<Pick<AlertRule, 'name' | 'enabled' | 'spec'>>): Promise<AlertRule> {
    const rule = await this.store.getRule(id);
    if (!rule) throw new Error(`alert rule ${id} does not exist`);
    const next = { ...rule, ...patch };
    const problem = ruleProblem(next.spec);
    if (problem) throw new Error(problem);
    return this.store.putRule(next);
  }

  listAlertRules(): Promise<AlertRule[]> {
    return this.store.listRules();
  }

  deleteAlert(id: number): Promise<void> {
    return this.store.deleteRule(id);
  }

  listAlerts(): Promise<Alert[]> {
    return this.store.listAlerts();
  }

  markAlertRead(id: number | 'all'): Promise<void> {
    return this.store.markRead(id);
  }

  /** Evaluates every enabled rule on the current data; returns the alerts that are new. */
  async evaluateAlerts(): Promise<Alert[]> {
    const info = await this.src.datasetInfo();
    if (!info.lastOrderDate) return [];
    const out: Alert[] = [];
    for (const rule of (await this.store.listRules()).filter((r) => r.enabled)) {
      // One rule that cannot be evaluated (a model that fails on this data) does not stop the others.
      const facts = await this.facts(rule.spec, info.lastOrderDate).catch((e: unknown) => {
        console.warn(`alert rule ${rule.id} was not evaluated`, e);
        return null;
      });
      const hit = facts && evaluateRule(rule.spec, facts);
      if (!hit) continue;
      const a = await this.store.addAlert({
        kind: 'alert',
        ruleId: rule.id,
        rule,
        key: `${rule.id}:${hit.key}`,
        evidence: hit.evidence,
        href: hrefOf(hit.evidence),
        createdAt: this.clock(),
        read: false,
      });
      if (a) out.push(a);
    }
    return out;
  }

  /** Due schedules, then alert rules: what the app runs when it opens and after every import. */
  async runAutomations(): Promise<AutomationResult> {
    const reports = await this.runDueSchedules();
    const alerts: Alert[] = [];
    for (const r of reports) {
      const a = await this.store.addAlert({
        kind: 'report',
        ruleId: null,
        rule: null,
        key: `report:${r.id}`,
        evidence: { type: 'report', reportId: r.id, template: r.template, period: r.period, title: r.title },
        href: `/reports?report=${r.id}`,
        createdAt: this.clock(),
        read: false,
      });
      if (a) alerts.push(a);
    }
    alerts.push(...(await this.evaluateAlerts()));
    return { reports, alerts };
  }

  private async facts(spec: RuleSpec, end: IsoDay): Promise<RuleFacts | null> {
    switch (spec.type) {
      case 'threshold': {
        const range = { from: addDays(end, spec.window === 'day' ? 0 : spec.window === '7d' ? -6 : -29), to: end };
        const [m] = await metricValues(this.src, [spec.metric], range);
        return { type: 'threshold', value: m.value, range };
      }
      case 'change': {
        const range = spec.window === 'day' ? { from: end, to: end } : { from: addDays(end, -6), to: end };
        const baseRange = { from: addDays(range.from, -7), to: addDays(range.to, -7) };
        const [[m], [b]] = await Promise.all([
          metricValues(this.src, [spec.metric], range),
          metricValues(this.src, [spec.metric], baseRange),
        ]);
        return { type: 'change', value: m.value, base: b.value, range, baseRange };
      }
      case 'forecast': {
        if (spec.condition === 'anomaly') {
          const a = await this.src.anomalies();
          const from = addDays(end, -6);
          return {
            type: 'forecast',
            days: (a?.anomalies ?? [])
              .filter((x) => x.date >= from && x.date <= end)
              .map((x) => ({ date: x.date, actual: x.actual, lo: x.expected, hi: x.expected, anomaly: x.severity })),
          };
        }
        const c = await this.src.lastDayCheck();
        return c
          ? { type: 'forecast', days: [{ date: c.date, actual: c.actual, lo: c.lo95, hi: c.hi95, anomaly: null }] }
          : null;
      }
      case 'stock': {
        const [d] = await this.src.forecastDemand({ skus: [spec.sku], horizon: spec.days });
        return {
          type: 'stock',
          sku: spec.sku,
          name: d?.name ?? spec.sku,
          demand: d ? d.horizonUnits : null,
          from: addDays(end, 1),
        };
      }
    }
  }
}

/** The page that shows an alert's evidence. */
export function hrefOf(e: Evidence): string {
  switch (e.type) {
    case 'threshold':
    case 'change':
      return `${pageOf(e.metric)}?from=${e.range.from}&to=${e.range.to}`;
    case 'forecast':
      return '/predictions';
    case 'stock':
      return '/predictions#demand';
    case 'report':
      return `/reports?report=${e.reportId}`;
  }
}

function pageOf(id: MetricId): string {
  const src = METRICS[id].source;
  return src === 'traffic' || src === 'shop_stats'
    ? '/traffic'
    : src === 'chat'
      ? '/service'
      : src === 'income'
        ? '/sales'
        : '/overview';
}
