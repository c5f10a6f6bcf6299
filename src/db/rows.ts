import type { Table } from 'apache-arrow';

/** Arrow result rows as plain objects: BigInt becomes number, TIMESTAMP and DATE become milliseconds. */
export function arrowRows<T>(table: Table): T[] {
  const out: T[] = [];
  const fields = table.schema.fields.map((f) => f.name);
  const cols = fields.map((_, i) => table.getChildAt(i));
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) {
      let v = cols[c]?.get(r) ?? null;
      if (typeof v === 'bigint') v = Number(v);
      else if (v instanceof Date) v = v.getTime();
      row[fields[c]] = v;
    }
    out.push(row as T);
  }
  return out;
}
