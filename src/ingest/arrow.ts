import { Bool, Float64, makeData, makeVector, Table, tableFromIPC, tableToIPC, Utf8, type Vector } from 'apache-arrow';

/**
 * Typed columns produced by an importer, ready to become Arrow IPC bytes. Numbers are doubles with NaN
 * for "no value", which keeps them in packed arrays; the database casts them to integers.
 */
export type BatchColumn =
  | { type: 'utf8'; values: Utf8Column | readonly (string | null)[] }
  | { type: 'f64'; values: number[] }
  | { type: 'bool'; values: boolean[] };

export interface Batch {
  length: number;
  columns: Record<string, BatchColumn>;
}

/** An importer's rows as Arrow IPC stream chunks, with the column types to create the stage table from. */
export interface StagedRows {
  rows: number;
  columns: Record<string, BatchColumn['type']>;
  chunks: Uint8Array[];
}

const encoder = new TextEncoder();

/** Validity bitmap (1 = value present) and the null count, or a null bitmap when nothing is null. */
function validity(n: number, isNull: (i: number) => boolean): { bitmap: Uint8Array | null; nullCount: number } {
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (isNull(i)) nullCount++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return { bitmap: nullCount ? bitmap : null, nullCount };
}

function float64Vector(values: number[]): Vector {
  const n = values.length;
  const data = new Float64Array(n);
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) nullCount++;
    else {
      data[i] = v;
      bitmap[i >> 3] |= 1 << (i & 7);
    }
  }
  return makeVector(
    makeData({ type: new Float64(), length: n, nullCount, nullBitmap: nullCount ? bitmap : null, data }),
  );
}

/**
 * A UTF-8 column built straight into one growing buffer (apache-arrow's generic builder is several times
 * slower): from strings, or byte for byte from a CSV file's bytes, which gives the same column.
 */
export class Utf8Column {
  private bytes = new Uint8Array(4096);
  private offsets = new Int32Array(1025);
  private isNull = new Uint8Array(1024);
  private pos = 0;
  private nulls = 0;
  private lastText: string | null = null;
  private lastKnown = true;
  length = 0;

  private room(bytes: number): void {
    if (this.length + 1 >= this.isNull.length) {
      const offsets = new Int32Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const isNull = new Uint8Array(this.isNull.length * 2);
      isNull.set(this.isNull);
      this.isNull = isNull;
    }
    if (this.pos + bytes > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + bytes));
      grown.set(this.bytes.subarray(0, this.pos));
      this.bytes = grown;
    }
  }

  private end(text: string | null, known: boolean): void {
    this.lastText = text;
    this.lastKnown = known;
    this.offsets[++this.length] = this.pos;
  }

  push(s: string | null): void {
    if (s === null) {
      this.room(0);
      this.isNull[this.length] = 1;
      this.nulls++;
      this.end(null, true);
      return;
    }
    // Worst case 3 bytes per UTF-16 unit; ASCII is copied here, anything else goes to the encoder.
    this.room(s.length * 3);
    const bytes = this.bytes;
    const start = this.pos;
    let p = start;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        p = start + encoder.encodeInto(s, bytes.subarray(start)).written;
        break;
      }
      bytes[p++] = c;
    }
    this.pos = p;
    this.isNull[this.length] = 0;
    this.end(s, true);
  }

  /** Appends `buf[start, end)`, which must be valid UTF-8 (the bytes of a decoded file). */
  pushBytes(buf: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    if (end - start > 64) {
      this.bytes.set(buf.subarray(start, end), this.pos);
      this.pos += end - start;
    } else {
      // A short cell is copied faster by hand than through a subarray.
      const bytes = this.bytes;
      let p = this.pos;
      for (let i = start; i < end; i++) bytes[p++] = buf[i];
      this.pos = p;
    }
    this.isNull[this.length] = 0;
    this.end(null, false);
  }

  /** The last value pushed, as text. */
  last(): string | null {
    if (!this.lastKnown) {
      this.lastText = cellDecoder.decode(this.bytes.subarray(this.offsets[this.length - 1], this.pos));
      this.lastKnown = true;
    }
    return this.lastText;
  }

  clear(): void {
    this.length = 0;
    this.pos = 0;
    this.nulls = 0;
    this.lastText = null;
    this.lastKnown = true;
  }

  /** The column as an Arrow vector over this builder's buffers: valid until the next push or clear. */
  toVector(): Vector {
    const n = this.length;
    const { bitmap } = validity(n, this.nulls ? (i) => this.isNull[i] === 1 : () => false);
    return makeVector(
      makeData({
        type: new Utf8(),
        length: n,
        nullCount: this.nulls,
        nullBitmap: bitmap,
        valueOffsets: this.offsets.subarray(0, n + 1),
        data: this.bytes.subarray(0, this.pos),
      }),
    );
  }
}

/** Decodes text cells' bytes as they are: a U+FEFF inside a cell is text, not a byte-order mark. */
export const cellDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

function boolVector(values: boolean[]): Vector {
  const bits = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v) bits[i >> 3] |= 1 << (i & 7);
  });
  return makeVector(makeData({ type: new Bool(), length: values.length, nullCount: 0, data: bits }));
}

function toVector(col: BatchColumn): Vector {
  switch (col.type) {
    case 'utf8': {
      if (col.values instanceof Utf8Column) return col.values.toVector();
      const built = new Utf8Column();
      for (const v of col.values) built.push(v);
      return built.toVector();
    }
    case 'f64':
      return float64Vector(col.values);
    case 'bool':
      return boolVector(col.values);
  }
}

/** Arrow IPC stream bytes for a batch, the form that crosses worker boundaries and enters DuckDB. */
export function batchToIPC(batch: Batch): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, col] of Object.entries(batch.columns)) vectors[name] = toVector(col);
  return tableToIPC(new Table(vectors), 'stream');
}

/** A chunk this big goes into the database as it is; smaller ones are joined, up to JOINED_CHUNK_BYTES. */
const SMALL_CHUNK_BYTES = 256 << 10;
const JOINED_CHUNK_BYTES = 4 << 20;

/**
 * The same rows, in the same order, in fewer IPC streams: consecutive small chunks of one schema (the many
 * files of a drop, each a few rows) become one stream, since each insert into the database costs
 * milliseconds in the browser whatever its size. Big chunks are left as they are (joining copies them).
 */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let run: Uint8Array[] = [];
  let bytes = 0;
  const flush = () => {
    if (run.length > 1) {
      const tables = run.map((c) => tableFromIPC(c));
      const schema = String(tables[0].schema);
      if (tables.every((t) => String(t.schema) === schema))
        out.push(tableToIPC(new Table(tables.flatMap((t) => t.batches)), 'stream'));
      else out.push(...run);
    } else out.push(...run);
    run = [];
    bytes = 0;
  };
  for (const c of chunks) {
    if (c.length >= SMALL_CHUNK_BYTES || bytes + c.length > JOINED_CHUNK_BYTES) flush();
    if (c.length >= SMALL_CHUNK_BYTES) out.push(c);
    else {
      run.push(c);
      bytes += c.length;
    }
  }
  flush();
  return out;
}
