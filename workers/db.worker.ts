/// <reference lib="webworker" />
/**
 * The db worker: hosts DuckDB-WASM (its own `eh` worker, self-hosted) with the database file in OPFS, and
 * exposes the engine through comlink. Nothing here is fetched from outside the origin.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import * as Comlink from 'comlink';
import type { SqlConnection } from '../src/db/connection';
import { OFFLINE_SETTINGS, sqlString } from '../src/db/connection';
import { arrowRows } from '../src/db/rows';
import { composeWorkspace, type WorkspaceApi } from '../src/automation/api';
import { ReportService } from '../src/automation/service';
import type { EngineApi, WorkspacePreview } from '../src/engine/api';
import type { ShopSelection } from '../src/engine/core';
import type { EngineOp } from '../src/engine/ops';
import { forward } from '../src/engine/forward';
import { Engine } from '../src/engine/engine';
import type { FileParser } from '../src/ingest/parseFile';
import type { ParseWorkerApi } from './parse.worker';
import { ML_OPS } from '../src/ml/ops';
import type { MlBackend } from '../src/ml/predictions';
import {
  APP_STATE_VERSION,
  MARKER_KEY,
  IdbImportLog,
  IdbReportStore,
  IdbWorkspaceState,
  openAppDb,
} from '../src/store/idb';
import { EMPTY_SUMMARY, readBackupFile } from '../src/store/backup';
import { SCHEMA_VERSION } from '../src/db/schema';

export const DB_FILE = 'toko-insight.duckdb';

/** What the last verified checkpoint held, kept in IndexedDB beside (not inside) the database file. */
export interface StoredMarker {
  imports: number;
  datasetVersion: number;
  savedAt: string;
}

/** Why the database was not opened as it is, or what was repaired on the way. */
export type OpenProblem =
  /** The import log records imports, but the database file is gone or empty: nothing is recreated. */
  | { code: 'database_missing'; found: 'missing' | 'empty'; marker: StoredMarker }
  /** The file opened, but holds less than the last save recorded (imports or dataset version). */
  | { code: 'database_behind'; marker: StoredMarker; imports: number; datasetVersion: number }
  /** The WAL could not be replayed: it was set aside and the checkpointed file opened, holding every save. */
  | { code: 'wal_set_aside'; bytes: number; keptAs: string };

export interface WorkerInit {
  /** False when OPFS is not available: the data then lives only as long as the tab. */
  persistent: boolean;
  /** Set when the database did not open as it is (then `blocked` says nothing was opened). */
  problem: OpenProblem | null;
  blocked: boolean;
}

const WAL_FILE = `${DB_FILE}.wal`;

let engine: Engine | null = null;
/** Reports, schedules and alerts, above the engine and on its public operations. */
let automation: ReportService | null = null;

async function hasOpfs(): Promise<boolean> {
  try {
    const root = await navigator.storage.getDirectory();
    return typeof (root as unknown as { getFileHandle?: unknown }).getFileHandle === 'function';
  } catch {
    return false;
  }
}

/** The size of an OPFS file, or null when there is none (read before DuckDB holds it). */
async function opfsSize(name: string): Promise<number | null> {
  try {
    const root = await navigator.storage.getDirectory();
    return (await (await root.getFileHandle(name)).getFile()).size;
  } catch {
    return null;
  }
}

/** Moves the WAL aside under a dated name (never deleted: support can still read it); returns its size. */
async function setAsideWal(): Promise<{ bytes: number; keptAs: string }> {
  const root = await navigator.storage.getDirectory();
  const wal = await root.getFileHandle(WAL_FILE);
  const bytes = new Uint8Array(await (await wal.getFile()).arrayBuffer());
  const keptAs = `${WAL_FILE}.set-aside-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const copy = await (await root.getFileHandle(keptAs, { create: true })).createSyncAccessHandle();
  copy.write(bytes, { at: 0 });
  copy.flush();
  copy.close();
  await root.removeEntry(WAL_FILE);
  return { bytes: bytes.length, keptAs };
}

/** DuckDB in its own worker, opened on the database file. */
async function openDuckDb(origin: string, persistent: boolean): Promise<duckdb.AsyncDuckDB> {
  const worker = new Worker(ehWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(new URL(ehWasmUrl, origin).href);
    await db.open({
      path: persistent ? `opfs://${DB_FILE}` : ':memory:',
      accessMode: persistent ? duckdb.DuckDBAccessMode.READ_WRITE : undefined,
      query: { castBigIntToDouble: true, castDecimalToDouble: true },
    });
  } catch (e) {
    await db.terminate().catch(() => undefined);
    throw e;
  }
  return db;
}

/**
 * Opens the database, guarding what the seller has saved. `startOver` is the seller's choice, after being
 * told the file is gone, to begin with an empty database.
 */
async function init(origin: string, options: { startOver?: boolean } = {}): Promise<WorkerInit> {
  const persistent = await hasOpfs();
  const appDb = await openAppDb();
  const settings = new IdbReportStore(appDb);
  if (options.startOver) await settings.setSetting(MARKER_KEY, undefined);
  const marker = persistent ? await settings.getSetting<StoredMarker>(MARKER_KEY) : undefined;
  let problem: OpenProblem | null = null;
  if (marker && marker.imports > 0) {
    const size = await opfsSize(DB_FILE);
    // DuckDB would create a new empty file here: the seller decides, not the app.
    if (size === null || size === 0) {
      return {
        persistent,
        blocked: true,
        problem: { code: 'database_missing', found: size === null ? 'missing' : 'empty', marker },
      };
    }
  }
  let db: duckdb.AsyncDuckDB;
  try {
    db = await openDuckDb(origin, persistent);
  } catch (e) {
    // A WAL that does not replay onto the checkpointed file: the file alone holds every verified save.
    if (!persistent || !/replaying WAL/i.test(e instanceof Error ? e.message : String(e))) throw e;
    const aside = await setAsideWal();
    problem = { code: 'wal_set_aside', ...aside };
    db = await openDuckDb(origin, persistent);
  }
  const conn = await db.connect();
  for (const s of OFFLINE_SETTINGS) await conn.query(s);
  await conn.query(`SET custom_extension_repository = ${sqlString(`${origin}/duckdb-extensions`)}`);
  // DuckDB-WASM 1.32 leaves a checkpointed WAL's bytes in OPFS, and the next open skips them only when they
  // end with the newest checkpoint's marker. A commit past this threshold checkpoints on its own without
  // writing the WAL, which left an older marker and a log that replayed onto the checkpointed file (after an
  // import of 30k+ lines the database never opened again). Every commit is therefore logged, and the app's own
  // CHECKPOINT after it writes the marker.
  await conn.query(`SET wal_autocheckpoint = '1000GB'`);
  /** What the database holds now, to compare with (and to become) the marker. */
  const holds = async () => {
    const rows = arrowRows<{ imports: number; version: string | null }>(
      await conn.query(
        `SELECT (SELECT count(*) FROM imports) AS imports, (SELECT max(value) FROM meta WHERE key = 'dataset_version') AS version`,
      ),
    );
    return { imports: Number(rows[0].imports), datasetVersion: Number(rows[0].version ?? 0) };
  };
  const sql: SqlConnection = {
    async exec(q) {
      await conn.query(q);
    },
    async query<T>(q: string) {
      return arrowRows<T>(await conn.query(q));
    },
    async insertArrow(table, ipc) {
      // DuckDB-WASM transfers the view's whole ArrayBuffer to its worker: a view into a larger buffer (a backup
      // part) would detach its neighbours, which then insert nothing (an empty view is skipped without error).
      const own = ipc.byteOffset === 0 && ipc.byteLength === ipc.buffer.byteLength ? ipc : ipc.slice();
      await conn.insertArrowFromIPCStream(own, { name: table, create: false });
    },
    async queryIpc(q) {
      // The bindings' own IPC bytes (a file), as a stream; no Table of DuckDB's copy of apache-arrow is needed.
      return tableToIPC(tableFromIPC(await conn.useUnsafe((d, id) => d.runQuery(id, q))), 'stream');
    },
    async checkpoint() {
      await conn.query('CHECKPOINT');
      if (!persistent) return;
      const [{ wal_size }] = arrowRows<{ wal_size: string }>(await conn.query('PRAGMA database_size'));
      if (!/^0 bytes$/.test(wal_size)) throw new Error(`the database log holds ${wal_size} after a checkpoint`);
      await settings.setSetting(MARKER_KEY, {
        ...(await holds()),
        savedAt: new Date().toISOString(),
      } satisfies StoredMarker);
    },
  };
  const ml = mlWorker();
  engine = await Engine.open(sql, {
    log: new IdbImportLog(appDb),
    ml,
    automation: () => reports().counts(),
    parse: parseWorker(),
    state: new IdbWorkspaceState(appDb),
  });
  automation = new ReportService(engine, settings);
  if (persistent && marker) {
    const now = await holds();
    if (now.imports < marker.imports || now.datasetVersion < marker.datasetVersion) {
      problem = { code: 'database_behind', marker, ...now };
    }
  }
  // Start the ML worker and its wasm now, off the critical path, so the first forecast does not wait for them.
  setTimeout(() => void ml.warm().catch(() => undefined), 0);
  return { persistent, problem, blocked: false };
}

/**
 * The parse workers, started on the first import: files are parsed there while DuckDB merges, two at a time
 * where the device has the cores for it. A worker that fails (its script does not load, or it runs out of
 * memory) fails the files it was parsing, instead of leaving the import waiting forever; the next file
 * starts a new worker.
 */
function parseWorker(): FileParser {
  interface Running {
    remote: Comlink.Remote<ParseWorkerApi>;
    failed: Promise<never>;
    busy: number;
  }
  const slots: (Running | null)[] = Array.from({ length: Math.min(2, navigator.hardwareConcurrency || 1) }, () => null);
  const start = (slot: number): Running => {
    const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    const running: Running = {
      remote: Comlink.wrap<ParseWorkerApi>(worker),
      failed: new Promise<never>((_, reject) =>
        worker.addEventListener('error', (e) => {
          if (slots[slot] === running) slots[slot] = null;
          worker.terminate();
          reject(new Error(`parse worker failed: ${e.message || 'no message'}`));
        }),
      ),
      busy: 0,
    };
    running.failed.catch(() => undefined);
    return running;
  };
  return async (file) => {
    // The worker with the fewest files in hand (a stopped one is started again).
    let slot = 0;
    for (let k = 1; k < slots.length; k++) if ((slots[k]?.busy ?? 0) < (slots[slot]?.busy ?? 0)) slot = k;
    const running = slots[slot] ?? start(slot);
    slots[slot] = running;
    running.busy++;
    try {
      return await Promise.race([running.remote.parse(file), running.failed]);
    } finally {
      running.busy--;
    }
  };
}

/** The ML worker, started on first use; progress callbacks cross both worker boundaries as proxies. */
function mlWorker(): MlBackend {
  let remote: Comlink.Remote<MlBackend> | null = null;
  const get = () => {
    remote ??= Comlink.wrap<MlBackend>(new Worker(new URL('./ml.worker.ts', import.meta.url), { type: 'module' }));
    return remote;
  };
  return {
    ...forward(ML_OPS, () => get() as unknown as MlBackend),
    forecastDemand: (input, onProgress) =>
      get().forecastDemand(input, onProgress ? Comlink.proxy(onProgress) : undefined),
  };
}

function ready(): Engine {
  if (!engine) throw new Error('engine not initialised');
  return engine;
}

/** A backup file's manifest before any database is open (the database was found missing). */
async function previewBackup(file: Blob): Promise<WorkspacePreview> {
  const read = await readBackupFile(file, { schemaVersion: SCHEMA_VERSION, stateVersion: APP_STATE_VERSION });
  return read.ok ? { ok: true, backup: read.backup.manifest, current: EMPTY_SUMMARY } : read;
}

function reports(): ReportService {
  if (!automation) throw new Error('engine not initialised');
  return automation;
}

/** An engine operation for a selection of shops (the page's `shop=` choice). */
function scoped<K extends EngineOp>(
  selection: ShopSelection,
  op: K,
  ...args: Parameters<EngineApi[K]>
): ReturnType<EngineApi[K]> {
  // The cast calls the operation with its own parameter list, which TypeScript cannot pair with K here.
  return (ready().forShops(selection)[op] as (...a: unknown[]) => ReturnType<EngineApi[K]>)(...args);
}

const api: WorkspaceApi & { init: typeof init; previewBackup: typeof previewBackup; scoped: typeof scoped } = {
  init,
  previewBackup,
  scoped,
  ...composeWorkspace(ready, reports),
};

export type DbWorkerApi = typeof api;

Comlink.expose(api);
