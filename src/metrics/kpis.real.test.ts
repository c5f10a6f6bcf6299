/**
 * KPIs of the real May and August 2025 exports in ../shared/data/real, against the independent
 * calculation. Skips when ../shared is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectKpisMatch } from '../../test/kpiCheck';
import {
  type IndependentIncomeRow,
  type IndependentLine,
  mergeFiles,
  readIncomeFile,
  readOrderFile,
} from '../../test/independent';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { Engine } from '../engine/engine';

const DIR = path.resolve('../shared/data/real');
const ORDERS = ['Order.completed.20250501_20250531.xlsx', 'Order.completed.20250801_20250820.xlsx'];
const INCOME = ['Income.sudah dilepas.id.20250101_20250630.xlsx', 'Income.sudah dilepas.id.20250801_20250822.xlsx'];
const present = [...ORDERS, ...INCOME].every((f) => fs.existsSync(path.join(DIR, f)));
const bytes = (f: string) => new Uint8Array(fs.readFileSync(path.join(DIR, f)));

describe.skipIf(!present)('real 2025 exports (../shared/data/real)', () => {
  let db: Awaited<ReturnType<typeof openNodeDuckDB>>;
  let engine: Engine;
  let lines: IndependentLine[];
  let income: IndependentIncomeRow[][];

  beforeAll(async () => {
    db = await openNodeDuckDB();
    engine = await Engine.open(db);
    const report = await engine.importFiles([...INCOME, ...ORDERS].map((f) => ({ name: f, data: bytes(f) })));
    expect(report.files.map((f) => [f.fileName, f.status, f.error])).toEqual(
      [...INCOME, ...ORDERS].map((f) => [f, 'ok', null]),
    );
    lines = mergeFiles(ORDERS.map((f) => readOrderFile(bytes(f))));
    income = INCOME.map((f) => readIncomeFile(bytes(f)).rows);
  });
  afterAll(() => db?.close());

  it('matches the facts of shopee-exports.md §3.2', async () => {
    const may = (await engine.kpis({ from: '2025-05-01', to: '2025-05-31' })).values;
    expect(may).toMatchObject({ placed_orders: 2127, orders: 2127, buyers: 2041, cancelled_orders: 0 });
    const aug = (await engine.kpis({ from: '2025-08-01', to: '2025-08-20' })).values;
    expect(aug.placed_orders).toBe(892);
    const info = await engine.datasetInfo();
    expect(info.orderLines).toBe(3252 + 1371);
  });

  it.each([
    ['2025-05-01', '2025-05-31'],
    ['2025-08-01', '2025-08-20'],
    ['2025-05-01', '2025-08-31'],
    ['2025-05-10', '2025-05-16'],
    ['2025-08-10', '2025-08-10'],
  ])('every order metric equals the independent calculation, %s to %s', async (from, to) => {
    await expectKpisMatch(engine, lines, income, from, to);
  });

  it('net_payout is the sum of Total Penghasilan over both income files', async () => {
    const all = (await engine.kpis({ from: '2025-01-01', to: '2025-08-31' })).values;
    const total = income.flat().reduce((a, r) => a + r.net, 0);
    expect(all.net_payout).toBe(total);
    expect(all.released_orders).toBe(income.flat().length);
    for (const [from, to] of [
      ['2025-01-01', '2025-03-31'],
      ['2025-06-01', '2025-06-30'],
      ['2025-08-01', '2025-08-22'],
    ]) {
      await expectKpisMatch(engine, lines, income, from, to);
    }
  });

  it('importing again, in another order, changes nothing', async () => {
    const before = await engine.kpis({ from: '2025-01-01', to: '2025-08-31' });
    const again = await engine.importFiles(
      [...ORDERS].reverse().map((f) => ({ name: `copy of ${f}`, data: bytes(f) })),
    );
    expect(again.files.every((f) => f.status === 'ok' && f.added === 0 && f.updated === 0)).toBe(true);
    const after = await engine.kpis({ from: '2025-01-01', to: '2025-08-31' });
    expect(after.values).toEqual(before.values);
  });

  it('reads the edited Malaysian English export far enough to name its bad row', async () => {
    const r = await engine.importFiles([
      { name: 'orderSalesReport.MY-en.xlsx', data: bytes('orderSalesReport.MY-en.xlsx') },
    ]);
    expect(r.files[0].error).toMatchObject({
      code: 'missing_value',
      params: { header: 'Order Creation Date', column: 'J' },
    });
  });
});
