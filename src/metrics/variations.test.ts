import { describe, expect, it } from 'vitest';
import { at, line, orderFile } from '../../test/fixtures';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { Engine } from '../engine/engine';

const JUNE = { from: '2026-06-01', to: '2026-06-30' };
const VARIATIONS = ['Hijau Army,M', 'Hitam,L', 'Hitam,XL'];

describe('a SKU over several variations', () => {
  it('is named by its product and says how many it spans, with the breakdown one query away', async () => {
    const engine = await Engine.open(await openNodeDuckDB());
    const lines = VARIATIONS.flatMap((variation, i) =>
      Array.from({ length: i + 1 }, (_, k) =>
        line({
          orderId: `W${i}${k}`,
          buyer: `b${i}${k}`,
          productName: 'W-TAC Pendek',
          skuRef: 'WTAC-PDK',
          variation,
          subtotal: 80_000 + i * 1000,
          created: at(`2026-06-0${2 + i} 0${k}:00`),
        }),
      ),
    );
    lines.push(
      line({ orderId: 'K1', skuRef: 'KAOS', productName: 'Kaos', variation: 'Putih', created: at('2026-06-05 08:00') }),
    );
    await engine.importFiles([{ name: 'o.xlsx', data: orderFile(lines) }]);
    const { breakdowns } = await engine.overview(JUNE);
    const wtac = breakdowns.skus.find((r) => r.key === 'WTAC-PDK');
    expect(wtac).toMatchObject({ detail: 'W-TAC Pendek', variations: 3, orders: 6 });
    expect(breakdowns.skus.find((r) => r.key === 'KAOS')).toMatchObject({ detail: 'Kaos · Putih', variations: 1 });
    // The same with a filter (from the order lines, not the rollup).
    const filtered = (await engine.overview(JUNE, { filters: { province: 'JAWA TIMUR' } })).breakdowns.skus;
    expect(filtered.find((r) => r.key === 'WTAC-PDK')).toMatchObject({ detail: 'W-TAC Pendek', variations: 3 });

    const [row] = (await engine.productTable(JUNE)).filter((r) => r.sku === 'WTAC-PDK');
    expect(row).toMatchObject({ variation: '', variations: 3, orders: 6 });
    const by = await engine.skuVariations('WTAC-PDK', JUNE);
    expect(by.map((v) => [v.variation, v.orders])).toEqual([
      ['Hitam,XL', 3],
      ['Hitam,L', 2],
      ['Hijau Army,M', 1],
    ]);
    expect(by.reduce((a, v) => a + v.sales, 0)).toBe(row.sales);
    expect(by.reduce((a, v) => a + v.units, 0)).toBe(row.units);
  });
});
