import { MERGE_TARGETS } from '../ingest/kinds/output';
import type { SqlConnection } from './connection';
import { buyerDatesSql, buyerRollupSql, firstBuyersSql, NO_DATE } from './merge';
import { ALL_SHOPS } from './shops';
import { canonicalView, DERIVED_TABLES } from './tables';

/**
 * The shops a read sees. Every query of the metrics and models reads the tables by their plain names;
 * here those names become temporary views of the selected shops' rows, so one definition of every
 * number serves one shop, several and all of them (METRICS.md, "Shops"). Writes see the tables themselves.
 */
export interface ShopScope {
  /** The shops, ascending. */
  shops: readonly number[];
  /** Whether they are every shop of the workspace (the buyer counts over all shops are kept). */
  all: boolean;
}

/** Every table a read goes through the scope for: each row of them belongs to one shop. */
const SCOPED = [...MERGE_TARGETS.map(canonicalView), 'imports', ...DERIVED_TABLES];

const scopeKey = (scope: ShopScope | null) => (scope ? `${scope.all ? 'all' : 'some'}:${scope.shops}` : 'raw');

/** The view of a table for the scope: its rows of the shops, each as the union of those shops sees it. */
function scopedView(table: string, base: string, scope: ShopScope): string {
  const inShops = scope.shops.length === 1 ? `shop = ${scope.shops[0]}` : `shop IN (${scope.shops.join(', ')})`;
  // One shop: its rows, with its own buyer dates.
  if (scope.shops.length === 1) return `SELECT * FROM ${base} WHERE ${inShops}`;
  const ofShops = scope.all ? 'true' : inShops;
  switch (table) {
    // A buyer's previous orders are those in any of the shops (a username is one person on every shop).
    case 'orders':
      return scope.all
        ? `SELECT * REPLACE (all_first_date AS buyer_first_date, all_prev_date AS prev_date, all_prev2_date AS prev2_date) FROM ${base}`
        : `SELECT o.* REPLACE (w.all_first AS buyer_first_date, w.all_p1 AS prev_date, w.all_p2 AS prev2_date)
           FROM ${base} o LEFT JOIN (${buyerDatesSql(`${base} WHERE ${inShops} AND is_valid AND buyer <> ''`)}) w USING (shop, order_id)
           WHERE o.${inShops}`;
    case 'order_skus':
      return `SELECT * REPLACE (
          CASE WHEN buyer_id IS NOT NULL THEN lag(created_date, 1, ${NO_DATE}) OVER w END AS prev_date,
          CASE WHEN buyer_id IS NOT NULL THEN lag(created_date, 2, ${NO_DATE}) OVER w END AS prev2_date)
        FROM ${base} WHERE ${ofShops} WINDOW w AS (PARTITION BY buyer_id, sku_id ORDER BY created_date, shop, order_id)`;
    case 'rollup_buyers':
      return scope.all
        ? `SELECT * FROM ${base} WHERE shop = ${ALL_SHOPS}`
        : buyerRollupSql('orders WHERE true', String(ALL_SHOPS));
    case 'rollup_first_buyers':
      return scope.all ? `SELECT * FROM ${base} WHERE shop = ${ALL_SHOPS}` : firstBuyersSql('rollup_buyers');
    default:
      return `SELECT * FROM ${base} WHERE ${ofShops}`;
  }
}

/** The scope each connection's views show (the views live on the connection, whoever made them). */
const applied = new WeakMap<SqlConnection, string>();
/** Each connection's database name, by which a view reaches the table it shadows. */
const catalogs = new WeakMap<SqlConnection, string>();

/**
 * Makes reads see the scope's shops (null: the tables themselves, for writes). Returns whether the views
 * changed (nothing is done when they already show the scope).
 */
export async function applyScope(db: SqlConnection, scope: ShopScope | null): Promise<boolean> {
  const key = scopeKey(scope);
  if (applied.get(db) === key) return false;
  let catalog = catalogs.get(db);
  if (!catalog) {
    catalog = (await db.query<{ d: string }>('SELECT current_database() AS d'))[0].d;
    catalogs.set(db, catalog);
  }
  // Unknown until the views are made: a failure half-way leaves no claim about them.
  applied.delete(db);
  for (const t of [...SCOPED].reverse()) await db.exec(`DROP VIEW IF EXISTS temp.main.${t}`);
  if (scope)
    for (const t of SCOPED)
      await db.exec(`CREATE TEMP VIEW ${t} AS ${scopedView(t, `"${catalog.replace(/"/g, '""')}".main.${t}`, scope)}`);
  applied.set(db, key);
  return true;
}
