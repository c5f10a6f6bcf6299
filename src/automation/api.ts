/**
 * The automation API: reports, schedules, alerts and the data export. They sit above the engine and use
 * only its public operations; the db worker serves both, and the UI calls their union, `WorkspaceApi`.
 */
import type { Locale } from '../i18n/locale';
import type { RangeRequest } from '../kernel/days';
import type { EngineApi } from '../engine/api';
import type { ShopSelection } from '../engine/core';
import { ENGINE_OPS } from '../engine/ops';
import { forward } from '../engine/forward';
import type { Alert, AlertRule, Evidence, RuleSpec } from './alerts';
import type { TemplateId } from './periods';
import type { Cadence } from './schedule';
import type { LocalTime } from './schedule';
import type { ReportMeta, Schedule } from './store';

export type { Alert, AlertRule, Cadence, Evidence, ReportMeta, RuleSpec, TemplateId };

export interface ReportRequest {
  template: TemplateId;
  /** The shops it reports on: one, several (their union) or all (the default). */
  shops?: ShopSelection;
  /** The period; without it, the template's last complete period of the data (see templatePeriod). */
  from?: string;
  to?: string;
  locale?: Locale;
}

export interface ScheduleRequest {
  template: TemplateId;
  /** The shops its reports cover (all by default). */
  shops?: ShopSelection;
  cadence: Cadence;
  time: string;
  locale?: Locale;
  /** Runs after this local time count; default now. An earlier time catches up on the runs since then. */
  since?: LocalTime;
}

export type ScheduleView = Schedule & { nextRun: LocalTime };

export interface ReportSettings {
  shopName: string;
  locale: Locale;
}

export interface AutomationResult {
  reports: ReportMeta[];
  alerts: Alert[];
}

export interface ReportDownload {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

export interface AutomationApi {
  /**
   * Generates a report (one document, rendered as an A4 PDF and an Excel workbook) and keeps it in the
   * history. Without `from`/`to`, the template's last complete period of the data (the last full week for
   * the weekly review, and so on). The language defaults to the report settings'.
   * @example const r = await engine.generateReport({ template: 'monthly', from: '2026-10-01', to: '2026-10-31', locale: 'id' }); r.id
   */
  generateReport(request: ReportRequest): Promise<ReportMeta>;

  /**
   * The report history, newest first (the files stay in IndexedDB until deleted).
   * @example const [latest] = await engine.listReports(); latest?.title
   */
  listReports(): Promise<ReportMeta[]>;

  /**
   * One report of the history, or null.
   * @example const r = await engine.getReport(3); r?.period.from
   */
  getReport(id: number): Promise<ReportMeta | null>;

  /**
   * A report's PDF or Excel file, with a file name and MIME type, to download or share.
   * @example const { fileName, bytes } = await engine.downloadReport(3, 'pdf')
   */
  downloadReport(id: number, format: 'pdf' | 'xlsx'): Promise<ReportDownload>;

  /**
   * Deletes a report and its files from the history.
   * @example await engine.deleteReport(3)
   */
  deleteReport(id: number): Promise<void>;

  /**
   * The data of a range as an Excel workbook: KPIs with the previous period, sales and orders by day,
   * and the product table, with real numbers and a Definitions sheet.
   * @example const { bytes } = await engine.exportData({ from: '2026-11-01', to: '2026-11-30' }, 'en')
   */
  exportData(range?: RangeRequest, locale?: Locale, shops?: ShopSelection): Promise<ReportDownload>;

  /**
   * The shop name for report headers, and the default report language.
   * @example const { shopName } = await engine.reportSettings()
   */
  reportSettings(): Promise<ReportSettings>;

  /**
   * Changes the report settings.
   * @example await engine.setReportSettings({ shopName: 'Asta Home' })
   */
  setReportSettings(patch: Partial<ReportSettings>): Promise<ReportSettings>;

  /**
   * Schedules a report: "every Monday 08:00, the weekly review" is `{ template: 'weekly', cadence: { every:
   * 'week', weekday: 1 }, time: '08:00' }`. Times are the device's local clock. A due run is generated when
   * the app runs (`runAutomations`), not by a server.
   * @example await engine.scheduleReport({ template: 'weekly', cadence: { every: 'week', weekday: 1 }, time: '08:00' })
   */
  scheduleReport(request: ScheduleRequest): Promise<ScheduleView>;

  /**
   * The schedules with their last run, its result and the next run.
   * @example const [s] = await engine.listSchedules(); s?.nextRun
   */
  listSchedules(): Promise<ScheduleView[]>;

  /**
   * Deletes a schedule (the reports it made stay in the history).
   * @example await engine.deleteSchedule(1)
   */
  deleteSchedule(id: number): Promise<void>;

  /**
   * Creates an alert rule (the name may be empty: the app then shows what the rule checks); it is evaluated
   * after every import and whenever the app opens.
   * @example await engine.createAlert('Chat reply', { type: 'threshold', metric: 'chat_response_rate', op: '<', value: 0.7, window: 'day' })
   */
  createAlert(name: string, spec: RuleSpec, enabled?: boolean, shops?: ShopSelection): Promise<AlertRule>;

  /**
   * Changes an alert rule's name, settings, or whether it is on.
   * @example await engine.updateAlert(2, { enabled: false })
   */
  updateAlert(id: number, patch: Partial<Pick<AlertRule, 'name' | 'enabled' | 'spec'>>): Promise<AlertRule>;

  /**
   * Deletes an alert rule (its alerts stay in the inbox).
   * @example await engine.deleteAlert(2)
   */
  deleteAlert(id: number): Promise<void>;

  /**
   * The alert rules.
   * @example const rules = await engine.listAlertRules()
   */
  listAlertRules(): Promise<AlertRule[]>;

  /**
   * The inbox, newest first: alerts the rules raised (with the rule, the evidence and a link to the page)
   * and scheduled reports that were generated.
   * @example const unread = (await engine.listAlerts()).filter((a) => !a.read).length
   */
  listAlerts(): Promise<Alert[]>;

  /**
   * Marks one inbox item, or all of them, read.
   * @example await engine.markAlertRead('all')
   */
  markAlertRead(id: number | 'all'): Promise<void>;

  /**
   * Runs what is due: scheduled reports (missed runs caught up once each), then every alert rule. The app
   * calls it when it opens, after every import, and every few minutes while it is open.
   * @example const { reports, alerts } = await engine.runAutomations()
   */
  runAutomations(): Promise<AutomationResult>;
}

/** Every operation of the automation API, by name: the worker and the client forward exactly these. */
export const AUTOMATION_OPS = [
  'generateReport',
  'listReports',
  'getReport',
  'downloadReport',
  'deleteReport',
  'exportData',
  'reportSettings',
  'setReportSettings',
  'scheduleReport',
  'listSchedules',
  'deleteSchedule',
  'createAlert',
  'updateAlert',
  'deleteAlert',
  'listAlertRules',
  'listAlerts',
  'markAlertRead',
  'runAutomations',
] as const satisfies readonly (keyof AutomationApi)[];

/** A compile error when an operation of AutomationApi is missing from AUTOMATION_OPS. */
export const AUTOMATION_OPS_COMPLETE: Exclude<keyof AutomationApi, (typeof AUTOMATION_OPS)[number]> extends never
  ? true
  : never = true;

/** What the db worker serves and the UI calls: the engine's operations and the automation's. */
export type WorkspaceApi = EngineApi & AutomationApi;

/** An object with every workspace operation forwarded to `target()` (resolved on each call). */
export function forwardWorkspace(target: () => WorkspaceApi): WorkspaceApi {
  return forward<WorkspaceApi>([...ENGINE_OPS, ...AUTOMATION_OPS], target);
}

/** The engine and the automation over it as one object: what the db worker serves. */
export function composeWorkspace(engine: () => EngineApi, automation: () => AutomationApi): WorkspaceApi {
  return { ...forward<EngineApi>(ENGINE_OPS, engine), ...forward<AutomationApi>(AUTOMATION_OPS, automation) };
}
