import { joinChunks, type StagedRows } from '../ingest/arrow';
import type { MergeTarget } from '../ingest/kinds/output';
import type { SqlConnection } from './connection';
import { sqlTimestamp } from './connection';
import { LINE_MEASURES, ORDER_MEASURES, type OrderMeasure, sumOverOrders, VALID_STATUS } from './measures';
import { ALL_SHOPS } from './shops';
import { allRowsTable, DERIVED_TABLES, ORDER_FIELDS, rowHashSql, TARGET_COLUMNS, type TargetColumns } from './tables';

/**
 * Merge rules of METRICS.md. Every imported row is kept in a `*_all` table with its import id; per line key,
 * the row with the highest priority is flagged the winner (`is_winner`; the canonical view shows only
 * winners): a final status first (order lines only), then the newer snapshot, then the later import.
 * Priority is one number (`prio`), so a new import only has to beat the current winners of its keys.
 * The result does not depend on the order files arrive in, re-importing changes nothing, and removing an
 * import restores what the other imports say.
 */

/** The stage table's columns cast to their stored types (Arrow carries numbers as doubles). */
function typedStageColumns(columns: TargetColumns): string {
  return columns.values
    .map(([n, ty]) => {
      if (ty === 'timestamp') return `epoch_ms(CAST(${n} AS BIGINT)) AS ${n}`;
      if (ty === 'bigint' || ty === 'int') return `CAST(${n} AS ${ty === 'int' ? 'INTEGER' : 'BIGINT'}) AS ${n}`;
      return n;
    })
    .join(', ');
}

/**
 * One BIGINT that orders rows by the merge rule: final bit, snapshot seconds, import id (the last two as SQL
 * expressions: the row's columns, or constants).
 */
function priority(columns: TargetColumns, importId: string, snapshotAt: string): string {
  const snapshot = `(coalesce(epoch(${snapshotAt}), 0)::BIGINT << 20)`;
  const final = columns.finality ? `(CASE WHEN is_final THEN 1::BIGINT << 56 ELSE 0 END) | ` : '';
  return `${final}${snapshot} | ${importId}`;
}

async function dropTemps(db: SqlConnection): Promise<void> {
  for (const t of [
    'typed_rows',
    'incoming',
    'affected_orders',
    'reelect',
    'affected_dates',
    'affected_buyers',
    'buyer_dates',
    'affected_pairs',
    'pair_rows',
  ]) {
    await db.exec(`DROP TABLE IF EXISTS ${t}`);
  }
}

/**
 * Rebuilds the `orders` rows of the order ids in `affected_orders` (of every order when `full`), taking
 * order-level fields from each order's highest-priority line; registers new buyers, refreshes the previous-order dates of every order of
 * the buyers involved, and rebuilds the SKUs of their orders and the daily rollups of the dates touched.
 */
async function rebuildOrders(db: SqlConnection, full: boolean): Promise<void> {
  // A full rebuild (every order affected: the first order import, or a migration) skips the set filters,
  // which cost seconds at a million lines.
  const affected = full ? 'true' : '(shop, order_id) IN (SELECT shop, order_id FROM affected_orders)';
  // The buyers of the affected orders, before (stored orders) and after (their lines) the change.
  await db.exec(`CREATE TEMP TABLE affected_buyers AS
    SELECT buyer FROM order_lines WHERE ${affected} AND buyer <> ''
    UNION SELECT buyer FROM orders WHERE ${affected} AND buyer <> ''`);
  await db.exec(`INSERT INTO buyers
    SELECT (SELECT coalesce(max(buyer_id), 0) FROM buyers) + row_number() OVER (ORDER BY buyer), buyer
    FROM affected_buyers WHERE buyer NOT IN (SELECT buyer FROM buyers)`);
  await db.exec(`CREATE TEMP TABLE affected_dates AS SELECT DISTINCT shop, created_date FROM orders WHERE ${affected}`);
  await db.exec(`DELETE FROM orders WHERE ${affected}`);
  // Order-level fields come from the order's highest-priority line; the order's amounts add up its lines.
  // The aggregate picks that line by its row id and the fields are read from it after, so no text is
  // carried through the grouping.
  const fields = ORDER_FIELDS.map(([n]) => n);
  const lines = allRowsTable('order_lines');
  await db.exec(`INSERT INTO orders (shop, order_id, created_date, status_class, is_valid, buyer_id, line_count, sales, units,
      returned_units, seller_discount, ${fields.join(', ')})
    SELECT a.shop, a.order_id, CAST(t.created_at AS DATE), t.status_class, t.${VALID_STATUS}, b.buyer_id, line_count, sales, units, returned_units,
      line_seller_discount + coalesce(t.seller_voucher, 0) + coalesce(t.bundle_seller_discount, 0),
      ${fields.map((n) => (n === 'buyer' ? "coalesce(t.buyer, '')" : `t.${n}`)).join(', ')}
    FROM (
      SELECT shop, order_id, arg_max(rowid, prio) AS line,
        count(*) AS line_count, ${LINE_MEASURES.sales} AS sales, ${LINE_MEASURES.units} AS units,
        coalesce(sum(returned_qty), 0) AS returned_units, coalesce(sum(seller_discount), 0) AS line_seller_discount
      FROM ${lines} l WHERE is_winner AND ${affected}
      GROUP BY shop, order_id
    ) a JOIN ${lines} t ON t.rowid = a.line LEFT JOIN buyers b ON b.buyer = t.buyer`);
  // Each valid order carries its buyer's first valid order date (for filtered KPIs) and the dates of the
  // buyer's two previous valid orders (the keys of rollup_buyers, which counts buyers with no grouping):
  // within its shop, and over all shops (all_*).
  const ofBuyers = full ? "buyer <> ''" : 'buyer IN (SELECT buyer FROM affected_buyers)';
  await db.exec(`UPDATE orders SET buyer_first_date = w.first_date, prev_date = w.p1, prev2_date = w.p2,
      all_first_date = w.all_first, all_prev_date = w.all_p1, all_prev2_date = w.all_p2
    FROM (${buyerDatesSql(`orders WHERE is_valid AND ${ofBuyers}`)}) w
    WHERE orders.shop = w.shop AND orders.order_id = w.order_id
      AND (orders.buyer_first_date, orders.prev_date, orders.prev2_date, orders.all_first_date, orders.all_prev_date, orders.all_prev2_date)
        IS DISTINCT FROM (w.first_date, w.p1, w.p2, w.all_first, w.all_p1, w.all_p2)`);
  // The affected orders' dates, before (above) and after the change; and where the buyer counts change: the
  // dates of every order of their buyers, in their shop and over all shops.
  await db.exec(`INSERT INTO affected_dates SELECT DISTINCT shop, created_date FROM orders WHERE ${affected}`);
  await db.exec(`CREATE TEMP TABLE buyer_dates AS SELECT shop, created_date FROM affected_dates
    UNION SELECT shop, created_date FROM orders WHERE ${full ? 'true' : 'buyer IN (SELECT buyer FROM affected_buyers)'}`);
  await db.exec(`INSERT INTO buyer_dates SELECT DISTINCT ${ALL_SHOPS}, created_date FROM buyer_dates`);
  await rebuildOrderSkus(db, full);
  await rebuildRollups(db, full);
  await nameSkus(db);
  for (const t of ['affected_buyers', 'affected_dates', 'buyer_dates']) await db.exec(`DROP TABLE ${t}`);
}

/**
 * Per valid order of `from` (a table and its WHERE): its buyer's first valid order date and the dates of
 * their two previous valid orders, within the order's shop and over every shop of `from` (all_*).
 */
export function buyerDatesSql(from: string): string {
  const seq = (partition: string) => `PARTITION BY ${partition} ORDER BY created_at, shop, order_id`;
  return `SELECT shop, order_id,
      min(created_date) OVER (PARTITION BY shop, buyer_id) AS first_date,
      lag(created_date, 1) OVER (${seq('shop, buyer_id')}) AS p1, lag(created_date, 2) OVER (${seq('shop, buyer_id')}) AS p2,
      min(created_date) OVER (PARTITION BY buyer_id) AS all_first,
      lag(created_date, 1) OVER (${seq('buyer_id')}) AS all_p1, lag(created_date, 2) OVER (${seq('buyer_id')}) AS all_p2
    FROM ${from}`;
}

/** The SKU of a line (METRICS.md): Nomor Referensi SKU, else product name + variation. */
export const SKU_OF_LINE = "coalesce(nullif(l.sku_ref, ''), l.product_name || ' · ' || coalesce(l.variation, ''))";
export const SKU_DETAIL_SQL =
  "l.product_name || CASE WHEN coalesce(l.variation, '') <> '' THEN ' · ' || l.variation ELSE '' END";
/** The order of a SKU's lines by age: the newest last, ties broken by the text, so the choice is stable. */
const NEWEST_LINE = `{d: l.created_at, n: ${SKU_DETAIL_SQL}}`;
/** The SKU detail of a group of lines: that of the newest line. */
export const NEWEST_SKU_DETAIL = `arg_max(${SKU_DETAIL_SQL}, ${NEWEST_LINE})`;
/** The same order over `rollup_skus` rows, each holding its day's newest line: the newest day wins. */
export const NEWEST_ROLLUP_DAY = '{d: created_date, n: detail}';

/**
 * "No previous order" in the previous-order dates of the derived tables: a date before every order, so a
 * period's first orders are simply those with `prev_date < start`. NULL there means the order has no buyer.
 */
export const NO_DATE = "DATE '0001-01-01'";

/**
 * Rebuilds `order_skus` (one row per valid order and SKU, with the dates of the buyer's two previous orders
 * of that SKU, and the order's released net payout) for the orders in `affected_orders` (every order when
 * `full`), then the previous-order dates of every row of the (buyer, SKU) pairs those orders had before or
 * have now. A new SKU key gets an id in `skus` (nameSkus names it once the rollups are rebuilt).
 */
async function rebuildOrderSkus(db: SqlConnection, full: boolean): Promise<void> {
  const ofOrders = (alias = '') =>
    full ? 'true' : `(${alias}shop, ${alias}order_id) IN (SELECT shop, order_id FROM affected_orders)`;
  await db.exec(`INSERT INTO skus
    SELECT (SELECT coalesce(max(sku_id), 0) FROM skus) + row_number() OVER (ORDER BY sku), sku, NULL, NULL
    FROM (SELECT DISTINCT ${SKU_OF_LINE} AS sku FROM order_lines l WHERE ${ofOrders('l.')})
    WHERE sku NOT IN (SELECT sku FROM skus)`);
  const pairsOfOrders = `SELECT DISTINCT shop, buyer_id, sku_id FROM order_skus WHERE ${ofOrders()} AND buyer_id IS NOT NULL`;
  if (!full) await db.exec(`CREATE TEMP TABLE affected_pairs AS ${pairsOfOrders}`);
  await db.exec(`DELETE FROM order_skus WHERE ${ofOrders()}`);
  // A full rebuild numbers every pair's orders here; otherwise the affected pairs are renumbered below.
  const prev = (n: number) => (full ? `lag(created_date, ${n}, ${NO_DATE}) OVER w` : NO_DATE);
  await db.exec(`INSERT INTO order_skus (shop, order_id, created_date, buyer_id, sku_id, qty, subtotal, returned_qty,
      order_sales, prev_date, prev2_date, released_net)
    SELECT shop, order_id, created_date, buyer_id, sku_id, qty, subtotal, returned_qty, order_sales,
      CASE WHEN buyer_id IS NOT NULL THEN ${prev(1)} END, CASE WHEN buyer_id IS NOT NULL THEN ${prev(2)} END, released_net
    FROM (
      SELECT o.shop, o.order_id, o.created_date, o.created_at, o.buyer_id, s.sku_id, coalesce(sum(l.qty), 0) AS qty,
        coalesce(sum(l.subtotal), 0) AS subtotal, coalesce(sum(l.returned_qty), 0) AS returned_qty, o.sales AS order_sales
      FROM order_lines l JOIN orders o USING (shop, order_id) JOIN skus s ON s.sku = ${SKU_OF_LINE}
      WHERE ${ofOrders('l.')} AND o.is_valid
      GROUP BY o.shop, o.order_id, o.created_date, o.created_at, o.buyer_id, s.sku_id, o.sales
    ) LEFT JOIN (
      SELECT shop, order_id, sum(net_payout) AS released_net FROM income WHERE ${ofOrders()} GROUP BY 1, 2
    ) USING (shop, order_id)
    ${full ? `WINDOW w AS (${PAIR_ORDER})` : ''}
    ORDER BY created_date`);
  if (full) return;
  await db.exec(`INSERT INTO affected_pairs ${pairsOfOrders}`);
  // The pairs' rows first, on their own: joined in one query with the orders, the planner may pair every
  // order with every affected pair of its shop (both share the shop) before it narrows them down.
  await db.exec(`CREATE TEMP TABLE pair_rows AS
    SELECT os.shop, os.order_id, os.sku_id, os.buyer_id, os.created_date
    FROM order_skus os JOIN (SELECT DISTINCT * FROM affected_pairs) p USING (shop, buyer_id, sku_id)`);
  await db.exec(`UPDATE order_skus SET prev_date = w.p1, prev2_date = w.p2
    FROM (
      SELECT shop, order_id, sku_id, lag(created_date, 1, ${NO_DATE}) OVER w AS p1, lag(created_date, 2, ${NO_DATE}) OVER w AS p2
      FROM (SELECT r.*, o.created_at FROM pair_rows r JOIN orders o USING (shop, order_id))
      WINDOW w AS (${PAIR_ORDER})
    ) w
    WHERE order_skus.shop = w.shop AND order_skus.order_id = w.order_id AND order_skus.sku_id = w.sku_id
      AND (order_skus.prev_date IS DISTINCT FROM w.p1 OR order_skus.prev2_date IS DISTINCT FROM w.p2)`);
  for (const t of ['affected_pairs', 'pair_rows']) await db.exec(`DROP TABLE ${t}`);
}

/** A buyer's orders of one SKU, oldest first: what the previous-order dates of `order_skus` count back in. */
const PAIR_ORDER = 'PARTITION BY shop, buyer_id, sku_id ORDER BY created_at, order_id';

/**
 * Names every SKU after its newest line in a valid order, as the top-SKU list names it (a listing renamed in
 * Seller Centre shows its new name, and its old one again if that import is removed). It reads the daily SKU
 * rollup, which holds each day's newest line, so no order line is read.
 */
export async function nameSkus(db: SqlConnection): Promise<void> {
  await db.exec(`UPDATE skus SET product_name = n.product_name, variation = n.variation
    FROM (
      SELECT sku, arg_max(product_name, ${NEWEST_ROLLUP_DAY}) AS product_name, arg_max(variation, ${NEWEST_ROLLUP_DAY}) AS variation
      FROM rollup_skus GROUP BY sku
    ) n
    WHERE skus.sku = n.sku AND (skus.product_name, skus.variation) IS DISTINCT FROM (n.product_name, n.variation)`);
}

/**
 * The buyer rollup of the valid orders of `from` (a table or view of orders and its WHERE), for the orders'
 * previous-order dates `prev` and `prev2` and their shop `shop`: what counts buyers over any range.
 */
export const buyerRollupSql = (from: string, shop: string, prev = 'prev_date', prev2 = 'prev2_date') =>
  `SELECT ${shop} AS shop, created_date, coalesce(${prev}, ${NO_DATE}) AS prev_date, coalesce(${prev2}, ${NO_DATE}) AS prev2_date,
    ${sumOverOrders('orders')} AS orders
  FROM ${from} AND is_valid AND buyer_id IS NOT NULL GROUP BY ALL ORDER BY created_date`;

/** Per day, the valid orders that are their buyer's first of that day, ISO week and month, from a buyer rollup. */
export const firstBuyersSql = (from: string) =>
  `SELECT shop, created_date, coalesce(sum(orders) FILTER (WHERE prev_date < created_date), 0) AS day,
    coalesce(sum(orders) FILTER (WHERE prev_date < date_trunc('week', created_date)), 0) AS week,
    coalesce(sum(orders) FILTER (WHERE prev_date < date_trunc('month', created_date)), 0) AS month
  FROM ${from} GROUP BY ALL ORDER BY created_date`;

/**
 * Recomputes the daily rollups of the shops' dates in `affected_dates`, and the buyer counts of those in
 * `buyer_dates` (every date in a full rebuild); the buyer counts over all shops are shop ALL_SHOPS. Rows go
 * in date order, so a range reads few row groups.
 */
async function rebuildRollups(db: SqlConnection, full: boolean): Promise<void> {
  const onDates = (alias = '', table = 'affected_dates') =>
    full ? 'true' : `(${alias}shop, ${alias}created_date) IN (SELECT shop, created_date FROM ${table})`;
  const dates = onDates();
  for (const t of ROLLUP_TABLES)
    await db.exec(`DELETE FROM ${t} WHERE ${BUYER_ROLLUPS.has(t) ? onDates('', 'buyer_dates') : dates}`);
  const lines = `FROM order_lines l JOIN orders o USING (shop, order_id) WHERE o.is_valid AND ${onDates('o.')}`;
  const { orders, units, sales } = LINE_MEASURES;
  await db.exec(`INSERT INTO rollup_products (shop, created_date, product_name, parent_sku, orders, units, sales, returned, returned_orders)
    SELECT o.shop, o.created_date, l.product_name, coalesce(l.parent_sku, ''), ${orders}, ${units}, ${sales},
      coalesce(sum(l.returned_qty), 0), count(DISTINCT l.order_id) FILTER (WHERE l.returned_qty > 0)
    ${lines} GROUP BY 1, 2, 3, 4 ORDER BY 2`);
  // One row per day and SKU, named after the day's newest line (a renamed listing stays one SKU).
  await db.exec(`INSERT INTO rollup_skus (shop, created_date, sku, detail, orders, units, sales, product_name, variation)
    SELECT o.shop, o.created_date, ${SKU_OF_LINE}, ${NEWEST_SKU_DETAIL}, ${orders}, ${units}, ${sales}, arg_max(l.product_name, ${NEWEST_LINE}), arg_max(coalesce(l.variation, ''), ${NEWEST_LINE})
    ${lines} GROUP BY 1, 2, 3 ORDER BY 2`);
  await db.exec(`INSERT INTO rollup_variations (shop, created_date, sku, product_name, variation, orders, units, sales)
    SELECT o.shop, o.created_date, ${SKU_OF_LINE}, l.product_name, coalesce(l.variation, ''), ${orders}, ${units}, ${sales}
    ${lines} GROUP BY 1, 2, 3, 4, 5 ORDER BY 2`);
  // A city is named with its province (the same city name exists in several provinces).
  const keys: Record<string, string> = {
    province: "coalesce(nullif(province, ''), '–')",
    payment_method: "coalesce(nullif(payment_method, ''), '–')",
    shipping_option: "coalesce(nullif(shipping_option, ''), '–')",
    city: "coalesce(nullif(city, ''), '–') || chr(31) || coalesce(province, '')",
  };
  for (const [dim, key] of Object.entries(keys)) {
    await db.exec(`INSERT INTO rollup_orders (shop, created_date, dim, key, orders, units, sales)
      SELECT shop, created_date, '${dim}', ${key}, ${sumOverOrders('orders')}, ${sumOverOrders('units')}, ${sumOverOrders('sales')}
      FROM orders WHERE is_valid AND ${dates} GROUP BY 1, 2, 3, 4 ORDER BY 2`);
  }
  // Every order measure per day, status and validity: what the registry's parts read (src/db/measures.ts).
  const measures = Object.keys(ORDER_MEASURES) as OrderMeasure[];
  await db.exec(`INSERT INTO rollup_days (shop, created_date, status_class, is_valid, ${measures.join(', ')})
    SELECT shop, created_date, status_class, is_valid, ${measures.map(sumOverOrders).join(', ')}
    FROM orders WHERE ${dates} GROUP BY 1, 2, 3, 4 ORDER BY 2`);
  await db.exec(`INSERT INTO rollup_hours (shop, created_date, hour, orders)
    SELECT shop, created_date, hour(created_at), ${sumOverOrders('orders')} FROM orders WHERE is_valid AND ${dates} GROUP BY 1, 2, 3 ORDER BY 2`);
  const buyerDates = full ? 'true' : `created_date IN (SELECT created_date FROM buyer_dates WHERE shop = ${ALL_SHOPS})`;
  await db.exec(`INSERT INTO rollup_buyers (shop, created_date, prev_date, prev2_date, orders)
    ${buyerRollupSql(`orders WHERE ${onDates('', 'buyer_dates')}`, 'shop')}`);
  await db.exec(`INSERT INTO rollup_buyers (shop, created_date, prev_date, prev2_date, orders)
    ${buyerRollupSql(`orders WHERE ${buyerDates}`, String(ALL_SHOPS), 'all_prev_date', 'all_prev2_date')}`);
  await db.exec(`INSERT INTO rollup_first_buyers (shop, created_date, day, week, month)
    ${firstBuyersSql(`rollup_buyers WHERE ${onDates('', 'buyer_dates')}`)}`);
  // An order's cancellation reason is on its lines; an order without one counts under '–'.
  await db.exec(`INSERT INTO rollup_cancellations (shop, created_date, reason, orders, sales)
    SELECT shop, created_date, reason, ${sumOverOrders('orders')}, ${sumOverOrders('sales')} FROM (
      SELECT o.shop, o.created_date, o.sales, coalesce(nullif(max(l.cancel_reason), ''), '–') AS reason
      FROM orders o JOIN order_lines l USING (shop, order_id) WHERE o.status_class = 'cancelled' AND ${onDates('o.')}
      GROUP BY o.shop, o.order_id, o.created_date, o.sales
    ) GROUP BY 1, 2, 3 ORDER BY 2`);
}

/** The daily rollups (keyed by shop and `created_date`), rebuilt for the dates an import touches. */
export const ROLLUP_TABLES = DERIVED_TABLES.filter((t) => t.startsWith('rollup_'));
/** The rollups of buyer counts, which change wherever a buyer's previous-order dates do (`buyer_dates`). */
const BUYER_ROLLUPS = new Set(['rollup_buyers', 'rollup_first_buyers']);

/**
 * Loads an importer's rows (of one file, or of several one after the other) into a new temporary stage
 * table, never written to the database file.
 */
export async function stageRows(db: SqlConnection, table: string, rows: StagedRows): Promise<void> {
  const types = { utf8: 'VARCHAR', f64: 'DOUBLE', bool: 'BOOLEAN' } as const;
  const cols = Object.entries(rows.columns).map(([n, t]) => `${n} ${types[t]}`);
  await db.exec(`DROP TABLE IF EXISTS ${table}`);
  await db.exec(`CREATE TEMP TABLE ${table} (${cols.join(', ')})`);
  for (const chunk of joinChunks(rows.chunks)) await db.insertArrow(table, chunk);
}

/** Rebuilds every table derived from the order lines (orders, SKUs of orders, rollups) from scratch. */
export async function rebuildDerived(db: SqlConnection): Promise<void> {
  await dropTemps(db);
  await rebuildOrders(db, true);
  await dropTemps(db);
}

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** One file's rows in a stage table, merged under its import id and snapshot time. */
export interface StagedPart {
  importId: number;
  snapshotAt: number | null;
  stage: string;
  /** The first and last rowid of its rows: read when the stage table holds other files' rows too. */
  rows?: readonly [number, number];
}

/**
 * Adds the staged rows of one or more files (each under its import id, in ascending id order) to shop
 * `shop`, in one pass: the result, and each file's counts, are those of merging the files one after the
 * other. A row becomes the winner of its line key when it outranks the stored winner and every row of an
 * earlier file of the batch, and stays it unless a later file's row outranks it. Runs inside the caller's
 * transaction. Returns, per import id, how many rows were new, changed a stored row, or changed nothing.
 */
export async function mergeStaged(
  db: SqlConnection,
  target: MergeTarget,
  parts: readonly StagedPart[],
  shop: number,
  /** The target's stored columns (a test passes those of a changed spec). */
  columns: TargetColumns = TARGET_COLUMNS[target],
): Promise<Map<number, MergeCounts>> {
  const all = allRowsTable(target);
  const names = columns.values.map(([n]) => n);
  // Named, since a column added by a later migration sits after row_hash.
  const storedColumns = `(shop, import_id, snapshot_at, prio, is_winner, ${names.join(', ')}, row_hash)`;
  await dropTemps(db);
  // Each stage table's rows, typed, under their file's import id and snapshot (told apart by rowid when the
  // table holds several files' rows).
  const typedSql = (stage: string, ps: readonly StagedPart[]) => {
    // A row's file, by its rowid: a search over the files' last rowids, written as nested CASEs (a join on
    // the ranges would sort every column of the stage table).
    const withRows = ps.filter((p) => !p.rows || p.rows[1] >= p.rows[0]);
    const nonEmpty = withRows.length ? withRows : ps.slice(0, 1);
    const ofRow = (value: (p: StagedPart) => string, from = 0, to = nonEmpty.length): string => {
      if (to - from === 1) return value(nonEmpty[from]);
      const mid = (from + to) >> 1;
      const last = nonEmpty[mid - 1].rows?.[1] ?? -1;
      return `CASE WHEN rowid <= ${last} THEN ${ofRow(value, from, mid)} ELSE ${ofRow(value, mid, to)} END`;
    };
    const id = ofRow((p) => String(p.importId));
    const at = ofRow((p) => `CAST(${sqlTimestamp(p.snapshotAt)} AS TIMESTAMP)`);
    return `
    SELECT ${Number(shop)} AS shop, import_id, snapshot_at, ${priority(columns, 'import_id', 'snapshot_at')} AS prio, ${names.join(', ')}, ${rowHashSql(columns)} AS row_hash
    FROM (SELECT ${id} AS import_id, ${at} AS snapshot_at, ${typedStageColumns(columns)} FROM ${stage})`;
  };
  const byStage = new Map<string, StagedPart[]>();
  for (const p of parts) byStage.set(p.stage, [...(byStage.get(p.stage) ?? []), p]);
  const typedParts = [...byStage].map(([stage, ps]) => typedSql(stage, ps));
  // Several files' rows are typed into one table first (one statement per stage table).
  let typed = typedParts[0];
  if (parts.length > 1) {
    await db.exec(`CREATE TEMP TABLE typed_rows AS ${typed}`);
    for (const t of typedParts.slice(1)) await db.exec(`INSERT INTO typed_rows ${t}`);
    typed = 'SELECT * FROM typed_rows';
  }
  const [{ stored }] = await db.query<{ stored: number }>(
    `SELECT count(*) AS stored FROM (SELECT 1 FROM ${all} LIMIT 1)`,
  );
  // Several files of a batch that share a line key rank against each other.
  const repeated =
    !stored && parts.length > 1
      ? (
          await db.query<{ n: number }>(
            'SELECT count(*) AS n FROM (SELECT 1 FROM typed_rows GROUP BY line_key HAVING count(*) > 1 LIMIT 1)',
          )
        )[0].n > 0
      : false;
  // The first import into a target, of files that share no line key: every row is new and wins, so the rows
  // go straight in (no copy to compare), and the orders, if these are order lines, are all built.
  if (!stored && !repeated) {
    await db.exec(
      `INSERT INTO ${all} ${storedColumns} SELECT shop, import_id, snapshot_at, prio, true, ${names.join(', ')}, row_hash FROM (${typed})`,
    );
    if (target === 'order_lines') await rebuildOrders(db, true);
    if (target === 'income') await refreshReleased(db, `SELECT shop, order_id FROM ${all}`);
    const rows = await db.query<{ import_id: number; n: number }>(
      `SELECT import_id, count(*) AS n FROM ${all} GROUP BY import_id`,
    );
    const added = new Map(rows.map((r) => [Number(r.import_id), Number(r.n)]));
    await db.exec('DROP TABLE IF EXISTS typed_rows');
    return new Map(parts.map((p) => [p.importId, { added: added.get(p.importId) ?? 0, updated: 0, unchanged: 0 }]));
  }
  // Against the winner before it: the stored one, or a higher-ranked row of an earlier file of the batch.
  // `keeps`: it still wins once every file of the batch is in.
  // Only a line key that several files of the batch carry has a winner before it in the batch: the window
  // runs over those rows alone.
  const batch =
    parts.length > 1
      ? `SELECT t.*, w.batch_prio, w.batch_hash, coalesce(w.top_prio, t.prio) AS top_prio FROM typed_rows t LEFT JOIN (
          SELECT line_key, import_id, max(prio) OVER w AS batch_prio, arg_max(row_hash, prio) OVER w AS batch_hash,
            max(prio) OVER (PARTITION BY line_key) AS top_prio
          FROM typed_rows WHERE line_key IN (SELECT line_key FROM typed_rows GROUP BY line_key HAVING count(*) > 1)
          WINDOW w AS (PARTITION BY line_key ORDER BY import_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
        ) w USING (line_key, import_id)`
      : `SELECT *, NULL AS batch_prio, NULL AS batch_hash, prio AS top_prio FROM (${typed})`;
  await db.exec(`CREATE TEMP TABLE incoming AS
    SELECT *, wins AND prio = top_prio AS keeps FROM (
      SELECT typed.* EXCLUDE (batch_prio, batch_hash), c.line_key IS NOT NULL AS was_stored,
        c.line_key IS NOT NULL OR batch_prio IS NOT NULL AS existed,
        CASE WHEN c.prio IS NULL OR batch_prio > c.prio THEN batch_hash ELSE c.row_hash END AS old_hash,
        greatest(c.prio, batch_prio) IS NULL OR typed.prio > greatest(c.prio, batch_prio) AS wins
      FROM (${batch}) typed LEFT JOIN (SELECT line_key, prio, row_hash FROM ${all} WHERE is_winner AND shop = ${Number(shop)}) c USING (line_key)
    )`);
  await db.exec(`UPDATE ${all} SET is_winner = false
    WHERE is_winner AND shop = ${Number(shop)} AND line_key IN (SELECT line_key FROM incoming WHERE was_stored AND keeps)`);
  await db.exec(`INSERT INTO ${all} ${storedColumns}
    SELECT shop, import_id, snapshot_at, prio, keeps, ${names.join(', ')}, row_hash FROM incoming`);
  if (target === 'order_lines') {
    // Only the orders of the winning lines are rebuilt (all of them when there were none).
    await db.exec('CREATE TEMP TABLE affected_orders AS SELECT DISTINCT shop, order_id FROM incoming WHERE wins');
    await rebuildOrders(db, !stored);
  }
  if (target === 'income') await refreshReleased(db, 'SELECT shop, order_id FROM incoming WHERE wins');
  const rows = await db.query<{ import_id: number; total: number; added: number; updated: number }>(`
    SELECT import_id, count(*) AS total, count(*) FILTER (WHERE NOT existed) AS added,
      count(*) FILTER (WHERE existed AND wins AND row_hash <> old_hash) AS updated
    FROM incoming GROUP BY import_id`);
  await dropTemps(db);
  const counts = new Map(parts.map((p) => [p.importId, { added: 0, updated: 0, unchanged: 0 }]));
  for (const c of rows)
    counts.set(Number(c.import_id), { added: c.added, updated: c.updated, unchanged: c.total - c.added - c.updated });
  return counts;
}

/**
 * Deletes one import's rows. The line keys it was winning are re-elected from the remaining rows. Runs in
 * the caller's transaction.
 */
export async function unmergeImport(db: SqlConnection, target: MergeTarget, importId: number): Promise<void> {
  const all = allRowsTable(target);
  await dropTemps(db);
  await db.exec(`CREATE TEMP TABLE reelect AS
    SELECT shop, line_key${orderIdOf(target)} FROM ${all} WHERE import_id = ${importId} AND is_winner`);
  await db.exec(`DELETE FROM ${all} WHERE import_id = ${importId}`);
  await reelectWinners(db, target);
}

/**
 * Moves one import's rows into shop `shop`: the keys it was winning in its old shop are re-elected there,
 * and its rows compete for their keys in the new one, as if the file had been imported there. Runs in the
 * caller's transaction.
 */
export async function moveImportRows(
  db: SqlConnection,
  target: MergeTarget,
  importId: number,
  shop: number,
): Promise<void> {
  const all = allRowsTable(target);
  await dropTemps(db);
  const keys = `shop, line_key${orderIdOf(target)}`;
  await db.exec(`CREATE TEMP TABLE reelect AS SELECT ${keys} FROM ${all} WHERE import_id = ${importId} AND is_winner`);
  await db.exec(`UPDATE ${all} SET shop = ${Number(shop)}, is_winner = false WHERE import_id = ${importId}`);
  await db.exec(`INSERT INTO reelect SELECT ${keys} FROM ${all} WHERE import_id = ${importId}`);
  await reelectWinners(db, target);
}

const orderIdOf = (target: MergeTarget) => (target === 'order_lines' || target === 'income' ? ', order_id' : '');

/**
 * Makes the highest-priority row of every (shop, line key) in `reelect` its winner, then rebuilds what
 * depends on the orders of those keys.
 */
async function reelectWinners(db: SqlConnection, target: MergeTarget): Promise<void> {
  const all = allRowsTable(target);
  await db.exec(`UPDATE ${all} SET is_winner = (${all}.prio = w.top)
    FROM (SELECT shop, line_key, max(prio) AS top FROM ${all} WHERE (shop, line_key) IN (SELECT shop, line_key FROM reelect) GROUP BY 1, 2) w
    WHERE ${all}.shop = w.shop AND ${all}.line_key = w.line_key AND ${all}.is_winner IS DISTINCT FROM (${all}.prio = w.top)`);
  if (target === 'order_lines') {
    await db.exec('CREATE TEMP TABLE affected_orders AS SELECT DISTINCT shop, order_id FROM reelect');
    await rebuildOrders(db, false);
  }
  if (target === 'income') await refreshReleased(db, 'SELECT shop, order_id FROM reelect');
  await dropTemps(db);
}

/** Refreshes the released net payout on the `order_skus` rows of the orders an income merge touched. */
async function refreshReleased(db: SqlConnection, orderIds: string): Promise<void> {
  await db.exec(`UPDATE order_skus SET released_net = r.net
    FROM (SELECT a.shop, a.order_id, sum(i.net_payout) AS net FROM (SELECT DISTINCT shop, order_id FROM (${orderIds})) a LEFT JOIN income i USING (shop, order_id) GROUP BY 1, 2) r
    WHERE order_skus.shop = r.shop AND order_skus.order_id = r.order_id`);
}
