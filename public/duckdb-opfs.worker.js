/*
 * DuckDB's eh worker, with one repair for OPFS. After a checkpoint DuckDB-WASM 1.32 considers the WAL empty
 * but leaves its old bytes in the OPFS file. Those are skipped on the next open only while they end with the
 * marker of the newest checkpoint; a checkpoint that writes no WAL entries (a large commit checkpoints
 * directly) leaves an older marker, and the next open replays the whole stale log onto the checkpointed file
 * and fails ("Table with name meta already exists").
 * The message {type: 'toko:empty-wal', path, port} empties that file (to be sent only when DuckDB reports a
 * WAL size of 0 right after a checkpoint) and answers the size of every OPFS file the runtime holds, so the
 * app can verify it. The real worker's URL comes in the query (?worker=).
 */
'use strict';
let runtime;
Object.defineProperty(self, 'DUCKDB_RUNTIME', {
  configurable: true,
  get: () => runtime,
  set: (r) => {
    runtime = r;
  },
});
self.addEventListener('message', (e) => {
  if (!e.data || e.data.type !== 'toko:empty-wal') return;
  e.stopImmediatePropagation();
  const files = (runtime && runtime._files) || new Map();
  const wal = files.get(e.data.path);
  const sizes = {};
  try {
    if (wal && typeof wal.truncate === 'function') {
      wal.truncate(0);
      wal.flush();
    }
    for (const [name, handle] of files) {
      if (handle && typeof handle.getSize === 'function') sizes[name] = handle.getSize();
    }
    e.data.port.postMessage({ sizes });
  } catch (err) {
    e.data.port.postMessage({ error: String(err) });
  }
});
importScripts(new URL(location.href).searchParams.get('worker'));
