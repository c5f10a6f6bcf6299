import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dayNumber, dayRange, isoOfDay } from '../kernel/days';
import { at, failedDeliveryFile, line, orderFile, rawTables, textBytes } from '../../test/fixtures';
import { derivedSnapshot } from '../../test/derived';
import { mergeFiles, orderMetrics, readOrderFile } from '../../test/independent';
import { rebuildDerived } from '../db/merge';
import { buildReport } from '../automation/build';
import { orderHistory, skuUnits } from '../metrics/predictionInputs';
import { MIGRATIONS } from '../db/schema';
import type { SqlConnection } from '../db/connection';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import type { FileImportReport, ImportInput } from './api';
import { Engine, type EngineDeps } from './engine';
import { MemoryImportLog } from './importer';
import { localMl } from '../ml/predictions';
import { initTf } from '../ml/tf';
import path from 'node:path';
import { type FileParser, parseFile } from '../ingest/parseFile';

let db: SqlConnection & { close(): void };

beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

async function freshEngine(deps?: EngineDeps): Promise<Engine> {
  await rawTables(db);
  const objects = await db.query<{ name: string; type: string }>(
    `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_type DESC`,
  );
  // Views first (their tables cannot be dropped under them).
  for (const o of objects) await db.exec(`DROP ${o.type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${o.name}`);
  return Engine.open(db, deps);
}

const JUNE = dayRange('2026-06-01', '2026-06-30');

/** Two overlapping snapshots of the same shop: the later one completes B and cancels C. */
const early = orderFile([
  line({ orderId: 'A', buyer: 'u1', created: at('2026-06-01 08:00'), completed: at('2026-06-05 10:00') }),
  line({ orderId: 'B', buyer: 'u2', status: 'Sedang Dikirim', created: at('2026-06-08 09:00'), completed: null }),
  line({
    orderId: 'C',
    buyer: 'u1',
    status: 'Perlu Dikirim',
    created: at('2026-06-09 09:00'),
    completed: null,
    shipArranged: null,
  }),
]);
const late = orderFile([
  line({ orderId: 'B', buyer: 'u2', created: at('2026-06-08 09:00'), completed: at('2026-06-12 10:00') }),
  line({
    orderId: 'C',
    buyer: 'u1',
    status: 'Batal',
    created: at('2026-06-09 09:00'),
    completed: null,
    shipArranged: null,
  }),
  line({
    orderId: 'D',
    buyer: 'u3',
    status: 'Belum Bayar',
    created: at('2026-06-12 11:00'),
    paid: null,
    completed: null,
    shipArranged: null,
  }),
  line({
    orderId: 'E',
    buyer: '',
    created: at('2026-06-11 11:00'),
    completed: at('2026-06-12 11:00'),
    qty: 2,
    subtotal: 165_000,
  }),
]);
const file = (name: string, data: Uint8Array): ImportInput => ({ name, data });

describe('merge rules', () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await freshEngine();
  });

  it('counts added, updated and unchanged rows per file', async () => {
    const r = await engine.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    expect(r.files.map((f) => [f.status, f.added, f.updated, f.unchanged])).toEqual([
      ['ok', 3, 0, 0],
      ['ok', 2, 2, 0],
    ]);
  });

  it('gives the same numbers whatever order the files arrive in, and matches an independent calculation', async () => {
    await engine.importFiles([file('late.xlsx', late), file('early.xlsx', early)]);
    const reversed = (await engine.kpis(JUNE)).values;
    const e2 = await freshEngine();
    await e2.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    const forward = (await e2.kpis(JUNE)).values;
    expect(reversed).toEqual(forward);
    const expected = orderMetrics(mergeFiles([readOrderFile(early), readOrderFile(late)]), JUNE.from, JUNE.to);
    for (const [k, v] of Object.entries(expected)) expect(forward[k as keyof typeof forward], k).toBe(v);
    // C cancelled (final) beats C to-ship; D unpaid is placed but not an order; E has no buyer.
    expect(forward).toMatchObject({ placed_orders: 5, cancelled_orders: 1, orders: 3, buyers: 2 });
  });

  it('lets a final status win over a newer non-final snapshot', async () => {
    const completed = orderFile([
      line({ orderId: 'Z', created: at('2026-06-02 08:00'), completed: at('2026-06-04 08:00') }),
    ]);
    const laterButShipping = orderFile([
      line({ orderId: 'Z', status: 'Sedang Dikirim', created: at('2026-06-02 08:00'), completed: null }),
      line({ orderId: 'Y', created: at('2026-06-20 08:00'), completed: at('2026-06-25 08:00') }),
    ]);
    await engine.importFiles([file('a.xlsx', completed), file('b.xlsx', laterButShipping)]);
    const rows = await db.query<{ status_class: string }>(`SELECT status_class FROM orders WHERE order_id = 'Z'`);
    expect(rows).toEqual([{ status_class: 'completed' }]);
  });

  it('changes nothing when the same file is imported again, even renamed', async () => {
    await engine.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    const before = await engine.kpis(JUNE);
    const again = await engine.importFiles([file('late (1).xlsx', late), file('early.xlsx', early)]);
    expect(again.files.map((f) => [f.status, f.added, f.updated, f.unchanged])).toEqual([
      ['ok', 0, 0, 4],
      ['ok', 0, 0, 3],
    ]);
    expect(again.files[0].notes[0].code).toBe('already_imported');
    const after = await engine.kpis(JUNE);
    expect(after.values).toEqual(before.values);
    expect(after.datasetVersion).toBe(before.datasetVersion);
    expect(await engine.listImports()).toHaveLength(2);
  });

  it('stores the claims of a failed-delivery export as facts per order, and removes them with their import', async () => {
    const engine = await freshEngine();
    await engine.importFiles([{ name: 'Order.all.early.xlsx', data: early }]);
    const failedLines = [
      line({ orderId: 'B', buyer: 'u2', status: 'Batal', created: at('2026-06-08 09:00'), completed: null }),
      line({
        orderId: 'B',
        buyer: 'u2',
        status: 'Batal',
        created: at('2026-06-08 09:00'),
        completed: null,
        productName: 'Topi',
        skuRef: 'TP',
        variation: '',
      }),
    ];
    const claim = {
      failed: 'Paket hilang',
      claim: ['Klaim Dicairkan', '2026-06-12 10:00', '2026-06-13 10:00', '2026-06-15 10:00', '-', 'RP 86.400'],
    };
    const file = failedDeliveryFile(failedLines, { B: claim });
    const [r] = (await engine.importFiles([{ name: 'Order.failed_delivery.20260601_20260630.xlsx', data: file }]))
      .files;
    expect(r.status).toBe('ok');
    expect(r.notes.find((n) => n.code === 'claim_facts')?.params).toEqual({ count: 1 });
    const claims = (await engine.salesAnalysis(JUNE)).claims;
    expect(claims).toEqual([
      {
        orderId: 'B',
        date: '2026-06-08',
        failedStatus: 'Paket hilang',
        claimStatus: 'Klaim Dicairkan',
        submittedAt: '2026-06-12',
        approvedAt: '2026-06-13',
        paidAt: '2026-06-15',
        rejectedAt: null,
        compensation: 86_400,
      },
    ]);
    // The same file again changes nothing; a range without the order has no claim.
    await engine.importFiles([{ name: 'Order.failed_delivery.copy.xlsx', data: file }]);
    expect((await engine.salesAnalysis(JUNE)).claims).toHaveLength(1);
    expect((await engine.salesAnalysis(dayRange('2026-06-09', '2026-06-30'))).claims).toEqual([]);
    expect((await engine.kpis(JUNE)).values.cancelled_orders).toBe(1);
    // Removing the import removes its claims and its order lines, and the orders fall back to the other file.
    await engine.removeImport(r.importId as number);
    expect((await engine.salesAnalysis(JUNE)).claims).toEqual([]);
    expect((await engine.kpis(JUNE)).values.cancelled_orders).toBe(0);
  });

  it('removing an import falls back to what the other imports say', async () => {
    await engine.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    const lateId = (await engine.listImports()).find((i) => i.fileName === 'late.xlsx')?.id ?? -1;
    await engine.removeImport(lateId);
    const v = (await engine.kpis(JUNE)).values;
    expect(v).toEqual({ ...v, ...orderMetrics(readOrderFile(early).lines, JUNE.from, JUNE.to) });
    expect(v.placed_orders).toBe(3);
  });

  it('after imports and a removal, the derived tables equal a rebuild from the order lines', async () => {
    // u1 orders again after C, so removing the file that cancels C changes u1's previous-order dates.
    const again = orderFile([
      line({ orderId: 'F', buyer: 'u1', created: at('2026-06-20 08:00'), completed: at('2026-06-24 10:00') }),
    ]);
    await engine.importFiles([file('early.xlsx', early), file('late.xlsx', late), file('again.xlsx', again)]);
    await engine.removeImport((await engine.listImports()).find((i) => i.fileName === 'late.xlsx')?.id ?? -1);
    const kept = await derivedSnapshot(db);
    expect(kept.rollup_buyers.length).toBeGreaterThan(0);
    await rebuildDerived(db);
    expect(await derivedSnapshot(db)).toEqual(kept);
    expect((await engine.kpis(JUNE)).values.repeat_buyer_rate).toBe(1 / 2);
  });

  it('a renamed listing stays one SKU in the top SKUs, the product table and the demand inputs, under its newest name', async () => {
    const before = orderFile([
      line({
        orderId: 'R1',
        buyer: 'u1',
        created: at('2026-06-02 08:00'),
        completed: at('2026-06-05 10:00'),
        productName: 'Kemeja Lama',
      }),
    ]);
    const after = orderFile([
      line({
        orderId: 'R2',
        buyer: 'u2',
        created: at('2026-06-20 08:00'),
        completed: at('2026-06-24 10:00'),
        productName: 'Kemeja Baru',
      }),
    ]);
    // The old name arrives first, so the SKU is first known under it.
    const [, second] = (await engine.importFiles([file('before.xlsx', before), file('after.xlsx', after)])).files;
    const province = (await engine.overview(JUNE)).breakdowns.provinces[0].key;
    for (const filters of [{}, { province }]) {
      const skus = (await engine.overview(JUNE, { filters })).breakdowns.skus;
      expect(skus.map((r) => [r.key, r.detail, r.orders, r.units])).toEqual([['M-TAC', 'Kemeja Baru · Hitam,L', 2, 2]]);
    }
    const names = async () => ({
      products: (await engine.productTable(JUNE)).map((r) => [r.sku, r.product, r.variation, r.orders]),
      demand: (await skuUnits(db, JUNE.from, 30, 5)).map((r) => [r.sku, r.name]),
    });
    expect(await names()).toEqual({
      products: [['M-TAC', 'Kemeja Baru', 'Hitam,L', 2]],
      demand: [['M-TAC', 'Kemeja Baru · Hitam,L']],
    });
    // Without the file that renamed it, the listing has its old name again.
    await engine.removeImport(second.importId as number);
    expect(await names()).toEqual({
      products: [['M-TAC', 'Kemeja Lama', 'Hitam,L', 1]],
      demand: [['M-TAC', 'Kemeja Lama · Hitam,L']],
    });
    const kept = await derivedSnapshot(db);
    await rebuildDerived(db);
    expect(await derivedSnapshot(db)).toEqual(kept);
  });

  it('a database from before the derived tables is migrated to the same numbers', async () => {
    await engine.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    const [kpis, products] = [await engine.kpis(JUNE), await engine.productTable(JUNE)];
    // Undo the migration that made the derived tables: drop the tables it creates (later steps are idempotent).
    const creates = (step: (typeof MIGRATIONS)[number][number]) =>
      typeof step === 'string' ? (/CREATE TABLE (\w+)/.exec(step)?.slice(1) ?? []) : [];
    const version = MIGRATIONS.findIndex((m) => m.flatMap(creates).includes('order_skus'));
    expect(version).toBeGreaterThan(0);
    await rawTables(db);
    for (const t of MIGRATIONS[version].flatMap(creates)) await db.exec(`DROP TABLE ${t}`);
    await db.exec(`UPDATE meta SET value = '${version}' WHERE key = 'schema_version'`);
    const reopened = await Engine.open(db);
    expect(await reopened.kpis(JUNE)).toEqual(kpis);
    expect(await reopened.productTable(JUNE)).toEqual(products);
  });
});

describe('all-or-nothing imports', () => {
  it('a corrupt file in the middle of a batch of five leaves the other four imported and earlier data intact', async () => {
    const engine = await freshEngine();
    const earlier = orderFile([
      line({ orderId: 'OLD', created: at('2026-05-20 08:00'), completed: at('2026-05-24 08:00') }),
    ]);
    await engine.importFiles([file('earlier.xlsx', earlier)]);
    const month = (m: number) =>
      orderFile([line({ orderId: `M${m}`, created: at(`2026-0${m}-10 08:00`), completed: at(`2026-0${m}-14 08:00`) })]);
    const corrupt = early.slice(0, 300);
    const r = await engine.importFiles([
      file('m1.xlsx', month(1)),
      file('m2.xlsx', month(2)),
      file('broken.xlsx', corrupt),
      file('m3.xlsx', month(3)),
      file('m4.xlsx', month(4)),
    ]);
    expect(r.files.map((f) => f.status)).toEqual(['ok', 'ok', 'error', 'ok', 'ok']);
    expect(r.files[2].error?.code).toBe('corrupt_file');
    const info = await engine.datasetInfo();
    expect(info.orders).toBe(5);
    expect(info.imports).toBe(5);
  });

  it('a file that fails while merging leaves the stored data exactly as it was', async () => {
    const engine = await freshEngine();
    await engine.importFiles([file('early.xlsx', early)]);
    const snapshot = async () => ({
      raw: await db.query('SELECT * FROM order_lines_all ORDER BY line_key, import_id'),
      lines: await db.query('SELECT * FROM order_lines ORDER BY line_key'),
      orders: await db.query('SELECT * FROM orders ORDER BY order_id'),
      imports: await db.query('SELECT id, file_name FROM imports ORDER BY id'),
      meta: await db.query('SELECT * FROM meta ORDER BY key'),
    });
    const before = await snapshot();
    // Make the merge fail late, after rows were written: a table it rebuilds is gone.
    await db.exec('ALTER TABLE orders RENAME TO orders_away');
    const r = await engine.importFiles([file('late.xlsx', late)]);
    await db.exec('ALTER TABLE orders_away RENAME TO orders');
    expect(r.files[0].status).toBe('error');
    expect(r.files[0].error?.code).toBe('storage_failed');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file in another currency than the stored data', async () => {
    const engine = await freshEngine();
    await engine.importFiles([file('early.xlsx', early)]);
    const header = 'Order ID,Order Status,Product Name,Quantity,Order Creation Date,Product Subtotal,Country';
    const r = await engine.importFiles([
      file('my.csv', textBytes(`${header}\nX1,Completed,Cup,1,2024-12-09 00:12,40.00,MY\n`)),
    ]);
    expect(r.files[0].error).toEqual({
      code: 'currency_mismatch',
      params: { file: 'my.csv', fileCurrency: 'MYR', datasetCurrency: 'IDR' },
    });
  });

  it('merges files in the order given however the parser answers, fails only the file a parser drops, and reports a file once it is on disk', async () => {
    await freshEngine();
    const events: string[] = [];
    const watched: SqlConnection = {
      exec: (sql) => {
        if (sql === 'CHECKPOINT') events.push('checkpoint');
        return db.exec(sql);
      },
      query: (sql) => db.query(sql),
      insertArrow: (t, ipc) => db.insertArrow(t, ipc),
      queryIpc: (sql) => db.queryIpc(sql),
    };
    const log = new MemoryImportLog();
    const logged: MemoryImportLog = Object.assign(Object.create(log), {
      add: async (r: FileImportReport) => {
        events.push(`logged ${r.fileName}`);
        await log.add(r);
      },
    });
    // The first file's parse is the slowest, so the second's answer arrives first; one file's parser dies.
    const delays: Record<string, number> = { 'early.xlsx': 60, 'late.xlsx': 0 };
    const parse: FileParser = async (f) => {
      await new Promise((r) => setTimeout(r, delays[f.name] ?? 0));
      if (f.name === 'lost.xlsx') throw new Error('worker gone');
      return parseFile(f);
    };
    const engine = await Engine.open(watched, { log: logged, parse });
    const r = await engine.importFiles([file('early.xlsx', early), file('lost.xlsx', early), file('late.xlsx', late)]);
    expect(r.files.map((f) => [f.fileName, f.status, f.added, f.updated])).toEqual([
      ['early.xlsx', 'ok', 3, 0],
      ['lost.xlsx', 'error', 0, 0],
      ['late.xlsx', 'ok', 2, 2],
    ]);
    expect(r.files[1].error).toEqual({
      code: 'corrupt_file',
      params: { file: 'lost.xlsx', reason: 'reader_stopped', detail: 'worker gone' },
    });
    // Applied in order: the later snapshot's statuses won.
    expect(await db.query('SELECT order_id, status_class FROM orders ORDER BY order_id')).toEqual(
      expect.arrayContaining([
        { order_id: 'B', status_class: 'completed' },
        { order_id: 'C', status_class: 'cancelled' },
      ]),
    );
    // No file is reported before a checkpoint that follows its merge; the batch needed fewer checkpoints than files.
    const firstLog = events.findIndex((e) => e.startsWith('logged'));
    expect(events.slice(0, firstLog)).toContain('checkpoint');
    expect(events.filter((e) => e === 'checkpoint').length).toBeLessThan(3);
    expect(events.filter((e) => e.startsWith('logged'))).toEqual([
      'logged early.xlsx',
      'logged lost.xlsx',
      'logged late.xlsx',
    ]);
  });

  it('a batch the page did not live to finish lists its unfinished files as cut off, once; a stored one is not', async () => {
    await freshEngine();
    const log = new MemoryImportLog();
    const seen: string[][] = [];
    const watched: MemoryImportLog = Object.assign(Object.create(log), {
      setPending: async (p: { fileName: string }[]) => {
        seen.push(p.map((x) => x.fileName));
        await log.setPending(p as never);
      },
    });
    const first = await Engine.open(db, { log: watched });
    await first.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    // Pending from the start of the batch until every report is logged.
    expect(seen[0]).toEqual(['early.xlsx', 'late.xlsx']);
    expect(seen[seen.length - 1]).toEqual([]);
    expect(await first.interruptedImports()).toEqual([]);

    // The page went away in a batch: the first file was merged and saved but its report was not logged.
    const [{ id }] = await db.query<{ id: number }>('SELECT max(id) AS id FROM imports');
    const startedAt = '2026-12-02T08:00:00.000Z';
    await log.setPending([
      { fileName: 'late.xlsx', startedAt, firstImportId: id },
      { fileName: 'Order.all.20261101_20261130.xlsx', startedAt, firstImportId: id },
    ]);
    const reopened = await Engine.open(db, { log });
    const cut = await reopened.interruptedImports();
    expect(cut.map((r) => [r.fileName, r.status, r.error?.code])).toEqual([
      ['Order.all.20261101_20261130.xlsx', 'error', 'import_interrupted'],
    ]);
    expect((await reopened.importLog())[0]).toEqual(cut[0]);
    expect(await reopened.interruptedImports()).toEqual([]);
  });

  it('a checkpoint that fails is reported on the files it would have saved, and the batch still ends', async () => {
    await freshEngine();
    const failing: SqlConnection = {
      exec: (sql) => (sql === 'CHECKPOINT' ? Promise.reject(new Error('disk full')) : db.exec(sql)),
      query: (sql) => db.query(sql),
      insertArrow: (t, ipc) => db.insertArrow(t, ipc),
      queryIpc: (sql) => db.queryIpc(sql),
    };
    const engine = await Engine.open(failing);
    const r = await engine.importFiles([file('x.pdf', textBytes('%PDF')), file('early.xlsx', early)]);
    expect(r.files.map((f) => [f.fileName, f.status, f.error?.code])).toEqual([
      ['x.pdf', 'error', 'unsupported_file_type'],
      ['early.xlsx', 'error', 'storage_failed'],
    ]);
    expect(r.files[1].error?.params).toEqual({ file: 'early.xlsx', detail: 'disk full' });
  });

  it('keeps a log of every attempt, failed ones too', async () => {
    const engine = await freshEngine();
    await engine.importFiles([file('x.pdf', textBytes('%PDF')), file('early.xlsx', early)]);
    const log = await engine.importLog();
    expect(log.map((r) => [r.fileName, r.status])).toEqual([
      ['early.xlsx', 'ok'],
      ['x.pdf', 'error'],
    ]);
  });
});

describe('kpis', () => {
  it('defaults to the whole imported range and compares with the previous period of the same length', async () => {
    const engine = await freshEngine();
    await engine.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    const k = await engine.kpis();
    expect(k.range).toEqual(dayRange('2026-06-01', '2026-06-12'));
    expect(k.previousRange).toEqual(dayRange('2026-05-20', '2026-05-31'));
    expect(k.previous.placed_orders).toBe(0);
    // Nothing was imported before the data starts: the pages show no comparison rather than "new" everywhere.
    expect(k.previousHasData).toBe(false);
    // A range that starts after the data does has data before it.
    expect((await engine.kpis(dayRange('2026-06-08', '2026-06-12'))).previousHasData).toBe(true);
  });

  it('counts a buyer as new only without orders before the period start', async () => {
    const engine = await freshEngine();
    await engine.importFiles([file('early.xlsx', early), file('late.xlsx', late)]);
    const k = await engine.kpis(dayRange('2026-06-08', '2026-06-30'));
    // u1 ordered on 06-01 (A); u2's first order is B on 06-08.
    expect(k.values.buyers).toBe(1);
    expect(k.values.new_buyers).toBe(1);
  });

  it('restricts order metrics to a province', async () => {
    const engine = await freshEngine();
    await engine.importFiles([file('late.xlsx', late)]);
    const all = (await engine.kpis(JUNE)).values;
    const none = (await engine.kpis(JUNE, { province: 'BALI' })).values;
    expect(all.orders).toBe(2);
    expect(none.orders).toBe(0);
  });
});

describe('prediction inputs', () => {
  it('treats the days no order export covers as unknown, not as days without sales, in the models and the trend', async () => {
    const engine = await freshEngine({
      ml: localMl(() => initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`)),
    });
    const may = orderFile([
      line({ orderId: 'M1', created: at('2026-05-02 10:00') }),
      line({ orderId: 'M2', created: at('2026-05-30 10:00'), subtotal: 50_000 }),
    ]);
    const july = orderFile([
      line({ orderId: 'J1', created: at('2026-07-01 10:00') }),
      line({ orderId: 'J2', created: at('2026-07-29 10:00') }),
    ]);
    // June only has a list of cancellations: it says nothing of June's valid orders.
    const june = orderFile([
      line({
        orderId: 'X1',
        status: 'Batal',
        created: at('2026-06-15 10:00'),
        paid: null,
        completed: null,
        shipArranged: null,
      }),
    ]);
    const r = await engine.importFiles([
      file('Order.all.20260501_20260531.xlsx', may),
      file('Order.cancellation.20260601_20260630.xlsx', june),
      file('Order.completed.20260701_20260731.xlsx', july),
    ]);
    expect(r.files.map((f) => f.status)).toEqual(['ok', 'ok', 'ok']);
    const h = await orderHistory(db);
    if (!h) throw new Error('no history');
    const day = (iso: string) => dayNumber(iso) - dayNumber(h.sales.start);
    expect(h.sales.start).toBe('2026-05-02');
    expect(h.sales.values).toHaveLength(day('2026-07-29') + 1);
    expect(h.sales.values[day('2026-05-02')]).toBe(82_500);
    expect(h.sales.values[day('2026-05-15')]).toBe(0);
    expect(h.sales.values[day('2026-05-30')]).toBe(50_000);
    expect(h.orders[day('2026-06-15')]).toBeNull();
    expect(h.cancellations[day('2026-06-15')]).toBeNull();
    expect(h.sales.values[day('2026-07-15')]).toBe(0);
    // Unknown: 31 May (after the May file's last order), all of June, and 29 July, the July file's last day,
    // whose latest timestamp is that day's 10:00 (the export may have been made then).
    const unknown = h.sales.values.flatMap((v, i) => (v === null ? [isoOfDay(dayNumber(h.sales.start) + i)] : []));
    expect(unknown).toEqual([
      '2026-05-31',
      ...Array.from({ length: 30 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`),
      '2026-07-29',
    ]);
    expect(h.partial.map((p) => [p.day, p.at])).toEqual([['2026-07-29', '10:00']]);
    // M1, M2 and J1 (J2's day is left out).
    expect(h.sales.values.reduce((a: number, v) => a + (v ?? 0), 0)).toBe(82_500 + 50_000 + 82_500);
    // The sales trend marks the same buckets: a month with no covered day, and each uncovered day.
    const months = await engine.trend(dayRange('2026-04-01', '2026-07-31'), 'month');
    expect(months.buckets).toEqual(['2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01']);
    expect(months.known).toEqual([false, true, false, true]);
    expect(months.coveredDays).toBe(29 + 29);
    const days = await engine.trend(dayRange('2026-05-30', '2026-06-01'), 'day');
    expect(days.known).toEqual([true, false, false]);
    expect(days.sales).toEqual([50_000, 0, 0]);
    expect(days.coveredDays).toBe(1);
    // So does a report's sales chart: June is a gap, May's covered days are numbers (0 where nothing sold).
    const report = await buildReport(engine, {
      template: 'monthly',
      period: dayRange('2026-06-01', '2026-06-30'),
      locale: 'id',
      shopName: 'Toko',
      generatedAt: '2026-08-01T08:00:00',
    });
    const chart = report.sections.find((x) => x.kind === 'chart');
    if (chart?.kind !== 'chart') throw new Error('no sales chart');
    expect(chart.series[0].values).toEqual(chart.dates.map(() => null));
    expect(chart.series[1].values.filter((v) => v !== null)).toHaveLength(29);
    // The report says how much of its period the order exports cover.
    expect(report.sections.find((x) => x.kind === 'text' && x.title === 'Cakupan data pesanan')).toMatchObject({
      text: expect.stringContaining('0 dari 30 hari'),
    });
    const mayReport = await buildReport(engine, {
      template: 'monthly',
      period: dayRange('2026-05-01', '2026-05-31'),
      locale: 'en',
      shopName: 'Toko',
      generatedAt: '2026-08-01T08:00:00',
    });
    expect(mayReport.sections.find((x) => x.kind === 'text' && x.title === 'Order data coverage')).toMatchObject({
      text: expect.stringContaining('29 of the 31 days'),
    });
    const julyReport = await buildReport(engine, {
      template: 'weekly',
      period: dayRange('2026-07-06', '2026-07-12'),
      locale: 'en',
      shopName: 'Toko',
      generatedAt: '2026-08-01T08:00:00',
    });
    expect(julyReport.sections.some((x) => x.kind === 'text' && x.title === 'Order data coverage')).toBe(false);
  });
});
