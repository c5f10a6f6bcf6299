import { describe, expect, it } from 'vitest';
import { textBytes, xlsxBytes } from '../../test/fixtures';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { currency } from '../kernel/currency';
import { openWorkbook } from './parseExport';
import { type GridSheet, gridOf, inferMaster, readMaster, skuKey, skuKeySql } from './productMaster';
import type { Cell } from './values';

const SHOP = new Set(
  ['DRILL - M-TAC Pendek', 'MTAC_PENDEK', 'W-TAC Panjang', 'WTAC PJG', 'Kaos Polos · Hitam,L'].map(skuKey),
);
const grid = (rows: Cell[][], name = 'Sheet1'): GridSheet => ({ name, rows });
const ok = (g: GridSheet, shop = SHOP) => {
  const inf = inferMaster(g, shop);
  if (inf.status !== 'ok') throw new Error(`not ok: ${JSON.stringify(inf).slice(0, 300)}`);
  return inf.mapping;
};

describe('product master inference', () => {
  it('finds SKU, master and cost by content in a sheet with ids, duplicates, alias rows and messy cells', () => {
    const g = grid([
      ['Master produk toko', null, null, null],
      ['No', 'Produk', 'Kode', 'Nilai'],
      [1, 'M-TAC Pendek', 'DRILL - M-TAC Pendek', '45.000'],
      [2, 'M-TAC Pendek', '  mtac_pendek ', null], // an alias row: its cost is the master's
      [3, 'M-TAC Pendek', 'DRILL - M-TAC Pendek', 45000], // a duplicate
      [4, 'W-TAC Panjang', 'W-TAC Panjang', 'Rp52.500'],
      [5, 'W-TAC Panjang', 'WTAC  PJG', 'belum'], // a cost that is not an amount
      [6, 'W-TAC Panjang', 'W-TAC Panjang', 53000], // a conflict with row 6
      [],
      [7, 'Topi', 12345, 15000], // a number where a SKU text is expected
      [8, '', '', 9000],
    ]);
    const m = ok(g);
    expect(m).toEqual({ sheet: 'Sheet1', headerRow: 1, sku: 2, master: 1, cost: 3 });
    const sheet = readMaster(g, m, SHOP);
    expect(sheet.aliases.map((a) => [a.sku, a.master])).toEqual([
      ['DRILL - M-TAC Pendek', 'M-TAC Pendek'],
      ['mtac_pendek', 'M-TAC Pendek'],
      ['W-TAC Panjang', 'W-TAC Panjang'],
      ['WTAC PJG', 'W-TAC Panjang'],
      ['12345', 'Topi'],
    ]);
    expect(sheet.costs).toEqual([
      { master: 'M-TAC Pendek', unitCost: 45000 },
      { master: 'Topi', unitCost: 15000 },
    ]);
    expect(sheet.conflicts).toEqual([
      {
        kind: 'cost',
        subject: 'W-TAC Panjang',
        options: [
          { unitCost: 52500, rows: [6] },
          { unitCost: 53000, rows: [8] },
        ],
      },
    ]);
    expect(sheet.unreadable).toEqual([{ row: 7, column: 'D', value: 'belum' }]);
    expect(sheet.withoutSku).toEqual([11]);
    expect([sheet.matched, sheet.unmatched]).toEqual([4, ['12345']]);
    expect(sheet.rowsRead).toBe(8);
  });

  it('needs no header at all, and none that names SKU or HPP; columns may come in any order', () => {
    const rows: Cell[][] = [
      [45000, 'DRILL - M-TAC Pendek', 'M-TAC'],
      [null, 'MTAC_PENDEK', 'M-TAC'],
      [52000, 'W-TAC Panjang', 'W-TAC'],
      [null, 'WTAC PJG', 'W-TAC'],
    ];
    expect(ok(grid(rows))).toEqual({ sheet: 'Sheet1', headerRow: null, sku: 1, master: 2, cost: 0 });
    expect(ok(grid([['Biaya', 'Barang toko', 'Kelompok'], ...rows]))).toMatchObject({ headerRow: 0, sku: 1, cost: 0 });
    // A plain SKU → cost sheet: each SKU is its own master.
    const plain = grid([
      ['Kode Barang', 'Harga Pokok'],
      ['DRILL - M-TAC Pendek', '45.000'],
      ['W-TAC Panjang', '52.000'],
    ]);
    const m = ok(plain);
    expect(m).toMatchObject({ sku: 0, master: null, cost: 1 });
    expect(readMaster(plain, m, SHOP).costs).toEqual([
      { master: 'DRILL - M-TAC Pendek', unitCost: 45000 },
      { master: 'W-TAC Panjang', unitCost: 52000 },
    ]);
  });

  it('tells cost from price by the header, and asks when nothing tells them apart', () => {
    const body: Cell[][] = [
      ['DRILL - M-TAC Pendek', 89000, 45000],
      ['W-TAC Panjang', 99000, 52000],
      ['WTAC PJG', 99000, 52000],
    ];
    expect(ok(grid([['SKU', 'Harga Jual', 'HPP'], ...body]))).toMatchObject({ sku: 0, cost: 2 });
    expect(ok(grid([['SKU', 'Harga', 'Stok'], ...body]))).toMatchObject({ cost: 1 });
    const inf = inferMaster(grid(body), SHOP);
    expect(inf).toMatchObject({ status: 'ambiguous', role: 'cost', candidates: [1, 2] });
  });

  it('asks which column is the SKU when two match the shop equally, unless a header says', () => {
    const body: Cell[][] = [
      ['DRILL - M-TAC Pendek', 'DRILL - M-TAC Pendek', 1000],
      ['W-TAC Panjang', 'W-TAC Panjang', 2000],
    ];
    expect(inferMaster(grid(body), SHOP)).toMatchObject({ status: 'ambiguous', role: 'sku', candidates: [0, 1] });
    expect(ok(grid([['Nama', 'Nomor Referensi SKU', 'Modal'], ...body]))).toMatchObject({ sku: 1, cost: 2 });
  });

  it('matches SKU texts whatever their case and spacing; a sheet with none of the shop and no SKU header is not a master', () => {
    expect(ok(grid([['  drill -  m-tac pendek', 1000]]))).toMatchObject({ sku: 0, cost: 1 });
    expect(
      inferMaster(
        grid([
          ['Nama', 'Umur'],
          ['Ani', 30],
          ['Budi', 41],
        ]),
        SHOP,
      ),
    ).toEqual({ status: 'none' });
    // Before any order is imported, a header naming the SKU column is enough.
    expect(
      ok(
        grid([
          ['SKU', 'HPP'],
          ['X-1', 1000],
        ]),
        new Set(),
      ),
    ).toMatchObject({ sku: 0, cost: 1 });
  });

  it('reads costs in the shop currency, and fills a merged master cell down its rows', () => {
    const bytes = xlsxBytes([
      {
        name: 'Master',
        rows: [
          ['Produk', 'SKU', 'Modal'],
          ['M-TAC Pendek', 'DRILL - M-TAC Pendek', 45000],
          [null, 'MTAC_PENDEK', null],
        ],
        merges: [{ s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }],
      },
    ]);
    const g = gridOf(openWorkbook('master.xlsx', bytes).sheets[0], 100);
    const sheet = readMaster(g, ok(g), SHOP);
    expect(sheet.aliases.map((a) => a.master)).toEqual(['M-TAC Pendek', 'M-TAC Pendek']);
    const myr = grid([
      ['SKU', 'Cost'],
      ['W-TAC Panjang', '12.50'],
    ]);
    const m = inferMaster(myr, SHOP, currency('MYR'));
    if (m.status !== 'ok') throw new Error(m.status);
    expect(readMaster(myr, m.mapping, SHOP, currency('MYR')).costs).toEqual([
      { master: 'W-TAC Panjang', unitCost: 1250 },
    ]);
    const csv = gridOf(openWorkbook('m.csv', textBytes('SKU;HPP\nW-TAC Panjang;52.000\n')).sheets[0], 100);
    expect(csv.rows[1]).toEqual(['W-TAC Panjang', '52.000']);
  });

  it('keys a SKU text the same way in JavaScript and in SQL', async () => {
    const db = await openNodeDuckDB();
    const texts = ['  DRILL -  M-TAC\tPendek ', 'W-TAC\u00a0Panjang', 'Kaos Polos · Hitam,L', 'ÉCLAIR  x'];
    for (const t of texts) {
      const [{ k }] = await db.query<{ k: string }>(`SELECT ${skuKeySql(`'${t.replace(/'/g, "''")}'`)} AS k`);
      expect(k, t).toBe(skuKey(t));
    }
  });
});
