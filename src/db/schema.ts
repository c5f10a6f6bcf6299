import type { SqlConnection } from './connection';
import { rebuildDerived } from './merge';
import { createStoredTables } from './tables';

/** A migration step: a statement, or code for what SQL alone cannot say (rebuilding derived tables). */
type Step = string | ((db: SqlConnection) => Promise<void>);

/**
 * Versioned migrations. Each runs once, in order, inside a transaction; `meta.schema_version` records the
 * last one applied. Never edit a released migration: add a new one.
 */
export const MIGRATIONS: readonly (readonly Step[])[] = [
  [
    `CREATE TABLE meta (key VARCHAR, value VARCHAR)`,
    `INSERT INTO meta VALUES ('dataset_version', '0'), ('currency', NULL)`,
    `CREATE TABLE imports (
      id INTEGER, file_name VARCHAR, kind VARCHAR, target VARCHAR, file_hash VARCHAR, file_size BIGINT,
      imported_at TIMESTAMP, snapshot_at TIMESTAMP, first_at TIMESTAMP, last_at TIMESTAMP,
      rows_read INTEGER, added INTEGER, updated INTEGER, unchanged INTEGER, notes VARCHAR)`,
    ...createStoredTables('order_lines'),
    `CREATE TABLE orders (
      order_id VARCHAR, created_at TIMESTAMP, created_date DATE, paid_at TIMESTAMP, ship_arranged_at TIMESTAMP,
      status_class VARCHAR, is_valid BOOLEAN,
      buyer VARCHAR, buyer_id INTEGER, buyer_first_date DATE, prev_date DATE, prev2_date DATE, payment_method VARCHAR, shipping_option VARCHAR, province VARCHAR, city VARCHAR,
      line_count INTEGER, sales BIGINT, units BIGINT, returned_units BIGINT, seller_discount BIGINT,
      total_payment BIGINT)`,
    // One row per buyer username, with a dense integer id (grouping on it is fast).
    `CREATE TABLE buyers (buyer_id INTEGER, buyer VARCHAR)`,
    ...createStoredTables('income'),
    ...createStoredTables('insights'),
  ],
  [
    // Unit costs the seller enters per SKU (rupiah), for gross profit.
    `CREATE TABLE unit_costs (sku VARCHAR, unit_cost BIGINT, updated_at TIMESTAMP)`,
    ...createStoredTables('returns'),
    // Daily rollups of valid orders for the breakdowns (one order is on one day, so daily distinct order
    // counts add up over any range).
    `CREATE TABLE rollup_products (created_date DATE, product_name VARCHAR, parent_sku VARCHAR, orders BIGINT, units BIGINT, sales BIGINT, returned BIGINT, returned_orders BIGINT)`,
    `CREATE TABLE rollup_skus (created_date DATE, sku VARCHAR, detail VARCHAR, orders BIGINT, units BIGINT, sales BIGINT)`,
    `CREATE TABLE rollup_orders (created_date DATE, dim VARCHAR, key VARCHAR, orders BIGINT, units BIGINT, sales BIGINT)`,
  ],
  [
    // The category or group the seller gives a SKU (third column of the cost sheet), for sales by category.
    `CREATE TABLE product_categories (sku VARCHAR, category VARCHAR, updated_at TIMESTAMP)`,
  ],
  // Failed-delivery claims, one per order, from the claim columns of Order.failed_delivery exports.
  createStoredTables('claims'),
  [
    // Derived tables that keep the pages off the line tables, maintained by the merge (rebuildRollups):
    // orders per day by status, valid orders per day and hour, cancellations per day by reason, and valid
    // orders per day by the dates of the buyer's two previous orders (the buyer counts of any range; NO_DATE
    // where there is none).
    `CREATE TABLE rollup_days (created_date DATE, status_class VARCHAR, is_valid BOOLEAN, orders BIGINT, paid BIGINT, shipped BIGINT,
      sales BIGINT, units BIGINT, returned_units BIGINT, seller_discount BIGINT)`,
    `CREATE TABLE rollup_hours (created_date DATE, hour INTEGER, orders BIGINT)`,
    `CREATE TABLE rollup_cancellations (created_date DATE, reason VARCHAR, orders BIGINT, sales BIGINT)`,
    `CREATE TABLE rollup_buyers (created_date DATE, prev_date DATE, prev2_date DATE, orders BIGINT)`,
    // Valid orders per day that are their buyer's first of that day, ISO week and month: a trend's buyers.
    `CREATE TABLE rollup_first_buyers (created_date DATE, day BIGINT, week BIGINT, month BIGINT)`,
    // SKU keys with a dense id, and one row per valid order and SKU (rebuildOrderSkus). Previous-order
    // dates hold NO_DATE (0001-01-01) where there is none, so "first in the period" is one comparison.
    `CREATE TABLE skus (sku_id INTEGER, sku VARCHAR, product_name VARCHAR, variation VARCHAR)`,
    `CREATE TABLE order_skus (order_id VARCHAR, created_date DATE, buyer_id INTEGER, sku_id INTEGER, qty BIGINT, subtotal BIGINT,
      returned_qty BIGINT, order_sales BIGINT, prev_date DATE, prev2_date DATE, released_net BIGINT)`,
  ],
  // The daily SKU rollup keeps each day's newest product name and variation, which name the SKUs (they had
  // been named by the import that first brought them). The rebuild fills every derived table, including those
  // the migration before creates.
  [
    'ALTER TABLE rollup_skus ADD COLUMN IF NOT EXISTS product_name VARCHAR',
    'ALTER TABLE rollup_skus ADD COLUMN IF NOT EXISTS variation VARCHAR',
    rebuildDerived,
  ],
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings a database to the current schema. A database newer than this code is refused, never altered. */
export async function migrate(db: SqlConnection): Promise<void> {
  const hasMeta = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'meta'`,
  );
  let version = 0;
  if (hasMeta[0].n > 0) {
    const rows = await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`);
    version = rows.length ? Number(rows[0].value) : 1;
  }
  if (version > SCHEMA_VERSION) {
    throw new Error(`database schema ${version} is newer than this app (${SCHEMA_VERSION})`);
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    await db.exec('BEGIN TRANSACTION');
    try {
      await applyMigrations(db, v, v + 1);
      await db.exec('COMMIT');
    } catch (e) {
      await db.exec('ROLLBACK');
      throw e;
    }
  }
}

/** Applies migrations `from` (the version the database is at) up to `to`, inside the caller's transaction. */
export async function applyMigrations(db: SqlConnection, from: number, to: number): Promise<void> {
  for (let v = from; v < to; v++) {
    for (const step of MIGRATIONS[v]) await (typeof step === 'string' ? db.exec(step) : step(db));
    await db.exec(`DELETE FROM meta WHERE key = 'schema_version'`);
    await db.exec(`INSERT INTO meta VALUES ('schema_version', '${v + 1}')`);
  }
}
