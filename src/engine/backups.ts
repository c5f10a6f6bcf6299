import { SCHEMA_VERSION } from '../db/schema';
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
import type { EngineApi, WorkspaceExport, WorkspacePreview, WorkspaceRestore } from './api';

import type { EngineCore } from './core';
import type { BackupOp } from './ops';

/** The app state that lives beside the database (IndexedDB in the app), carried by workspace backups. */
export interface WorkspaceStateStore {
  /** The state's shape version: a backup of a newer one is refused. */
  readonly version: number;
  dump(): Promise<unknown>;
  restore(state: unknown): Promise<void>;
  lastBackup(): Promise<string | null>;
  setLastBackup(at: string): Promise<void>;
}

export type AutomationCounts = Pick<BackupSummary, 'shopName' | 'schedules' | 'alertRules' | 'reports'>;

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

/** The whole workspace as one backup file, and its restore: every table, the app state and a manifest. */
export class Backups implements Pick<EngineApi, BackupOp> {
  constructor(
    private readonly core: EngineCore,
    private readonly state: WorkspaceStateStore | null,
    private readonly automation: (() => Promise<AutomationCounts>) | null,
  ) {}

  exportWorkspace(): Promise<WorkspaceExport> {
    return this.core.serial(async () => {
      const createdAt = new Date().toISOString();
      const summary = await this.workspaceSummary();
      const tables = await dumpTables(this.core.db);
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
    return {
      ok: true,
      backup: decoded.backup.manifest,
      current: await this.core.serial(() => this.workspaceSummary()),
    };
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
    return this.core.serial(async () => {
      const before = Number((await this.core.meta('dataset_version')) ?? 0);
      try {
        await this.core.transaction(async () => {
          await restoreTables(this.core.db, manifest.schemaVersion, dumps);
          // Every cache keyed on the dataset version (here and in the pages) must miss after a restore.
          const restored = Number((await this.core.meta('dataset_version')) ?? 0);
          await this.core.setMeta('dataset_version', String(Math.max(before, restored) + 1));
        });
      } catch (e) {
        return {
          ok: false as const,
          problem: { code: 'restore_failed' as const, detail: e instanceof Error ? e.message : String(e) },
        };
      } finally {
        this.core.dropInfo();
      }
      this.core.dropCaches();
      await this.core.persist();
      if (this.state && state) await this.state.restore(state);
      await this.state?.setLastBackup(manifest.createdAt);
      return { ok: true as const, info: await this.core.readInfo() };
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
    const info = await this.core.info();
    const [{ n }] = await this.core.db.query<{ n: number }>('SELECT count(*) AS n FROM unit_costs');
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
}
