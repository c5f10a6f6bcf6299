import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, line, orderFile, rawTables, textBytes } from '../../test/fixtures';
import { derivedSnapshot } from '../../test/derived';
import type { SqlConnection } from '../db/connection';
import { rebuildDerived } from '../db/merge';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import type { FileImportReport, ImportInput } from './api';
import { Engine } from './engine';

let db: SqlConnection & { close(): void };
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

async function freshEngine(conn: SqlConnection = db): Promise<Engine> {
  await rawTables(db);
  const objects = await db.query<{ name: string; type: string }>(
    `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_type DESC`,
  );
  for (const o of objects) await db.exec(`DROP ${o.type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${o.name}`);
  return Engine.open(conn);
}

/**
 * What a merge leaves: every stored row of every import, the imports, and the shop's figures. The derived
 * tables are checked against a rebuild from the lines instead: their ids (and the names of SKUs no valid
 * order shows) depend on the order the rows came in, not on what they say.
 */
async function stored(engine: Engine) {
  await rawTables(db);
  return {
    lines: await db.query('SELECT * FROM order_lines_all ORDER BY ALL'),
    imports: await db.query('SELECT * EXCLUDE (imported_at) FROM imports ORDER BY id'),
    kpis: (await engine.kpis({ from: '2026-06-01', to: '2026-06-30' })).values,
  };
}

const summary = (r: FileImportReport) => ({
  file: r.fileName,
  status: r.status,
  counts: [r.added, r.updated, r.unchanged],
  importId: r.importId,
  notes: r.notes.map((n) => n.code),
  error: r.error?.code ?? null,
});

const STATUSES = ['Selesai', 'Sedang Dikirim', 'Batal', 'Belum Bayar', 'Perlu Dikirim'] as const;
const ORDER_IDS = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Some of the orders, each in some status: the lines of snapshots of one shop that overlap. */
const exportLines = fc.uniqueArray(
  fc.record({
    order: fc.constantFrom(...ORDER_IDS),
    status: fc.constantFrom(...STATUSES),
    qty: fc.integer({ min: 1, max: 3 }),
    buyer: fc.constantFrom('u1', 'u2', ''),
    late: fc.integer({ min: 0, max: 9 }),
  }),
  { minLength: 1, maxLength: 5, selector: (l) => l.order },
);
type ExportLines = typeof exportLines extends fc.Arbitrary<infer T> ? T : never;

/** An order export of those lines (their order ids ending in `suffix`). */
const exportFile = (lines: ExportLines, suffix = '') =>
  orderFile(
    lines.map((l) => {
      const day = 1 + ORDER_IDS.indexOf(l.order);
      const created = at(`2026-06-0${day} 08:00`);
      const done = l.status === 'Selesai' ? at(`2026-06-1${l.late} 10:00`) : null;
      return line({
        orderId: l.order + suffix,
        status: l.status,
        buyer: l.buyer,
        qty: l.qty,
        subtotal: 82_500 * l.qty,
        created,
        paid: l.status === 'Belum Bayar' ? null : created + 60_000,
        completed: done,
        // The file's snapshot: its latest timestamp.
        shipArranged: at(`2026-06-2${l.late} 09:00`),
      });
    }),
  );

/**
 * Imports `drop` into a fresh workspace holding `earlier`, one file at a time and then all together: the
 * reports, the stored rows and the KPIs agree, and the derived tables are those a rebuild gives.
 */
async function expectSameAsOneByOne(drop: readonly ImportInput[], earlier: readonly ImportInput[] = []) {
  let engine = await freshEngine();
  for (const f of earlier) await engine.importFiles([f]);
  const one: FileImportReport[] = [];
  for (const f of drop) one.push(...(await engine.importFiles([f])).files);
  const oneByOne = await stored(engine);
  engine = await freshEngine();
  for (const f of earlier) await engine.importFiles([f]);
  const together = (await engine.importFiles([...drop])).files;
  expect(together.map(summary)).toEqual(one.map(summary));
  expect(await stored(engine)).toEqual(oneByOne);
  const kept = await derivedSnapshot(db);
  await rebuildDerived(db);
  expect(await derivedSnapshot(db)).toEqual(kept);
}

describe('a drop merged in one pass', () => {
  it('stores and counts exactly what importing its files one by one does (overlapping snapshots, repeats)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(exportLines, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
        fc.array(exportLines, { maxLength: 2 }),
        async (specs, picks, before) => {
          const files = specs.map((lines) => exportFile(lines));
          // A drop may hold the same file twice; the workspace may hold earlier imports.
          const drop: ImportInput[] = picks.map((p, k) => ({ name: `f${k}.xlsx`, data: files[p % files.length] }));
          const earlier = before.map((lines, k) => ({ name: `e${k}.xlsx`, data: exportFile(lines) }));
          await expectSameAsOneByOne(drop, earlier);
        },
      ),
      { numRuns: 20, endOnFailure: true },
    );
  }, 240_000);

  it('a first drop of files that share no line key stores and counts what one by one does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(exportLines, { minLength: 2, maxLength: 4 }), async (specs) => {
        // Each file its own orders: nothing stored, no line key in two files.
        await expectSameAsOneByOne(specs.map((lines, k) => ({ name: `f${k}.xlsx`, data: exportFile(lines, `-${k}`) })));
      }),
      { numRuns: 10, endOnFailure: true },
    );
  }, 240_000);

  it('refuses a file in another currency than the files before it in the same drop', async () => {
    const engine = await freshEngine();
    const header = 'Order ID,Order Status,Product Name,Quantity,Order Creation Date,Product Subtotal,Country';
    const idr = orderFile([line({ orderId: 'A', created: at('2026-06-01 08:00') })]);
    const r = await engine.importFiles([
      { name: 'id.xlsx', data: idr },
      { name: 'my.csv', data: textBytes(`${header}\nX1,Completed,Cup,1,2024-12-09 00:12,40.00,MY\n`) },
    ]);
    expect(r.files.map((f) => f.status)).toEqual(['ok', 'error']);
    expect(r.files[1].error).toEqual({
      code: 'currency_mismatch',
      params: { file: 'my.csv', fileCurrency: 'MYR', datasetCurrency: 'IDR' },
    });
  });

  it('when the merge of a drop fails, merges its files one by one: each stays all-or-nothing', async () => {
    // Merging several files at once fails (their rows are typed into one table); one file alone does not.
    const failing: SqlConnection = {
      exec: (sql) => (sql.includes('CREATE TEMP TABLE typed_rows') ? Promise.reject(new Error('no')) : db.exec(sql)),
      query: (sql) => db.query(sql),
      insertArrow: (t, ipc) => db.insertArrow(t, ipc),
      queryIpc: (sql) => db.queryIpc(sql),
    };
    const a = orderFile([line({ orderId: 'A', created: at('2026-06-01 08:00') })]);
    const b = orderFile([line({ orderId: 'B', created: at('2026-06-02 08:00') })]);
    const engine = await freshEngine(failing);
    const r = await engine.importFiles([
      { name: 'a.xlsx', data: a },
      { name: 'b.xlsx', data: b },
    ]);
    expect(r.files.map((f) => [f.status, f.added, f.importId])).toEqual([
      ['ok', 1, 1],
      ['ok', 1, 2],
    ]);
    expect((await engine.datasetInfo()).orders).toBe(2);
  });
});
