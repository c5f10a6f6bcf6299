import type { MergeTarget } from '../ingest/kinds/output';
import type { SqlConnection } from './connection';
import { sqlTimestamp } from './connection';

/**
 * Merge rules of METRICS.md. Every imported row is kept in a `*_raw` table with its import id; the
 * canonical table holds, per line key, the winning row: final status first (orders only), then the newer
 * snapshot, then the later import. Because the winner is recomputed from the raw rows, the result does not
 * depend on the order files arrive in, re-importing changes nothing, and removing an import restores what
 * the other imports say.
 */
interface TargetRules {
  raw: string;
  canonical: string;
  stage: string;
  /** Columns of the raw table after `import_id, snapshot_at`, as SELECT expressions over the stage table. */
  stageSelect: string;
  priority: string;
}

const ts = (c: string) => `epoch_ms(CAST(${c} AS BIGINT)) AS ${c}`;
const int = (c: string) => `CAST(${c} AS BIGINT) AS ${c}`;

const TARGETS: Record<MergeTarget, TargetRules> = {
  order_lines: {
    raw: 'order_lines_raw',
    canonical: 'order_lines',
    stage: 'stage_order_lines',
    stageSelect: [
      'line_key, order_id, product_name, status_text, status_class, is_final',
      'cancel_reason, return_status, shipping_option, payment_method, parent_sku, sku_ref, variation',
      'buyer, city, province',
      ['created_at', 'paid_at', 'ship_arranged_at', 'completed_at'].map(ts).join(', '),
      [
        'original_price',
        'deal_price',
        'seller_discount',
        'shopee_discount',
        'seller_voucher',
        'shopee_voucher',
        'bundle_seller_discount',
        'buyer_shipping_fee',
        'est_shipping_fee',
        'total_payment',
        'qty',
        'returned_qty',
        'subtotal',
        'weight_g',
        'row_hash',
      ]
        .map(int)
        .join(', '),
    ].join(', '),
    priority: 'is_final DESC, snapshot_at DESC NULLS LAST, import_id DESC',
  },
  income: {
    raw: 'income_raw',
    canonical: 'income',
    stage: 'stage_income',
    stageSelect: [
      'line_key, order_id, layout, buyer, payment_method',
      ts('created_at'),
      ts('released_at'),
      ['product_price', 'net_payout', 'shopee_fees', 'ads_topup', 'shipping_net', 'row_hash'].map(int).join(', '),
    ].join(', '),
    priority: 'snapshot_at DESC NULLS LAST, import_id DESC',
  },
};

export function stageTable(target: MergeTarget): string {
  return TARGETS[target].stage;
}

/** Re-elects the canonical rows for the line keys in `affected_keys` (a temp table with `line_key`). */
async function electWinners(db: SqlConnection, t: TargetRules): Promise<void> {
  await db.exec(`DELETE FROM ${t.canonical} WHERE line_key IN (SELECT line_key FROM affected_keys)`);
  await db.exec(`INSERT INTO ${t.canonical}
    SELECT * EXCLUDE (rn) FROM (
      SELECT *, row_number() OVER (PARTITION BY line_key ORDER BY ${t.priority}) AS rn
      FROM ${t.raw} WHERE line_key IN (SELECT line_key FROM affected_keys)
    ) WHERE rn = 1`);
}

/** Rebuilds order rows (one per order id) for the order ids in `affected_orders`, and the buyers' first orders. */
async function rebuildOrders(db: SqlConnection): Promise<void> {
  const p = TARGETS.order_lines.priority;
  await db.exec(`DELETE FROM orders WHERE order_id IN (SELECT order_id FROM affected_orders)`);
  await db.exec(`INSERT INTO orders
    SELECT order_id,
      first(created_at ORDER BY ${p}), CAST(first(created_at ORDER BY ${p}) AS DATE),
      first(status_class ORDER BY ${p}), coalesce(first(buyer ORDER BY ${p}), ''),
      first(payment_method ORDER BY ${p}), first(shipping_option ORDER BY ${p}),
      first(province ORDER BY ${p}), first(city ORDER BY ${p}),
      count(*), coalesce(sum(subtotal), 0), coalesce(sum(qty), 0), coalesce(sum(returned_qty), 0),
      coalesce(sum(seller_discount), 0),
      coalesce(first(seller_voucher ORDER BY ${p}), 0), coalesce(first(bundle_seller_discount ORDER BY ${p}), 0),
      first(total_payment ORDER BY ${p})
    FROM order_lines WHERE order_id IN (SELECT order_id FROM affected_orders)
    GROUP BY order_id`);
  await db.exec(`DELETE FROM buyer_first`);
  await db.exec(`INSERT INTO buyer_first
    SELECT buyer, min(created_date) FROM orders
    WHERE buyer <> '' AND status_class NOT IN ('cancelled', 'unpaid', 'unknown') GROUP BY buyer`);
}

async function dropTemps(db: SqlConnection): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS affected_keys');
  await db.exec('DROP TABLE IF EXISTS affected_orders');
  await db.exec('DROP TABLE IF EXISTS previous_winners');
}

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Moves the staged rows of one file into the raw table under `importId` and re-elects the winners of their
 * line keys. Runs inside the caller's transaction. Returns how many of the file's rows were new, changed a
 * stored row, or changed nothing.
 */
export async function mergeStaged(
  db: SqlConnection,
  target: MergeTarget,
  importId: number,
  snapshotAt: number | null,
): Promise<MergeCounts> {
  const t = TARGETS[target];
  await dropTemps(db);
  await db.exec(`INSERT INTO ${t.raw} SELECT ${importId}, ${sqlTimestamp(snapshotAt)}, ${t.stageSelect} FROM ${t.stage}`);
  await db.exec(`CREATE TEMP TABLE affected_keys AS SELECT DISTINCT line_key, order_id FROM ${t.stage}`);
  await db.exec(`CREATE TEMP TABLE previous_winners AS
    SELECT line_key, row_hash FROM ${t.canonical} WHERE line_key IN (SELECT line_key FROM affected_keys)`);
  await electWinners(db, t);
  if (target === 'order_lines') {
    await db.exec('CREATE TEMP TABLE affected_orders AS SELECT DISTINCT order_id FROM affected_keys');
    await rebuildOrders(db);
  }
  const [c] = await db.query<{ total: number; added: number; updated: number }>(`
    SELECT count(*) AS total,
      count(*) FILTER (WHERE p.line_key IS NULL) AS added,
      count(*) FILTER (WHERE p.line_key IS NOT NULL AND n.row_hash <> p.row_hash) AS updated
    FROM affected_keys a JOIN ${t.canonical} n USING (line_key) LEFT JOIN previous_winners p USING (line_key)`);
  await dropTemps(db);
  return { added: c.added, updated: c.updated, unchanged: c.total - c.added - c.updated };
}

/** Deletes one import's raw rows and re-elects the winners it took part in. Runs in the caller's transaction. */
export async function unmergeImport(db: SqlConnection, target: MergeTarget, importId: number): Promise<void> {
  const t = TARGETS[target];
  await dropTemps(db);
  await db.exec(`CREATE TEMP TABLE affected_keys AS SELECT DISTINCT line_key, order_id FROM ${t.raw} WHERE import_id = ${importId}`);
  await db.exec(`DELETE FROM ${t.raw} WHERE import_id = ${importId}`);
  await electWinners(db, t);
  if (target === 'order_lines') {
    await db.exec('CREATE TEMP TABLE affected_orders AS SELECT DISTINCT order_id FROM affected_keys');
    await rebuildOrders(db);
  }
  await dropTemps(db);
}
