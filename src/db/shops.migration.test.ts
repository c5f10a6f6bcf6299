import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { bytes } from '../../test/sample';
import { derivedSnapshot } from '../../test/derived';
import { Engine } from '../engine/engine';
import { openNodeDuckDB } from './nodeDuckdb';
import { SCHEMA_VERSION } from './schema';
import { dumpTables, restoreTables } from './workspace';

const FILES = [
  'Order.all.20261001_20261031.xlsx',
  'Order.all.20261101_20261130.xlsx',
  'Income.sudah dilepas.id.20261101_20261130.xlsx',
  'asta_dapur_official.shopee-shop-stats.20261101-20261130.xlsx',
];
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
/** What the migration to shops added: a table, and columns of these tables (every table with rows has `shop`). */
const ADDED_TABLES = ['shops'];
const ADDED_COLUMNS: Record<string, string[]> = {
  orders: ['all_first_date', 'all_prev_date', 'all_prev2_date'],
  imports: ['seller'],
};

describe('the migration to several shops', () => {
  it('moves a database from before into one shop named after its seller, with every number unchanged', async () => {
    const now = await openNodeDuckDB();
    const engine = await Engine.open(now);
    await engine.importFiles(FILES.map((name) => ({ name, data: bytes(name) })));
    const before = {
      kpis: await engine.kpis(NOVEMBER),
      products: await engine.productTable(NOVEMBER),
      trend: await engine.trend(NOVEMBER, 'week'),
      traffic: await engine.traffic(NOVEMBER),
    };
    const derived = await derivedSnapshot(now);
    // The same data as the schema before wrote it: no shops table, no shop column, no buyer dates over shops
    // (the derived tables are rebuilt by the migration, so their rows over all shops may stay).
    const dumps = (await dumpTables(now))
      .filter((d) => !ADDED_TABLES.includes(d.name))
      .map((d) => {
        const t = tableFromIPC(d.ipc);
        const drop = ['shop', ...(ADDED_COLUMNS[d.name] ?? [])];
        const kept = t.schema.fields.map((f) => f.name).filter((n) => !drop.includes(n));
        return { ...d, ipc: tableToIPC(t.select(kept), 'stream') };
      });
    const old = await openNodeDuckDB();
    await old.exec('BEGIN TRANSACTION');
    await restoreTables(old, SCHEMA_VERSION - 1, dumps);
    await old.exec('COMMIT');
    const migrated = await Engine.open(old);
    expect(await migrated.listShops()).toEqual([{ id: 1, name: 'asta_dapur_official', seller: 'asta_dapur_official' }]);
    expect({
      kpis: await migrated.kpis(NOVEMBER),
      products: await migrated.productTable(NOVEMBER),
      trend: await migrated.trend(NOVEMBER, 'week'),
      traffic: await migrated.traffic(NOVEMBER),
    }).toEqual(before);
    expect(await derivedSnapshot(old)).toEqual(derived);
    expect((await migrated.listImports()).map((i) => i.shop)).toEqual(FILES.map(() => 1));
  });
});
