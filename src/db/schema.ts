import type { SqlConnection } from './connection';
import { rebuildDerived } from './merge';
import { MERGE_TARGETS } from '../ingest/kinds/output';
import { addOrderColumns, addShopColumn, addStoredColumns, createStoredTables, DERIVED_TABLES } from './tables';
import { SELLER_OF_FILE_NAME } from './shops';

/** The order-level fields `orders` gained when the specs came to declare its columns (schema 8). */
export const ORDER_COLUMNS_OF_SPECS = [
  'completed_at',
  'seller_voucher',
  'shopee_voucher',
  'bundle_seller_discount',
  'buyer_shipping_fee',
  'est_shipping_fee',
];

/** The value columns of each stored target as its first release created them (never edit: add a migration). */
const RELEASED = {
  order_lines:
    'line_key VARCHAR, order_id VARCHAR, product_name VARCHAR, status_text VARCHAR, status_class VARCHAR, is_final BOOLEAN, cancel_reason VARCHAR, return_status VARCHAR, shipping_option VARCHAR, payment_method VARCHAR, parent_sku VARCHAR, sku_ref VARCHAR, variation VARCHAR, buyer VARCHAR, city VARCHAR, province VARCHAR, created_at TIMESTAMP, paid_at TIMESTAMP, ship_arranged_at TIMESTAMP, completed_at TIMESTAMP, original_price BIGINT, deal_price BIGINT, seller_discount BIGINT, shopee_discount BIGINT, seller_voucher BIGINT, shopee_voucher BIGINT, bundle_seller_discount BIGINT, buyer_shipping_fee BIGINT, est_shipping_fee BIGINT, total_payment BIGINT, subtotal BIGINT, qty INTEGER, returned_qty INTEGER, weight_g INTEGER',
  income:
    'line_key VARCHAR, order_id VARCHAR, layout VARCHAR, buyer VARCHAR, payment_method VARCHAR, created_at TIMESTAMP, released_at TIMESTAMP, product_price BIGINT, net_payout BIGINT, shopee_fees BIGINT, ads_topup BIGINT, shipping_net BIGINT',
  returns:
    'line_key VARCHAR, return_id VARCHAR, order_id VARCHAR, product_name VARCHAR, sku VARCHAR, reason VARCHAR, status VARCHAR, solution VARCHAR, requested_at TIMESTAMP, qty INTEGER, refund BIGINT',
  claims:
    'line_key VARCHAR, order_id VARCHAR, failed_status VARCHAR, claim_status VARCHAR, submitted_at TIMESTAMP, approved_at TIMESTAMP, paid_at TIMESTAMP, rejected_at TIMESTAMP, compensation BIGINT',
  wallet:
    'line_key VARCHAR, tx_at TIMESTAMP, tx_type VARCHAR, description VARCHAR, order_id VARCHAR, direction VARCHAR, amount BIGINT, status VARCHAR, balance_after BIGINT',
  insights:
    'line_key VARCHAR, kind VARCHAR, scope VARCHAR, metric VARCHAR, day TIMESTAMP, period_to TIMESTAMP, is_summary BOOLEAN, value DOUBLE',
};

/**
 * Rebuild the tables derived from the order lines. It runs today's code, which needs today's columns, so
 * it runs once, after every pending migration.
 */
const REBUILD = { rebuildDerived: true } as const;

/** A migration step: a statement, or a request to rebuild the derived tables. */
type Step = string | typeof REBUILD;

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
    ...createStoredTables('order_lines', RELEASED.order_lines),
    `CREATE TABLE orders (
      order_id VARCHAR, created_at TIMESTAMP, created_date DATE, paid_at TIMESTAMP, ship_arranged_at TIMESTAMP,
      status_class VARCHAR, is_valid BOOLEAN,
      buyer VARCHAR, buyer_id INTEGER, buyer_first_date DATE, prev_date DATE, prev2_date DATE, payment_method VARCHAR, shipping_option VARCHAR, province VARCHAR, city VARCHAR,
      line_count INTEGER, sales BIGINT, units BIGINT, returned_units BIGINT, seller_discount BIGINT,
      total_payment BIGINT)`,
    // One row per buyer username, with a dense integer id (grouping on it is fast).
    `CREATE TABLE buyers (buyer_id INTEGER, buyer VARCHAR)`,
    ...createStoredTables('income', RELEASED.income),
    ...createStoredTables('insights', RELEASED.insights),
  ],
  [
    // Unit costs the seller enters per SKU (rupiah), for gross profit.
    `CREATE TABLE unit_costs (sku VARCHAR, unit_cost BIGINT, updated_at TIMESTAMP)`,
    ...createStoredTables('returns', RELEASED.returns),
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
  createStoredTables('claims', RELEASED.claims),
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
    REBUILD,
  ],
  // Storage declared by the export specs: order lines gain their columns in spec order (every row is
  // rehashed), orders hold every order-level field, and each import records whether its file lists every
  // order of its span (the sales of a day only partial exports cover are unknown).
  [
    ...addStoredColumns('order_lines', []),
    ...addOrderColumns(...ORDER_COLUMNS_OF_SPECS),
    'ALTER TABLE imports ADD COLUMN IF NOT EXISTS covers_all BOOLEAN',
    `UPDATE imports SET covers_all = NOT regexp_matches(file_name, '^Order\\.(toship|shipping|cancellation|failed_delivery)\\b', 'i') WHERE kind = 'orders'`,
    REBUILD,
  ],
  // Seller balance (wallet) transactions, one per row of a balance report.
  createStoredTables('wallet', RELEASED.wallet),
  // The seller's product master: the master product of each SKU text (by its matching key), and the rows
  // of a master sheet that contradict each other, kept until the seller chooses (metrics/productMaster.ts).
  // Costs stay in unit_costs, per master product or per SKU.
  [
    `CREATE TABLE IF NOT EXISTS sku_masters (sku_key VARCHAR, sku VARCHAR, master VARCHAR, updated_at TIMESTAMP)`,
    `CREATE TABLE IF NOT EXISTS master_conflicts (kind VARCHAR, subject VARCHAR, options VARCHAR, file_name VARCHAR, updated_at TIMESTAMP)`,
  ],
  // Valid orders per day, SKU and variation: how many variations a SKU spans, and its breakdown by them
  // (a SKU row named after one variation hid the others).
  [
    `CREATE TABLE IF NOT EXISTS rollup_variations (created_date DATE, sku VARCHAR, product_name VARCHAR, variation VARCHAR, orders BIGINT, units BIGINT, sales BIGINT)`,
    REBUILD,
  ],
  // Several shops in one workspace (METRICS.md, "Shops"): every stored row, import and derived row carries
  // its shop, and every merge key includes it. The data of a database from before is shop 1, named after
  // the seller's username where a file name carries it. The orders gain the buyer's dates over all shops
  // (a buyer is one username on every shop), and the buyer rollups hold them as shop ALL_SHOPS.
  [
    `CREATE TABLE IF NOT EXISTS shops (id INTEGER, name VARCHAR, seller VARCHAR, auto_name BOOLEAN, created_at TIMESTAMP)`,
    `INSERT INTO shops SELECT 1, coalesce(s.seller, 'Toko 1'), s.seller, s.seller IS NULL, now()::TIMESTAMP
      FROM (SELECT (SELECT ${SELLER_OF_FILE_NAME} AS seller FROM imports WHERE ${SELLER_OF_FILE_NAME} <> '' ORDER BY id LIMIT 1) AS seller) s
      WHERE NOT EXISTS (SELECT 1 FROM shops)`,
    'ALTER TABLE imports ADD COLUMN IF NOT EXISTS shop INTEGER',
    'ALTER TABLE imports ADD COLUMN IF NOT EXISTS seller VARCHAR',
    'UPDATE imports SET shop = 1',
    ...MERGE_TARGETS.flatMap((t) => addShopColumn(t)),
    ...DERIVED_TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS shop INTEGER`),
    'ALTER TABLE orders ADD COLUMN IF NOT EXISTS all_first_date DATE',
    'ALTER TABLE orders ADD COLUMN IF NOT EXISTS all_prev_date DATE',
    'ALTER TABLE orders ADD COLUMN IF NOT EXISTS all_prev2_date DATE',
    REBUILD,
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
  if (version === SCHEMA_VERSION) return;
  await db.exec('BEGIN TRANSACTION');
  try {
    await applyMigrations(db, version, SCHEMA_VERSION);
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  }
}

/**
 * Applies migrations `from` (the version the database is at) up to `to`, inside the caller's transaction,
 * then rebuilds the derived tables if one of them asked.
 */
export async function applyMigrations(
  db: SqlConnection,
  from: number,
  to: number,
  /** False to create an old schema to load a dump into (its derived tables come with it). */
  rebuild = true,
): Promise<void> {
  let needed = false;
  for (let v = from; v < to; v++) {
    for (const step of MIGRATIONS[v]) {
      if (typeof step === 'string') await db.exec(step);
      else needed = true;
    }
  }
  if (needed && rebuild) await rebuildDerived(db);
  await db.exec(`DELETE FROM meta WHERE key = 'schema_version'`);
  await db.exec(`INSERT INTO meta VALUES ('schema_version', '${to}')`);
}
