/**
 * What the engine needs from a database (after Mosaic's Connector): run a statement, read rows (as objects or
 * Arrow IPC), and insert Arrow IPC bytes into a table. The browser worker and the Node tests each provide one.
 */
export interface SqlConnection {
  exec(sql: string): Promise<void>;
  /** Rows as plain objects; BIGINT and DECIMAL come back as numbers, TIMESTAMP as naive milliseconds. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Appends Arrow IPC stream bytes to an existing `table` (columns matched by name). */
  insertArrow(table: string, ipc: Uint8Array): Promise<void>;
  /** A query's result as Arrow IPC stream bytes, every value as stored (for the workspace backup). */
  queryIpc(sql: string): Promise<Uint8Array>;
  /**
   * Writes every committed change into the database file, checks nothing is left to replay, and records what
   * was saved (the browser keeps a marker in IndexedDB). Without it, the engine runs `CHECKPOINT`.
   */
  checkpoint?(): Promise<void>;
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A SQL DATE literal from `YYYY-MM-DD`; anything else is refused. */
export function sqlDate(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Error(`not a date: ${s}`);
  return `DATE '${s}'`;
}

/** A SQL TIMESTAMP from naive milliseconds, or NULL. */
export function sqlTimestamp(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? 'NULL' : `epoch_ms(${Math.round(ms)}::BIGINT)`;
}

/** Statements that must run before anything else: nothing may ever be fetched from outside the origin. */
export const OFFLINE_SETTINGS = ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];
