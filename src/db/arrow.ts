import { Bool, Float64, makeData, makeVector, Table, tableToIPC, Utf8, type Vector, vectorFromArray } from 'apache-arrow';
import type { Batch, BatchColumn } from '../ingest/batch';

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
  return makeVector(makeData({ type: new Float64(), length: n, nullCount, nullBitmap: nullCount ? bitmap : null, data }));
}

function toVector(col: BatchColumn): Vector {
  switch (col.type) {
    case 'utf8':
      return vectorFromArray(col.values, new Utf8());
    case 'f64':
      return float64Vector(col.values);
    case 'bool':
      return vectorFromArray(col.values, new Bool());
  }
}

/** Arrow IPC stream bytes for a batch, the form that crosses worker boundaries and enters DuckDB. */
export function batchToIPC(batch: Batch): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, col] of Object.entries(batch.columns)) vectors[name] = toVector(col);
  return tableToIPC(new Table(vectors), 'stream');
}
