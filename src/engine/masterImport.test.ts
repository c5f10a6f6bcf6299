import { describe, expect, it } from 'vitest';
import { at, line, orderFile, xlsxBytes } from '../../test/fixtures';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { Engine } from './engine';

const JUNE = { from: '2026-06-01', to: '2026-06-30' };
/** Orders of one item listed under two SKU texts, and of a second item. */
const orders = orderFile([
  line({
    orderId: 'A',
    buyer: 'b1',
    skuRef: 'DRILL - M-TAC Pendek',
    qty: 2,
    subtotal: 178_000,
    created: at('2026-06-02 08:00'),
  }),
  line({ orderId: 'B', buyer: 'b2', skuRef: 'MTAC_PENDEK', qty: 1, subtotal: 89_000, created: at('2026-06-03 08:00') }),
  line({ orderId: 'C', buyer: 'b1', skuRef: 'MTAC_PENDEK', qty: 1, subtotal: 89_000, created: at('2026-06-09 08:00') }),
  line({
    orderId: 'D',
    buyer: 'b3',
    skuRef: 'W-TAC Panjang',
    qty: 1,
    subtotal: 99_000,
    created: at('2026-06-04 08:00'),
  }),
]);
/** The seller's master: no header names SKU or HPP; an alias row with no cost; a conflict; a messy cost. */
const master = xlsxBytes([
  {
    name: 'Master',
    rows: [
      ['ID', 'Barang', 'Teks di Shopee', 'Modal'],
      [1, 'M-TAC Pendek', 'DRILL - M-TAC Pendek', 45_000],
      [2, 'M-TAC Pendek', ' mtac_pendek', null],
      [3, 'W-TAC Panjang', 'W-TAC Panjang', 52_000],
      [4, 'W-TAC Panjang', 'WTAC PJG', 53_000],
      [5, 'Topi', 'TOPI-01', 'belum ada'],
    ],
  },
]);
const costs = async (engine: Engine) =>
  Object.fromEntries((await engine.productTable(JUNE)).map((r) => [r.sku, [r.master, r.unitCost]]));

/** A Node database that counts its checkpoints: what makes an import durable in the app. */
async function countingDb() {
  const db = await openNodeDuckDB();
  const counter = { checkpoints: 0 };
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    if (/^\s*CHECKPOINT/i.test(sql)) counter.checkpoints++;
    return exec(sql);
  };
  const checkpoint = db.checkpoint?.bind(db);
  if (checkpoint)
    db.checkpoint = () => {
      counter.checkpoints++;
      return checkpoint();
    };
  return { db, counter };
}

describe('the seller product master', () => {
  it('is made durable by the batch checkpoint: one for orders and master together, one for a master alone', async () => {
    const { db, counter } = await countingDb();
    const engine = await Engine.open(db);
    const both = await engine.importFiles([
      { name: 'Order.all.20260601_20260630.xlsx', data: orders },
      { name: 'master produk.xlsx', data: master },
    ]);
    expect(both.files.map((f) => f.status)).toEqual(['ok', 'ok']);
    expect(counter.checkpoints).toBe(1);
    counter.checkpoints = 0;
    const alone = await engine.importFiles([{ name: 'master produk v2.xlsx', data: master }]);
    expect(alone.files.map((f) => [f.kind, f.status])).toEqual([['product_master', 'ok']]);
    expect(counter.checkpoints).toBe(1);
  });

  it('imports in one batch with the orders, gives every SKU text its master cost, and keeps conflicts for the seller', async () => {
    const engine = await Engine.open(await openNodeDuckDB());
    // The master comes first in the batch: it waits for the orders, whose SKU texts it is matched against.
    const { files } = await engine.importFiles([
      { name: 'master produk.xlsx', data: master },
      { name: 'Order.all.20260601_20260630.xlsx', data: orders },
    ]);
    expect(files.map((f) => [f.fileName, f.status, f.kind])).toEqual([
      ['Order.all.20260601_20260630.xlsx', 'ok', 'orders'],
      ['master produk.xlsx', 'ok', 'product_master'],
    ]);
    expect(files[1].notes.map((n) => n.code)).toEqual([
      'master_columns',
      'master_read',
      'master_unmatched',
      'master_conflicts',
      'master_unreadable',
    ]);
    expect(await costs(engine)).toEqual({
      'DRILL - M-TAC Pendek': ['M-TAC Pendek', 45_000],
      MTAC_PENDEK: ['M-TAC Pendek', 45_000], // only through the alias row
      'W-TAC Panjang': ['W-TAC Panjang', null], // its rows disagree: neither is taken
    });
    const summary = await engine.productMaster();
    expect(summary.conflicts).toEqual([
      {
        kind: 'cost',
        subject: 'W-TAC Panjang',
        options: [
          { unitCost: 52_000, rows: [4] },
          { unitCost: 53_000, rows: [5] },
        ],
        fileName: 'master produk.xlsx',
      },
    ]);
    expect([summary.skusWithCost, summary.skusWithoutCost]).toEqual([2, 1]);

    // Per master product: both SKU texts of M-TAC together, orders counted once, units and profit added.
    const byMaster = await engine.productTable(JUNE, 'master');
    const mtac = byMaster.find((r) => r.sku === 'M-TAC Pendek');
    expect(mtac).toMatchObject({ skus: 2, orders: 3, units: 4, sales: 356_000, unitCost: 45_000, buyers: 2 });
    expect(mtac?.repeatRate).toBe(0.5); // b1 bought M-TAC twice, under two SKU texts
    const bySku = await engine.productTable(JUNE);
    expect(byMaster.reduce((a, r) => a + r.sales, 0)).toBe(bySku.reduce((a, r) => a + r.sales, 0));

    await engine.resolveMasterConflict({ kind: 'cost', subject: 'W-TAC Panjang', unitCost: 52_000 });
    expect((await costs(engine))['W-TAC Panjang']).toEqual(['W-TAC Panjang', 52_000]);
    expect((await engine.productMaster()).conflicts).toEqual([]);

    // Costs outlive the orders: removing the order import keeps them for the next one.
    const [imp] = await engine.listImports();
    await engine.removeImport(imp.id);
    await engine.importFiles([{ name: 'again.xlsx', data: orders }]);
    expect((await costs(engine)).MTAC_PENDEK).toEqual(['M-TAC Pendek', 45_000]);
  });

  it('asks which column is the cost when two fit, and imports with the seller’s choice', async () => {
    const engine = await Engine.open(await openNodeDuckDB());
    await engine.importFiles([{ name: 'o.xlsx', data: orders }]);
    const sheet = xlsxBytes([
      {
        name: 'S',
        rows: [
          ['DRILL - M-TAC Pendek', 89_000, 45_000],
          ['W-TAC Panjang', 99_000, 52_000],
        ],
      },
    ]);
    const [r] = (await engine.importFiles([{ name: 'harga.xlsx', data: sheet }])).files;
    expect(r).toMatchObject({ status: 'error', kind: 'product_master', error: { code: 'master_ambiguous' } });
    expect(r.question?.candidates).toEqual([1, 2]);
    expect((await costs(engine))['W-TAC Panjang'][1]).toBeNull();
    const q = r.question;
    if (!q) throw new Error('no question');
    const done = await engine.importProductMaster({ name: 'harga.xlsx', data: sheet }, { ...q.mapping, cost: 2 });
    expect(done.status).toBe('ok');
    expect((await costs(engine))['W-TAC Panjang'][1]).toBe(52_000);
  });

  it('says a sheet that is neither an export nor a master is neither, listing every kind it reads', async () => {
    const engine = await Engine.open(await openNodeDuckDB());
    await engine.importFiles([{ name: 'o.xlsx', data: orders }]);
    const other = xlsxBytes([
      {
        name: 'S',
        rows: [
          ['Nama', 'Umur'],
          ['Ani', 30],
        ],
      },
    ]);
    const [r] = (await engine.importFiles([{ name: 'x.xlsx', data: other }])).files;
    expect(r).toMatchObject({ status: 'error', kind: null, error: { code: 'unknown_export' } });
  });
});
