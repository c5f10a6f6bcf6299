import type { MergeTarget } from '../ingest/kinds/output';
import type { SqlConnection } from './connection';
import { walletColumns } from '../ingest/kinds/balance';
import { ORDERS, orderLineColumns } from '../ingest/kinds/ordersSpec';
import { type ColumnType, storedColumns } from '../ingest/kinds/spec';

export type { ColumnType };

/**
 * The stored columns of each merge target, as data: the stage table (from Arrow), the raw table (every
 * import's rows) and the canonical table (the winner per line key) are all derived from these lists.
 */

export interface TargetColumns {
  /** Columns that come from the file, in storage order. `line_key` must be first. */
  values: readonly (readonly [name: string, type: ColumnType])[];
  /** Whether a final status outranks a newer snapshot (order lines) or not (income). */
  finality: boolean;
}

const t = (type: ColumnType, ...names: string[]) => names.map((n) => [n, type] as const);

export const TARGET_COLUMNS: Record<MergeTarget, TargetColumns> = {
  // The derived line columns, then every field the order spec stores (src/ingest/kinds/ordersSpec.ts).
  order_lines: { values: orderLineColumns(), finality: true },
  // Every field the balance report spec stores (src/ingest/kinds/balance.ts).
  wallet: { values: walletColumns(), finality: false },
  income: {
    values: [
      ...t('text', 'line_key', 'order_id', 'layout', 'buyer', 'payment_method'),
      ...t('timestamp', 'created_at', 'released_at'),
      ...t('bigint', 'product_price', 'net_payout', 'shopee_fees', 'ads_topup', 'shipping_net'),
    ],
    finality: false,
  },
  returns: {
    values: [
      ...t('text', 'line_key', 'return_id', 'order_id', 'product_name', 'sku', 'reason', 'status', 'solution'),
      ...t('timestamp', 'requested_at'),
      ...t('int', 'qty'),
      ...t('bigint', 'refund'),
    ],
    finality: false,
  },
  claims: {
    values: [
      ...t('text', 'line_key', 'order_id', 'failed_status', 'claim_status'),
      ...t('timestamp', 'submitted_at', 'approved_at', 'paid_at', 'rejected_at'),
      ...t('bigint', 'compensation'),
    ],
    finality: false,
  },
  insights: {
    values: [
      ...t('text', 'line_key', 'kind', 'scope', 'metric'),
      ...t('timestamp', 'day', 'period_to'),
      ...t('bool', 'is_summary'),
      ...t('double', 'value'),
    ],
    finality: false,
  },
};

export const SQL_TYPE: Record<ColumnType, string> = {
  text: 'VARCHAR',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  bigint: 'BIGINT',
  int: 'INTEGER',
  double: 'DOUBLE',
};

/** Bookkeeping columns in front of the values: lineage, merge priority, and whether the row is the winner. */
export const LINEAGE_COLUMNS = 'import_id INTEGER, snapshot_at TIMESTAMP, prio BIGINT, is_winner BOOLEAN';

/** Every imported row of a target, each import's rows kept. */
export const allRowsTable = (target: MergeTarget) => `${target}_all`;
/** The canonical rows: a view of the winners, one per line key. */
export const canonicalView = (target: MergeTarget) => (target === 'order_lines' ? 'order_lines' : target);
export const stageTable = (target: MergeTarget) => `stage_${target}`;

/**
 * The table of all rows of a target and the view of its winners, with the value columns of the release
 * that created them (a released migration never changes; later columns come by {@link addStoredColumns}).
 */
export function createStoredTables(target: MergeTarget, valueColumns: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${allRowsTable(target)} (${LINEAGE_COLUMNS}, ${valueColumns}, row_hash UBIGINT)`,
    canonicalViewSql(target),
  ];
}

const canonicalViewSql = (target: MergeTarget) =>
  `CREATE OR REPLACE VIEW ${canonicalView(target)} AS SELECT * FROM ${allRowsTable(target)} WHERE is_winner`;

/** The hash that tells a changed row from an unchanged one: over every value column, in declaration order. */
export const rowHashSql = (columns: TargetColumns) => `hash(${columns.values.map(([n]) => n).join(', ')})`;

/**
 * Migration steps that add newly declared columns to a target's stored rows (NULL in the rows stored
 * before), then rehash every row, so that re-importing an old file counts as unchanged. Each name must be
 * declared in TARGET_COLUMNS (for order lines: a field the order spec stores).
 */
export function addStoredColumns(
  target: MergeTarget,
  names: readonly string[],
  /** The target's declared columns (a test passes those of a changed spec). */
  columns: TargetColumns = TARGET_COLUMNS[target],
): string[] {
  const declared = new Map(columns.values);
  return [
    ...names.map((n) => {
      const type = declared.get(n);
      if (!type) throw new Error(`${n} is not a stored column of ${target}`);
      return `ALTER TABLE ${allRowsTable(target)} ADD COLUMN IF NOT EXISTS ${n} ${SQL_TYPE[type]}`;
    }),
    canonicalViewSql(target),
    `UPDATE ${allRowsTable(target)} SET row_hash = ${rowHashSql(columns)}`,
  ];
}

/**
 * How a database's stored columns differ from the declarations: one line per column missing, of another
 * type, or not declared. Empty when they agree (the schema test asserts so after every migration).
 */
export async function columnDrift(
  db: SqlConnection,
  table: string,
  declared: readonly (readonly [string, ColumnType])[],
  extra: readonly string[] = [],
): Promise<string[]> {
  const rows = await db.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = '${table}'`,
  );
  const actual = new Map(rows.map((r) => [r.name, r.type]));
  const want = new Map(declared.map(([n, t]) => [n, SQL_TYPE[t]]));
  const drift: string[] = [];
  for (const [n, t] of want) {
    const a = actual.get(n);
    if (a !== t) drift.push(`${table}.${n}: declared ${t}, ${a ? `stored ${a}` : 'missing'}`);
  }
  for (const n of actual.keys()) if (!want.has(n) && !extra.includes(n)) drift.push(`${table}.${n}: not declared`);
  return drift;
}

/** The tables derived from the order lines (rebuilt by merge.ts), each row of one shop. */
export const DERIVED_TABLES = [
  'orders',
  'order_skus',
  'rollup_products',
  'rollup_skus',
  'rollup_variations',
  'rollup_orders',
  'rollup_days',
  'rollup_hours',
  'rollup_buyers',
  'rollup_first_buyers',
  'rollup_cancellations',
] as const;

/** Migration steps that put every stored row of a target in shop 1 (the shop of a database from before). */
export function addShopColumn(target: MergeTarget): string[] {
  return [
    `ALTER TABLE ${allRowsTable(target)} ADD COLUMN IF NOT EXISTS shop INTEGER`,
    `UPDATE ${allRowsTable(target)} SET shop = 1`,
    canonicalViewSql(target),
  ];
}

/**
 * The order-level fields the `orders` table holds besides what it derives, each taken from the order's
 * highest-priority line: every field the order spec stores per order.
 */
export const ORDER_FIELDS: readonly (readonly [string, ColumnType])[] = storedColumns(ORDERS, 'order');

/** Migration steps that add order-level fields to `orders` (the derived tables must then be rebuilt). */
export function addOrderColumns(...names: string[]): string[] {
  const declared = new Map(ORDER_FIELDS);
  return names.map((n) => {
    const type = declared.get(n);
    if (!type) throw new Error(`${n} is not an order-level field of the order spec`);
    return `ALTER TABLE orders ADD COLUMN IF NOT EXISTS ${n} ${SQL_TYPE[type]}`;
  });
}
