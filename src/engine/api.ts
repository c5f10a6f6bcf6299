/**
 * The engine API: the typed interface of the data (imports, page queries, models, backups) that the UI and
 * the automation call. It runs in the db worker and is reached through comlink (src/app/client.ts, as part of
 * WorkspaceApi); in Node tests the same engine is called directly.
 */
import type { CalendarOverrides } from '../calendar/events';
import type { Currency } from '../kernel/currency';
import type { DateRange, IsoDay, RangeRequest } from '../kernel/days';
import type { SheetSpec } from '../format/workbook';
import type { Shop } from '../db/shops';
import type { ShopComparison } from '../metrics/shops';
import type {
  FileImportReport,
  ImportInput,
  ImportRecord,
  ImportReport,
  MasterQuestion,
  MasterReading,
} from './importTypes';
import type { MasterColumn, MasterMapping, MasterRole } from '../ingest/productMaster';
import type { ConflictChoice, MasterSummary, StoredConflict } from '../metrics/productMaster';
import type { CashResult } from '../metrics/wallet';
import type { KpiFilters } from '../metrics/filters';
import type { MetricValues } from '../metrics/kpis';
import type { CampaignResult } from '../metrics/campaigns';
import type { ServiceResult, TrafficResult, VisitSource } from '../metrics/insights';
import type { BreakdownRow, Breakdowns, Funnel, Grain, TrendSeries } from '../metrics/overview';
import type { CategorySales, ProductGrain, ProductRow, UnitCost } from '../metrics/products';
import type { VariationRow } from '../metrics/variations';
import type { SalesAnalysis } from '../metrics/sales';
import type {
  AnomalyResult,
  ChurnPrediction,
  MarketingResult,
  ModelPerformance,
  SeriesForecast,
  SkuDemand,
} from '../ml/predictions';
import type { CohortResult, ProductPair, SegmentationResult, SegmentSummary } from '../metrics/customers';
import type {
  AgainItem,
  BuyAgainList,
  NextProduct,
  OutreachTarget,
  ProductCount,
  RecommenderInfo,
} from '../metrics/recommendations';
import type { SpacingRefusal } from '../ml/forecast/spacing';
import type { Finding } from '../metrics/findings';
import type { PriceResult } from '../ml/price';
import type { ArmResult } from '../ml/bandit';
import type { SegmentName } from '../ml/rfm';
import type { BackupManifest, BackupProblem, BackupSummary } from '../store/backup';

export type {
  SegmentationResult,
  SegmentSummary,
  BackupManifest,
  BackupProblem,
  BackupSummary,
  SheetSpec,
  CalendarOverrides,
  ArmResult,
  MarketingResult,
  PriceResult,
  Finding,
  CohortResult,
  AgainItem,
  BuyAgainList,
  NextProduct,
  OutreachTarget,
  ProductCount,
  RecommenderInfo,
  SpacingRefusal,
  ProductPair,
  SegmentName,
  AnomalyResult,
  ChurnPrediction,
  ModelPerformance,
  SeriesForecast,
  SkuDemand,
  BreakdownRow,
  CategorySales,
  VisitSource,
  CampaignResult,
  Breakdowns,
  DateRange,
  Funnel,
  Grain,
  CashResult,
  KpiFilters,
  MetricValues,
  ProductRow,
  SalesAnalysis,
  ServiceResult,
  TrafficResult,
  TrendSeries,
  UnitCost,
  ConflictChoice,
  ProductGrain,
  VariationRow,
  MasterColumn,
  MasterMapping,
  MasterRole,
  MasterSummary,
  StoredConflict,
};

export type { FileImportReport, ImportInput, ImportRecord, ImportReport, MasterQuestion, MasterReading };

export interface DatasetInfo {
  /** Increases with every change to the stored data; caches key on it. */
  version: number;
  currency: Currency | null;
  imports: number;
  orderLines: number;
  orders: number;
  firstOrderDate: IsoDay | null;
  lastOrderDate: IsoDay | null;
  incomeOrders: number;
  firstReleaseDate: IsoDay | null;
  lastReleaseDate: IsoDay | null;
  /** Every shop of the workspace, and the ones this answer covers. */
  shops: Shop[];
  selectedShops: number[];
}

export interface KpiResult {
  range: DateRange;
  previousRange: DateRange;
  values: MetricValues;
  /** The same metrics over the same number of days immediately before `range`. */
  previous: MetricValues;
  /**
   * Whether any imported order or income data falls in the previous range: when none does (the range starts
   * with the data, as "all data" does), a comparison would call every figure new, so the pages show none.
   */
  previousHasData: boolean;
  datasetVersion: number;
}

export interface OverviewResult {
  range: DateRange;
  previousRange: DateRange;
  trend: TrendSeries;
  /** The previous period's trend, bucket by bucket, when comparison was asked for. */
  previousTrend: TrendSeries | null;
  breakdowns: Breakdowns;
  funnel: Funnel;
  datasetVersion: number;
}

export interface OverviewOptions {
  grain?: Grain;
  compare?: boolean;
  filters?: KpiFilters;
}

export interface EngineApi {
  /**
   * Imports files one by one. Each file is all-or-nothing: its rows are merged in one transaction and made
   * durable before its report says `ok`; a bad file leaves the stored data exactly as it was.
   * @example
   * const report = await engine.importFiles([{ name: file.name, data: file }], (r) => show(r));
   * report.files[0].status // 'ok' | 'error'
   */
  importFiles(files: ImportInput[], onFileDone?: (report: FileImportReport) => void): Promise<ImportReport>;

  /**
   * The stored imports of the selected shops, newest first.
   * @example const imports = await engine.listImports(); imports[0].fileName
   */
  listImports(): Promise<ImportRecord[]>;

  /**
   * The workspace's shops. A new workspace has one, "Toko 1", which takes the seller username of the first
   * file that carries one.
   * @example const shops = await engine.listShops(); shops[0].name
   */
  listShops(): Promise<Shop[]>;

  /**
   * Creates a shop; files imported with it selected go into it.
   * @example const shop = await engine.createShop('Toko Mall'); engine.forShops([shop.id])
   */
  createShop(name: string): Promise<Shop>;

  /** @example await engine.renameShop(2, 'Asta Mall') */
  renameShop(id: number, name: string): Promise<void>;

  /**
   * Deletes a shop and every import of it; the other shops' numbers do not change. The last shop stays.
   * @example await engine.deleteShop(2)
   */
  deleteShop(id: number): Promise<DatasetInfo>;

  /**
   * Moves one import's rows into another shop (a file imported into the wrong shop). Both shops' numbers are
   * as if the file had been imported there.
   * @example await engine.moveImport(7, 2)
   */
  moveImport(id: number, shop: number): Promise<DatasetInfo>;

  /**
   * Removes one import's rows. Lines that other imports also carry fall back to those imports' rows.
   * @example await engine.removeImport(3)
   */
  removeImport(id: number): Promise<DatasetInfo>;

  /**
   * The shops side by side over a range (the chosen shops when several, else all): each one's sales,
   * orders, buyers, AOV, cancellation rate, net payout, gross profit and ad spend, with the same days before,
   * its share of the sales, and a sales trend per shop.
   * @example const { rows } = await engine.compareShops({ from: '2026-11-01', to: '2026-11-30' }); rows[0].shop.name
   */
  compareShops(range?: RangeRequest): Promise<ShopComparison>;

  /**
   * Counts, date ranges and the dataset version.
   * @example const { firstOrderDate, lastOrderDate } = await engine.datasetInfo()
   */
  datasetInfo(): Promise<DatasetInfo>;

  /**
   * Every order and income metric of METRICS.md for a range (inclusive dates; a missing bound means the
   * start or end of the imported data), with the previous period of the same length.
   * @example const { values } = await engine.kpis({ from: '2025-05-01', to: '2025-05-31' }); values.sales
   */
  kpis(range?: RangeRequest, filters?: KpiFilters): Promise<KpiResult>;

  /**
   * What the Overview page shows besides the KPIs: the sales and orders trend (day, week or month), top
   * products and SKUs, provinces, payment methods, shipping options and the status funnel.
   * @example const o = await engine.overview({ from: '2026-11-01', to: '2026-11-30' }, { grain: 'day', compare: true })
   */
  overview(range?: RangeRequest, options?: OverviewOptions): Promise<OverviewResult>;

  /**
   * Sales, orders, units and buyers per day, week or month (valid orders), every bucket of the range present.
   * @example const t = await engine.trend({ from: '2026-11-01', to: '2026-11-30' }, 'day'); t.sales
   */
  trend(range?: RangeRequest, grain?: Grain, filters?: KpiFilters): Promise<TrendSeries>;

  /**
   * The status funnel of the orders placed in a range: placed, paid, shipped, completed, cancelled.
   * @example const f = await engine.funnel({ from: '2026-11-01', to: '2026-11-30' }); f.completed / f.placed
   */
  funnel(range?: RangeRequest, filters?: KpiFilters): Promise<Funnel>;

  /**
   * The best-selling products and SKUs of a range (valid orders), `limit` of each.
   * @example const { products } = await engine.topProducts({ from: '2026-11-01', to: '2026-11-30' }, 5)
   */
  topProducts(range?: RangeRequest, limit?: number): Promise<Pick<Breakdowns, 'products' | 'skus'>>;

  /**
   * Sales by the category the seller gave each SKU (third column of the cost sheet); SKUs without one are
   * grouped under `category: null`.
   * @example const rows = await engine.salesByCategory({ from: '2026-11-01', to: '2026-11-30' }); rows[0].share
   */
  salesByCategory(range?: RangeRequest): Promise<CategorySales[]>;

  /**
   * Visit sources (product page, live, video, affiliate, ads) from shop stats' visit-source sheet of the
   * latest period overlapping the range, with that period; null without one.
   * @example const s = await engine.trafficSources({ from: '2026-11-01', to: '2026-11-30' }); s?.rows[0].source
   */
  trafficSources(range?: RangeRequest): Promise<{ from: string; to: string; rows: VisitSource[] } | null>;

  /**
   * The Traffic page: visitors, new and returning, page views, bounce, time on page, followers, platforms,
   * and conversion, from traffic-overview and shop-stats exports (with the previous period).
   * @example const t = await engine.traffic({ from: '2026-11-01', to: '2026-11-30' }); t.current.visitors
   */
  traffic(range?: RangeRequest): Promise<TrafficResult>;

  /**
   * The Customer Service page: chats, response rate and times, CSAT and its breakdown, chat-driven orders
   * and sales, from chat-performance exports (with the previous period).
   * @example const s = await engine.serviceMetrics({ from: '2026-11-01', to: '2026-11-30' }); s.current.csat
   */
  serviceMetrics(range?: RangeRequest): Promise<ServiceResult>;

  /**
   * The Campaigns page: daily ad spend (billing CSV), the per-ad report of the latest period overlapping the
   * range (ratios recomputed from sums), vouchers and flash sales.
   * @example const c = await engine.campaignPerformance({ from: '2026-11-01', to: '2026-11-30' }); c.adsReport?.totals.roas
   */
  campaignPerformance(range?: RangeRequest): Promise<CampaignResult>;

  /**
   * The Sales page: orders by weekday and hour, cities, cancellation reasons, returned products, and the
   * gap between Shopee's Business Insights sales and the sales computed from order exports.
   * @example const s = await engine.salesAnalysis({ from: '2026-11-01', to: '2026-11-30' }); s.heatmap[0][20]
   */
  salesAnalysis(range?: RangeRequest): Promise<SalesAnalysis>;

  /**
   * The seller balance of a range (from balance reports): money in and out, withdrawals, ads top-ups,
   * order income and adjustments, by day and by transaction type, and order income reconciled with the
   * income export.
   * @example const c = await engine.cash({ from: '2026-07-07', to: '2026-08-06' }); c.kpis.current.balance_in
   */
  cash(range?: RangeRequest): Promise<CashResult>;

  /**
   * The product and SKU table of a range: orders, units, sales, returns, repeat rate, and gross profit after
   * Shopee's fees where unit costs are known (null and flagged where they are not).
   * @example const rows = await engine.productTable({ from: '2026-11-01', to: '2026-11-30' }); rows[0].grossProfit
   */
  productTable(range?: RangeRequest, by?: ProductGrain): Promise<ProductRow[]>;

  /**
   * A SKU's valid orders of a range by variation (the breakdown behind a SKU row that spans several).
   * @example const rows = await engine.skuVariations('W-TAC-PDK', { from: '2026-11-01', to: '2026-11-30' })
   */
  skuVariations(sku: string, range?: RangeRequest): Promise<VariationRow[]>;

  /**
   * Stores unit costs per SKU (rupiah per unit); `unitCost: null` removes one.
   * @example await engine.setUnitCosts([{ sku: 'ASPS-01', unitCost: 320000 }])
   */
  setUnitCosts(costs: UnitCost[]): Promise<void>;

  /**
   * Reads a sheet as the seller's product master with the columns the seller chose (after a question, or to
   * change what was inferred) and stores it; all-or-nothing. A dropped master goes through importFiles.
   * @example const r = await engine.importProductMaster({ name: file.name, data: file }, { ...q.mapping, cost: 3 })
   */
  importProductMaster(file: ImportInput, mapping: MasterMapping): Promise<FileImportReport>;

  /**
   * Settles a conflict of a product master: the cost of a master product, or the master of a SKU text.
   * @example await engine.resolveMasterConflict({ kind: 'cost', subject: 'M-TAC Pendek', unitCost: 45000 })
   */
  resolveMasterConflict(choice: ConflictChoice): Promise<void>;

  /**
   * What the product master holds: SKU texts mapped, costs, the shop's SKUs with and without a cost, and
   * the conflicts waiting for the seller.
   * @example const m = await engine.productMaster(); m.conflicts.length
   */
  productMaster(): Promise<MasterSummary>;

  /**
   * Daily sales (valid orders) forecast `horizon` days past the last order day, with 80% and 95% intervals,
   * components and the calendar events of those days; null without orders. Fitted in the ML worker and
   * cached by dataset version.
   * @example const f = await engine.forecastSales(30); f?.forecast.yhat.reduce((a, b) => a + b, 0)
   */
  forecastSales(horizon?: number): Promise<SeriesForecast | null>;

  /**
   * Daily visitors forecast from traffic-overview or shop-stats exports; null without them.
   * @example const f = await engine.forecastTraffic(30); f?.forecast.hi80[0]
   */
  forecastTraffic(horizon?: number): Promise<SeriesForecast | SpacingRefusal | null>;

  /**
   * Sales days outside the model's 99% band (calendar accounted for), and jointly unusual days by an
   * isolation forest over sales, orders, cancellations, visitors and conversion.
   * @example const { anomalies } = (await engine.anomalies()) ?? { anomalies: [] }
   */
  anomalies(): Promise<AnomalyResult | null>;

  /**
   * Each buyer's probability of no order in the next 90 days (logistic regression on RFM and tenure), with
   * out-of-time AUC and calibration; null when the history is shorter than 270 days.
   * @example const c = await engine.predictChurn(); c?.atRisk[0].probability
   */
  predictChurn(): Promise<ChurnPrediction | null>;

  /**
   * Demand for the top SKUs (one batch fit, progress reported), with the stock that covers the lead time
   * at the service level.
   * @example await engine.forecastDemand({ topN: 20, horizon: 30, leadTime: 14, serviceLevel: 0.95 }, (d, t) => console.log(d, t))
   */
  forecastDemand(options?: DemandOptions, onProgress?: (done: number, total: number) => void): Promise<SkuDemand[]>;

  /**
   * Stops the SKU demand fits in progress; their `forecastDemand` promises reject with "forecast cancelled".
   * @example await engine.cancelForecastDemand()
   */
  cancelForecastDemand(): Promise<void>;

  /**
   * The sales forecast's backtest on the seller's own data: 28-day forecasts from weekly origins over the
   * last 8 weeks, against seasonal naive (last week repeated) and ETS.
   * @example const m = await engine.modelPerformance(); m?.ours.mape
   */
  modelPerformance(): Promise<ModelPerformance | null>;

  /**
   * Segments every buyer: by the RFM rule table (`rfm`) or by k-means on standardised log RFM and tenure
   * (`kmeans`, k by silhouette), with each segment's size, value share, basket, top products and provinces,
   * and a suggested action.
   * @example const s = await engine.segmentCustomers('rfm'); s?.segments.find((x) => x.id === 'champions')?.size
   */
  segmentCustomers(method?: 'rfm' | 'kmeans'): Promise<SegmentationResult | null>;

  /**
   * The buyer usernames of one segment (for Shopee's chat broadcast and follower vouchers).
   * @example const buyers = await engine.getSegment('rfm', 'at_risk')
   */
  getSegment(method: 'rfm' | 'kmeans', id: string): Promise<string[]>;

  /**
   * The product to offer each segment's buyers next: per segment, the products most often first among its
   * buyers' new products from the recommender, with how many buyers get each. Separate from
   * `segmentCustomers` because it reads every buyer's baskets.
   * @example const next = await engine.segmentNextProducts('rfm'); next.champions?.[0]?.name
   */
  segmentNextProducts(method: 'rfm' | 'kmeans'): Promise<Record<string, NextProduct[]>>;

  /**
   * Per segment, the products most often first in its buyers' "buy again" lists (top 3), with how many.
   * @example const again = await engine.segmentBuyAgain('rfm'); again.at_risk?.[0]?.name
   */
  segmentBuyAgain(method: 'rfm' | 'kmeans'): Promise<Record<string, ProductCount[]>>;

  /**
   * Outreach lists of some buyers (by username) or of one segment: each buyer's own past products ranked by
   * orders, how due the next purchase is and recency, then up to `limit` new products from the recommender.
   * @example const [l] = await engine.buyAgain({ buyers: ['sari.w'] }); l.again[0]?.name
   */
  buyAgain(target: OutreachTarget, limit?: number): Promise<BuyAgainList[]>;

  /**
   * The recommender behind the lists: EASE with its λ chosen on a holdout of each buyer's last order (item-kNN
   * above 1,500 products), the holdout's hit rate at 10 against the most popular products; null without buyers.
   * @example const m = await engine.recommender(); m?.lambda
   */
  recommender(): Promise<RecommenderInfo | null>;

  /**
   * The retention matrix by first-order month (buyers and sales) and the repeat rates at 30, 60 and 90 days.
   * @example const c = await engine.cohortAnalysis(); c.repeat[2].rate
   */
  cohortAnalysis(): Promise<CohortResult>;

  /**
   * Frequently bought together: product pairs in the same order with at least `minSupport` orders, the
   * recommender's strongest first, then by lift. With `product`, the pairs of that product; with `buyer`, the
   * recommender's new products for the buyer that are co-bought (by buyers over time) with one they have.
   * @example const pairs = await engine.recommendProducts({ product: 'Asta Panci Set' })
   */
  recommendProducts(target?: { product?: string; buyer?: string }, minSupport?: number): Promise<ProductPair[]>;

  /**
   * Price elasticity and a recommended price within ±`band` (default 0.15) for one SKU, or for the 20 SKUs
   * with the most units; each result says why when it recommends nothing.
   * @example const [r] = await engine.optimizePrice('ASPS-01HIT'); r.recommendedPrice ?? r.reason
   */
  optimizePrice(sku?: string, band?: number): Promise<PriceResult[]>;

  /**
   * Marketing mix: sales on each channel's daily spend (ad types, vouchers, affiliates) with adstock and
   * saturation, response curves, marginal ROAS, and the LP allocation of a daily budget (default: the last
   * 30 days' mean spend); null without channel data.
   * @example const m = await engine.optimizeMarketing(2_000_000); m?.recommended
   */
  optimizeMarketing(budget?: number): Promise<MarketingResult | null>;

  /**
   * Which campaign type to try next: Thompson sampling over past outcomes (a day a type ran succeeds when
   * sales beat the median of the 28 days before), each type with its chance of being the best.
   * @example const [best] = await engine.suggestCampaign(); best?.name
   */
  suggestCampaign(): Promise<ArmResult[]>;

  /**
   * The seller's corrections to the shop calendar (Ramadan and Lebaran dates per year, added or removed
   * days), as stored with the data.
   * @example const c = await engine.getCalendar(); c.ramadan?.['2027']?.lebaran
   */
  getCalendar(): Promise<CalendarOverrides>;

  /**
   * Stores calendar corrections; every forecast and anomaly check uses them from then on.
   * @example await engine.setCalendar({ ramadan: { '2027': { start: '2027-02-08', lebaran: '2027-03-11' } } })
   */
  setCalendar(overrides: CalendarOverrides): Promise<void>;

  /**
   * The whole workspace as one backup file: every database table, the app state (import log, reports,
   * schedules, alert rules, alerts, settings) and a manifest with versions and checksums.
   * @example const { fileName, bytes } = await engine.exportWorkspace()
   */
  exportWorkspace(): Promise<WorkspaceExport>;

  /**
   * What a backup file holds, beside what this workspace holds now; or why it cannot be restored (not a
   * backup, damaged, or made by a newer version of the app). Nothing is changed.
   * @example const p = await engine.previewWorkspace(file); if (p.ok) p.backup.summary.imports
   */
  previewWorkspace(file: Blob): Promise<WorkspacePreview>;

  /**
   * Replaces this workspace with a backup's, once the seller has agreed: the database in one transaction
   * (a failure leaves it as it was), then the app state. Checks the file again first.
   * @example const r = await engine.restoreWorkspace(file); if (r.ok) r.info.imports
   */
  restoreWorkspace(file: Blob): Promise<WorkspaceRestore>;

  /**
   * When this device last wrote a backup (or restored one), as an ISO time; null when never.
   * @example const at = await engine.lastBackup()
   */
  lastBackup(): Promise<string | null>;

  /**
   * The last day of sales against a forecast fitted without it: its 95% band (the "below the band" alert).
   * @example const c = await engine.lastDayCheck(); c && c.actual < c.lo95
   */
  lastDayCheck(): Promise<LastDayCheck | null>;

  /**
   * An Excel workbook (xlsx bytes) of the given sheets: text always as text (never a formula), numbers as
   * numbers with their formats. Written in the worker, so the page does not load SheetJS.
   * @example const bytes = await engine.exportWorkbook([{ name: 'SKU', header: ['SKU', 'Sales'], rows: [['A', 1000]] }])
   */
  exportWorkbook(sheets: SheetSpec[]): Promise<Uint8Array>;

  /**
   * The insights summary: ranked plain-language findings (sales anomalies, the forecast's change, SKUs
   * with high return rates, days under the chat target, unprofitable ads, lapsing high-value buyers), each
   * with the page that shows its evidence. The range defaults to the last 30 days of data.
   * @example const [top] = await engine.insightsSummary(); top?.href
   */
  insightsSummary(range?: RangeRequest): Promise<Finding[]>;

  /**
   * Every import attempt's report, including failed ones, newest first (kept in IndexedDB in the browser).
   * @example const log = await engine.importLog(); log.filter((r) => r.status === 'error')
   */
  importLog(): Promise<FileImportReport[]>;

  /**
   * The files of a batch that the page did not live to finish (closed or reloaded mid-import), each as an
   * `import_interrupted` error report, logged; asked once at start, after which they are no longer pending.
   * A file that was stored before the page went away is not among them.
   * @example const cut = await engine.interruptedImports(); cut[0]?.fileName
   */
  interruptedImports(): Promise<FileImportReport[]>;
}

/** A day's actual sales and the 95% band of a forecast fitted without it. */
export interface LastDayCheck {
  date: string;
  actual: number;
  lo95: number;
  hi95: number;
}

export interface WorkspaceExport {
  fileName: string;
  bytes: Uint8Array;
  manifest: BackupManifest;
}

export type WorkspacePreview =
  | { ok: true; backup: BackupManifest; current: BackupSummary }
  | { ok: false; problem: BackupProblem };

export type WorkspaceRestore = { ok: true; info: DatasetInfo } | { ok: false; problem: BackupProblem };

export interface DemandOptions {
  /** How many SKUs, by units over the last 90 days (default 20). */
  topN?: number;
  /** Days to forecast (default 30). */
  horizon?: number;
  /** Days until new stock arrives (default 14). */
  leadTime?: number;
  /** Chance that the stock covers the lead time's demand (default 0.95). */
  serviceLevel?: number;
  /** Only these SKUs (`Nomor Referensi SKU`), instead of the top N. */
  skus?: string[];
}
