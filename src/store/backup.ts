/**
 * The workspace backup file: one gzip stream holding a manifest (JSON) and its parts (the database tables as
 * Arrow IPC, the app state as JSON), each with its SHA-256. Reading checks every checksum and every version
 * before anything is restored, so a damaged or newer file is refused whole. Pure: runs in Node and workers.
 */

import { sha256Hex } from '../format/hash';

export const BACKUP_FORMAT = 'toko-insight-workspace';
/** The container's own version; a file of a higher one is refused. */
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.tokoinsight';

/** What the backup holds, for the preview before a restore. */
export interface BackupSummary {
  shopName: string;
  imports: number;
  orders: number;
  firstOrderDate: string | null;
  lastOrderDate: string | null;
  unitCosts: number;
  schedules: number;
  alertRules: number;
  reports: number;
}

export interface BackupPart {
  name: string;
  bytes: number;
  sha256: string;
  /** Rows of a table part. */
  rows?: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The database schema version (src/db/schema.ts) and the app state version (src/store/idb.ts). */
  schemaVersion: number;
  stateVersion: number;
  createdAt: string;
  summary: BackupSummary;
  parts: BackupPart[];
}

export type BackupProblem =
  | { code: 'not_backup' }
  | { code: 'damaged'; part: string }
  | { code: 'newer_version'; what: 'format' | 'schema' | 'state'; found: number; supported: number }
  /** The file read well, but its rows did not load (the workspace was left as it was). */
  | { code: 'restore_failed'; detail: string };

/** A backup that cannot be restored, and why (the UI words it in the seller's language). */
export class BackupError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(`backup refused: ${JSON.stringify(problem)}`);
  }
}

export interface DecodedBackup {
  manifest: BackupManifest;
  parts: Map<string, Uint8Array>;
}

/** What this app can read: a file above any of these is refused. */
export interface SupportedVersions {
  schemaVersion: number;
  stateVersion: number;
}

const MAGIC = new TextEncoder().encode('TOKOBAK\n');

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Writes the backup file: magic, manifest length and JSON, then the parts in manifest order; gzipped. */
export async function encodeBackup(
  head: Omit<BackupManifest, 'format' | 'formatVersion' | 'parts'>,
  parts: { name: string; bytes: Uint8Array; rows?: number }[],
): Promise<Uint8Array> {
  const listed: BackupPart[] = [];
  for (const p of parts)
    listed.push({
      name: p.name,
      bytes: p.bytes.length,
      sha256: await sha256Hex(p.bytes),
      ...(p.rows === undefined ? {} : { rows: p.rows }),
    });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    ...head,
    parts: listed,
  };
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  return through(concat([MAGIC, u32(json.length), json, ...parts.map((p) => p.bytes)]), new CompressionStream('gzip'));
}

/** Reads only the manifest's versions and checksums; throws BackupError for anything it cannot restore. */
export async function decodeBackup(file: Uint8Array, supported: SupportedVersions): Promise<DecodedBackup> {
  let raw: Uint8Array;
  try {
    raw = await through(file, new DecompressionStream('gzip'));
  } catch {
    throw new BackupError({ code: 'not_backup' });
  }
  if (raw.length < MAGIC.length + 4 || MAGIC.some((b, i) => raw[i] !== b))
    throw new BackupError({ code: 'not_backup' });
  const length = new DataView(raw.buffer, raw.byteOffset + MAGIC.length, 4).getUint32(0);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(raw.subarray(MAGIC.length + 4, MAGIC.length + 4 + length)),
    );
  } catch {
    throw new BackupError({ code: 'damaged', part: 'manifest' });
  }
  if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.parts))
    throw new BackupError({ code: 'not_backup' });
  for (const [what, found, max] of [
    ['format', manifest.formatVersion, BACKUP_FORMAT_VERSION],
    ['schema', manifest.schemaVersion, supported.schemaVersion],
    ['state', manifest.stateVersion, supported.stateVersion],
  ] as const) {
    if (!(found <= max)) throw new BackupError({ code: 'newer_version', what, found, supported: max });
  }
  const parts = new Map<string, Uint8Array>();
  let at = MAGIC.length + 4 + length;
  for (const p of manifest.parts) {
    const bytes = raw.subarray(at, at + p.bytes);
    at += p.bytes;
    if (bytes.length !== p.bytes || (await sha256Hex(bytes)) !== p.sha256)
      throw new BackupError({ code: 'damaged', part: p.name });
    parts.set(p.name, bytes);
  }
  if (at !== raw.length) throw new BackupError({ code: 'damaged', part: 'end' });
  return { manifest, parts };
}

/** A backup file read and checked, or why it cannot be restored. */
export async function readBackupFile(
  file: Blob,
  supported: SupportedVersions,
): Promise<{ ok: true; backup: DecodedBackup } | { ok: false; problem: BackupProblem }> {
  try {
    return { ok: true, backup: await decodeBackup(new Uint8Array(await file.arrayBuffer()), supported) };
  } catch (e) {
    if (e instanceof BackupError) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** What an empty workspace holds. */
export const EMPTY_SUMMARY: BackupSummary = {
  shopName: '',
  imports: 0,
  orders: 0,
  firstOrderDate: null,
  lastOrderDate: null,
  unitCosts: 0,
  schedules: 0,
  alertRules: 0,
  reports: 0,
};

/** JSON that carries byte arrays (report files) as base64, for the app state part. */
export function stateToJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? { $bytes: toBase64(v) } : v)),
  );
}

export function stateFromJson<T>(bytes: Uint8Array): T {
  return JSON.parse(new TextDecoder().decode(bytes), (_k, v) =>
    v && typeof v === 'object' && typeof v.$bytes === 'string' && Object.keys(v).length === 1
      ? fromBase64(v.$bytes)
      : v,
  ) as T;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
