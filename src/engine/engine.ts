import type { SqlConnection } from '../db/connection';
import { sqlString, sqlTimestamp } from '../db/connection';
import { mergeStaged, unmergeImport } from '../db/merge';
import { allRowsTable, stageTable } from '../db/tables';
import { migrate, SCHEMA_VERSION } from '../db/schema';
import { dumpTables, restoreTables } from '../db/workspace';
import {
  BACKUP_EXTENSION,
  type BackupSummary,
  decodeBackup,
  encodeBackup,
  readBackupFile,
  stateFromJson,
  stateToJson,
} from '../store/backup';
import type { CalendarOverrides } from '../calendar/events';
import { type SheetSpec, workbookBytes } from '../format/workbook';
import { MERGE_TARGETS, type MergeTarget } from '../ingest/kinds/output';
import type { KindId } from '../ingest/kinds/spec';
import { type FileParser, type ParseOutcome, parseFile, toBytes } from '../ingest/parseFile';
import type { StagedRows } from '../ingest/arrow';
import { failureOf, ImportError, type ImportErrorInfo, type Note } from '../ingest/problems';
import { type DateRange, incomeKpis, type KpiFilters, orderKpis, previousRange } from '../metrics/kpis';
import { campaignOutcomes, campaigns } from '../metrics/campaigns';
import { type ArmResult, thompson } from '../ml/bandit';
import { service, traffic, visitSources } from '../metrics/insights';
import { breakdowns, funnel, trend } from '../metrics/overview';
import { type CategorySales, productTable, salesByCategory, setUnitCosts } from '../metrics/products';
import {
  buyerStats,
  type CohortResult,
  cohortAnalysis,
  coPurchase,
  type ProductPair,
  priceInputs,
  rfmLabels,
  segmentBuyerNames,
  segmentNextProducts,
  segmentProfiles,
  segmentSizes,
  storeBuyerStats,
  storeLabels,
  storeRfmSegments,
} from '../metrics/customers';
import { estimatePrice, type PriceResult } from '../ml/price';
import { chatDaysBelowTarget, type Finding, rankFindings } from '../metrics/findings';
import {
  buyerTransactions,
  marketingInputs,
  type OrderHistory,
  orderHistory,
  skuUnits,
  trafficHistory,
  visitorSeries,
} from '../metrics/predictionInputs';
import { SEGMENT_ACTIONS, type SegmentName } from '../ml/rfm';
import { salesAnalysis } from '../metrics/sales';
import type {
  AnomalyResult,
  ChurnPrediction,
  MarketingResult,
  MlBackend,
  ModelPerformance,
  SeriesForecast,
  SkuDemand,
} from '../ml/predictions';
import { parseUnitCostFile } from '../ingest/unitCosts';
import type {
  Breakdowns,
  CampaignResult,
  Funnel,
  Grain,
  DatasetInfo,
  DemandOptions,
  EngineApi,
  SegmentationResult,
  FileImportReport,
  ImportInput,
  ImportRecord,
  ImportReport,
  KpiResult,
  OverviewOptions,
  OverviewResult,
  ProductRow,
  SalesAnalysis,
  ServiceResult,
  TrafficResult,
  TrendSeries,
  UnitCost,
  WorkspaceExport,
  WorkspacePreview,
  WorkspaceRestore,
} from './api';

/** What a segmentation keeps besides its labels table: k-means' model facts (RFM needs none). */
type StoredSegmentation = Pick<
  SegmentationResult,
  'k' | 'silhouette' | 'tried' | 'centroids' | 'merges' | 'outliers'
> & {
  dominant: Record<string, SegmentName>;
};

/** A file of the batch in progress: left over when the page went away before its report. */
export interface PendingImport {
  fileName: string;
  startedAt: string;
  /** The import id the batch started at: a file stored from here on is in, even if its report was lost. */
  firstImportId: number;
}

/** Where import reports are kept (IndexedDB in the browser, memory in tests), with the batch in progress. */
export interface ImportLogStore {
  add(report: FileImportReport): Promise<void>;
  list(): Promise<FileImportReport[]>;
  setPending(files: PendingImport[]): Promise<void>;
  pending(): Promise<PendingImport[]>;
}

export class MemoryImportLog implements ImportLogStore {
  private entries: FileImportReport[] = [];
  private inProgress: PendingImport[] = [];
  async add(r: FileImportReport) {
    this.entries.unshift(r);
  }
  async list() {
    return [...this.entries];
  }
  async setPending(files: PendingImport[]) {
    this.inProgress = [...files];
  }
  async pending() {
    return [...this.inProgress];
  }
}

/** The app state that lives beside the database (IndexedDB in the app), carried by workspace backups. */
export interface WorkspaceStateStore {
  /** The state's shape version: a backup of a newer one is refused. */
  readonly version: number;
  dump(): Promise<unknown>;
  restore(state: unknown): Promise<void>;
  lastBackup(): Promise<string | null>;
  setLastBackup(at: string): Promise<void>;
}

/** What the engine works with besides its database; each has a default fit for tests. */
export interface EngineDeps {
  log?: ImportLogStore;
  ml?: MlBackend | null;
  parse?: FileParser;
  /** What the layers above keep (reports, schedules, alert rules), counted for a backup's summary. */
  automation?: () => Promise<AutomationCounts>;
  state?: WorkspaceStateStore | null;
}

export type AutomationCounts = Pick<BackupSummary, 'shopName' | 'schedules' | 'alertRules' | 'reports'>;

/** The longest an import batch goes without a checkpoint: reports wait for it, so it bounds their delay. */
const PERSIST_EVERY_MS = 1000;

const TABLE_PART = 'table/';
const STATE_PART = 'state.json';

/** `toko-insight-<shop>-<date>.tokoinsight`, the shop name reduced to letters and digits. */
function backupFileName(shopName: string, at: string): string {
  const shop = shopName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `toko-insight-${shop ? `${shop}-` : ''}${at.slice(0, 10)}${BACKUP_EXTENSION}`;
}

/** One file's report: an error with nothing read unless `r` says otherwise, finished now. */
function fileReport(fileName: string, r: Partial<FileImportReport>): FileImportReport {
  return {
    fileName,
    status: 'error',
    kind: null,
    rowsRead: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    notes: [],
    error: null,
    importId: null,
    timings: { parseMs: 0, stageMs: 0, mergeMs: 0, persistMs: 0 },
    ...r,
    finishedAt: new Date().toISOString(),
  };
}

const isoDate = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));
const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * The engine: imports, merges and answers metric queries over one SQL connection. Methods run one at a
 * time (a queue), so an import and a query never interleave inside a transaction.
 */
export class Engine implements EngineApi {
  private queue: Promise<unknown> = Promise.resolve();
  /** datasetInfo() of the current data; dropped by every write. */
  private cachedInfo: DatasetInfo | null = null;

  /** Results of the ML operations, by operation and parameters, for one dataset version. */
  private mlCache = new Map<string, Promise<unknown>>();
  private mlCacheVersion = -1;

  private constructor(
    private readonly db: SqlConnection,
    private readonly log: ImportLogStore,
    private readonly ml: MlBackend | null,
    private readonly parse: FileParser,
    private readonly state: WorkspaceStateStore | null,
    private readonly automation: (() => Promise<AutomationCounts>) | null,
  ) {}

  /**
   * Opens the engine on a connection, applying migrations first. `log` keeps the import reports; `ml`
   * runs the forecasts and models; `reports` keeps the report history, schedules and alerts (IndexedDB in
   * the app); `parse` reads export files (the parse worker in the app, this thread by default).
   */
  static async open(db: SqlConnection, deps: EngineDeps = {}): Promise<Engine> {
    await migrate(db);
    return new Engine(
      db,
      deps.log ?? new MemoryImportLog(),
      deps.ml ?? null,
      deps.parse ?? parseFile,
      deps.state ?? null,
      deps.automation ?? null,
    );
  }

  /**
   * Runs an ML operation: its inputs are read in the serial queue, the fit runs outside it (in the ML
   * worker, so queries go on meanwhile), and the result is kept until the data changes.
   */
  /** A result kept until the dataset version changes (the models, and the inputs they share). */
  private async cached<R>(key: string, compute: () => Promise<R>): Promise<R> {
    const version = (await this.serial(() => this.info())).version;
    if (version !== this.mlCacheVersion) {
      this.mlCache.clear();
      this.mlCacheVersion = version;
    }
    let hit = this.mlCache.get(key) as Promise<R> | undefined;
    if (!hit) {
      hit = compute();
      this.mlCache.set(key, hit);
      hit.catch(() => this.mlCache.delete(key));
    }
    return hit;
  }

  private predict<I, R>(
    key: string,
    read: () => Promise<I | null>,
    run: (ml: MlBackend, input: I) => Promise<R>,
  ): Promise<R | null> {
    const ml = this.ml;
    if (!ml) return Promise.reject(new Error('no ML backend'));
    return this.cached(key, () => this.serial(read).then((input) => (input === null ? null : run(ml, input))));
  }

  /**
   * The daily order history every model starts from, read once per dataset version (the models' cache is
   * dropped when the version changes). Called from inside the serial queue.
   */
  private history(): Promise<OrderHistory | null> {
    let h = this.mlCache.get('history') as Promise<OrderHistory | null> | undefined;
    if (!h) {
      h = orderHistory(this.db);
      this.mlCache.set('history', h);
      h.catch(() => this.mlCache.delete('history'));
    }
    return h;
  }

  forecastSales(horizon = 30): Promise<SeriesForecast | null> {
    return this.predict(
      `sales:${horizon}`,
      async () => {
        const h = await this.history();
        return h ? { s: h.sales, calendar: await this.calendarOverrides() } : null;
      },
      (ml, x) => ml.forecastSeries(x.s, horizon, x.calendar),
    );
  }

  forecastTraffic(horizon = 30): Promise<SeriesForecast | null> {
    return this.predict(
      `traffic:${horizon}`,
      async () => {
        const s = await trafficHistory(this.db);
        return s ? { s, calendar: await this.calendarOverrides() } : null;
      },
      (ml, x) => ml.forecastSeries(x.s, horizon, x.calendar),
    );
  }

  modelPerformance(): Promise<ModelPerformance | null> {
    return this.predict(
      'performance',
      async () => (await this.history())?.sales ?? null,
      (ml, s) => ml.modelPerformance(s),
    );
  }

  anomalies(): Promise<AnomalyResult | null> {
    return this.predict(
      'anomalies',
      async () => {
        const h = await this.history();
        if (!h) return null;
        const visitors = await visitorSeries(this.db, h.sales.start, h.sales.values.length);
        const others: Record<string, (number | null)[]> = { orders: h.orders, cancellations: h.cancellations };
        if (visitors) {
          others.visitors = visitors;
          others.conversion = visitors.map((v, i) => {
            const orders = h.orders[i];
            return v && orders !== null ? orders / v : null;
          });
        }
        return { sales: h.sales, others, calendar: await this.calendarOverrides() };
      },
      (ml, x) => ml.anomalies(x.sales, x.others, x.calendar),
    );
  }

  predictChurn(): Promise<ChurnPrediction | null> {
    return this.predict(
      'churn',
      () => buyerTransactions(this.db),
      (ml, tx) => ml.predictChurn(tx),
    );
  }

  /**
   * Segments every buyer and stores the labels as `seg_<method>` (with `buyer_stats`) for this dataset
   * version: RFM in SQL; k-means in the ML worker, which also finds the outliers and the dendrogram.
   */
  private segmentation(method: 'rfm' | 'kmeans') {
    return this.predict(
      `segments:${method}`,
      async () => ((await storeBuyerStats(this.db)) ? true : null),
      async (ml): Promise<StoredSegmentation> => {
        if (method === 'rfm') {
          await this.serial(() => storeRfmSegments(this.db));
          return { dominant: {} };
        }
        const { buyers, rfm } = await this.serial(async () => {
          await storeRfmSegments(this.db);
          return { buyers: await buyerStats(this.db), rfm: await rfmLabels(this.db) };
        });
        const seg = await ml.segmentBuyers(
          buyers.map(({ buyerId: _, ...b }) => b),
          method,
          rfm,
        );
        await this.serial(() =>
          storeLabels(
            this.db,
            'seg_kmeans',
            buyers.map((b, i) => ({ buyerId: b.buyerId, seg: seg.labels[i] })),
          ),
        );
        // Only what the summary needs leaves the worker's result: not one label per buyer.
        const outliers = seg.outliers && {
          count: seg.outliers.indexes.length,
          eps: seg.outliers.eps,
          top: seg.outliers.indexes
            .map((i) => buyers[i])
            .sort((a, b) => b.sales - a.sales)
            .slice(0, 20)
            .map(({ buyer, orders, sales, recency }) => ({ buyer, orders, sales, recency })),
        };
        return {
          dominant: seg.dominant,
          k: seg.k,
          silhouette: seg.silhouette,
          tried: seg.tried,
          centroids: seg.centroids,
          merges: seg.merges,
          outliers,
        };
      },
    );
  }

  async segmentCustomers(method: 'rfm' | 'kmeans' = 'rfm'): Promise<SegmentationResult | null> {
    const seg = await this.segmentation(method);
    if (!seg) return null;
    const table = `seg_${method}`;
    const { sizes, profiles, buyers } = await this.serial(async () => ({
      sizes: await segmentSizes(this.db, table),
      profiles: await segmentProfiles(this.db, table),
      buyers: (await this.db.query<{ n: number }>('SELECT count(*) AS n FROM buyer_stats'))[0].n,
    }));
    const segments = sizes.map((x) => {
      const dominant = (seg.dominant[x.id] ?? x.id) as SegmentName;
      return {
        ...x,
        profile: profiles.get(x.id) ?? { basketItems: 0, basketValue: 0, sales: 0, topProducts: [], topProvinces: [] },
        dominant,
        action: SEGMENT_ACTIONS[dominant] ?? SEGMENT_ACTIONS.others,
      };
    });
    return {
      method,
      buyers,
      segments,
      k: seg.k,
      silhouette: seg.silhouette,
      tried: seg.tried,
      centroids: seg.centroids,
      outliers: seg.outliers,
      merges: seg.merges,
    };
  }

  async segmentNextProducts(method: 'rfm' | 'kmeans'): Promise<Record<string, { name: string; buyers: number }[]>> {
    if (!(await this.segmentation(method))) return {};
    return Object.fromEntries(await this.serial(() => segmentNextProducts(this.db, `seg_${method}`)));
  }

  async getSegment(method: 'rfm' | 'kmeans', id: string): Promise<string[]> {
    if (!(await this.segmentation(method))) return [];
    return this.serial(() => segmentBuyerNames(this.db, `seg_${method}`, id));
  }

  cohortAnalysis(): Promise<CohortResult> {
    return this.serial(() => cohortAnalysis(this.db));
  }

  recommendProducts(target: { product?: string; buyer?: string } = {}, minSupport = 3): Promise<ProductPair[]> {
    return this.serial(async () => {
      if (target.buyer) {
        const owned = await this.db.query<{ item: string }>(`
          SELECT DISTINCT l.product_name AS item FROM order_lines l JOIN orders o USING (order_id) JOIN buyers b USING (buyer_id)
          WHERE o.is_valid AND b.buyer = ${sqlString(target.buyer)}`);
        const have = new Set(owned.map((o) => o.item));
        const pairs = (await coPurchase(this.db, 'buyer', minSupport)).filter((p) => have.has(p.a) && !have.has(p.b));
        // One row per recommended product: its best pair.
        const best = new Map<string, ProductPair>();
        for (const p of pairs) if (!best.has(p.b) || (best.get(p.b) as ProductPair).cosine < p.cosine) best.set(p.b, p);
        return [...best.values()].sort((x, y) => y.cosine - x.cosine).slice(0, 10);
      }
      const pairs = await coPurchase(this.db, 'order', minSupport);
      return target.product ? pairs.filter((p) => p.a === target.product) : pairs.filter((p) => p.a < p.b);
    });
  }

  optimizeMarketing(budget?: number): Promise<MarketingResult | null> {
    return this.predict(
      `marketing:${budget ?? ''}`,
      async () => marketingInputs(this.db, await this.history()),
      async (ml, input) => ml.optimizeMarketing({ ...input, budget }),
    ).then((r) => r ?? null);
  }

  suggestCampaign(): Promise<ArmResult[]> {
    return this.cached('campaigns', async () => {
      const arms = await this.serial(async () => {
        const history = await this.history();
        return history ? campaignOutcomes(this.db, history.sales) : [];
      });
      return arms.length ? thompson(arms) : [];
    });
  }

  async optimizePrice(sku?: string, band = 0.15): Promise<PriceResult[]> {
    const inputs = await this.serial(() => priceInputs(this.db, 20, sku));
    return inputs.map((i) => estimatePrice(i, band));
  }

  async insightsSummary(range: Partial<DateRange> = {}): Promise<Finding[]> {
    const info = await this.serial(() => this.info());
    if (!info.lastOrderDate) return [];
    const to = range.to ?? info.lastOrderDate;
    const from = range.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const r = { from, to };
    // The lapsing-buyer finding needs the RFM segments' sizes only, not their profiles or next products.
    const [anomalies, forecast, lapsing] = await Promise.all([
      this.anomalies(),
      this.forecastSales(30),
      this.segmentation('rfm').then((seg) => (seg ? this.serial(() => segmentSizes(this.db, 'seg_rfm')) : [])),
    ]);
    return rankFindings({
      range: r,
      anomalies,
      forecast,
      products: await this.productTable(r),
      chat: await this.serial(() => chatDaysBelowTarget(this.db, r)),
      campaigns: await this.campaignPerformance(r),
      lapsing: lapsing
        .filter((s) => s.id === 'cant_lose' || s.id === 'at_risk')
        .map((s) => ({ segment: s.id, buyers: s.size, recency: s.recency })),
    });
  }

  async forecastDemand(
    options: DemandOptions = {},
    onProgress?: (done: number, total: number) => void,
  ): Promise<SkuDemand[]> {
    const o = {
      topN: options.topN ?? 20,
      horizon: options.horizon ?? 30,
      leadTime: options.leadTime ?? 14,
      serviceLevel: options.serviceLevel ?? 0.95,
      skus: options.skus,
    };
    const r = await this.predict(
      `demand:${JSON.stringify(o)}`,
      async () => {
        const h = await this.history();
        if (!h) return null;
        // A day no order export covers is unknown for every SKU too.
        const skus = (await skuUnits(this.db, h.sales.start, h.sales.values.length, o.topN, o.skus)).map((s) => ({
          ...s,
          values: s.values.map((v, i) => (h.sales.values[i] === null ? null : v)),
        }));
        return {
          start: h.sales.start,
          skus,
          horizon: o.horizon,
          leadTime: o.leadTime,
          serviceLevel: o.serviceLevel,
          overrides: await this.calendarOverrides(),
        };
      },
      (ml, input) => ml.forecastDemand(input, onProgress),
    );
    return r ?? [];
  }

  async cancelForecastDemand(): Promise<void> {
    await this.ml?.cancelDemand();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The seller's shop-calendar corrections, kept in the database with the data they apply to. */
  private async calendarOverrides(): Promise<CalendarOverrides> {
    return JSON.parse((await this.meta('calendar_overrides')) ?? '{}') as CalendarOverrides;
  }

  async exportWorkbook(sheets: SheetSpec[]): Promise<Uint8Array> {
    return workbookBytes(sheets);
  }

  /** The last day of sales against a forecast fitted on the days before it: is it inside the 95% band? */
  async lastDayCheck(): Promise<{ date: string; actual: number; lo95: number; hi95: number } | null> {
    return this.predict(
      'lastDayCheck',
      async () => {
        const h = await this.history();
        const v = h?.sales.values;
        if (!h || !v || v.length < 29 || v[v.length - 1] === null) return null;
        return {
          s: { start: h.sales.start, values: v.slice(0, -1) },
          actual: v[v.length - 1] as number,
          calendar: await this.calendarOverrides(),
        };
      },
      async (ml, x) => {
        const f = (await ml.forecastSeries(x.s, 1, x.calendar)).forecast;
        return { date: f.dates[0], actual: x.actual, lo95: f.lo95[0], hi95: f.hi95[0] };
      },
    );
  }

  getCalendar(): Promise<CalendarOverrides> {
    return this.serial(() => this.calendarOverrides());
  }

  setCalendar(overrides: CalendarOverrides): Promise<void> {
    return this.serial(async () => {
      await this.setMeta('calendar_overrides', JSON.stringify(overrides));
      await this.persist();
      // Every model that reads the calendar is fitted again.
      this.mlCache.clear();
    });
  }

  exportWorkspace(): Promise<WorkspaceExport> {
    return this.serial(async () => {
      const createdAt = new Date().toISOString();
      const summary = await this.workspaceSummary();
      const tables = await dumpTables(this.db);
      const parts: { name: string; bytes: Uint8Array; rows?: number }[] = tables.map((t) => ({
        name: `${TABLE_PART}${t.name}`,
        bytes: t.ipc,
        rows: t.rows,
      }));
      if (this.state) parts.push({ name: STATE_PART, bytes: stateToJson(await this.state.dump()) });
      const bytes = await encodeBackup(
        { schemaVersion: SCHEMA_VERSION, stateVersion: this.state?.version ?? 0, createdAt, summary },
        parts,
      );
      await this.state?.setLastBackup(createdAt);
      const manifest = (await decodeBackup(bytes, this.supportedBackup())).manifest;
      return { fileName: backupFileName(summary.shopName, createdAt), bytes, manifest };
    });
  }

  async previewWorkspace(file: Blob): Promise<WorkspacePreview> {
    const decoded = await this.readBackup(file);
    if (!decoded.ok) return decoded;
    return { ok: true, backup: decoded.backup.manifest, current: await this.serial(() => this.workspaceSummary()) };
  }

  async restoreWorkspace(file: Blob): Promise<WorkspaceRestore> {
    const decoded = await this.readBackup(file);
    if (!decoded.ok) return decoded;
    const { manifest, parts } = decoded.backup;
    // Everything is read and checked before anything is replaced.
    const dumps = manifest.parts
      .filter((p) => p.name.startsWith(TABLE_PART))
      .map((p) => ({ name: p.name.slice(TABLE_PART.length), rows: p.rows ?? 0, ipc: parts.get(p.name) as Uint8Array }));
    const statePart = parts.get(STATE_PART);
    const state = statePart ? stateFromJson<unknown>(statePart) : null;
    return this.serial(async () => {
      const before = Number((await this.meta('dataset_version')) ?? 0);
      try {
        await this.transaction(async () => {
          await restoreTables(this.db, manifest.schemaVersion, dumps);
          // Every cache keyed on the dataset version (here and in the pages) must miss after a restore.
          const restored = Number((await this.meta('dataset_version')) ?? 0);
          await this.setMeta('dataset_version', String(Math.max(before, restored) + 1));
        });
      } catch (e) {
        return {
          ok: false as const,
          problem: { code: 'restore_failed' as const, detail: e instanceof Error ? e.message : String(e) },
        };
      } finally {
        this.cachedInfo = null;
      }
      this.mlCache.clear();
      await this.persist();
      if (this.state && state) await this.state.restore(state);
      await this.state?.setLastBackup(manifest.createdAt);
      return { ok: true as const, info: await this.info() };
    });
  }

  async lastBackup(): Promise<string | null> {
    return (await this.state?.lastBackup()) ?? null;
  }

  private supportedBackup() {
    return { schemaVersion: SCHEMA_VERSION, stateVersion: this.state?.version ?? Number.MAX_SAFE_INTEGER };
  }

  private readBackup(file: Blob) {
    return readBackupFile(file, this.supportedBackup());
  }

  /** What the workspace holds, in the seller's terms, for a backup's manifest and the restore preview. */
  private async workspaceSummary(): Promise<BackupSummary> {
    const info = await this.info();
    const [{ n }] = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM unit_costs');
    const kept = (await this.automation?.()) ?? { shopName: '', schedules: 0, alertRules: 0, reports: 0 };
    return {
      ...kept,
      imports: info.imports,
      orders: info.orders,
      firstOrderDate: info.firstOrderDate,
      lastOrderDate: info.lastOrderDate,
      unitCosts: Number(n),
    };
  }

  async interruptedImports(): Promise<FileImportReport[]> {
    return this.serial(async () => {
      const pending = await this.log.pending();
      if (!pending.length) return [];
      const from = Math.min(...pending.map((p) => p.firstImportId));
      // A file merged and saved whose report the page did not live to log is stored: it is not cut off.
      const stored = new Set(
        (await this.db.query<{ file_name: string }>(`SELECT file_name FROM imports WHERE id >= ${from}`)).map(
          (r) => r.file_name,
        ),
      );
      const cut = pending
        .filter((p) => !stored.has(p.fileName))
        .map((p) =>
          fileReport(p.fileName, {
            error: { code: 'import_interrupted', params: { file: p.fileName, startedAt: p.startedAt } },
          }),
        );
      for (const r of cut) await this.log.add(r);
      await this.log.setPending([]);
      return cut;
    });
  }

  private async meta(key: string): Promise<string | null> {
    const rows = await this.db.query<{ value: string | null }>(`SELECT value FROM meta WHERE key = ${sqlString(key)}`);
    return rows.length ? rows[0].value : null;
  }

  private async setMeta(key: string, value: string | null): Promise<void> {
    await this.db.exec(`DELETE FROM meta WHERE key = ${sqlString(key)}`);
    await this.db.exec(`INSERT INTO meta VALUES (${sqlString(key)}, ${value === null ? 'NULL' : sqlString(value)})`);
  }

  private async bumpVersion(): Promise<number> {
    this.cachedInfo = null;
    const v = Number((await this.meta('dataset_version')) ?? 0) + 1;
    await this.setMeta('dataset_version', String(v));
    return v;
  }

  /** Runs `body` in one transaction; on any error, rolls back and rethrows. */
  private async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.db.exec('BEGIN TRANSACTION');
    let result: T;
    try {
      result = await body();
      await this.db.exec('COMMIT');
    } catch (e) {
      await this.db.exec('ROLLBACK');
      throw e;
    }
    return result;
  }

  /** Writes committed changes into the database file, so that nothing is lost if the page goes away. */
  private async persist(): Promise<void> {
    await (this.db.checkpoint ? this.db.checkpoint() : this.db.exec('CHECKPOINT'));
  }

  /** Loads an importer's rows into a temporary stage table (never written to the database file). */
  private async stage(table: string, rows: StagedRows): Promise<void> {
    const types = { utf8: 'VARCHAR', f64: 'DOUBLE', bool: 'BOOLEAN' } as const;
    const cols = Object.entries(rows.columns).map(([n, t]) => `${n} ${types[t]}`);
    await this.db.exec(`DROP TABLE IF EXISTS ${table}`);
    await this.db.exec(`CREATE TEMP TABLE ${table} (${cols.join(', ')})`);
    for (const chunk of rows.chunks) await this.db.insertArrow(table, chunk);
  }

  /**
   * Imports files one at a time, each all-or-nothing in its own transaction. The next file is parsed while
   * the current one merges (in the parse worker, in the app). The database file is checkpointed at most
   * every PERSIST_EVERY_MS and at the end; a file is reported (and logged) only once it is on disk.
   */
  importFiles(files: ImportInput[], onFileDone?: (report: FileImportReport) => void): Promise<ImportReport> {
    return this.serial(async () => {
      const reports: FileImportReport[] = [];
      let unsaved: FileImportReport[] = [];
      let savedAt = performance.now();
      // Until its report is logged, each file is pending: a reload before then lists it as cut off.
      const firstImportId = Number((await this.meta('next_import_id')) ?? 1);
      const startedAt = new Date().toISOString();
      const batch: PendingImport[] = files.map((f) => ({ fileName: f.name, startedAt, firstImportId }));
      if (batch.length) await this.log.setPending(batch);
      const save = async () => {
        const last = unsaved[unsaved.length - 1];
        if (unsaved.some((r) => r.importId !== null)) {
          const start = performance.now();
          try {
            await this.persist();
          } catch (e) {
            // The files are merged but not on disk: each says so, rather than the batch failing unexplained.
            for (const r of unsaved)
              if (r.importId !== null)
                Object.assign(r, { status: 'error', error: failureOf(e, 'storage_failed', r.fileName) });
          }
          // One checkpoint makes the whole group durable: its time is counted once, on the group's last file.
          last.timings.persistMs = performance.now() - start;
        }
        for (const r of unsaved) {
          await this.log.add(r);
          onFileDone?.(r);
        }
        await this.log.setPending(batch.slice(reports.length));
        unsaved = [];
        savedAt = performance.now();
      };
      // A parser that fails outright (a crashed worker) fails that file, not the batch.
      const parse = (file: ImportInput): Promise<ParseOutcome> =>
        this.parse(file).catch((e: unknown) => ({
          ok: false,
          error: failureOf(e, 'corrupt_file', file.name, { reason: 'reader_stopped' }),
          parseMs: 0,
        }));
      let next = files.length ? parse(files[0]) : null;
      for (let i = 0; i < files.length; i++) {
        const outcome = await (next as Promise<ParseOutcome>);
        next = i + 1 < files.length ? parse(files[i + 1]) : null;
        const report = await this.importParsed(files[i].name, outcome);
        reports.push(report);
        unsaved.push(report);
        if (performance.now() - savedAt >= PERSIST_EVERY_MS) await save();
      }
      if (unsaved.length) await save();
      return { files: reports, datasetVersion: Number((await this.meta('dataset_version')) ?? 0) };
    });
  }

  /** Stages and merges one parsed file in a transaction; the caller makes it durable. */
  private async importParsed(fileName: string, outcome: ParseOutcome): Promise<FileImportReport> {
    const timings = { parseMs: outcome.parseMs, stageMs: 0, mergeMs: 0, persistMs: 0 };
    let lap = performance.now();
    const took = () => {
      const now = performance.now();
      const ms = now - lap;
      lap = now;
      return ms;
    };
    const report = (r: Partial<FileImportReport>) => fileReport(fileName, { ...r, timings });
    if (!outcome.ok) return report({ error: outcome.error });
    const { parsed, hash } = outcome;
    const out = parsed.output;
    const common = { kind: parsed.kind, rowsRead: out.rowsRead, notes: out.notes };

    const stage = stageTable(out.target);
    // Every stage table this file fills: its target's, and those of the facts it carries besides.
    const stages = [stage, ...(out.extra ?? []).map((x) => stageTable(x.target))];
    try {
      const dup = await this.db.query<{ id: number }>(
        `SELECT id FROM imports WHERE file_hash = ${sqlString(hash)} LIMIT 1`,
      );
      if (dup.length) {
        const note: Note = { code: 'already_imported', level: 'info', params: { id: dup[0].id } };
        return report({ ...common, status: 'ok', unchanged: out.rowsRead, notes: [note, ...out.notes] });
      }
      const currency = await this.meta('currency');
      const [{ n: importCount }] = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM imports');
      if (currency && importCount > 0 && currency !== parsed.currency) {
        throw new ImportError('currency_mismatch', {
          file: fileName,
          fileCurrency: parsed.currency,
          datasetCurrency: currency,
        });
      }
      await this.stage(stage, out.staged);
      for (const x of out.extra ?? []) await this.stage(stageTable(x.target), x.staged);
      timings.stageMs = took();
      const { id, counts } = await this.transaction(async () => {
        const id = Number((await this.meta('next_import_id')) ?? 1);
        await this.setMeta('next_import_id', String(id + 1));
        const counts = await mergeStaged(this.db, out.target, id, out.snapshotAt);
        for (const x of out.extra ?? []) await mergeStaged(this.db, x.target, id, out.snapshotAt);
        const [first, last] = out.dateRange ?? [null, null];
        await this.db.exec(`INSERT INTO imports VALUES (${id}, ${sqlString(fileName)}, ${sqlString(parsed.kind)},
          ${sqlString(out.target)}, ${sqlString(hash)}, ${outcome.bytes}, now()::TIMESTAMP, ${sqlTimestamp(out.snapshotAt)},
          ${sqlTimestamp(first)}, ${sqlTimestamp(last)}, ${out.rowsRead}, ${counts.added}, ${counts.updated},
          ${counts.unchanged}, ${sqlString(JSON.stringify(out.notes))})`);
        await this.setMeta('currency', parsed.currency);
        await this.bumpVersion();
        return { id, counts };
      });
      for (const t of stages) await this.db.exec(`DROP TABLE IF EXISTS ${t}`);
      timings.mergeMs = took();
      return report({ ...common, ...counts, status: 'ok', importId: id });
    } catch (e) {
      for (const t of stages) await this.db.exec(`DROP TABLE IF EXISTS ${t}`);
      return report({ ...common, error: failureOf(e, 'storage_failed', fileName) });
    }
  }

  listImports(): Promise<ImportRecord[]> {
    return this.serial(async () => {
      const rows = await this.db.query<{
        id: number;
        file_name: string;
        kind: KindId;
        imported_at: number;
        first_at: number | null;
        last_at: number | null;
        rows_read: number;
        added: number;
        updated: number;
        unchanged: number;
        notes: string;
      }>('SELECT * FROM imports ORDER BY id DESC');
      return rows.map((r) => ({
        id: r.id,
        fileName: r.file_name,
        kind: r.kind,
        importedAt: new Date(r.imported_at).toISOString(),
        firstDate: isoDate(r.first_at),
        lastDate: isoDate(r.last_at),
        rowsRead: r.rows_read,
        added: r.added,
        updated: r.updated,
        unchanged: r.unchanged,
        notes: JSON.parse(r.notes) as Note[],
      }));
    });
  }

  removeImport(id: number): Promise<DatasetInfo> {
    return this.serial(async () => {
      const rows = await this.db.query<{ target: MergeTarget }>(`SELECT target FROM imports WHERE id = ${Number(id)}`);
      if (rows.length) {
        await this.transaction(async () => {
          // The import's main target, and any other it added facts to (a failed-delivery file's claims).
          for (const target of MERGE_TARGETS) {
            const has = await this.db.query(
              `SELECT 1 FROM ${allRowsTable(target)} WHERE import_id = ${Number(id)} LIMIT 1`,
            );
            if (target === rows[0].target || has.length) await unmergeImport(this.db, target, Number(id));
          }
          await this.db.exec(`DELETE FROM imports WHERE id = ${Number(id)}`);
          await this.bumpVersion();
        });
        await this.persist();
      }
      return this.info();
    });
  }

  datasetInfo(): Promise<DatasetInfo> {
    return this.serial(() => this.info());
  }

  private async info(): Promise<DatasetInfo> {
    if (this.cachedInfo) return this.cachedInfo;
    const [r] = await this.db.query<{
      imports: number;
      lines: number;
      orders: number;
      first_order: string | null;
      last_order: string | null;
      income_orders: number;
      first_release: string | null;
      last_release: string | null;
    }>(`SELECT
      (SELECT count(*) FROM imports) AS imports,
      (SELECT count(*) FROM order_lines) AS lines,
      (SELECT count(*) FROM orders) AS orders,
      (SELECT strftime(min(created_date), '%Y-%m-%d') FROM orders) AS first_order,
      (SELECT strftime(max(created_date), '%Y-%m-%d') FROM orders) AS last_order,
      (SELECT count(*) FROM income) AS income_orders,
      (SELECT strftime(min(released_at), '%Y-%m-%d') FROM income) AS first_release,
      (SELECT strftime(max(released_at), '%Y-%m-%d') FROM income) AS last_release`);
    this.cachedInfo = {
      version: Number((await this.meta('dataset_version')) ?? 0),
      currency: await this.meta('currency'),
      imports: r.imports,
      orderLines: r.lines,
      orders: r.orders,
      firstOrderDate: r.first_order,
      lastOrderDate: r.last_order,
      incomeOrders: r.income_orders,
      firstReleaseDate: r.first_release,
      lastReleaseDate: r.last_release,
    };
    return this.cachedInfo;
  }

  /** Fills a missing bound with the start or end of the imported data (or today when there is none). */
  private async resolveRange(range: Partial<DateRange>): Promise<DateRange> {
    const info = await this.info();
    const dataFrom = [info.firstOrderDate, info.firstReleaseDate].filter((d): d is string => !!d).sort()[0];
    const dataTo = [info.lastOrderDate, info.lastReleaseDate]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
    return { from: range.from ?? dataFrom ?? todayIso(), to: range.to ?? dataTo ?? todayIso() };
  }

  kpis(range: Partial<DateRange> = {}, filters: KpiFilters = {}): Promise<KpiResult> {
    return this.serial(async () => {
      const info = await this.info();
      const full = await this.resolveRange(range);
      const o = await orderKpis(this.db, full, filters);
      const i = await incomeKpis(this.db, full);
      const previous = previousRange(full);
      const starts = [info.firstOrderDate, info.firstReleaseDate].filter((d): d is string => d !== null).sort();
      return {
        range: full,
        previousRange: previous,
        previousHasData: starts.length > 0 && starts[0] <= previous.to,
        values: { ...o.current, ...i.current },
        previous: { ...o.previous, ...i.previous },
        datasetVersion: info.version,
      };
    });
  }

  overview(range: Partial<DateRange> = {}, options: OverviewOptions = {}): Promise<OverviewResult> {
    return this.serial(async () => {
      const full = await this.resolveRange(range);
      const prev = previousRange(full);
      const grain = options.grain ?? 'day';
      const filters = options.filters ?? {};
      return {
        range: full,
        previousRange: prev,
        trend: await trend(this.db, full, grain, filters),
        previousTrend: options.compare ? await trend(this.db, prev, grain, filters) : null,
        breakdowns: await breakdowns(this.db, full, filters),
        funnel: await funnel(this.db, full, filters),
        datasetVersion: (await this.info()).version,
      };
    });
  }

  trend(range: Partial<DateRange> = {}, grain: Grain = 'day', filters: KpiFilters = {}): Promise<TrendSeries> {
    return this.serial(async () => trend(this.db, await this.resolveRange(range), grain, filters));
  }

  funnel(range: Partial<DateRange> = {}, filters: KpiFilters = {}): Promise<Funnel> {
    return this.serial(async () => funnel(this.db, await this.resolveRange(range), filters));
  }

  topProducts(range: Partial<DateRange> = {}, limit = 10): Promise<Pick<Breakdowns, 'products' | 'skus'>> {
    return this.serial(async () => {
      const { products, skus } = await breakdowns(this.db, await this.resolveRange(range), {}, limit);
      return { products, skus };
    });
  }

  salesByCategory(range: Partial<DateRange> = {}): Promise<CategorySales[]> {
    return this.serial(async () => salesByCategory(this.db, await this.resolveRange(range)));
  }

  trafficSources(range: Partial<DateRange> = {}): Promise<TrafficResult['visitSources']> {
    return this.serial(async () => visitSources(this.db, await this.resolveRange(range)));
  }

  traffic(range: Partial<DateRange> = {}): Promise<TrafficResult> {
    return this.serial(async () => traffic(this.db, await this.resolveRange(range)));
  }

  serviceMetrics(range: Partial<DateRange> = {}): Promise<ServiceResult> {
    return this.serial(async () => service(this.db, await this.resolveRange(range)));
  }

  campaignPerformance(range: Partial<DateRange> = {}): Promise<CampaignResult> {
    return this.serial(async () => campaigns(this.db, await this.resolveRange(range)));
  }

  salesAnalysis(range: Partial<DateRange> = {}): Promise<SalesAnalysis> {
    return this.serial(async () => salesAnalysis(this.db, await this.resolveRange(range)));
  }

  productTable(range: Partial<DateRange> = {}): Promise<ProductRow[]> {
    return this.serial(async () => productTable(this.db, await this.resolveRange(range)));
  }

  setUnitCosts(costs: UnitCost[]): Promise<void> {
    return this.serial(async () => {
      await setUnitCosts(this.db, costs);
      await this.persist();
    });
  }

  importUnitCosts(file: ImportInput): Promise<{ stored: number; error: ImportErrorInfo | null }> {
    return this.serial(async () => {
      try {
        const costs = parseUnitCostFile(file.name, await toBytes(file.data), (await this.meta('currency')) ?? 'IDR');
        await setUnitCosts(this.db, costs);
        await this.persist();
        return { stored: costs.length, error: null };
      } catch (e) {
        if (e instanceof ImportError) return { stored: 0, error: e.info };
        throw e;
      }
    });
  }

  importLog(): Promise<FileImportReport[]> {
    return this.log.list();
  }
}
