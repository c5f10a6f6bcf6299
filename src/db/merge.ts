import type { MergeTarget } from '../ingest/kinds/output';
import type { SqlConnection } from './connection';
import { sqlTimestamp } from './connection';
import { allRowsTable, stageTable, TARGET_COLUMNS } from './tables';

/**
 * Merge rules of METRICS.md. Every imported row is kept in a `*_all` table with its import id; per line key,
 * the row with the highest priority is flagged the winner (`is_winner`; the canonical view shows only
 * winners): a final status first (order lines only), then the newer snapshot, then the later import.
 * Priority is one number (`prio`), so a new import only has to beat the current winners of its keys.
 * The result does not depend on the order files arrive in, re-importing changes nothing, and removing an
 * import restores what the other imports say.
 */

/** Valid orders (METRICS.md): neither cancelled nor unpaid; an unknown status is not guessed to be one. */
export const VALID_STATUS = `status_class NOT IN ('cancelled', 'unpaid', 'unknown')`;

const valueNames = (target: MergeTarget) => TARGET_COLUMNS[target].values.map(([n]) => n);

/** The stage table's columns cast to their stored types (Arrow carries numbers as doubles). */
function typedStageColumns(target: MergeTarget): string {
  return TARGET_COLUMNS[target].values
    .map(([n, ty]) => {
      if (ty === 'timestamp') return `epoch_ms(CAST(${n} AS BIGINT)) AS ${n}`;
      if (ty === 'bigint' || ty === 'int') return `CAST(${n} AS ${ty === 'int' ? 'INTEGER' : 'BIGINT'}) AS ${n}`;
      return n;
    })
    .join(', ');
}

/** One BIGINT that orders rows by the merge rule: final bit, snapshot seconds, import id. */
function priority(target: MergeTarget, importId: number, snapshotAt: number | null): string {
  const snapshot = `(coalesce(epoch(${sqlTimestamp(snapshotAt)}), 0)::BIGINT << 20)`;
  const final = TARGET_COLUMNS[target].finality ? `(CASE WHEN is_final THEN 1::BIGINT << 56 ELSE 0 END) | ` : '';
  return `${final}${snapshot} | ${importId}`;
}

async function dropTemps(db: SqlConnection): Promise<void> {
  for (const t of ['incoming', 'affected_orders', 'reelect', 'affected_dates']) await db.exec(`DROP TABLE IF EXISTS ${t}`);
}

/**
 * Rebuilds the `orders` rows of the order ids in `affected_orders`, taking order-level fields from each
 * order's highest-priority line; registers new buyers and refreshes the first valid order date of the
 * buyers involved.
 */
async function rebuildOrders(db: SqlConnection): Promise<void> {
  await db.exec(`CREATE TEMP TABLE affected_buyers AS
    SELECT DISTINCT buyer FROM order_lines WHERE order_id IN (SELECT order_id FROM affected_orders) AND buyer <> ''`);
  await db.exec(`INSERT INTO buyers
    SELECT (SELECT coalesce(max(buyer_id), 0) FROM buyers) + row_number() OVER (ORDER BY buyer), buyer
    FROM affected_buyers WHERE buyer NOT IN (SELECT buyer FROM buyers)`);
  await db.exec(`CREATE TEMP TABLE affected_dates AS
    SELECT DISTINCT created_date FROM orders WHERE order_id IN (SELECT order_id FROM affected_orders)`);
  await db.exec(`DELETE FROM orders WHERE order_id IN (SELECT order_id FROM affected_orders)`);
  await db.exec(`INSERT INTO orders
    SELECT order_id, t.created_at, CAST(t.created_at AS DATE), t.paid_at, t.ship_arranged_at, t.status_class, t.${VALID_STATUS}, coalesce(t.buyer, ''),
      b.buyer_id, NULL, NULL, NULL, t.payment_method, t.shipping_option, t.province, t.city, line_count, sales, units, returned_units,
      line_seller_discount + coalesce(t.seller_voucher, 0) + coalesce(t.bundle_seller_discount, 0), t.total_payment
    FROM (
      SELECT order_id,
        arg_max({created_at: created_at, paid_at: paid_at, ship_arranged_at: ship_arranged_at, status_class: status_class, buyer: buyer, payment_method: payment_method,
          shipping_option: shipping_option, province: province, city: city, seller_voucher: seller_voucher,
          bundle_seller_discount: bundle_seller_discount, total_payment: total_payment}, prio) AS t,
        count(*) AS line_count, coalesce(sum(subtotal), 0) AS sales, coalesce(sum(qty), 0) AS units,
        coalesce(sum(returned_qty), 0) AS returned_units, coalesce(sum(seller_discount), 0) AS line_seller_discount
      FROM order_lines WHERE order_id IN (SELECT order_id FROM affected_orders)
      GROUP BY order_id
    ) LEFT JOIN buyers b ON b.buyer = t.buyer`);
  // Each valid order carries its buyer's first valid order date and the dates of the buyer's two previous
  // valid orders, so the KPIs count buyers, repeat buyers and new buyers in one scan, with no grouping.
  await db.exec(`UPDATE orders SET buyer_first_date = w.first_date, prev_date = w.p1, prev2_date = w.p2
    FROM (
      SELECT order_id, min(created_date) OVER (PARTITION BY buyer_id) AS first_date,
        lag(created_date, 1) OVER (PARTITION BY buyer_id ORDER BY created_at, order_id) AS p1,
        lag(created_date, 2) OVER (PARTITION BY buyer_id ORDER BY created_at, order_id) AS p2
      FROM orders WHERE is_valid AND buyer IN (SELECT buyer FROM affected_buyers)
    ) w
    WHERE orders.order_id = w.order_id`);
  await db.exec('DROP TABLE affected_buyers');
  await db.exec(`INSERT INTO affected_dates
    SELECT DISTINCT created_date FROM orders WHERE order_id IN (SELECT order_id FROM affected_orders)`);
  await rebuildRollups(db);
  await db.exec('DROP TABLE affected_dates');
}

/** The SKU of a line (METRICS.md): Nomor Referensi SKU, else product name + variation. */
export const SKU_OF_LINE = "coalesce(nullif(l.sku_ref, ''), l.product_name || ' · ' || coalesce(l.variation, ''))";
export const SKU_DETAIL_SQL = "l.product_name || CASE WHEN coalesce(l.variation, '') <> '' THEN ' · ' || l.variation ELSE '' END";

/** Recomputes the daily rollups of the dates in `affected_dates`. */
async function rebuildRollups(db: SqlConnection): Promise<void> {
  const dates = 'created_date IN (SELECT created_date FROM affected_dates)';
  for (const t of ['rollup_products', 'rollup_skus', 'rollup_orders']) await db.exec(`DELETE FROM ${t} WHERE ${dates}`);
  const lines = `FROM order_lines l JOIN orders o USING (order_id) WHERE o.is_valid AND o.${dates}`;
  await db.exec(`INSERT INTO rollup_products
    SELECT o.created_date, l.product_name, coalesce(l.parent_sku, ''), count(DISTINCT l.order_id), coalesce(sum(l.qty), 0),
      coalesce(sum(l.subtotal), 0), coalesce(sum(l.returned_qty), 0), count(DISTINCT l.order_id) FILTER (WHERE l.returned_qty > 0)
    ${lines} GROUP BY 1, 2, 3`);
  await db.exec(`INSERT INTO rollup_skus
    SELECT o.created_date, ${SKU_OF_LINE}, ${SKU_DETAIL_SQL}, count(DISTINCT l.order_id), coalesce(sum(l.qty), 0),
      coalesce(sum(l.subtotal), 0) ${lines} GROUP BY 1, 2, 3`);
  // A city is named with its province (the same city name exists in several provinces).
  const keys: Record<string, string> = {
    province: "coalesce(nullif(province, ''), '–')",
    payment_method: "coalesce(nullif(payment_method, ''), '–')",
    shipping_option: "coalesce(nullif(shipping_option, ''), '–')",
    city: "coalesce(nullif(city, ''), '–') || chr(31) || coalesce(province, '')",
  };
  for (const [dim, key] of Object.entries(keys)) {
    await db.exec(`INSERT INTO rollup_orders
      SELECT created_date, '${dim}', ${key}, count(*), coalesce(sum(units), 0), coalesce(sum(sales), 0)
      FROM orders WHERE is_valid AND ${dates} GROUP BY 1, 2, 3`);
  }
}

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Adds the staged rows of one file under `importId`; each row becomes the winner of its line key when it
 * outranks the current winner. Runs inside the caller's transaction. Returns how many of the file's rows
 * were new, changed a stored row, or changed nothing.
 */
export async function mergeStaged(
  db: SqlConnection,
  target: MergeTarget,
  importId: number,
  snapshotAt: number | null,
): Promise<MergeCounts> {
  const all = allRowsTable(target);
  const names = valueNames(target);
  await dropTemps(db);
  await db.exec(`CREATE TEMP TABLE incoming AS
    WITH s AS (
      SELECT ${importId} AS import_id, ${sqlTimestamp(snapshotAt)} AS snapshot_at, ${typedStageColumns(target)}
      FROM ${stageTable(target)}
    ), typed AS (
      SELECT import_id, snapshot_at, ${priority(target, importId, snapshotAt)} AS prio, ${names.join(', ')},
        hash(${names.join(', ')}) AS row_hash
      FROM s
    )
    SELECT typed.*, c.line_key IS NOT NULL AS existed, c.row_hash AS old_hash,
      c.line_key IS NULL OR typed.prio > c.prio AS wins
    FROM typed LEFT JOIN (SELECT line_key, prio, row_hash FROM ${all} WHERE is_winner) c USING (line_key)`);
  await db.exec(`UPDATE ${all} SET is_winner = false
    WHERE is_winner AND line_key IN (SELECT line_key FROM incoming WHERE existed AND wins)`);
  await db.exec(`INSERT INTO ${all}
    SELECT import_id, snapshot_at, prio, wins, ${names.join(', ')}, row_hash FROM incoming`);
  if (target === 'order_lines') {
    await db.exec('CREATE TEMP TABLE affected_orders AS SELECT DISTINCT order_id FROM incoming WHERE wins');
    await rebuildOrders(db);
  }
  const [c] = await db.query<{ total: number; added: number; updated: number }>(`
    SELECT count(*) AS total, count(*) FILTER (WHERE NOT existed) AS added,
      count(*) FILTER (WHERE existed AND wins AND row_hash <> old_hash) AS updated
    FROM incoming`);
  await dropTemps(db);
  return { added: c.added, updated: c.updated, unchanged: c.total - c.added - c.updated };
}

/**
 * Deletes one import's rows. The line keys it was winning are re-elected from the remaining rows. Runs in
 * the caller's transaction.
 */
export async function unmergeImport(db: SqlConnection, target: MergeTarget, importId: number): Promise<void> {
  const all = allRowsTable(target);
  await dropTemps(db);
  const orderId = target === 'order_lines' ? ', order_id' : '';
  await db.exec(`CREATE TEMP TABLE reelect AS
    SELECT line_key${orderId} FROM ${all} WHERE import_id = ${importId} AND is_winner`);
  await db.exec(`DELETE FROM ${all} WHERE import_id = ${importId}`);
  await db.exec(`UPDATE ${all} SET is_winner = true
    FROM (SELECT line_key, max(prio) AS top FROM ${all} WHERE line_key IN (SELECT line_key FROM reelect) GROUP BY line_key) w
    WHERE ${all}.line_key = w.line_key AND ${all}.prio = w.top`);
  if (target === 'order_lines') {
    await db.exec('CREATE TEMP TABLE affected_orders AS SELECT DISTINCT order_id FROM reelect');
    await rebuildOrders(db);
  }
  await dropTemps(db);
}
