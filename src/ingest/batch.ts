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
