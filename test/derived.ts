import type { SqlConnection } from '../src/db/connection';
import { rawTables } from './fixtures';
import { ROLLUP_TABLES } from '../src/db/merge';

/** Every row of every table derived from the order lines, in a fixed order: for "kept = rebuilt" checks. */
export async function derivedSnapshot(db: SqlConnection): Promise<Record<string, unknown[]>> {
  // The tables as stored, every shop's rows, not the views of the shops an engine last read.
  await rawTables(db);
  const out: Record<string, unknown[]> = {};
  for (const t of ['orders', 'buyers', 'skus', 'order_skus', ...ROLLUP_TABLES]) {
    out[t] = await db.query(`SELECT * FROM ${t} ORDER BY ALL`);
  }
  return out;
}
