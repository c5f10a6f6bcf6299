import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, line, orderFile } from '../../test/fixtures';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { Engine } from '../engine/engine';
import { dayRange } from '../kernel/days';
import { localMl } from '../ml/predictions';
import { initTf } from '../ml/tf';
import { partialDays } from './coverage';
import { orderHistory } from './predictionInputs';

/** June's orders, one an hour, none later than `last` on 30 June (so that is the file's snapshot). */
function june(last: string, name = 'Order.all.20260601_20260630.xlsx') {
  const lines = [];
  for (let d = 1; d <= 30; d++)
    for (let h = 0; h < 24; h++) {
      const created = at(`2026-06-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:00`);
      if (created > at(last)) continue;
      lines.push(
        line({
          orderId: `J${d}-${h}`,
          buyer: `b${d}-${h}`,
          created,
          paid: created,
          shipArranged: null,
          completed: null,
          status: 'Perlu Dikirim',
        }),
      );
    }
  return { name, data: orderFile(lines) };
}

describe('a day known only in part', () => {
  it('is the last day of an export made during it, with its time and the share of a usual day before it', async () => {
    const db = await openNodeDuckDB();
    const engine = await Engine.open(db, {
      ml: localMl(() => initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`)),
    });
    await engine.importFiles([june('2026-06-30 19:00')]);
    const [p] = await partialDays(db);
    // On the other days, 19 of the 24 hourly orders come before 19:00.
    expect(p).toMatchObject({ day: '2026-06-30', edge: 'end', at: '19:00' });
    expect(p.share).toBeCloseTo(19 / 24, 12);

    // Left out of the models as unknown, not read as a drop; the trend names it.
    const h = await orderHistory(db);
    expect(h?.sales.values.at(-1)).toBeNull();
    expect(h?.sales.values.at(-2)).toBe(24 * 82_500);
    expect(h?.partial).toEqual([p]);
    const trend = await engine.trend(dayRange('2026-06-01', '2026-06-30'));
    expect(trend.partial.map((x) => x.day)).toEqual(['2026-06-30']);
    expect((await engine.forecastSales(7))?.partial).toEqual([p]);
  });

  it('is complete when a later export covers it, or when its export came after nearly all its orders', async () => {
    const db = await openNodeDuckDB();
    const engine = await Engine.open(db);
    await engine.importFiles([june('2026-06-30 19:00')]);
    // A later export of 30 June and 1 July, made on 1 July: 30 June is complete, 1 July is now the partial day.
    const lastDay = Array.from({ length: 24 }, (_, h) =>
      line({
        orderId: `L${h}`,
        buyer: `l${h}`,
        created: at(`2026-06-30 ${String(h).padStart(2, '0')}:00`),
        paid: at(`2026-06-30 ${String(h).padStart(2, '0')}:00`),
        shipArranged: null,
        completed: null,
        status: 'Perlu Dikirim',
      }),
    );
    const july = line({
      orderId: 'JUL',
      created: at('2026-07-01 09:00'),
      paid: at('2026-07-01 09:05'),
      completed: null,
      shipArranged: null,
      status: 'Perlu Dikirim',
    });
    await engine.importFiles([{ name: 'Order.all.20260630_20260701.xlsx', data: orderFile([...lastDay, july]) }]);
    const partial = await partialDays(db);
    expect(partial.map((p) => [p.day, p.at])).toEqual([['2026-07-01', '09:05']]);

    const db2 = await openNodeDuckDB();
    const e2 = await Engine.open(db2);
    // Exported at 23:00 at the earliest: more than 95% of a day's orders come before then.
    await e2.importFiles([june('2026-06-30 23:00')]);
    expect(await partialDays(db2)).toEqual([]);
  });

  it('is the first day of an export that starts mid-day, where the shop usually has orders before then', async () => {
    const june = Array.from({ length: 30 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`);
    const hourly = (from: string, to: string, first = 0) =>
      june
        .filter((d) => d >= from && d <= to)
        .flatMap((d) =>
          Array.from({ length: 24 - (d === from ? first : 0) }, (_, k) => {
            const h = k + (d === from ? first : 0);
            const created = at(`${d} ${String(h).padStart(2, '0')}:00`);
            return line({ orderId: `${d}-${h}`, buyer: `b${d}-${h}`, created, paid: created, completed: created });
          }),
        );
    const db = await openNodeDuckDB();
    const engine = await Engine.open(db);
    await engine.importFiles([
      { name: 'Order.all.20260601_20260630.xlsx', data: orderFile(hourly('2026-06-01', '2026-06-30', 14)) },
    ]);
    const [p] = await partialDays(db);
    expect(p).toMatchObject({ day: '2026-06-01', edge: 'start', at: '14:00' });
    expect(p.share).toBeCloseTo(10 / 24, 12);
    expect((await orderHistory(db))?.sales.values[0]).toBeNull();

    // A shop of one order a day at 15:00: a late first order proves nothing.
    const quiet = june.map((d) =>
      line({
        orderId: d,
        buyer: `q${d}`,
        created: at(`${d} 15:00`),
        paid: at(`${d} 15:00`),
        completed: at(`${d} 15:00`),
      }),
    );
    const db2 = await openNodeDuckDB();
    await (await Engine.open(db2)).importFiles([{ name: 'Order.all.20260601_20260630.xlsx', data: orderFile(quiet) }]);
    expect((await partialDays(db2)).filter((p) => p.edge === 'start')).toEqual([]);
  });
});
