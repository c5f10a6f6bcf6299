import type { StagedRows } from '../arrow';
import type { Note } from '../problems';
import { parseDateTime } from '../values';

/** Where an importer's rows go: each target has a stage table and a merge rule in src/db. */
export type MergeTarget = 'order_lines' | 'income' | 'insights' | 'returns' | 'claims' | 'wallet';

/** Merge targets in the order removal looks through them. */
export const MERGE_TARGETS: readonly MergeTarget[] = [
  'order_lines',
  'income',
  'insights',
  'returns',
  'claims',
  'wallet',
];

/** What an importer hands to the database: typed rows plus what the report should say. */
export interface KindOutput {
  target: MergeTarget;
  /** The typed rows, as Arrow IPC chunks for the stage table. */
  staged: StagedRows;
  /** Data rows read (blank, summary and detail rows excluded). */
  rowsRead: number;
  notes: Note[];
  /** The file's snapshot time (naive ms): the latest timestamp it contains. Newer snapshots win merges. */
  snapshotAt: number | null;
  /** First and last period timestamp of the rows (naive ms). */
  dateRange: [number, number] | null;
  /** For exports of orders: whether the file lists every order of its span (see `partialFiles` of the spec). */
  coversAll?: boolean;
  /** Facts of another target the same file carries (the claims of failed deliveries), merged in the same transaction. */
  extra?: { target: MergeTarget; staged: StagedRows }[];
}

/** The first and last of the timestamps a reader sees (naive ms): a file's period and its snapshot time. */
export class DateSpan {
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  add(from: number, to = from): void {
    if (from < this.min) this.min = from;
    if (to > this.max) this.max = to;
  }

  get range(): [number, number] | null {
    return Number.isFinite(this.min) ? [this.min, this.max] : null;
  }

  get last(): number | null {
    return Number.isFinite(this.max) ? this.max : null;
  }
}

/** The period of a file named like `parentskudetail.20260701_20260731.xlsx`. */
export function periodFromFileName(name: string): [number, number] | null {
  const p = /(\d{4})(\d{2})(\d{2})[_-](\d{4})(\d{2})(\d{2})/.exec(name);
  if (!p) return null;
  const from = parseDateTime(`${p[1]}-${p[2]}-${p[3]}`);
  const to = parseDateTime(`${p[4]}-${p[5]}-${p[6]}`);
  return from !== null && to !== null ? [from, to] : null;
}
