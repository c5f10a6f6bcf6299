#!/usr/bin/env node
/**
 * Static server for dist/: real 404s for missing files (wasm and worker loading depend on it), and
 * index.html only for page navigations (paths without a file extension). Text and wasm go out gzipped to a
 * browser that accepts it (the 34 MB DuckDB wasm is 8 MB so), each compressed once, in the background from
 * the start; until a file's copy is ready, it goes out as it is.
 * Usage: node scripts/serve.mjs [--port 4173] [--dir dist]
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { gzip } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt('port', process.env.PORT ?? 4173));
const root = path.resolve(opt('dir', 'dist'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.wasm',
  '.json',
  '.webmanifest',
  '.svg',
  '.csv',
  '.txt',
]);

/** Gzipped copies by path, with the modification time they were made from. */
const gzipped = new Map();
/** The gzip jobs not yet done. */
const pending = new Set();

/** Resolves once every gzipped copy started so far is made. */
export async function compressed() {
  while (pending.size) await Promise.all([...pending]);
}

/** The gzipped copy of a file, or null while it is being made (or when it does not pay). */
function gzipOf(file, stat) {
  if (!COMPRESSIBLE.has(path.extname(file)) || stat.size < 1024) return null;
  const kept = gzipped.get(file);
  if (kept && kept.mtimeMs === stat.mtimeMs) return kept.bytes;
  gzipped.set(file, { mtimeMs: stat.mtimeMs, bytes: null });
  const job = new Promise((resolve) =>
    gzip(readFileSync(file), { level: 9 }, (err, bytes) => {
      if (!err && gzipped.get(file)?.mtimeMs === stat.mtimeMs) gzipped.set(file, { mtimeMs: stat.mtimeMs, bytes });
      pending.delete(job);
      resolve(undefined);
    }),
  );
  pending.add(job);
  return null;
}

/** Starts the gzipped copies of every file under `dir`. */
function compressAll(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) compressAll(p);
    else if (entry.isFile()) gzipOf(p, statSync(p));
  }
}

function fileAt(p) {
  try {
    const s = statSync(p);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/** `onSent`, if given, is told the bytes of every response body (what went over the wire). */
export function startServer(listenPort = port, dir = root, { onSent } = {}) {
  compressAll(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    let stat = fileAt(file);
    if (!stat && !path.extname(rel)) {
      rel = '/index.html';
      file = path.join(dir, rel);
      stat = fileAt(file);
    }
    if (!stat) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const hashed = rel.startsWith('/assets/');
    const headers = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    };
    const packed = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? gzipOf(file, stat) : null;
    if (packed) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': packed.length });
      onSent?.(packed.length);
      res.end(packed);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': stat.size });
    onSent?.(stat.size);
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer();
  const { port: p } = server.address();
  console.log(`Toko Insight: http://localhost:${p}/`);
}
