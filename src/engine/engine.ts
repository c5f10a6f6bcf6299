import type { SqlConnection } from '../db/connection';
import { migrate } from '../db/schema';
import { type FileParser, parseFile } from '../ingest/parseFile';
import type { MlBackend } from '../ml/predictions';
import type { EngineApi } from './api';
import {
  BACKUP_OPS,
  type BackupOp,
  IMPORT_OPS,
  type ImportOp,
  MODEL_OPS,
  type ModelOp,
  QUERY_OPS,
  type QueryOp,
} from './ops';
import { type AutomationCounts, Backups, type WorkspaceStateStore } from './backups';
import { EngineCore, type ShopSelection, selectionKey } from './core';
import { forward } from './forward';
import { type ImportLogStore, Importer, MemoryImportLog } from './importer';
import { ModelRunner } from './models';
import { Queries } from './queries';

/** What the engine works with besides its database; each has a default fit for tests. */
export interface EngineDeps {
  log?: ImportLogStore;
  ml?: MlBackend | null;
  parse?: FileParser;
  /** What the layers above keep (reports, schedules, alert rules), counted for a backup's summary. */
  automation?: () => Promise<AutomationCounts>;
  state?: WorkspaceStateStore | null;
}

/**
 * The engine: the importer, the page queries, the models and the backups over one SQL connection, sharing
 * its queue, dataset version and caches (`EngineCore`). Each part owns its operations (api.ts). An engine
 * reads one selection of shops; `forShops` gives the engine of another, over the same connection.
 */
export type Engine = EngineApi & {
  /**
   * The engine for some shops, or all of them (the default): every page, model and import of it sees those.
   * @example const mall = engine.forShops([2]); await mall.kpis({ from: '2026-06-01', to: '2026-06-30' })
   */
  forShops(selection: ShopSelection): Engine;
};

export const Engine = {
  /**
   * Opens the engine on a connection, applying migrations first. `log` keeps the import reports; `ml`
   * runs the forecasts and models; `parse` reads export files (the parse worker in the app, this thread by
   * default); `state` is the app state a backup carries.
   */
  async open(db: SqlConnection, deps: EngineDeps = {}): Promise<Engine> {
    await migrate(db);
    const root = new EngineCore(db);
    const log = deps.log ?? new MemoryImportLog();
    const parse = deps.parse ?? parseFile;
    const engines = new Map<string, Engine>();
    const forShops = (selection: ShopSelection): Engine => {
      const key = selectionKey(selection);
      const kept = engines.get(key);
      if (kept) return kept;
      const core = root.forShops(selection);
      const queries = new Queries(core);
      const models = new ModelRunner(core, deps.ml ?? null, queries);
      const importer = new Importer(core.forShops(selection, true), log, parse);
      const backups = new Backups(core.forShops('all', true), deps.state ?? null, deps.automation ?? null);
      const engine: Engine = {
        ...forward<Pick<EngineApi, ImportOp>>(IMPORT_OPS, () => importer),
        ...forward<Pick<EngineApi, QueryOp>>(QUERY_OPS, () => queries),
        ...forward<Pick<EngineApi, ModelOp>>(MODEL_OPS, () => models),
        ...forward<Pick<EngineApi, BackupOp>>(BACKUP_OPS, () => backups),
        forShops,
      };
      engines.set(key, engine);
      return engine;
    };
    return forShops('all');
  },
};
