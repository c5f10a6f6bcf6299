import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, line, orderFile } from '../../test/fixtures';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { Engine } from '../engine/engine';
import { buyerStats, rfmLabels } from './customers';
import { rfmScores, segmentOf } from '../ml/rfm';
import { localMl } from '../ml/predictions';
import { initTf } from '../ml/tf';

let db: Awaited<ReturnType<typeof openNodeDuckDB>>;
let engine: Engine;

/**
 * Three buyers: u1 orders in January (twice, 10 days apart) and in March; u2 in January only; u3 in February
 * and again 45 days later; an empty buyer and a cancelled order count for nobody.
 */
const orders = orderFile([
  line({
    orderId: 'A1',
    buyer: 'u1',
    created: at('2026-01-05 10:00'),
    subtotal: 100_000,
    productName: 'Panci',
    skuRef: 'P',
  }),
  line({
    orderId: 'A1',
    buyer: 'u1',
    created: at('2026-01-05 10:00'),
    subtotal: 50_000,
    productName: 'Spatula',
    skuRef: 'S',
  }),
  line({
    orderId: 'A2',
    buyer: 'u1',
    created: at('2026-01-15 10:00'),
    subtotal: 20_000,
    productName: 'Spatula',
    skuRef: 'S',
  }),
  line({
    orderId: 'A3',
    buyer: 'u1',
    created: at('2026-03-02 10:00'),
    subtotal: 30_000,
    productName: 'Panci',
    skuRef: 'P',
  }),
  line({
    orderId: 'B1',
    buyer: 'u2',
    created: at('2026-01-20 10:00'),
    subtotal: 40_000,
    productName: 'Panci',
    skuRef: 'P',
  }),
  line({
    orderId: 'B1',
    buyer: 'u2',
    created: at('2026-01-20 10:00'),
    subtotal: 10_000,
    productName: 'Spatula',
    skuRef: 'S',
  }),
  line({
    orderId: 'C1',
    buyer: 'u3',
    created: at('2026-02-01 10:00'),
    subtotal: 60_000,
    productName: 'Panci',
    skuRef: 'P',
  }),
  line({
    orderId: 'C2',
    buyer: 'u3',
    created: at('2026-03-18 10:00'),
    subtotal: 70_000,
    productName: 'Wajan',
    skuRef: 'W',
  }),
  line({
    orderId: 'X1',
    buyer: 'u2',
    created: at('2026-02-10 10:00'),
    subtotal: 90_000,
    status: 'Batal',
    cancelReason: 'Dibatalkan oleh Pembeli',
    completed: null,
  }),
  line({ orderId: 'E1', buyer: '', created: at('2026-02-11 10:00'), subtotal: 10_000 }),
  line({
    orderId: 'Z1',
    buyer: 'u4',
    created: at('2026-06-30 10:00'),
    subtotal: 10_000,
    productName: 'Wajan',
    skuRef: 'W',
  }),
]);

beforeAll(async () => {
  db = await openNodeDuckDB();
  engine = await Engine.open(db, {
    ml: localMl(() => initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`)),
  });
  const r = await engine.importFiles([{ name: 'Order.all.20260101_20260630.xlsx', data: orders }]);
  expect(r.files[0].status).toBe('ok');
});
afterAll(() => db.close());

describe('cohorts, segments and co-purchase', () => {
  it('the cohort matrix equals the hand-computed one', async () => {
    const c = await engine.cohortAnalysis();
    expect(c.cohorts).toEqual(['2026-01', '2026-02', '2026-06']);
    expect(c.sizes).toEqual([2, 1, 1]);
    // January: u1 and u2 in month 0, nobody in February, u1 in March. February: u3, then u3 in March.
    expect(c.buyers).toEqual([
      [2, 0, 1],
      [1, 1, 0],
      [1, 0, 0],
    ]);
    expect(c.sales[0]).toEqual([220_000, 0, 30_000]);
    // Second orders: u1 after 10 days, u3 after 45; u2 never. u4's first order is the last day: not counted.
    expect(c.repeat).toEqual([
      { days: 30, rate: 1 / 3, buyers: 3 },
      { days: 60, rate: 2 / 3, buyers: 3 },
      { days: 90, rate: 2 / 3, buyers: 3 },
    ]);
  });

  it("segments every buyer with a username, and exports a segment's buyers", async () => {
    const s = await engine.segmentCustomers('rfm');
    if (!s) throw new Error('no segments');
    expect(s.buyers).toBe(4);
    expect(s.segments.reduce((a, x) => a + x.size, 0)).toBe(4);
    expect(s.segments.reduce((a, x) => a + x.valueShare, 0)).toBeCloseTo(1, 12);
    const all = (await Promise.all(s.segments.map((x) => engine.getSegment('rfm', x.id)))).flat().sort();
    expect(all).toEqual(['u1', 'u2', 'u3', 'u4']);
    // Three months of history: fixed thresholds, in SQL as in rfmScores and segmentOf.
    expect(s.scheme).toBe('fixed');
    const stats = await buyerStats(db);
    const js = rfmScores(stats).map((x, i) => segmentOf(x, stats[i].orders));
    expect(await rfmLabels(db)).toEqual(js);
  });

  it('co-purchase: Panci and Spatula share 2 of 6 orders; lift and cosine from the counts', async () => {
    const pairs = await engine.recommendProducts({}, 2);
    expect(pairs).toHaveLength(1);
    const p = pairs[0];
    expect([p.a, p.b]).toEqual(['Panci', 'Spatula']);
    // Valid orders (baskets): A1, A2, A3, B1, C1, C2, Z1 and the empty buyer's E1 = 8. Panci in A1, A3, B1, C1 = 4; Spatula in A1, A2, B1 = 3.
    expect(p.together).toBe(2);
    expect(p.lift).toBeCloseTo((2 * 8) / (4 * 3), 12);
    expect(p.cosine).toBeCloseTo(2 / Math.sqrt(12), 12);
    // For u3 (Panci, Wajan), buyers over time suggest Spatula.
    expect((await engine.recommendProducts({ buyer: 'u3' }, 2)).map((x) => x.b)).toEqual(['Spatula']);
  });

  it("suggests the next product per segment: each buyer's first new product from the recommender", async () => {
    await engine.segmentCustomers('rfm');
    const next = await engine.segmentNextProducts('rfm');
    // Every buyer gets a first new product; u3 (Panci, Wajan) has one new product left: Spatula.
    expect(
      Object.values(next)
        .flatMap((x) => x.map((p) => p.buyers))
        .reduce((a, b) => a + b, 0),
    ).toBe(4);
    const [seg] = await db.query<{ seg: string }>(
      "SELECT seg FROM seg_rfm JOIN buyers USING (buyer_id) WHERE buyer = 'u3'",
    );
    expect(next[seg.seg].map((p) => p.name)).toContain('Spatula');
    const [u3] = await engine.buyAgain({ buyers: ['u3'] });
    expect(u3.next).toEqual(['Spatula']);
  });

  it('"buy again": own products by orders, then how due (days since ÷ usual interval nearest 1)', async () => {
    const lists = await engine.buyAgain({ buyers: ['u1', 'u2', 'u3', 'u4', 'nobody'] });
    expect(lists.map((l) => l.buyer)).toEqual(['u1', 'u2', 'u3', 'u4']);
    const by = Object.fromEntries(lists.map((l) => [l.buyer, l]));
    // u1: Panci in A1 (5 Jan) and A3 (2 Mar), 56 days apart; Spatula in A1 and A2 (15 Jan), 10 days apart.
    // On 30 Jun, Panci is 120 days on (120/56 ≈ 2.1× its interval), Spatula 166 days (16.6×): Panci first.
    expect(by.u1.again).toEqual([
      { name: 'Panci', orders: 2, lastOrder: '2026-03-02', intervalDays: 56, due: '2026-04-27' },
      { name: 'Spatula', orders: 2, lastOrder: '2026-01-15', intervalDays: 10, due: '2026-01-25' },
    ]);
    // u2 bought each once: the products' usual intervals (u1's) rank them, Panci (161/56) before Spatula (161/10).
    expect(by.u2.again.map((a) => [a.name, a.intervalDays])).toEqual([
      ['Panci', 56],
      ['Spatula', 10],
    ]);
    // Nobody bought Wajan twice: no interval, after Panci.
    expect(by.u3.again.map((a) => [a.name, a.intervalDays, a.due])).toEqual([
      ['Panci', 56, '2026-03-29'],
      ['Wajan', null, null],
    ]);
    expect(by.u4.again.map((a) => a.name)).toEqual(['Wajan']);
    for (const l of lists) for (const n of l.next) expect(l.again.map((a) => a.name)).not.toContain(n);
    const again = await engine.segmentBuyAgain('rfm');
    expect(
      Object.values(again)
        .flatMap((x) => x.map((p) => p.buyers))
        .reduce((a, b) => a + b, 0),
    ).toBe(4);
  });

  it("keeps the seller's calendar corrections with the data", async () => {
    expect(await engine.getCalendar()).toEqual({});
    const c = { ramadan: { '2027': { start: '2027-02-09', lebaran: '2027-03-11' } } };
    await engine.setCalendar(c);
    expect(await engine.getCalendar()).toEqual(c);
    expect(await (await Engine.open(db)).getCalendar()).toEqual(c);
  });
});
