import { type DBSchema, type IDBPDatabase, type IDBPObjectStore, openDB } from 'idb';
import type { FileImportReport } from '../engine/api';
import type { WorkspaceStateStore } from '../engine/backups';
import type { ImportLogStore, PendingImport } from '../engine/importer';
import type { Alert, AlertRule } from '../automation/alerts';
import type { ReportFiles, ReportMeta, ReportStore, Schedule } from '../automation/store';

/** App state in IndexedDB. Bump VERSION and add a step to `upgrade` for every change of shape. */
interface TokoDB extends DBSchema {
  importLog: { key: number; value: FileImportReport };
  settings: { key: string; value: unknown };
  reports: { key: number; value: ReportMeta; indexes: { runKey: string } };
  reportFiles: { key: number; value: ReportFiles };
  schedules: { key: number; value: Schedule };
  alertRules: { key: number; value: AlertRule };
  alerts: { key: number; value: Alert; indexes: { key: string } };
}

const NAME = 'toko-insight';
const VERSION = 2;
/** The app state's shape version, which workspace backups carry. */
export const APP_STATE_VERSION = VERSION;

export type AppDb = IDBPDatabase<TokoDB>;

export function openAppDb(name = NAME): Promise<AppDb> {
  return openDB<TokoDB>(name, VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('importLog', { autoIncrement: true });
        db.createObjectStore('settings');
      }
      if (oldVersion < 2) {
        // A scheduled run's key is unique: a run that is generated twice (two tabs, a retry) is stored once.
        db.createObjectStore('reports', { keyPath: 'id', autoIncrement: true }).createIndex('runKey', 'runKey', {
          unique: true,
        });
        db.createObjectStore('reportFiles');
        db.createObjectStore('schedules', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('alertRules', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('alerts', { keyPath: 'id', autoIncrement: true }).createIndex('key', 'key', {
          unique: true,
        });
      }
    },
  });
}

const PENDING_KEY = 'pending_imports';

/** The import log (every attempt, failed ones too), newest first. */
export class IdbImportLog implements ImportLogStore {
  constructor(private readonly db: AppDb) {}

  async add(report: FileImportReport): Promise<void> {
    await this.db.add('importLog', report);
  }

  async list(): Promise<FileImportReport[]> {
    return (await this.db.getAll('importLog')).reverse();
  }

  async setPending(files: PendingImport[]): Promise<void> {
    await this.db.put('settings', files, PENDING_KEY);
  }
  async pending(): Promise<PendingImport[]> {
    return ((await this.db.get('settings', PENDING_KEY)) as PendingImport[] | undefined) ?? [];
  }
}

/** Reports, schedules, alert rules and alerts, each in its own object store. */
export class IdbReportStore implements ReportStore {
  constructor(private readonly db: AppDb) {}

  async addReport(meta: Omit<ReportMeta, 'id'>, files: ReportFiles): Promise<ReportMeta | null> {
    const tx = this.db.transaction(['reports', 'reportFiles'], 'readwrite');
    try {
      if (meta.runKey && (await tx.objectStore('reports').index('runKey').getKey(meta.runKey)) !== undefined) {
        tx.abort();
        return null;
      }
      // The key path fills in the id.
      const id = await tx.objectStore('reports').add(meta as ReportMeta);
      await tx.objectStore('reportFiles').put(files, id);
      await tx.done;
      return { ...meta, id };
    } catch (e) {
      await tx.done.catch(() => undefined);
      if (e instanceof DOMException && (e.name === 'ConstraintError' || e.name === 'AbortError')) return null;
      throw e;
    }
  }
  async listReports(): Promise<ReportMeta[]> {
    return (await this.db.getAll('reports')).reverse();
  }
  async getReport(id: number): Promise<ReportMeta | undefined> {
    return this.db.get('reports', id);
  }
  async reportFiles(id: number): Promise<ReportFiles | undefined> {
    return this.db.get('reportFiles', id);
  }
  async hasRun(runKey: string): Promise<boolean> {
    return (await this.db.getKeyFromIndex('reports', 'runKey', runKey)) !== undefined;
  }
  async deleteReport(id: number): Promise<void> {
    const tx = this.db.transaction(['reports', 'reportFiles'], 'readwrite');
    await Promise.all([tx.objectStore('reports').delete(id), tx.objectStore('reportFiles').delete(id), tx.done]);
  }

  async putSchedule(s: Omit<Schedule, 'id'> & { id?: number }): Promise<Schedule> {
    const id = await this.db.put('schedules', s as Schedule);
    return { ...s, id } as Schedule;
  }
  listSchedules(): Promise<Schedule[]> {
    return this.db.getAll('schedules');
  }
  deleteSchedule(id: number): Promise<void> {
    return this.db.delete('schedules', id);
  }

  async putRule(r: Omit<AlertRule, 'id'> & { id?: number }): Promise<AlertRule> {
    const id = await this.db.put('alertRules', r as AlertRule);
    return { ...r, id } as AlertRule;
  }
  listRules(): Promise<AlertRule[]> {
    return this.db.getAll('alertRules');
  }
  getRule(id: number): Promise<AlertRule | undefined> {
    return this.db.get('alertRules', id);
  }
  deleteRule(id: number): Promise<void> {
    return this.db.delete('alertRules', id);
  }

  async addAlert(a: Omit<Alert, 'id'>): Promise<Alert | null> {
    const tx = this.db.transaction('alerts', 'readwrite');
    if ((await tx.store.index('key').getKey(a.key)) !== undefined) {
      await tx.done;
      return null;
    }
    const id = await tx.store.add(a as Alert);
    await tx.done;
    return { ...a, id };
  }
  async listAlerts(): Promise<Alert[]> {
    return (await this.db.getAll('alerts')).reverse();
  }
  async markRead(id: number | 'all'): Promise<void> {
    const tx = this.db.transaction('alerts', 'readwrite');
    const all = id === 'all' ? await tx.store.getAll() : [await tx.store.get(id)].filter((a): a is Alert => !!a);
    for (const a of all) if (!a.read) await tx.store.put({ ...a, read: true });
    await tx.done;
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('settings', key)) as T | undefined;
  }
  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.put('settings', value, key);
  }
}

/** The app state of a workspace backup: every object store's entries, as [key, value] pairs. */
export type WorkspaceState = Partial<Record<StoreName, [IDBValidKey, unknown][]>>;
type StoreName = 'importLog' | 'settings' | 'reports' | 'reportFiles' | 'schedules' | 'alertRules' | 'alerts';
const STATE_STORES: readonly StoreName[] = [
  'importLog',
  'settings',
  'reports',
  'reportFiles',
  'schedules',
  'alertRules',
  'alerts',
];

/** Settings that describe this device's copy, never carried to another one. */
const LAST_BACKUP_KEY = 'last_backup';
/** Where the db worker keeps the marker of the last verified save (workers/db.worker.ts). */
export const MARKER_KEY = 'db_marker';
const DEVICE_SETTINGS = new Set([MARKER_KEY, LAST_BACKUP_KEY, PENDING_KEY]);
const isDeviceSetting = (store: StoreName, key: IDBValidKey) =>
  store === 'settings' && DEVICE_SETTINGS.has(String(key));

/** Reads and replaces the app state for workspace backups (src/store/backup.ts). */
export class IdbWorkspaceState implements WorkspaceStateStore {
  readonly version = VERSION;
  constructor(private readonly db: AppDb) {}

  async lastBackup(): Promise<string | null> {
    return ((await this.db.get('settings', LAST_BACKUP_KEY)) as string | undefined) ?? null;
  }
  async setLastBackup(at: string): Promise<void> {
    await this.db.put('settings', at, LAST_BACKUP_KEY);
  }

  async dump(): Promise<WorkspaceState> {
    const tx = this.db.transaction(STATE_STORES, 'readonly');
    const state: WorkspaceState = {};
    for (const name of STATE_STORES) {
      const store = tx.objectStore(name);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
      state[name] = keys
        .map((k, i) => [k, values[i]] as [IDBValidKey, unknown])
        .filter(([k]) => !isDeviceSetting(name, k));
    }
    await tx.done;
    return state;
  }

  /** Replaces every store's entries with the state's in one transaction, keeping this device's own settings. */
  async restore(value: unknown): Promise<void> {
    const state = value as WorkspaceState;
    const tx = this.db.transaction(STATE_STORES, 'readwrite');
    for (const name of STATE_STORES) {
      // The stores are typed one by one; here they are handled alike.
      const store = tx.objectStore(name) as unknown as IDBPObjectStore<unknown, ArrayLike<string>, string, 'readwrite'>;
      const keep =
        name === 'settings'
          ? await Promise.all([...DEVICE_SETTINGS].map(async (k) => [k, await store.get(k)] as const))
          : [];
      await store.clear();
      for (const [k, v] of keep) if (v !== undefined) await store.put(v, k);
      for (const [k, v] of state[name] ?? []) {
        if (isDeviceSetting(name, k)) continue;
        // Stores with a key path take the key from the value.
        await (store.keyPath === null ? store.put(v, k) : store.put(v));
      }
    }
    await tx.done;
  }
}
