import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedSnapshot } from '../../test/derived';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { applyMigrations, ORDER_COLUMNS_OF_SPECS, SCHEMA_VERSION } from '../db/schema';
import type { WorkspaceApi } from '../automation/api';
import { openWorkspace } from '../automation/workspace';
import { BACKUP_FORMAT_VERSION, BackupError, decodeBackup, encodeBackup, stateFromJson, stateToJson } from './backup';
import { IdbImportLog, IdbReportStore, IdbWorkspaceState, openAppDb } from './idb';

const DIR = path.resolve('sample-data');
const files = (JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { files: string[] }).files;
const input = (f: string) => ({ name: f, data: new Uint8Array(fs.readFileSync(path.join(DIR, f))) });
const SUPPORTED = { schemaVersion: SCHEMA_VERSION, stateVersion: 2 };
const head = { schemaVersion: 1, stateVersion: 1, createdAt: '2026-12-01T00:00:00.000Z', summary: {} as never };

describe('backup file', () => {
  const parts = [
    { name: 'a', bytes: new Uint8Array([1, 2, 3]), rows: 3 },
    { name: 'b', bytes: new TextEncoder().encode('héllo') },
  ];

  it('reads back every part, byte for byte, with its manifest', async () => {
    const { manifest, parts: read } = await decodeBackup(await encodeBackup(head, parts), SUPPORTED);
    expect(manifest.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(manifest.parts.map((p) => [p.name, p.bytes, p.rows])).toEqual([
      ['a', 3, 3],
      ['b', 6, undefined],
    ]);
    expect([...read.entries()].map(([k, v]) => [k, [...v]])).toEqual(parts.map((p) => [p.name, [...p.bytes]]));
  });

  it('refuses what is not a backup, a damaged part and a newer version, each by name', async () => {
    const problem = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (e instanceof BackupError ? e.problem : e),
      );
    expect(await problem(decodeBackup(new TextEncoder().encode('Nomor Pesanan,Status'), SUPPORTED))).toEqual({
      code: 'not_backup',
    });
    const gzipOf = async (b: Uint8Array) =>
      new Uint8Array(
        await new Response(
          new Blob([b as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip')),
        ).arrayBuffer(),
      );
    expect(await problem(decodeBackup(await gzipOf(new Uint8Array(100)), SUPPORTED))).toEqual({ code: 'not_backup' });
    // Flip one byte of part `b` inside the gzip stream's payload.
    const raw = new Uint8Array(
      await new Response(
        new Blob([(await encodeBackup(head, parts)) as Uint8Array<ArrayBuffer>])
          .stream()
          .pipeThrough(new DecompressionStream('gzip')),
      ).arrayBuffer(),
    );
    raw[raw.length - 1] ^= 0xff;
    expect(await problem(decodeBackup(await gzipOf(raw), SUPPORTED))).toEqual({ code: 'damaged', part: 'b' });
    expect(await problem(decodeBackup(await gzipOf(raw.subarray(0, raw.length - 2)), SUPPORTED))).toEqual({
      code: 'damaged',
      part: 'b',
    });
    expect(
      await problem(decodeBackup(await encodeBackup({ ...head, schemaVersion: SCHEMA_VERSION + 1 }, parts), SUPPORTED)),
    ).toEqual({
      code: 'newer_version',
      what: 'schema',
      found: SCHEMA_VERSION + 1,
      supported: SCHEMA_VERSION,
    });
    expect(
      await problem(decodeBackup(await encodeBackup({ ...head, stateVersion: 3 }, parts), SUPPORTED)),
    ).toMatchObject({ what: 'state', found: 3 });
  });

  it('app state JSON carries byte arrays exactly', () => {
    const value = { pdf: new Uint8Array([0, 255, 37, 80]), nested: [{ x: 1, $bytes: 'not alone' }] };
    expect(stateFromJson(stateToJson(value))).toEqual(value);
  });
});

describe('workspace backup and restore', () => {
  type Db = Awaited<ReturnType<typeof openNodeDuckDB>>;
  let dbA: Db;
  let dbB: Db;
  let a: WorkspaceApi;
  let b: WorkspaceApi;

  const open = async (db: Db, name: string) => {
    const idb = await openAppDb(name);
    return openWorkspace(db, {
      reports: new IdbReportStore(idb),
      log: new IdbImportLog(idb),
      state: new IdbWorkspaceState(idb),
    });
  };
  /** Everything a seller would see of a workspace, to compare two of them. */
  const everything = async (e: WorkspaceApi, db: Db) => ({
    kpis: (await e.kpis()).values,
    // The dataset version moves on by design (caches must miss), so it is left out.
    overview: { ...(await e.overview({}, { grain: 'week' })), datasetVersion: 0 },
    products: await e.productTable(),
    imports: await e.listImports(),
    log: await e.importLog(),
    calendar: await e.getCalendar(),
    settings: await e.reportSettings(),
    schedules: await e.listSchedules(),
    rules: await e.listAlertRules(),
    derived: await derivedSnapshot(db),
  });

  beforeAll(async () => {
    [dbA, dbB] = await Promise.all([openNodeDuckDB(), openNodeDuckDB()]);
    a = await open(dbA, 'backup-a');
    const r = await a.importFiles(files.map(input));
    expect(r.files.filter((f) => f.status !== 'ok')).toEqual([]);
    // A SKU the sample's product master gives no cost.
    const sku = (await a.productTable()).filter((p) => p.unitCost === null)[0].sku;
    await a.setUnitCosts([{ sku, unitCost: 41_500 }]);
    await a.setCalendar({ ramadan: { '2027': { start: '2027-02-09', lebaran: '2027-03-11' } } });
    await a.setReportSettings({ shopName: 'Toko Sumber Rejeki' });
    await a.scheduleReport({ template: 'weekly', cadence: { every: 'week', weekday: 1 }, time: '08:00' });
    await a.createAlert('Sepi', { type: 'threshold', metric: 'orders', op: '<', value: 3, window: 'day' });
    // The other device already holds something else, which the restore replaces.
    b = await open(dbB, 'backup-b');
    await b.importFiles([input(files.find((f) => f.startsWith('Order.all')) as string)]);
    await b.createAlert('lain', { type: 'threshold', metric: 'sales', op: '<', value: 1, window: 'day' });
  }, 300_000);
  afterAll(() => {
    dbA.close();
    dbB.close();
  });

  it('a restored workspace shows every KPI, cost, schedule, rule and import of the backup, and imports on', async () => {
    const exported = await a.exportWorkspace();
    expect(exported.fileName).toBe(
      `toko-insight-toko-sumber-rejeki-${exported.manifest.createdAt.slice(0, 10)}.tokoinsight`,
    );
    expect(await a.lastBackup()).toBe(exported.manifest.createdAt);
    const file = new Blob([exported.bytes as Uint8Array<ArrayBuffer>]);

    const preview = await b.previewWorkspace(file);
    if (!preview.ok) throw new Error(JSON.stringify(preview.problem));
    const infoA = await a.datasetInfo();
    expect(preview.backup.summary).toEqual({
      shopName: 'Toko Sumber Rejeki',
      imports: infoA.imports,
      orders: infoA.orders,
      firstOrderDate: infoA.firstOrderDate,
      lastOrderDate: infoA.lastOrderDate,
      // The sample product master's costs, and the one typed.
      unitCosts: (await a.productMaster()).costs,
      schedules: 1,
      alertRules: 1,
      reports: 0,
    });
    expect(preview.current).toMatchObject({ imports: 1, alertRules: 1, schedules: 0 });

    const versionB = (await b.datasetInfo()).version;
    const restored = await b.restoreWorkspace(file);
    if (!restored.ok) throw new Error(JSON.stringify(restored.problem));
    expect(restored.info.version).toBeGreaterThan(Math.max(versionB, infoA.version));
    const [wa, wb] = [await everything(a, dbA), await everything(b, dbB)];
    for (const k of Object.keys(wa) as (keyof typeof wa)[]) expect(wb[k], k).toEqual(wa[k]);
    expect(wb.products.find((p) => p.unitCost === 41_500)).toBeDefined();
    expect(await b.lastBackup()).toBe(exported.manifest.createdAt);

    // The stored row hashes came back exactly: importing a file again changes nothing.
    const again = await b.importFiles([input(files.find((f) => f.startsWith('Order.all')) as string)]);
    expect(again.files[0]).toMatchObject({ status: 'ok', added: 0, updated: 0 });
    expect((await b.kpis()).values).toEqual(wa.kpis);
  }, 300_000);

  it('a backup of an older schema is migrated on restore; a newer one and a broken one change nothing', async () => {
    const before = await everything(a, dbA);
    const decoded = await decodeBackup((await a.exportWorkspace()).bytes, SUPPORTED);
    // The tables schema 6 had: those added since are not in its backups.
    const old = await openNodeDuckDB();
    await applyMigrations(old, 0, 6, false);
    const schema6 = new Set(
      (await old.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables')).map(
        (r) => `table/${r.t}`,
      ),
    );
    old.close();
    // The same workspace as schema 6 wrote it: orders without the order-level fields the specs declared
    // since, imports without their coverage flag, no wallet table, and no shops (every row without one).
    const added: Record<string, readonly string[]> = {
      'table/orders': [...ORDER_COLUMNS_OF_SPECS, 'shop', 'all_first_date', 'all_prev_date', 'all_prev2_date'],
      'table/imports': ['covers_all', 'shop', 'seller'],
    };
    const parts = decoded.manifest.parts
      .filter((p) => !p.name.startsWith('table/') || schema6.has(p.name))
      .map((p) => {
        let bytes = decoded.parts.get(p.name) as Uint8Array;
        const drop = added[p.name] ?? ['shop'];
        if (p.name.startsWith('table/')) {
          const t = tableFromIPC(bytes);
          bytes = tableToIPC(t.select(t.schema.fields.map((f) => f.name).filter((n) => !drop.includes(n))), 'stream');
        }
        return { name: p.name, bytes, rows: p.rows };
      });
    const older = await encodeBackup({ ...decoded.manifest, schemaVersion: 6 }, parts);
    const r = await b.restoreWorkspace(new Blob([older as Uint8Array<ArrayBuffer>]));
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const after = await everything(b, dbB);
    expect(after.derived).toEqual(before.derived);
    expect(after.kpis).toEqual(before.kpis);

    const newer = await encodeBackup({ ...decoded.manifest, schemaVersion: SCHEMA_VERSION + 1 }, parts);
    expect(await b.restoreWorkspace(new Blob([newer as Uint8Array<ArrayBuffer>]))).toEqual({
      ok: false,
      problem: { code: 'newer_version', what: 'schema', found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION },
    });
    // A table whose rows do not load fails the restore inside its transaction.
    const broken = await encodeBackup(
      decoded.manifest,
      parts.map((p) => (p.name === 'table/orders' ? { ...p, rows: (p.rows ?? 0) + 1 } : p)),
    );
    const failed = await b.restoreWorkspace(new Blob([broken as Uint8Array<ArrayBuffer>]));
    expect(failed).toMatchObject({ ok: false, problem: { code: 'restore_failed' } });
    expect(await everything(b, dbB)).toEqual(after);
  }, 300_000);
});
