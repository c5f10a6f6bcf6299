import { batchToIPC, type StagedRows, Utf8Column } from './arrow';

type BuilderColumn =
  | { type: 'utf8'; values: Utf8Column }
  | { type: 'f64'; values: number[] }
  | { type: 'bool'; values: boolean[] };

/**
 * Builds typed columns row by row (`text`, `num` and `bool` give the arrays to push one value each into,
 * then `endRow`), and turns every `chunkRows` rows into Arrow IPC bytes, so a million-line file never holds
 * all its rows as JavaScript values at once.
 */
export class BatchBuilder {
  private readonly columns: Record<string, BuilderColumn> = {};
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private rows = 0;

  constructor(private readonly chunkRows = 25_000) {}

  private column<C extends BuilderColumn>(name: string, type: C['type']): C['values'] {
    let col = this.columns[name];
    if (!col) {
      col = (type === 'utf8' ? { type, values: new Utf8Column() } : { type, values: [] }) as BuilderColumn;
      this.columns[name] = col;
    }
    if (col.type !== type) throw new Error(`column ${name} is ${col.type}, not ${type}`);
    return col.values;
  }

  text(name: string): Utf8Column {
    return this.column<Extract<BuilderColumn, { type: 'utf8' }>>(name, 'utf8');
  }

  num(name: string): number[] {
    return this.column<Extract<BuilderColumn, { type: 'f64' }>>(name, 'f64');
  }

  bool(name: string): boolean[] {
    return this.column<Extract<BuilderColumn, { type: 'bool' }>>(name, 'bool');
  }

  /** Call after pushing one value into every column. */
  endRow(): void {
    this.length++;
    this.rows++;
    if (this.length >= this.chunkRows) this.flush();
  }

  private flush(): void {
    if (!this.length) return;
    for (const [name, col] of Object.entries(this.columns)) {
      if (col.values.length !== this.length)
        throw new Error(`column ${name} has ${col.values.length} of ${this.length} rows`);
    }
    this.chunks.push(batchToIPC({ length: this.length, columns: this.columns }));
    for (const col of Object.values(this.columns)) {
      if (col.values instanceof Utf8Column) col.values.clear();
      else col.values.length = 0;
    }
    this.length = 0;
  }

  finish(): StagedRows {
    this.flush();
    const columns = Object.fromEntries(Object.entries(this.columns).map(([n, c]) => [n, c.type]));
    return { rows: this.rows, columns, chunks: this.chunks };
  }
}

/** NaN stands for "no value" in numeric columns. */
export const num = (v: number | null): number => (v === null ? Number.NaN : v);
