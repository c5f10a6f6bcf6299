import { type SqlConnection, sqlString } from '../db/connection';
import { type MasterConflict, type MasterSheet, skuKey, skuKeySql } from '../ingest/productMaster';

/**
 * Master products and unit costs as the pages read them (METRICS.md "Product master and unit costs"). A
 * SKU's master is the one its text (as {@link skuKey} compares it) was given last, else the SKU itself; its
 * unit cost is the cost of its master, else one the seller gave the SKU itself. The one definition every
 * page, report and model reads: `sku_id, sku, master, unit_cost` per SKU of the orders.
 */
export const SKU_COSTS_SQL = `(
  WITH costs AS (SELECT ${skuKeySql('sku')} AS k, arg_max(unit_cost, updated_at) AS unit_cost FROM unit_costs GROUP BY 1),
    masters AS (SELECT sku_key, arg_max(master, updated_at) AS master FROM sku_masters GROUP BY 1)
  SELECT s.sku_id, s.sku, coalesce(m.master, s.sku) AS master, coalesce(mc.unit_cost, sc.unit_cost) AS unit_cost
  FROM skus s
    LEFT JOIN masters m ON m.sku_key = ${skuKeySql('s.sku')}
    LEFT JOIN costs mc ON mc.k = ${skuKeySql('m.master')}
    LEFT JOIN costs sc ON sc.k = ${skuKeySql('s.sku')}
)`;

/** The shop's SKU texts as matching compares them: what a product master's SKU column is matched against. */
export async function shopSkuKeys(db: SqlConnection): Promise<Set<string>> {
  const rows = await db.query<{ sku: string }>('SELECT sku FROM skus');
  return new Set(rows.map((r) => skuKey(r.sku)));
}

const values = (rows: string[][]) => rows.map((r) => `(${r.join(', ')})`).join(', ');

/** Runs `INSERT INTO table VALUES …` in chunks, so a master of thousands of rows is a few statements. */
async function insertRows(db: SqlConnection, table: string, rows: string[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db.exec(`INSERT INTO ${table} VALUES ${values(rows.slice(i, i + 500))}`);
}

/**
 * Stores a product master read from a sheet, in the caller's transaction. Its SKU texts take the masters it
 * gives them and its masters take their costs; a conflict takes neither (the earlier cost or master is
 * removed too, so no figure rests on a value the sheet contradicts) and is kept until the seller chooses.
 * A later sheet that settles a conflict clears it. Nothing else stored changes.
 */
export async function storeMaster(db: SqlConnection, sheet: MasterSheet, fileName: string): Promise<void> {
  const now = 'now()::TIMESTAMP';
  const keyList = (ks: readonly string[]) => ks.map(sqlString).join(', ');
  const conflicted = (kind: MasterConflict['kind']) =>
    sheet.conflicts.filter((c) => c.kind === kind).map((c) => skuKey(c.subject));
  // The SKU texts and the masters this sheet speaks of: it replaces what was stored for them.
  const masterKeys = [...sheet.aliases.map((a) => a.key), ...conflicted('master')];
  const costKeys = [...sheet.costs.map((c) => skuKey(c.master)), ...conflicted('cost')];
  if (masterKeys.length) {
    await db.exec(
      `DELETE FROM master_conflicts WHERE kind = 'master' AND ${skuKeySql('subject')} IN (${keyList(masterKeys)})`,
    );
    await db.exec(`DELETE FROM sku_masters WHERE sku_key IN (${keyList(masterKeys)})`);
  }
  if (costKeys.length) {
    await db.exec(
      `DELETE FROM master_conflicts WHERE kind = 'cost' AND ${skuKeySql('subject')} IN (${keyList(costKeys)})`,
    );
    await db.exec(`DELETE FROM unit_costs WHERE ${skuKeySql('sku')} IN (${keyList(costKeys)})`);
  }
  await insertRows(
    db,
    'sku_masters',
    sheet.aliases.map((a) => [sqlString(a.key), sqlString(a.sku), sqlString(a.master), now]),
  );
  await insertRows(
    db,
    'unit_costs',
    sheet.costs.map((c) => [sqlString(c.master), String(Math.round(c.unitCost)), now]),
  );
  await insertRows(
    db,
    'master_conflicts',
    sheet.conflicts.map((c) => [
      sqlString(c.kind),
      sqlString(c.subject),
      sqlString(JSON.stringify(c.options)),
      sqlString(fileName),
      now,
    ]),
  );
}

/** A conflict kept from an import, with the file it came from. */
export type StoredConflict = MasterConflict & { fileName: string };

export async function masterConflicts(db: SqlConnection): Promise<StoredConflict[]> {
  const rows = await db.query<{ kind: 'cost' | 'master'; subject: string; options: string; file_name: string }>(
    'SELECT kind, subject, options, file_name FROM master_conflicts ORDER BY kind, subject',
  );
  return rows.map((r) => ({ kind: r.kind, subject: r.subject, options: JSON.parse(r.options), fileName: r.file_name }));
}

/** The seller's choice for a conflict: the cost of a master, or the master of a SKU text. */
export type ConflictChoice =
  | { kind: 'cost'; subject: string; unitCost: number }
  | { kind: 'master'; subject: string; master: string };

export async function resolveConflict(db: SqlConnection, choice: ConflictChoice): Promise<void> {
  const key = sqlString(skuKey(choice.subject));
  await db.exec(`DELETE FROM master_conflicts WHERE kind = '${choice.kind}' AND ${skuKeySql('subject')} = ${key}`);
  if (choice.kind === 'cost') {
    if (!Number.isFinite(choice.unitCost) || choice.unitCost < 0)
      throw new Error(`invalid unit cost for ${choice.subject}`);
    await db.exec(`DELETE FROM unit_costs WHERE ${skuKeySql('sku')} = ${key}`);
    await db.exec(
      `INSERT INTO unit_costs VALUES (${sqlString(choice.subject)}, ${Math.round(choice.unitCost)}, now()::TIMESTAMP)`,
    );
  } else {
    await db.exec(`DELETE FROM sku_masters WHERE sku_key = ${key}`);
    await db.exec(
      `INSERT INTO sku_masters VALUES (${key}, ${sqlString(choice.subject)}, ${sqlString(choice.master)}, now()::TIMESTAMP)`,
    );
  }
}

/** What the product master holds, for the Products page. */
export interface MasterSummary {
  /** SKU texts mapped to a master product. */
  aliases: number;
  /** Master products (or SKUs) with a unit cost. */
  costs: number;
  /** The shop's SKUs (of its orders) with a unit cost, and without one. */
  skusWithCost: number;
  skusWithoutCost: number;
  conflicts: StoredConflict[];
}

export async function masterSummary(db: SqlConnection): Promise<MasterSummary> {
  const [c] = await db.query<{ aliases: number; costs: number; with_cost: number; without_cost: number }>(`
    SELECT (SELECT count(DISTINCT sku_key) FROM sku_masters) AS aliases,
      (SELECT count(DISTINCT ${skuKeySql('sku')}) FROM unit_costs) AS costs,
      count(*) FILTER (WHERE unit_cost IS NOT NULL) AS with_cost, count(*) FILTER (WHERE unit_cost IS NULL) AS without_cost
    FROM ${SKU_COSTS_SQL}`);
  return {
    aliases: Number(c.aliases),
    costs: Number(c.costs),
    skusWithCost: Number(c.with_cost),
    skusWithoutCost: Number(c.without_cost),
    conflicts: await masterConflicts(db),
  };
}
