import type { SqlConnection } from './connection';

/**
 * Versioned migrations. Each runs once, in order, inside a transaction; `meta.schema_version` records the
 * last one applied. Never edit a released migration: add a new one.
 */
export const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE meta (key VARCHAR, value VARCHAR)`,
    `INSERT INTO meta VALUES ('dataset_version', '0'), ('currency', NULL)`,
    `CREATE TABLE imports (
      id INTEGER, file_name VARCHAR, kind VARCHAR, target VARCHAR, file_hash VARCHAR, file_size BIGINT,
      imported_at TIMESTAMP, snapshot_at TIMESTAMP, first_at TIMESTAMP, last_at TIMESTAMP,
      rows_read INTEGER, added INTEGER, updated INTEGER, unchanged INTEGER, notes VARCHAR)`,
    `CREATE TABLE order_lines_raw (
      import_id INTEGER, snapshot_at TIMESTAMP, line_key VARCHAR, order_id VARCHAR, product_name VARCHAR,
      status_text VARCHAR, status_class VARCHAR, is_final BOOLEAN,
      cancel_reason VARCHAR, return_status VARCHAR, shipping_option VARCHAR, payment_method VARCHAR,
      parent_sku VARCHAR, sku_ref VARCHAR, variation VARCHAR, buyer VARCHAR, city VARCHAR, province VARCHAR,
      created_at TIMESTAMP, paid_at TIMESTAMP, ship_arranged_at TIMESTAMP, completed_at TIMESTAMP,
      original_price BIGINT, deal_price BIGINT, seller_discount BIGINT, shopee_discount BIGINT,
      seller_voucher BIGINT, shopee_voucher BIGINT, bundle_seller_discount BIGINT, buyer_shipping_fee BIGINT,
      est_shipping_fee BIGINT, total_payment BIGINT,
      qty INTEGER, returned_qty INTEGER, subtotal BIGINT, weight_g INTEGER, row_hash BIGINT)`,
    `CREATE TABLE order_lines AS SELECT * FROM order_lines_raw WHERE false`,
    `CREATE TABLE orders (
      order_id VARCHAR, created_at TIMESTAMP, created_date DATE, status_class VARCHAR, buyer VARCHAR,
      payment_method VARCHAR, shipping_option VARCHAR, province VARCHAR, city VARCHAR,
      line_count INTEGER, sales BIGINT, units BIGINT, returned_units BIGINT, line_seller_discount BIGINT,
      seller_voucher BIGINT, bundle_seller_discount BIGINT, total_payment BIGINT)`,
    `CREATE TABLE buyer_first (buyer VARCHAR, first_date DATE)`,
    `CREATE TABLE income_raw (
      import_id INTEGER, snapshot_at TIMESTAMP, line_key VARCHAR, order_id VARCHAR, layout VARCHAR,
      buyer VARCHAR, payment_method VARCHAR, created_at TIMESTAMP, released_at TIMESTAMP,
      product_price BIGINT, net_payout BIGINT, shopee_fees BIGINT, ads_topup BIGINT, shipping_net BIGINT,
      row_hash BIGINT)`,
    `CREATE TABLE income AS SELECT * FROM income_raw WHERE false`,
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
      for (const stmt of MIGRATIONS[v]) await db.exec(stmt);
      await db.exec(`DELETE FROM meta WHERE key = 'schema_version'`);
      await db.exec(`INSERT INTO meta VALUES ('schema_version', '${v + 1}')`);
      await db.exec('COMMIT');
    } catch (e) {
      await db.exec('ROLLBACK');
      throw e;
    }
  }
}
