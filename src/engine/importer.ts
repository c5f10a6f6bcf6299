import { moveImportRows, unmergeImport } from '../db/merge';
import { allRowsTable } from '../db/tables';
import type { CalendarOverrides } from '../calendar/events';
import { MERGE_TARGETS, type MergeTarget } from '../ingest/kinds/output';
import type { KindId } from '../ingest/kinds/spec';
import type { FileParser, ParseOutcome } from '../ingest/parseFile';
import { failureOf, ImportError, type Note } from '../ingest/problems';
import { setUnitCosts } from '../metrics/products';
import type { MasterMapping } from '../ingest/productMaster';
import { type ConflictChoice, resolveConflict } from '../metrics/productMaster';
import { importMaster } from './masterImport';
import { createShop, renameShop, type Shop } from '../db/shops';
import type {
  DatasetInfo,
  EngineApi,
  FileImportReport,
  ImportInput,
  ImportRecord,
  ImportReport,
  UnitCost,
} from './api';

import type { EngineCore } from './core';
import { fileReport, importParsedFiles, type ParsedFile } from './importGroup';
import type { ImportOp } from './ops';

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

/** The longest an import batch goes without a checkpoint: reports wait for it, so it bounds their delay. */
const PERSIST_EVERY_MS = 1000;
/**
 * The most bytes of files, and rows, merged together (their parsed rows wait in memory): a drop of many
 * small files merges in a few statements, a big file alone.
 */
const GROUP_BYTES = 32 << 20;
const GROUP_ROWS = 300_000;

const sizeOf = (f: ImportInput) => (f.data instanceof Blob ? f.data.size : f.data.byteLength);

const isoDate = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

/**
 * Imports files (each all-or-nothing, made durable before it says ok), lists and removes them, and keeps the
 * seller's own inputs: unit costs and the shop calendar.
 */
export class Importer implements Pick<EngineApi, ImportOp> {
  constructor(
    private readonly core: EngineCore,
    private readonly log: ImportLogStore,
    private readonly parse: FileParser,
  ) {}

  /**
   * Imports files one at a time, each all-or-nothing in its own transaction. The next file is parsed while
   * the current one merges (in the parse worker, in the app). The database file is checkpointed at most
   * every PERSIST_EVERY_MS and at the end; a file is reported (and logged) only once it is on disk.
   */
  importFiles(files: ImportInput[], onFileDone?: (report: FileImportReport) => void): Promise<ImportReport> {
    return this.core.serial(async () => {
      const reports: FileImportReport[] = [];
      // The files of the batch reported so far, by position (a product master is reported last).
      const reported = new Set<number>();
      let unsaved: FileImportReport[] = [];
      let savedAt = performance.now();
      // Until its report is logged, each file is pending: a reload before then lists it as cut off.
      const firstImportId = Number((await this.core.meta('next_import_id')) ?? 1);
      const startedAt = new Date().toISOString();
      const batch: PendingImport[] = files.map((f) => ({ fileName: f.name, startedAt, firstImportId }));
      if (batch.length) await this.log.setPending(batch);
      // What a checkpoint makes durable: files merged, and product masters stored.
      const stored = (r: FileImportReport) => r.importId !== null || (r.kind === 'product_master' && r.status === 'ok');
      const save = async () => {
        const last = unsaved[unsaved.length - 1];
        if (unsaved.some(stored)) {
          const start = performance.now();
          try {
            await this.core.persist();
          } catch (e) {
            // The files are merged but not on disk: each says so, rather than the batch failing unexplained.
            for (const r of unsaved)
              if (stored(r)) Object.assign(r, { status: 'error', error: failureOf(e, 'storage_failed', r.fileName) });
          }
          // One checkpoint makes the whole group durable: its time is counted once, on the group's last file.
          last.timings.persistMs = performance.now() - start;
        }
        for (const r of unsaved) {
          await this.log.add(r);
          onFileDone?.(r);
        }
        await this.log.setPending(batch.filter((_, i) => !reported.has(i)));
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
      // A sheet that is no Shopee export may be the seller's product master, matched against the shop's
      // SKUs: it waits until the batch's orders are in.
      const masters: { i: number; outcome: Extract<ParseOutcome, { ok: false }> }[] = [];
      const done = (i: number, report: FileImportReport) => {
        reported.add(i);
        reports.push(report);
        unsaved.push(report);
      };
      // Files are merged in groups of up to GROUP_BYTES (and GROUP_ROWS rows), each group parsed whole
      // before it merges; the next group's files are parsed while one merges.
      const outcomes: Promise<ParseOutcome>[] = [];
      const groupEnd = (from: number) => {
        let bytes = sizeOf(files[from]);
        let end = from + 1;
        while (end < files.length && bytes + sizeOf(files[end]) <= GROUP_BYTES) bytes += sizeOf(files[end++]);
        return end;
      };
      let started = 0;
      const parseUpTo = (end: number) => {
        for (; started < end; started++) outcomes[started] = parse(files[started]);
      };
      for (let i = 0; i < files.length; ) {
        const end = groupEnd(i);
        parseUpTo(end);
        const group: { i: number; file: ParsedFile }[] = [];
        let rows = 0;
        for (; i < end && rows < GROUP_ROWS; i++) {
          const outcome = await outcomes[i];
          if (!outcome.ok && outcome.grids) masters.push({ i, outcome });
          else group.push({ i, file: { name: files[i].name, outcome, onPurpose: files[i].onPurpose === true } });
          rows += outcome.ok ? outcome.parsed.output.rowsRead : 0;
        }
        // The next group parses while this one merges.
        if (i < files.length) parseUpTo(groupEnd(i));
        const merged = await importParsedFiles(
          this.core,
          group.map((g) => g.file),
          (name) => this.targetShop(name),
        );
        for (const [k, report] of merged.entries()) done(group[k].i, report);
        // The last group's files wait for the product masters: one checkpoint makes both durable.
        if (i < files.length && performance.now() - savedAt >= PERSIST_EVERY_MS) await save();
      }
      // The batch's checkpoint below makes them durable.
      for (const { i, outcome } of masters)
        done(i, await this.importMasterFile(files[i].name, outcome, undefined, false));
      if (unsaved.length) await save();
      return { files: reports, datasetVersion: Number((await this.core.meta('dataset_version')) ?? 0) };
    });
  }

  /**
   * The shop the files go into: the one selected, or the workspace's only shop. With several shops and
   * none chosen, nothing is imported.
   */
  private async targetShop(fileName: string): Promise<Shop> {
    const shops = await this.core.shops();
    const { selection } = this.core;
    const ids = selection === 'all' ? shops.map((s) => s.id) : selection;
    const shop = ids.length === 1 ? shops.find((s) => s.id === ids[0]) : undefined;
    if (shop) return shop;
    if (ids.length === 1) throw new Error(`no shop ${ids[0]} in this workspace`);
    throw new ImportError('choose_shop', { file: fileName, count: shops.length });
  }

  listImports(): Promise<ImportRecord[]> {
    return this.core.serial(async () => {
      const rows = await this.core.db.query<{
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
        shop: number;
      }>(
        `SELECT * FROM imports WHERE shop IN (${(await this.core.selectedShops()).shops.join(', ')}) ORDER BY id DESC`,
      );
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
        shop: r.shop,
      }));
    });
  }

  listShops(): Promise<Shop[]> {
    return this.core.serial(() => this.core.shops());
  }

  createShop(name: string): Promise<Shop> {
    return this.write(() => createShop(this.core.db, name));
  }

  renameShop(id: number, name: string): Promise<void> {
    return this.write(() => renameShop(this.core.db, id, name));
  }

  deleteShop(id: number): Promise<DatasetInfo> {
    return this.core.serial(async () => {
      const shops = await this.core.shops();
      if (!shops.some((s) => s.id === id)) throw new Error(`no shop ${id} in this workspace`);
      if (shops.length === 1) throw new Error('the last shop of a workspace stays (remove its imports instead)');
      await this.core.transaction(async () => {
        const ids = await this.core.db.query<{ id: number }>(`SELECT id FROM imports WHERE shop = ${Number(id)}`);
        for (const r of ids) await this.unmerge(r.id);
        await this.core.db.exec(`DELETE FROM shops WHERE id = ${Number(id)}`);
        await this.core.bumpVersion();
      });
      await this.core.persist();
      return this.core.forShops('all').readInfo();
    });
  }

  moveImport(id: number, shop: number): Promise<DatasetInfo> {
    return this.core.serial(async () => {
      if (!(await this.core.shops()).some((s) => s.id === shop)) throw new Error(`no shop ${shop} in this workspace`);
      await this.core.transaction(async () => {
        for (const target of await this.targetsOf(id)) await moveImportRows(this.core.db, target, id, shop);
        await this.core.db.exec(`UPDATE imports SET shop = ${Number(shop)} WHERE id = ${Number(id)}`);
        await this.core.bumpVersion();
      });
      await this.core.persist();
      return this.core.readInfo();
    });
  }

  /** A change of the shops themselves, made durable. */
  private write<T>(change: () => Promise<T>): Promise<T> {
    return this.core.serial(async () => {
      const result = await this.core.transaction(async () => {
        const r = await change();
        await this.core.bumpVersion();
        return r;
      });
      await this.core.persist();
      return result;
    });
  }

  /** The targets an import stored rows in: its main one, and any other it added facts to. */
  private async targetsOf(id: number): Promise<MergeTarget[]> {
    const rows = await this.core.db.query<{ target: MergeTarget }>(
      `SELECT target FROM imports WHERE id = ${Number(id)}`,
    );
    if (!rows.length) return [];
    const targets: MergeTarget[] = [];
    for (const target of MERGE_TARGETS) {
      const has = await this.core.db.query(
        `SELECT 1 FROM ${allRowsTable(target)} WHERE import_id = ${Number(id)} LIMIT 1`,
      );
      if (target === rows[0].target || has.length) targets.push(target);
    }
    return targets;
  }

  /** Removes one import's rows and its record, in the caller's transaction. */
  private async unmerge(id: number): Promise<void> {
    for (const target of await this.targetsOf(id)) await unmergeImport(this.core.db, target, id);
    await this.core.db.exec(`DELETE FROM imports WHERE id = ${Number(id)}`);
  }

  removeImport(id: number): Promise<DatasetInfo> {
    return this.core.serial(async () => {
      const rows = await this.core.db.query(`SELECT 1 FROM imports WHERE id = ${Number(id)}`);
      if (rows.length) {
        await this.core.transaction(async () => {
          await this.unmerge(Number(id));
          await this.core.bumpVersion();
        });
        await this.core.persist();
      }
      return this.core.readInfo();
    });
  }

  importLog(): Promise<FileImportReport[]> {
    return this.log.list();
  }
  async interruptedImports(): Promise<FileImportReport[]> {
    return this.core.serial(async () => {
      const pending = await this.log.pending();
      if (!pending.length) return [];
      const from = Math.min(...pending.map((p) => p.firstImportId));
      // A file merged and saved whose report the page did not live to log is stored: it is not cut off.
      const stored = new Set(
        (await this.core.db.query<{ file_name: string }>(`SELECT file_name FROM imports WHERE id >= ${from}`)).map(
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

  setUnitCosts(costs: UnitCost[]): Promise<void> {
    return this.core.serial(async () => {
      await setUnitCosts(this.core.db, costs);
      // Costs change gross profit and the pages and models that show it: a new version of the data.
      await this.core.bumpVersion();
      await this.core.persist();
    });
  }

  /** A file that is no Shopee export, read as the seller's product master (its report, as any file's). */
  private async importMasterFile(
    fileName: string,
    outcome: Extract<ParseOutcome, { ok: false }>,
    mapping?: MasterMapping,
    persist = true,
  ): Promise<FileImportReport> {
    const timings = { parseMs: outcome.parseMs, stageMs: 0, mergeMs: 0, persistMs: 0 };
    try {
      const r = await importMaster(this.core, fileName, outcome.grids ?? [], outcome.error, mapping);
      // Durable before it says ok, unless a batch's checkpoint does that.
      if (r.ok && persist) await this.core.persist();
      if (!r.ok)
        return fileReport(fileName, {
          kind: r.question ? 'product_master' : null,
          error: r.error,
          question: r.question,
          timings,
        });
      return fileReport(fileName, {
        kind: 'product_master',
        status: 'ok',
        rowsRead: r.rowsRead,
        notes: r.notes,
        master: r.columns,
        timings,
      });
    } catch (e) {
      return fileReport(fileName, { kind: 'product_master', error: failureOf(e, 'storage_failed', fileName), timings });
    }
  }

  importProductMaster(file: ImportInput, mapping: MasterMapping): Promise<FileImportReport> {
    return this.core.serial(async () => {
      const outcome = await this.parse(file);
      if (outcome.ok)
        return fileReport(file.name, {
          error: { code: 'not_a_master', params: { file: file.name, kind: outcome.parsed.kind } },
        });
      const report = await this.importMasterFile(file.name, outcome, mapping);
      await this.log.add(report);
      return report;
    });
  }

  resolveMasterConflict(choice: ConflictChoice): Promise<void> {
    return this.core.serial(async () => {
      await this.core.transaction(async () => {
        await resolveConflict(this.core.db, choice);
        await this.core.bumpVersion();
      });
      await this.core.persist();
    });
  }

  getCalendar(): Promise<CalendarOverrides> {
    return this.core.serial(() => this.core.calendarOverrides());
  }

  setCalendar(overrides: CalendarOverrides): Promise<void> {
    return this.core.serial(async () => {
      await this.core.setMeta('calendar_overrides', JSON.stringify(overrides));
      await this.core.persist();
      // Every model that reads the calendar is fitted again.
      this.core.dropCaches();
    });
  }
}
