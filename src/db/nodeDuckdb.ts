import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { SqlConnection } from './connection';
import { OFFLINE_SETTINGS } from './connection';
import { arrowRows } from './rows';

/**
 * DuckDB-WASM in Node (the blocking bundle), for tests and benchmarks: the same wasm engine as the
 * browser, in memory. Instantiating takes a second or two, so share one per test file.
 */
export async function openNodeDuckDB(): Promise<
  SqlConnection & { close(): void; registerFile(name: string, bytes: Uint8Array): void }
> {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: `${dist}/duckdb-mvp.wasm`, mainWorker: `${dist}/duckdb-node-mvp.worker.cjs` },
      eh: { mainModule: `${dist}/duckdb-eh.wasm`, mainWorker: `${dist}/duckdb-node-eh.worker.cjs` },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  for (const s of OFFLINE_SETTINGS) conn.query(s);
  return {
    async exec(sql) {
      conn.query(sql);
    },
    async query<T>(sql: string) {
      return arrowRows<T>(conn.query(sql));
    },
    async insertArrow(table, ipc) {
      conn.insertArrowFromIPCStream(ipc, { name: table, create: false });
    },
    async queryIpc(sql) {
      // The bindings' own IPC bytes: the Table that `query` returns comes from another copy of apache-arrow.
      return tableToIPC(tableFromIPC(conn.useUnsafe((b, id) => b.runQuery(id, sql))), 'stream');
    },
    close() {
      conn.close();
      db.reset();
    },
    /** Makes bytes readable by name in SQL (`read_csv('name')`), for benchmarks. */
    registerFile(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
  };
}
