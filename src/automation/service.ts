/**
 * Reports, schedules and alerts on the device: generates a report (PDF and Excel of one document), keeps
 * the history, runs the schedules that are due (catching up on missed runs without duplicates) and
 * evaluates the alert rules. Runs in the db worker next to the engine, whose public operations it reads.
 */
import type { ShopSelection } from '../engine/core';
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

/** The engine the automation reads: every shop, and the engine of some shops. */
export type ShopsEngine = EngineApi & { forShops(selection: ShopSelection): EngineApi };

export class ReportService implements AutomationApi {
  constructor(
    private readonly src: ShopsEngine,
    private readonly store: ReportStore,
    private readonly clock: () => LocalTime = () => localNow(),
  ) {}

  /** The engine of a report's, schedule's or rule's shops. */
  private of(shops: ShopSelection | undefined): EngineApi {
    return shops && shops !== 'all' ? this.src.forShops(shops) : this.src;
  }

  /** A report's shop name: the shop's own when it covers one of several, else the report settings'. */
  private async nameOf(shops: ShopSelection | undefined, settings: ReportSettings, locale: Locale): Promise<string> {
    const all = await this.src.listShops();
    const one =
      shops && shops !== 'all' && shops.length === 1 && all.length > 1 ? all.find((s) => s.id === shops[0]) : null;
    return one?.name ?? (settings.shopName || (locale === 'id' ? 'Toko saya' : 'My shop'));
  }

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
  async periodOf(req: Pick<ReportRequest, 'template' | 'from' | 'to' | 'shops'>, runDay?: IsoDay): Promise<DateRange> {
    if (!TEMPLATES.includes(req.template)) throw new Error(`unknown report template "${req.template}"`);
    const info = await this.of(req.shops).datasetInfo();
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
    const shopName = await this.nameOf(req.shops, settings, locale);
    const doc = await buildReport(this.of(req.shops), {
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
        ...(req.shops && req.shops !== 'all' ? { shops: req.shops } : {}),
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

  async exportData(range: RangeRequest = {}, locale: Locale = 'id', shops?: ShopSelection): Promise<ReportDownload> {
    const src = this.of(shops);
    const kpis = await src.kpis(range);
    const [daily, products, info] = await Promise.all([
      src.trend(kpis.range, 'day'),
      src.productTable(kpis.range),
      src.datasetInfo(),
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
      ...(req.shops && req.shops !== 'all' ? { shops: req.shops } : {}),
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
          const period = await this.periodOf({ template: s.template, shops: s.shops }, isoDay(at));
          const runKey = `${s.id}@${period.from}/${period.to}`;
          if (await this.store.hasRun(runKey)) continue;
          const r = await this.generate(
            { template: s.template, from: period.from, to: period.to, locale: s.locale, shops: s.shops },
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

  async createAlert(name: string, spec: RuleSpec, enabled = true, shops: ShopSelection = 'all'): Promise<AlertRule> {
    const problem = ruleProblem(spec);
    if (problem) throw new Error(problem);
    return this.store.putRule({
      name: name.trim().slice(0, 80),
      enabled,
      spec,
      ...(shops !== 'all' ? { shops } : {}),
      createdAt: this.clock(),
    });
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
    const out: Alert[] = [];
    for (const rule of (await this.store.listRules()).filter((r) => r.enabled)) {
      // One rule that cannot be evaluated (a model that fails on this data, a shop since deleted) does not
      // stop the others.
      const facts = await this.ruleFacts(rule).catch((e: unknown) => {
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
        href: withShops(hrefOf(hit.evidence), rule.shops),
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

  /** What a rule looks at, over its shops up to their last day of orders; null without orders. */
  private async ruleFacts(rule: AlertRule): Promise<RuleFacts | null> {
    const src = this.of(rule.shops);
    const end = (await src.datasetInfo()).lastOrderDate;
    return end ? this.facts(src, rule.spec, end) : null;
  }

  private async facts(src: EngineApi, spec: RuleSpec, end: IsoDay): Promise<RuleFacts | null> {
    switch (spec.type) {
      case 'threshold': {
        const range = { from: addDays(end, spec.window === 'day' ? 0 : spec.window === '7d' ? -6 : -29), to: end };
        const [m] = await metricValues(src, [spec.metric], range);
        return { type: 'threshold', value: m.value, range };
      }
      case 'change': {
        const range = spec.window === 'day' ? { from: end, to: end } : { from: addDays(end, -6), to: end };
        const baseRange = { from: addDays(range.from, -7), to: addDays(range.to, -7) };
        const [[m], [b]] = await Promise.all([
          metricValues(src, [spec.metric], range),
          metricValues(src, [spec.metric], baseRange),
        ]);
        return { type: 'change', value: m.value, base: b.value, range, baseRange };
      }
      case 'forecast': {
        if (spec.condition === 'anomaly') {
          const a = await src.anomalies();
          const from = addDays(end, -6);
          return {
            type: 'forecast',
            days: (a?.anomalies ?? [])
              .filter((x) => x.date >= from && x.date <= end)
              .map((x) => ({ date: x.date, actual: x.actual, lo: x.expected, hi: x.expected, anomaly: x.severity })),
          };
        }
        const c = await src.lastDayCheck();
        return c
          ? { type: 'forecast', days: [{ date: c.date, actual: c.actual, lo: c.lo95, hi: c.hi95, anomaly: null }] }
          : null;
      }
      case 'stock': {
        const [d] = await src.forecastDemand({ skus: [spec.sku], horizon: spec.days });
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

/** A link of the app for some shops: with `shop=` when they are not all. */
function withShops(href: string, shops: ShopSelection | undefined): string {
  if (!shops || shops === 'all') return href;
  const [path, hash] = href.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}shop=${shops.join(',')}${hash ? `#${hash}` : ''}`;
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
