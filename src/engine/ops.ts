/**
 * Each part of the engine's operations, as lists: what the db worker forwards to which part, and what the
 * client may call. The union is every operation of `EngineApi`, checked below.
 */
import type { EngineApi } from './api';

/** The importer: imports, their removal and log, and the seller's own inputs (unit costs, calendar). */
export const IMPORT_OPS = [
  'importFiles',
  'listImports',
  'removeImport',
  'listShops',
  'createShop',
  'renameShop',
  'deleteShop',
  'moveImport',
  'importLog',
  'interruptedImports',
  'setUnitCosts',
  'importProductMaster',
  'resolveMasterConflict',
  'getCalendar',
  'setCalendar',
] as const satisfies readonly (keyof EngineApi)[];
export type ImportOp = (typeof IMPORT_OPS)[number];

/** The page queries. */
export const QUERY_OPS = [
  'datasetInfo',
  'kpis',
  'compareShops',
  'overview',
  'trend',
  'funnel',
  'topProducts',
  'salesByCategory',
  'trafficSources',
  'traffic',
  'serviceMetrics',
  'campaignPerformance',
  'salesAnalysis',
  'cash',
  'productTable',
  'productMaster',
  'skuVariations',
  'exportWorkbook',
] as const satisfies readonly (keyof EngineApi)[];
export type QueryOp = (typeof QUERY_OPS)[number];

/** The models and the findings. */
export const MODEL_OPS = [
  'forecastSales',
  'forecastTraffic',
  'anomalies',
  'predictChurn',
  'forecastDemand',
  'cancelForecastDemand',
  'modelPerformance',
  'segmentCustomers',
  'getSegment',
  'segmentNextProducts',
  'segmentBuyAgain',
  'buyAgain',
  'recommender',
  'cohortAnalysis',
  'recommendProducts',
  'insightsSummary',
  'optimizePrice',
  'optimizeMarketing',
  'suggestCampaign',
  'lastDayCheck',
] as const satisfies readonly (keyof EngineApi)[];
export type ModelOp = (typeof MODEL_OPS)[number];

/** Backup and restore of the whole workspace. */
export const BACKUP_OPS = [
  'exportWorkspace',
  'previewWorkspace',
  'restoreWorkspace',
  'lastBackup',
] as const satisfies readonly (keyof EngineApi)[];
export type BackupOp = (typeof BACKUP_OPS)[number];

/** Every operation of the engine API, by name: the worker and the client forward exactly these. */
export const ENGINE_OPS = [...IMPORT_OPS, ...QUERY_OPS, ...MODEL_OPS, ...BACKUP_OPS] as const;

/** A compile error when an operation of EngineApi is missing from ENGINE_OPS. */
export const ENGINE_OPS_COMPLETE: Exclude<keyof EngineApi, (typeof ENGINE_OPS)[number]> extends never ? true : never =
  true;
export type EngineOp = (typeof ENGINE_OPS)[number];
