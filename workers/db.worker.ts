/// <reference lib="webworker" />
/**
 * The db worker: hosts DuckDB-WASM (its own `eh` worker, self-hosted) with the database file in OPFS, and
 * exposes the engine through comlink. Nothing here is fetched from outside the origin.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import * as Comlink from 'comlink';
import type { SqlConnection } from '../src/db/connection';
import { OFFLINE_SETTINGS, sqlString } from '../src/db/connection';
import { arrowRows } from '../src/db/rows';
import { type EngineApi, forward, forwardEngine } from '../src/engine/api';
import { Engine } from '../src/engine/engine';
import type { FileParser } from '../src/ingest/parseFile';
import type { ParseWorkerApi } from './parse.worker';
import { ML_OPS } from '../src/ml/ops';
import type { MlBackend } from '../src/ml/predictions';
import { IdbImportLog, IdbReportStore, openAppDb } from '../src/store/idb';

export const DB_FILE = 'toko-insight.duckdb';

export interface WorkerInit {
  /** False when OPFS is not available: the data then lives only as long as the tab. */
  persistent: boolean;
}

let engine: Engine | null = null;

async function hasOpfs(): Promise<boolean> {
  try {
    const root = await navigator.storage.getDirectory();
    return typeof (root as unknown as { getFileHandle?: unknown }).getFileHandle === 'function';
  } catch {
    return false;
  }
}

/**
 * Empties the WAL file that DuckDB left in OPFS after a checkpoint, and answers the size of every OPFS file
 * DuckDB's worker holds (see public/duckdb-opfs.worker.js).
 */
function emptyWal(worker: Worker, path: string): Promise<Record<string, number>> {
  const channel = new MessageChannel();
  return new Promise((resolve, reject) => {
    channel.port1.onmessage = (e: MessageEvent<{ sizes?: Record<string, number>; error?: string }>) =>
      e.data.sizes ? resolve(e.data.sizes) : reject(new Error(e.data.error ?? 'no answer'));
    worker.postMessage({ type: 'toko:empty-wal', path, port: channel.port2 }, [channel.port2]);
  });
}

async function init(origin: string): Promise<WorkerInit> {
  // DuckDB's own worker, wrapped so that a checkpoint can empty the WAL file it leaves in OPFS.
  const worker = new Worker(`/duckdb-opfs.worker.js?worker=${encodeURIComponent(new URL(ehWorkerUrl, origin).pathname)}`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL(ehWasmUrl, origin).href);
  const persistent = await hasOpfs();
  // A database that fails to open is reported to the page; it is never replaced by an empty one.
  await db.open({
    path: persistent ? `opfs://${DB_FILE}` : ':memory:',
    accessMode: persistent ? duckdb.DuckDBAccessMode.READ_WRITE : undefined,
    query: { castBigIntToDouble: true, castDecimalToDouble: true },
  });
  const conn = await db.connect();
  for (const s of OFFLINE_SETTINGS) await conn.query(s);
  await conn.query(`SET custom_extension_repository = ${sqlString(`${origin}/duckdb-extensions`)}`);
  const sql: SqlConnection = {
    async exec(q) {
      await conn.query(q);
    },
    async query<T>(q: string) {
      return arrowRows<T>(await conn.query(q));
    },
    async insertArrow(table, ipc) {
      await conn.insertArrowFromIPCStream(ipc, { name: table, create: false });
    },
    async checkpoint() {
      await conn.query('CHECKPOINT');
      if (!persistent) return;
      // DuckDB must see nothing left to replay; then the file's stale bytes go, and the result is checked.
      const [{ wal_size }] = arrowRows<{ wal_size: string }>(await conn.query('PRAGMA database_size'));
      if (!/^0 bytes$/.test(wal_size)) throw new Error(`the database log holds ${wal_size} after a checkpoint`);
      const wal = (await emptyWal(worker, `opfs://${DB_FILE}.wal`))[`opfs://${DB_FILE}.wal`] ?? 0;
      if (wal > 0) throw new Error(`the database log file kept ${wal} bytes after a checkpoint`);
    },
  };
  const ml = mlWorker();
  const appDb = await openAppDb();
  engine = await Engine.open(sql, { log: new IdbImportLog(appDb), ml, reports: new IdbReportStore(appDb), parse: parseWorker() });
  // Start the ML worker and its wasm now, off the critical path, so the first forecast does not wait for them.
  setTimeout(() => void ml.warm().catch(() => undefined), 0);
  return { persistent };
}

/**
 * The parse worker, started on the first import: files are parsed there while DuckDB merges. A worker that
 * fails (its script does not load, or it runs out of memory) fails the file it was parsing, instead of
 * leaving the import waiting forever; the next file starts a new worker.
 */
function parseWorker(): FileParser {
  interface Running {
    remote: Comlink.Remote<ParseWorkerApi>;
    failed: Promise<never>;
  }
  let current: Running | null = null;
  const start = (): Running => {
    const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    const running: Running = {
      remote: Comlink.wrap<ParseWorkerApi>(worker),
      failed: new Promise<never>((_, reject) =>
        worker.addEventListener('error', (e) => {
          if (current === running) current = null;
          worker.terminate();
          reject(new Error(`parse worker failed: ${e.message || 'no message'}`));
        }),
      ),
    };
    running.failed.catch(() => undefined);
    return running;
  };
  return (file) => {
    current ??= start();
    return Promise.race([current.remote.parse(file), current.failed]);
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
    forecastDemand: (input, onProgress) => get().forecastDemand(input, onProgress ? Comlink.proxy(onProgress) : undefined),
  };
}

function ready(): Engine {
  if (!engine) throw new Error('engine not initialised');
  return engine;
}

const api: EngineApi & { init: typeof init } = { init, ...forwardEngine(ready) };

export type DbWorkerApi = typeof api;

Comlink.expose(api);
