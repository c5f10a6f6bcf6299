import * as Comlink from 'comlink';
import type { DbWorkerApi, OpenProblem, WorkerInit } from '../../workers/db.worker';
import { forwardWorkspace, type WorkspaceApi } from '../automation/api';
import type { ShopSelection } from '../engine/core';
import { ENGINE_OPS } from '../engine/ops';
import type { EngineApi, WorkspacePreview, WorkspaceRestore } from '../engine/api';

const LOCK_NAME = 'toko-insight-db-owner';
/** How long a new page waits for the previous owner (perhaps a tab still unloading) to let go. */
const LOCK_WAIT_MS = 5000;

export type { OpenProblem };

/** The workspace API of the page: its engine operations read the shops `forShops` gave, or the page's choice. */
export type AppEngine = WorkspaceApi & { forShops(selection: ShopSelection): AppEngine };

export type EngineStatus =
  /** `problem`: what was repaired or found missing on the way, for the seller to read. */
  | { state: 'ready'; engine: AppEngine; persistent: boolean; problem: OpenProblem | null }
  /** The stored database is gone: nothing was opened, and the seller chooses (a backup, or an empty start). */
  | { state: 'blocked'; problem: OpenProblem; backup: BlockedRestore }
  | { state: 'other-tab' }
  | { state: 'failed'; message: string };

/**
 * Elects this tab as the database owner through Web Locks. Only one tab can hold the OPFS file; a new page
 * waits a few seconds, because the previous page may still be unloading, before it says another tab has it.
 */
function acquireOwnerLock(): Promise<boolean> {
  if (!('locks' in navigator)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), LOCK_WAIT_MS);
    navigator.locks
      .request(LOCK_NAME, { signal: ctrl.signal }, () => {
        clearTimeout(timer);
        resolve(true);
        return new Promise<never>(() => {}); // held for the life of the page
      })
      .catch(() => resolve(false));
  });
}

/** Restoring a backup where the database was found missing: nothing opens until the seller picks a file. */
export interface BlockedRestore {
  preview(file: Blob): Promise<WorkspacePreview>;
  /** Opens an empty database and restores the backup into it. */
  restore(file: Blob): Promise<WorkspaceRestore>;
}

/** Set for one reload by "start over": the next start opens an empty database on purpose. */
const START_OVER_KEY = 'toko-start-over';

/** The seller's choice, after a missing database was reported, to begin again with an empty one. */
export function startOver(): void {
  sessionStorage.setItem(START_OVER_KEY, '1');
  location.reload();
}

/**
 * The engine operations of the db worker for the shops `selection` gives at each call, the automation's as
 * they are. A callback crosses the worker boundary only as a comlink proxy.
 */
function appEngine(remote: Comlink.Remote<DbWorkerApi>, selection: () => ShopSelection): AppEngine {
  const proxied = (a: unknown) => (typeof a === 'function' ? Comlink.proxy(a as () => void) : a);
  const ops = Object.fromEntries(
    ENGINE_OPS.map((op) => [
      op,
      (...args: unknown[]) => remote.scoped(selection(), op, ...(args.map(proxied) as never)),
    ]),
  );
  return {
    ...forwardWorkspace(() => remote as unknown as WorkspaceApi),
    // The cast restores the per-method signatures that Object.fromEntries cannot express.
    ...(ops as unknown as EngineApi),
    forShops: (s) => appEngine(remote, () => s),
  };
}

/** Starts the db worker and returns the engine (reading the shops `selection` gives), or why it could not start. */
export async function startEngine(selection: () => ShopSelection): Promise<EngineStatus> {
  if (!(await acquireOwnerLock())) return { state: 'other-tab' };
  const worker = new Worker(new URL('../../workers/db.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<DbWorkerApi>(worker);
  let init: WorkerInit;
  try {
    const fresh = sessionStorage.getItem(START_OVER_KEY) === '1';
    sessionStorage.removeItem(START_OVER_KEY);
    init = await remote.init(location.origin, { startOver: fresh });
  } catch (e) {
    return { state: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
  if (init.blocked && init.problem) {
    const backup: BlockedRestore = {
      preview: (file) => remote.previewBackup(file),
      restore: async (file) => {
        await remote.init(location.origin, { startOver: true });
        return remote.restoreWorkspace(file);
      },
    };
    return { state: 'blocked', problem: init.problem, backup };
  }
  void navigator.storage?.persist?.();
  return { state: 'ready', engine: appEngine(remote, selection), persistent: init.persistent, problem: init.problem };
}
