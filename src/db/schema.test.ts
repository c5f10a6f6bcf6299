import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { bytes } from '../../test/sample';
import { at, line, orderFile, rawTables } from '../../test/fixtures';
import { MERGE_TARGETS } from '../ingest/kinds/output';
import { ORDERS, orderLineColumns } from '../ingest/kinds/ordersSpec';
import type { ExportKindSpec } from '../ingest/kinds/spec';
import { parseExport } from '../ingest/parseExport';
import { mergeStaged, stageRows } from './merge';
import { openNodeDuckDB } from './nodeDuckdb';
import { Engine } from '../engine/engine';
import { migrate, ORDER_COLUMNS_OF_SPECS } from './schema';
import {
  addStoredColumns,
  allRowsTable,
  columnDrift,
  ORDER_FIELDS,
  rowHashSql,
  stageTable,
  TARGET_COLUMNS,
  type TargetColumns,
} from './tables';

const LINEAGE = ['shop', 'import_id', 'snapshot_at', 'prio', 'is_winner', 'row_hash'];
/** The columns `orders` derives rather than copies from the order's highest-priority line. */
const ORDER_DERIVED = [
  'order_id',
  'created_date',
  'status_class',
  'is_valid',
  'buyer_id',
  'buyer_first_date',
  'prev_date',
  'prev2_date',
  'shop',
  'all_first_date',
  'all_prev_date',
  'all_prev2_date',
  'line_count',
  'sales',
  'units',
  'returned_units',
  'seller_discount',
];
const FILE = 'Order.all.20250601_20250630.xlsx';

describe('the schema the migrations build', () => {
  it('holds exactly the columns the export specs declare', async () => {
    const db = await openNodeDuckDB();
    await migrate(db);
    for (const target of MERGE_TARGETS)
      expect(await columnDrift(db, allRowsTable(target), TARGET_COLUMNS[target].values, LINEAGE)).toEqual([]);
    expect(await columnDrift(db, 'orders', ORDER_FIELDS, ORDER_DERIVED)).toEqual([]);
  });

  it('adds a stored order column from one line in a copy of the spec and one migration line', async () => {
    // The one line: No. Resi, read until now, is stored per line.
    const spec: ExportKindSpec = {
      ...ORDERS,
      fields: ORDERS.fields.map((f) => (f.id === 'tracking_no' ? { ...f, store: 'line' } : f)),
    };
    const columns: TargetColumns = { values: orderLineColumns(spec), finality: true };
    expect(columns.values).toContainEqual(['tracking_no', 'text']);

    const db = await openNodeDuckDB();
    await migrate(db);
    expect(await columnDrift(db, allRowsTable('order_lines'), columns.values, LINEAGE)).toEqual([
      'order_lines_all.tracking_no: declared VARCHAR, missing',
    ]);
    // The migration line.
    const migration = addStoredColumns('order_lines', ['tracking_no'], columns);
    for (const sql of migration) await db.exec(sql);
    expect(await columnDrift(db, allRowsTable('order_lines'), columns.values, LINEAGE)).toEqual([]);

    // The reader, the stage table and the merge follow the spec: every line keeps its tracking number.
    const parsed = parseExport(FILE, bytes(FILE), [spec]);
    expect(parsed.output.staged.columns.tracking_no).toBe('utf8');
    await stageRows(db, stageTable('order_lines'), parsed.output.staged);
    await mergeStaged(
      db,
      'order_lines',
      [{ importId: 1, snapshotAt: parsed.output.snapshotAt, stage: stageTable('order_lines') }],
      1,
      columns,
    );
    const stored = await db.query<{ order_id: string; tracking: string }>(
      'SELECT order_id, min(tracking_no) AS tracking FROM order_lines GROUP BY 1 ORDER BY 1',
    );
    const ws = XLSX.read(bytes(FILE), { type: 'array' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws.Sheets[ws.SheetNames[0]], { defval: null });
    const expected = new Map(rows.map((r) => [String(r['No. Pesanan']), String(r['No. Resi'] ?? '') || null]));
    expect(stored.length).toBe(expected.size);
    expect(stored.filter((r) => r.tracking !== null).length).toBeGreaterThan(0);
    for (const r of stored) expect(r.tracking).toBe(expected.get(r.order_id));
  });

  it('refuses a migration line for a column no spec declares', () => {
    expect(() => addStoredColumns('order_lines', ['tracking_no'])).toThrow(/not a stored column/);
  });

  it('migrates a database of the previous schema: order columns filled, coverage recorded, nothing counted as changed', async () => {
    const db = await openNodeDuckDB();
    const engine = await Engine.open(db);
    await engine.importFiles([{ name: FILE, data: bytes(FILE) }]);
    const before = await db.query<{ v: number }>('SELECT sum(seller_voucher) AS v FROM orders');
    // As the previous schema left it: no order-level columns beyond its own, no coverage flag, old hashes.
    for (const c of ORDER_COLUMNS_OF_SPECS) await db.exec(`ALTER TABLE orders DROP COLUMN ${c}`);
    await db.exec('ALTER TABLE imports DROP COLUMN covers_all');
    await db.exec('UPDATE order_lines_all SET row_hash = 0');
    // Schema 6, the one before the specs declared the order columns (the wallet table came after it).
    await db.exec('DROP VIEW wallet');
    await db.exec('DROP TABLE wallet_all');
    await db.exec(`UPDATE meta SET value = '6' WHERE key = 'schema_version'`);
    const reopened = await Engine.open(db);
    expect(await columnDrift(db, 'orders', ORDER_FIELDS, ORDER_DERIVED)).toEqual([]);
    expect(await db.query('SELECT sum(seller_voucher) AS v FROM orders')).toEqual(before);
    expect(await db.query('SELECT covers_all FROM imports')).toEqual([{ covers_all: true }]);
    // Every row rehashed as a new import of the same rows would hash them: a re-import changes nothing.
    const [{ stale }] = await db.query<{ stale: number }>(
      `SELECT count(*) AS stale FROM order_lines_all WHERE row_hash <> ${rowHashSql(TARGET_COLUMNS.order_lines)}`,
    );
    expect(stale).toBe(0);
    expect((await reopened.datasetInfo()).orders).toBeGreaterThan(0);
  });

  it('a database whose SKUs carry their first name is migrated to their newest one', async () => {
    const renamed = orderFile([
      line({
        orderId: 'R1',
        buyer: 'u1',
        created: at('2026-06-02 08:00'),
        completed: at('2026-06-05 10:00'),
        productName: 'Kemeja Lama',
      }),
      line({
        orderId: 'R2',
        buyer: 'u2',
        created: at('2026-06-20 08:00'),
        completed: at('2026-06-24 10:00'),
        productName: 'Kemeja Baru',
      }),
    ]);
    const db = await openNodeDuckDB();
    const engine = await Engine.open(db);
    await engine.importFiles([{ name: 'renamed.xlsx', data: renamed }]);
    await rawTables(db);
    // As the previous schema left it: no name columns in the SKU rollup, and SKUs named by their first import.
    await db.exec(`UPDATE skus SET product_name = 'Kemeja Lama'`);
    for (const c of ['product_name', 'variation']) await db.exec(`ALTER TABLE rollup_skus DROP COLUMN ${c}`);
    // Schema 5 is the one before the SKU rollup kept names.
    await db.exec(`UPDATE meta SET value = '5' WHERE key = 'schema_version'`);
    const reopened = await Engine.open(db);
    expect((await reopened.productTable({ from: '2026-06-01', to: '2026-06-30' })).map((r) => r.product)).toEqual([
      'Kemeja Baru',
    ]);
  });
});
