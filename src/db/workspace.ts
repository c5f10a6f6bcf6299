import type { SqlConnection } from './connection';
import { applyMigrations, SCHEMA_VERSION } from './schema';

/** One table of the database, every row as stored. */
export interface TableDump {
  name: string;
  rows: number;
  ipc: Uint8Array;
}

/** 64-bit integers leave as text: the connection reads them as doubles, which would round row hashes. */
const WIDE_INTEGERS = new Set(['BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table of the database file (derived ones too, so a restore needs no rebuild), as Arrow IPC. */
export async function dumpTables(db: SqlConnection): Promise<TableDump[]> {
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
     ORDER BY table_name, column_index`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) {
    const list = byTable.get(c.table_name) ?? [];
    list.push(
      WIDE_INTEGERS.has(c.data_type)
        ? `${quote(c.column_name)}::VARCHAR AS ${quote(c.column_name)}`
        : quote(c.column_name),
    );
    byTable.set(c.table_name, list);
  }
  const tables = await storedTables(db);
  const dumps: TableDump[] = [];
  for (const name of tables) {
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(name)}`);
    dumps.push({
      name,
      rows: Number(n),
      ipc: await db.queryIpc(`SELECT ${(byTable.get(name) ?? []).join(', ')} FROM ${quote(name)}`),
    });
  }
  return dumps;
}

async function storedTables(db: SqlConnection): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * Replaces the whole database with a dump made at `schemaVersion`: drops every table and view, creates the
 * schema of that version, loads the rows (each table's count checked), then migrates to this app's schema.
 * Runs inside the caller's transaction, so a failure leaves the database as it was.
 */
export async function restoreTables(
  db: SqlConnection,
  schemaVersion: number,
  dumps: readonly TableDump[],
): Promise<void> {
  if (schemaVersion > SCHEMA_VERSION)
    throw new Error(`backup schema ${schemaVersion} is newer than this app (${SCHEMA_VERSION})`);
  const views = await db.query<{ view_name: string }>(
    `SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary`,
  );
  for (const v of views) await db.exec(`DROP VIEW ${quote(v.view_name)}`);
  for (const t of await storedTables(db)) await db.exec(`DROP TABLE ${quote(t)}`);
  await applyMigrations(db, 0, schemaVersion, false);
  const created = new Set(await storedTables(db));
  for (const d of dumps) {
    if (!created.has(d.name)) throw new Error(`the backup holds a table this version does not have: ${d.name}`);
    await db.exec(`DELETE FROM ${quote(d.name)}`);
    if (d.rows > 0) await db.insertArrow(d.name, d.ipc);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(d.name)}`);
    if (Number(n) !== d.rows) throw new Error(`${d.name}: ${n} rows restored, ${d.rows} in the backup`);
  }
  await applyMigrations(db, schemaVersion, SCHEMA_VERSION);
}
