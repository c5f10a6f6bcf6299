import { Bool, Float64, makeData, makeVector, Table, tableToIPC, Utf8, type Vector } from 'apache-arrow';

/**
 * Typed columns produced by an importer, ready to become Arrow IPC bytes. Numbers are doubles with NaN
 * for "no value", which keeps them in packed arrays; the database casts them to integers.
 */
export type BatchColumn =
  | { type: 'utf8'; values: (string | null)[] }
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

/** UTF-8 column built directly into one buffer (apache-arrow's generic builder is several times slower). */
function utf8Vector(values: (string | null)[]): Vector {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(Math.max(64, n * 16));
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s) {
      // Worst case 3 bytes per UTF-16 unit.
      if (pos + s.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, pos + s.length * 3));
        grown.set(bytes.subarray(0, pos));
        bytes = grown;
      }
      pos += encoder.encodeInto(s, bytes.subarray(pos)).written;
    }
    offsets[i + 1] = pos;
  }
  const { bitmap, nullCount } = validity(n, (i) => values[i] === null);
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount,
      nullBitmap: bitmap,
      valueOffsets: offsets,
      data: bytes.subarray(0, pos),
    }),
  );
}

function boolVector(values: boolean[]): Vector {
  const bits = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v) bits[i >> 3] |= 1 << (i & 7);
  });
  return makeVector(makeData({ type: new Bool(), length: values.length, nullCount: 0, data: bits }));
}

function toVector(col: BatchColumn): Vector {
  switch (col.type) {
    case 'utf8':
      return utf8Vector(col.values);
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
