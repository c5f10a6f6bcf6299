import { tableFromIPC } from 'apache-arrow';
import { ORDER_COLUMNS_2026 } from '../scripts/sample/layouts';
import { type ParsedExport, parseExport } from '../src/ingest/parseExport';
import { ImportError } from '../src/ingest/problems';

/** A column of the parsed rows, decoded from the Arrow chunks the importer produced. */
export const col = (p: ParsedExport, name: string): unknown[] =>
  p.output.staged.chunks.flatMap((c) => [...(tableFromIPC(c).getChild(name) ?? [])]);
export const sum = (p: ParsedExport, name: string) => (col(p, name) as number[]).reduce((a, b) => a + b, 0);

export function failure(name: string, bytes: Uint8Array): ImportError {
  try {
    parseExport(name, bytes);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected the file to fail');
}

export const HEADER_2026 = ORDER_COLUMNS_2026.map(([h]) => h);
