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

/** A column builder for a batch: `text`, `num` and `bool` push one row's value each. */
export class BatchBuilder {
  readonly columns: Record<string, BatchColumn> = {};
  length = 0;

  private column<C extends BatchColumn>(name: string, type: C['type']): C['values'] {
    let col = this.columns[name];
    if (!col) {
      col = { type, values: [] } as BatchColumn;
      this.columns[name] = col;
    }
    if (col.type !== type) throw new Error(`column ${name} is ${col.type}, not ${type}`);
    return col.values;
  }

  text(name: string): (string | null)[] {
    return this.column<Extract<BatchColumn, { type: 'utf8' }>>(name, 'utf8');
  }

  num(name: string): number[] {
    return this.column<Extract<BatchColumn, { type: 'f64' }>>(name, 'f64');
  }

  bool(name: string): boolean[] {
    return this.column<Extract<BatchColumn, { type: 'bool' }>>(name, 'bool');
  }

  build(): Batch {
    for (const [name, col] of Object.entries(this.columns)) {
      if (col.values.length !== this.length) throw new Error(`column ${name} has ${col.values.length} of ${this.length} rows`);
    }
    return { length: this.length, columns: this.columns };
  }
}

/** NaN stands for "no value" in numeric columns. */
export const num = (v: number | null): number => (v === null ? Number.NaN : v);

/** A 53-bit hash of a row's values (cyrb53), used to tell an updated line from an unchanged one. */
export function rowHash(parts: readonly (string | number | null)[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const p of parts) {
    const s = p === null ? '\u0000' : typeof p === 'number' ? (Number.isNaN(p) ? '\u0000' : String(p)) : p;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ 31, 2654435761);
    h2 = Math.imul(h2 ^ 31, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
