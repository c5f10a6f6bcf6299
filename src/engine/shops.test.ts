import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportService } from '../automation/service';
import { IdbReportStore, openAppDb } from '../store/idb';
import { at, line, orderFile } from '../../test/fixtures';
import { derivedSnapshot } from '../../test/derived';
import { type IndependentLine, orderMetrics, readOrderFile } from '../../test/independent';
import { rebuildDerived } from '../db/merge';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { dayRange } from '../kernel/days';
import { Engine } from './engine';
import { localMl } from '../ml/predictions';
import { initTf } from '../ml/tf';
import path from 'node:path';

const JUNE = dayRange('2026-06-01', '2026-06-30');
const day = (d: string, h = '08:00') => at(`2026-06-${d} ${h}`);

// Shop 1 and shop 2 share order id X1 (two orders), and buyer "both" orders in each.
const shop1File = orderFile([
  line({ orderId: 'X1', buyer: 'both', created: day('02'), completed: day('05'), subtotal: 100_000 }),
  line({ orderId: 'A2', buyer: 'only1', created: day('03'), completed: day('06'), subtotal: 50_000 }),
  line({ orderId: 'A3', buyer: 'only1', created: day('20'), completed: day('24'), subtotal: 70_000 }),
]);
const shop2File = orderFile([
  line({ orderId: 'X1', buyer: 'both', created: day('10'), completed: day('12'), subtotal: 40_000, qty: 2 }),
  line({ orderId: 'B2', buyer: 'only2', created: day('11'), completed: day('15'), subtotal: 30_000 }),
  line({ orderId: 'B3', buyer: 'only2', created: day('12'), status: 'Batal', cancelReason: 'Berubah pikiran' }),
]);
const linesOf = (f: Uint8Array, shop: number): IndependentLine[] =>
  readOrderFile(f).lines.map((l) => ({ ...l, orderId: `${shop}:${l.orderId}` }));

/** The order KPIs of the union of shops, counted independently: order ids within their shop, buyers across. */
const expected = (...shops: [Uint8Array, number][]) =>
  orderMetrics(
    shops.flatMap(([f, s]) => linesOf(f, s)),
    JUNE.from,
    JUNE.to,
  );

describe('several shops in one workspace', () => {
  let db: Awaited<ReturnType<typeof openNodeDuckDB>>;
  let engine: Engine;
  let second: number;
  beforeAll(async () => {
    db = await openNodeDuckDB();
    engine = await Engine.open(db, {
      ml: localMl(() => initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`)),
    });
    const [first] = await engine.listShops();
    expect(first).toMatchObject({ id: 1, name: 'Toko 1' });
    second = (await engine.createShop(' Toko Mall ')).id;
    const [r1] = (await engine.forShops([1]).importFiles([{ name: 'a.xlsx', data: shop1File }])).files;
    const [r2] = (await engine.forShops([second]).importFiles([{ name: 'b.xlsx', data: shop2File }])).files;
    expect([r1.shop, r2.shop]).toEqual([
      { id: 1, name: 'Toko 1' },
      { id: second, name: 'Toko Mall' },
    ]);
  });
  afterAll(() => db.close());

  it('each shop equals the calculation over its own files; all shops sum, with buyers counted once', async () => {
    const one = (await engine.forShops([1]).kpis(JUNE)).values;
    const two = (await engine.forShops([second]).kpis(JUNE)).values;
    const all = (await engine.kpis(JUNE)).values;
    expect(one).toEqual({ ...one, ...expected([shop1File, 1]) });
    expect(two).toEqual({ ...two, ...expected([shop2File, second]) });
    expect(all).toEqual({ ...all, ...expected([shop1File, 1], [shop2File, second]) });
    for (const k of ['placed_orders', 'orders', 'cancelled_orders', 'sales', 'units'] as const)
      expect(all[k]).toBe((one[k] ?? 0) + (two[k] ?? 0));
    // "both" bought in each shop: one buyer of all shops, and a repeat buyer there.
    expect([one.buyers, two.buyers, all.buyers]).toEqual([2, 2, 3]);
    expect(all.repeat_buyer_rate).toBe(2 / 3);
    // A month's trend counts each buyer once, as the KPI does (it once counted a range's first month twice).
    expect((await engine.forShops([1]).trend(JUNE, 'month')).buyers).toEqual([one.buyers]);
    expect((await engine.trend(JUNE, 'week')).buyers.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      all.buyers ?? 0,
    );
    // The same shops by id read the same as "all".
    expect((await engine.forShops([second, 1]).kpis(JUNE)).values).toEqual(all);
    expect((await engine.forShops([1]).datasetInfo()).orders).toBe(3);
    expect((await engine.datasetInfo()).orders).toBe(6);
  });

  it('several shops of more are their union too, buyers and trends included', async () => {
    const third = (await engine.createShop('Toko Tiga')).id;
    const extra = orderFile([line({ orderId: 'C1', buyer: 'both', created: day('15'), completed: day('18') })]);
    await engine.forShops([third]).importFiles([{ name: 'c.xlsx', data: extra }]);
    const pair = engine.forShops([1, second]);
    const v = (await pair.kpis(JUNE)).values;
    expect(v).toEqual({ ...v, ...expected([shop1File, 1], [shop2File, second]) });
    const trend = await pair.trend(JUNE, 'month');
    expect(trend.buyers).toEqual([3]);
    const all = (await engine.kpis(JUNE)).values;
    expect(all).toEqual({ ...all, ...expected([shop1File, 1], [shop2File, second], [extra, third]) });
    await engine.deleteShop(third);
    expect((await engine.listShops()).map((s) => s.id)).toEqual([1, second]);
  });

  it("removing or moving one shop's import changes nothing in the other; derived tables equal a rebuild", async () => {
    const before = await engine.forShops([1]).kpis(JUNE);
    const mall = engine.forShops([second]);
    const [b] = await mall.listImports();
    expect((await engine.forShops([1]).listImports()).map((i) => i.fileName)).toEqual(['a.xlsx']);
    await mall.removeImport(b.id);
    expect(await engine.forShops([1]).kpis(JUNE)).toEqual({ ...before, datasetVersion: expect.any(Number) });
    expect((await mall.kpis(JUNE)).values.placed_orders).toBe(0);
    const kept = await derivedSnapshot(db);
    await rebuildDerived(db);
    expect(await derivedSnapshot(db)).toEqual(kept);

    // Imported into the wrong shop, then moved: as if imported into the right one.
    const [wrong] = (await engine.forShops([1]).importFiles([{ name: 'b.xlsx', data: shop2File }])).files;
    expect((await engine.forShops([1]).kpis(JUNE)).values.placed_orders).toBe(5);
    await engine.moveImport(wrong.importId as number, second);
    expect((await engine.forShops([1]).kpis(JUNE)).values).toEqual(before.values);
    const moved = (await mall.kpis(JUNE)).values;
    expect(moved).toEqual({ ...moved, ...expected([shop2File, second]) });
    const again = await derivedSnapshot(db);
    await rebuildDerived(db);
    expect(await derivedSnapshot(db)).toEqual(again);
  });

  it('asks for the shop with several and none chosen, and warns before a file mixes shops', async () => {
    const [choose] = (await engine.importFiles([{ name: 'c.xlsx', data: shop1File }])).files;
    expect(choose.error?.code).toBe('choose_shop');
    // The same file as shop 1's, into the mall: refused unless on purpose.
    const mall = engine.forShops([second]);
    const [copy] = (await mall.importFiles([{ name: 'a.xlsx', data: shop1File }])).files;
    expect(copy).toMatchObject({ status: 'error', error: { code: 'other_shop', params: { reason: 'copy' } } });
    const [purpose] = (await mall.importFiles([{ name: 'a.xlsx', data: shop1File, onPurpose: true }])).files;
    expect(purpose.status).toBe('ok');
    await mall.removeImport(purpose.importId as number);
  });

  it('reports, schedules and alert rules read their own shops', async () => {
    const service = new ReportService(
      engine,
      new IdbReportStore(await openAppDb('shops-test')),
      () => '2026-07-01T09:00',
    );
    const range = { from: JUNE.from, to: JUNE.to };
    const mall = await service.generateReport({ template: 'monthly', ...range, shops: [second] });
    const all = await service.generateReport({ template: 'monthly', ...range });
    expect([mall.shopName, mall.shops]).toEqual(['Toko Mall', [second]]);
    expect(all.shops).toBeUndefined();
    expect(mall.summary).not.toEqual(all.summary);
    // A rule on shop 1 only, over the 30 days to its last order (20 June): 3 valid orders there, 5 in all shops.
    const rule = { type: 'threshold', metric: 'orders', op: '<', value: 4, window: '30d' } as const;
    await service.createAlert('one', rule, true, [1]);
    await service.createAlert('all', rule);
    const alerts = await service.evaluateAlerts();
    expect(alerts.map((a) => [a.rule?.name, a.href])).toEqual([
      ['one', '/overview?from=2026-05-22&to=2026-06-20&shop=1'],
    ]);
  });
});
