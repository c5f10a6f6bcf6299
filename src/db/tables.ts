import type { MergeTarget } from '../ingest/kinds/output';

/**
 * The stored columns of each merge target, as data: the stage table (from Arrow), the raw table (every
 * import's rows) and the canonical table (the winner per line key) are all derived from these lists.
 */
export type ColumnType = 'text' | 'bool' | 'timestamp' | 'bigint' | 'int' | 'double';

export interface TargetColumns {
  /** Columns that come from the file, in storage order. `line_key` must be first. */
  values: readonly (readonly [name: string, type: ColumnType])[];
  /** Whether a final status outranks a newer snapshot (order lines) or not (income). */
  finality: boolean;
}

const t = (type: ColumnType, ...names: string[]) => names.map((n) => [n, type] as const);

export const TARGET_COLUMNS: Record<MergeTarget, TargetColumns> = {
  order_lines: {
    values: [
      ...t('text', 'line_key', 'order_id', 'product_name', 'status_text', 'status_class'),
      ...t('bool', 'is_final'),
      ...t('text', 'cancel_reason', 'return_status', 'shipping_option', 'payment_method', 'parent_sku', 'sku_ref'),
      ...t('text', 'variation', 'buyer', 'city', 'province'),
      ...t('timestamp', 'created_at', 'paid_at', 'ship_arranged_at', 'completed_at'),
      ...t('bigint', 'original_price', 'deal_price', 'seller_discount', 'shopee_discount', 'seller_voucher'),
      ...t('bigint', 'shopee_voucher', 'bundle_seller_discount', 'buyer_shipping_fee', 'est_shipping_fee'),
      ...t('bigint', 'total_payment', 'subtotal'),
      ...t('int', 'qty', 'returned_qty', 'weight_g'),
    ],
    finality: true,
  },
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

/** The table of all rows of a target and the view of its winners. */
export function createStoredTables(target: MergeTarget): string[] {
  const cols = TARGET_COLUMNS[target].values.map(([n, ty]) => `${n} ${SQL_TYPE[ty]}`).join(', ');
  return [
    `CREATE TABLE ${allRowsTable(target)} (${LINEAGE_COLUMNS}, ${cols}, row_hash UBIGINT)`,
    `CREATE VIEW ${canonicalView(target)} AS SELECT * FROM ${allRowsTable(target)} WHERE is_winner`,
  ];
}
