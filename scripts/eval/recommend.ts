import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { openNodeDuckDB } from '../../src/db/nodeDuckdb';
import { coPurchaseSql } from '../../src/metrics/customers';

/** One purchase line: who, which order, when (day number) and which item. */
export interface ItemTransaction {
  customer: string;
  order: string;
  day: number;
  item: string;
}

export interface RecommendEval {
  buyers: number;
  precision_at_10: number;
  hit_rate_at_10: number;
  popularity_precision_at_10: number;
  popularity_hit_rate_at_10: number;
}

/**
 * Temporal holdout: each buyer's last order (buyers with at least two) is held out. Item-item cosine from
 * the rest (baskets = buyers over time, the app's co-purchase SQL), each buyer's top 10 unseen items by
 * Σ cosine with what they bought, against the 10 most popular unseen items.
 */
export async function evaluateRecommendations(tx: readonly ItemTransaction[], minSupport = 2): Promise<RecommendEval> {
  const db = await openNodeDuckDB();
  try {
    await db.exec('CREATE TABLE tx (customer VARCHAR, order_id VARCHAR, day INTEGER, item VARCHAR)');
    const table = tableFromArrays({
      customer: tx.map((t) => t.customer),
      order_id: tx.map((t) => t.order),
      day: Int32Array.from(tx.map((t) => t.day)),
      item: tx.map((t) => t.item),
    });
    await db.insertArrow('tx', tableToIPC(table, 'stream'));
    await db.exec(`CREATE TABLE last_order AS
      SELECT customer, arg_max(order_id, (day, order_id)) AS order_id FROM tx GROUP BY 1 HAVING count(DISTINCT order_id) >= 2`);
    await db.exec(
      `CREATE TABLE train AS SELECT t.* FROM tx t LEFT JOIN last_order l USING (customer, order_id) WHERE l.order_id IS NULL`,
    );
    await db.exec(
      `CREATE TABLE test AS SELECT DISTINCT t.customer, t.item FROM tx t JOIN last_order l USING (customer, order_id)`,
    );
    await db.exec(
      `CREATE TABLE history AS SELECT DISTINCT customer, item FROM train WHERE customer IN (SELECT customer FROM last_order)`,
    );
    await db.exec(
      `CREATE TABLE sim AS ${coPurchaseSql('SELECT DISTINCT customer AS basket, item FROM train', minSupport)}`,
    );
    await db.exec(`CREATE TABLE recs AS
      SELECT customer, item FROM (
        SELECT h.customer, s.b AS item, sum(s.cosine) AS score,
          row_number() OVER (PARTITION BY h.customer ORDER BY sum(s.cosine) DESC, s.b) AS k
        FROM history h JOIN sim s ON s.a = h.item
        WHERE NOT EXISTS (SELECT 1 FROM history x WHERE x.customer = h.customer AND x.item = s.b)
        GROUP BY 1, 2
      ) WHERE k <= 10`);
    await db.exec(`CREATE TABLE popular AS SELECT item, count(DISTINCT customer) AS n FROM train GROUP BY 1`);
    await db.exec(`CREATE TABLE pop_recs AS
      SELECT customer, item FROM (
        SELECT c.customer, p.item, row_number() OVER (PARTITION BY c.customer ORDER BY p.n DESC, p.item) AS k
        FROM last_order c, (SELECT * FROM popular ORDER BY n DESC, item LIMIT 500) p
        WHERE NOT EXISTS (SELECT 1 FROM history x WHERE x.customer = c.customer AND x.item = p.item)
      ) WHERE k <= 10`);
    const score = async (recs: string) => {
      const [r] = await db.query<{ buyers: number; precision: number; hit: number }>(`
        WITH hits AS (
          SELECT c.customer, count(t.item) AS n FROM last_order c
          LEFT JOIN ${recs} r USING (customer) LEFT JOIN test t ON t.customer = r.customer AND t.item = r.item
          GROUP BY 1
        )
        SELECT count(*) AS buyers, avg(n / 10.0) AS precision, avg(CASE WHEN n > 0 THEN 1.0 ELSE 0.0 END) AS hit FROM hits`);
      return r;
    };
    const ours = await score('recs');
    const pop = await score('pop_recs');
    return {
      buyers: ours.buyers,
      precision_at_10: ours.precision,
      hit_rate_at_10: ours.hit,
      popularity_precision_at_10: pop.precision,
      popularity_hit_rate_at_10: pop.hit,
    };
  } finally {
    db.close();
  }
}
