import { NotAnExport, parseExport, type ParsedExport } from './parseExport';
import type { GridSheet } from './productMaster';
import { sha256Hex } from '../format/hash';
import { failureOf, type ImportErrorInfo, type UnreadableReason } from './problems';

/** A file handed to the importer: its name and its bytes, in any of the forms the browser gives them. */
export interface FileInput {
  name: string;
  data: Blob | ArrayBuffer | Uint8Array;
}

/**
 * A file read and parsed, before anything touches the database: the parsed rows with the file's hash and
 * size, or the reason it cannot be imported. A plain value (no Error, no class), so it crosses a worker
 * boundary whole.
 */
export type ParseOutcome =
  | { ok: true; parsed: ParsedExport; hash: string; bytes: number; parseMs: number }
  /** `grids`: the sheets of a readable file that is no Shopee export (perhaps a product master). */
  | { ok: false; error: ImportErrorInfo; parseMs: number; grids?: GridSheet[] };

/** Parses a file somewhere: in this thread (`parseFile`) or in the parse worker. */
export type FileParser = (file: FileInput) => Promise<ParseOutcome>;

export async function toBytes(data: FileInput['data']): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(await data.arrayBuffer());
}

/**
 * Reads, hashes and parses one file. Never throws: a file that cannot be read is an outcome too.
 * `parseMs` is the parse itself, not the waits for the bytes and the hash (other work runs meanwhile).
 */
export async function parseFile(file: FileInput): Promise<ParseOutcome> {
  let start = performance.now();
  try {
    const bytes = await toBytes(file.data);
    const hash = await sha256Hex(bytes);
    start = performance.now();
    const parsed = parseExport(file.name, bytes);
    return { ok: true, parsed, hash, bytes: bytes.length, parseMs: performance.now() - start };
  } catch (e) {
    return {
      ok: false,
      error: failureOf(e, 'corrupt_file', file.name, { reason: 'unexpected' satisfies UnreadableReason }),
      parseMs: performance.now() - start,
      ...(e instanceof NotAnExport ? { grids: e.grids } : {}),
    };
  }
}

/** The buffers of a parsed file's Arrow chunks: what a worker hands over instead of copying. */
export function outcomeBuffers(o: ParseOutcome): ArrayBuffer[] {
  if (!o.ok) return [];
  const out = o.parsed.output;
  const chunks = [out.staged, ...(out.extra ?? []).map((x) => x.staged)].flatMap((s) => s.chunks);
  return [...new Set(chunks.map((c) => c.buffer as ArrayBuffer))];
}
