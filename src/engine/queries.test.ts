import { describe, expect, it } from 'vitest';
import { at, line, orderFile } from '../../test/fixtures';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { quantity } from '../kernel/units';
import { Engine } from './engine';

const JUNE = { from: '2026-06-01', to: '2026-06-30' };
const june = (id: string, day: string) =>
  line({ orderId: id, buyer: `b-${id}`, created: at(`2026-06-${day} 08:00`), completed: at(`2026-06-${day} 12:00`) });

describe('page results kept by operation, arguments and dataset version', () => {
  it('answers a repeated query from the cache, with its own copy, and reads again after a change of data', async () => {
    const db = await openNodeDuckDB();
    let queries = 0;
    const counting = {
      ...db,
      query: <T>(sql: string) => {
        queries++;
        return db.query<T>(sql);
      },
    };
    const engine = await Engine.open(counting);
    await engine.importFiles([{ name: 'a.xlsx', data: orderFile([june('A', '02'), june('B', '03')]) }]);

    const first = await engine.kpis(JUNE);
    const read = queries;
    const again = await engine.kpis(JUNE);
    expect(queries).toBe(read);
    expect(again).toEqual(first);
    // A caller that edits its result does not edit the next caller's.
    first.values.orders = quantity(-1, 'count');
    expect((await engine.kpis(JUNE)).values.orders).toBe(2);
    // Other arguments are another entry.
    await engine.kpis({ from: '2026-06-02', to: '2026-06-02' });
    expect(queries).toBeGreaterThan(read);

    await engine.importFiles([{ name: 'b.xlsx', data: orderFile([june('C', '04')]) }]);
    expect((await engine.kpis(JUNE)).values.orders).toBe(3);
    // Unit costs are data too: the product table reads them again.
    const [before] = await engine.productTable(JUNE);
    expect(before.unitCost).toBeNull();
    await engine.setUnitCosts([{ sku: before.sku, unitCost: 1000 }]);
    expect((await engine.productTable(JUNE))[0].unitCost).toBe(1000);
  });
});
