/** What the report service keeps on the device (IndexedDB in the app: src/store/idb.ts). */
import type { ShopSelection } from '../engine/core';
import type { Locale } from '../i18n/locale';
import type { DateRange } from '../kernel/days';
import type { Alert, AlertRule } from './alerts';
import type { TemplateId } from './periods';
import type { Cadence, LocalTime } from './schedule';

export interface ReportMeta {
  id: number;
  template: TemplateId;
  title: string;
  locale: Locale;
  shopName: string;
  /** The shops it reports on; absent: all. */
  shops?: ShopSelection;
  period: DateRange;
  datasetVersion: number;
  /** Local wall-clock time of generation. */
  createdAt: LocalTime;
  /** The schedule that made it, if any, and the run (`<schedule id>@<run time>`). */
  scheduleId?: number;
  runKey?: string;
  /** A few lines for a message body (mailto, share text). */
  summary: string;
  pdfBytes: number;
  xlsxBytes: number;
}

export interface ReportFiles {
  pdf: Uint8Array;
  xlsx: Uint8Array;
}

export interface Schedule {
  id: number;
  template: TemplateId;
  cadence: Cadence;
  /** `HH:MM`, local wall-clock time. */
  time: string;
  locale: Locale;
  /** The shops its reports cover; absent: all. */
  shops?: ShopSelection;
  /** Runs after this time count (the time the schedule was made, unless given). */
  since: LocalTime;
  /** The latest run done, and how it went. */
  lastRun: LocalTime | null;
  lastResult: { status: 'ok'; reportId: number } | { status: 'error'; message: string } | null;
}

export interface ReportStore {
  /** Stores a report and its files; null when a report of the same scheduled run is already stored. */
  addReport(meta: Omit<ReportMeta, 'id'>, files: ReportFiles): Promise<ReportMeta | null>;
  listReports(): Promise<ReportMeta[]>;
  getReport(id: number): Promise<ReportMeta | undefined>;
  reportFiles(id: number): Promise<ReportFiles | undefined>;
  hasRun(runKey: string): Promise<boolean>;
  deleteReport(id: number): Promise<void>;
  putSchedule(s: Omit<Schedule, 'id'> & { id?: number }): Promise<Schedule>;
  listSchedules(): Promise<Schedule[]>;
  deleteSchedule(id: number): Promise<void>;
  putRule(r: Omit<AlertRule, 'id'> & { id?: number }): Promise<AlertRule>;
  listRules(): Promise<AlertRule[]>;
  getRule(id: number): Promise<AlertRule | undefined>;
  deleteRule(id: number): Promise<void>;
  /** Stores an alert; null when one with the same key (rule and subject) exists. */
  addAlert(a: Omit<Alert, 'id'>): Promise<Alert | null>;
  listAlerts(): Promise<Alert[]>;
  markRead(id: number | 'all'): Promise<void>;
  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;
}
