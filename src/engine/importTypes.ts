import type { FileInput } from '../ingest/parseFile';
import type { ImportErrorInfo, Note } from '../ingest/problems';
import type { KindId } from '../ingest/kinds/spec';
import type { MasterColumn, MasterMapping, MasterRole } from '../ingest/productMaster';

/** What an import takes and tells: the files, each file's report, and the stored imports (api.ts). */

/** A file to import: its name (used for messages and the CSV/xlsx decision) and its bytes. */
export type ImportInput = FileInput & {
  /** Import it even though it belongs to another shop (its seller username, or the same file, is there). */
  onPurpose?: boolean;
};

/** What happened to one file of an import. */
export interface FileImportReport {
  fileName: string;
  status: 'ok' | 'error';
  /** The export kind, or `product_master` for the seller's own product master or cost sheet. */
  kind: KindId | 'product_master' | null;
  /** A product master whose columns could be read two ways: the seller chooses (importProductMaster). */
  question?: MasterQuestion;
  /** A product master read: the columns it was read with, which the seller can change (importProductMaster). */
  master?: MasterReading;
  /** Data rows read; blank, summary and detail rows are not counted (the notes say how many were skipped). */
  rowsRead: number;
  /** Rows whose line key was not stored before. */
  added: number;
  /** Rows that won their line key with different values than the stored row. */
  updated: number;
  /** Rows that changed nothing (same values, or an older snapshot lost to the stored row). */
  unchanged: number;
  notes: Note[];
  error: ImportErrorInfo | null;
  /** The stored import this file became; null on error or when the same file was already imported. */
  importId: number | null;
  /** The shop it went into (or was to go into). */
  shop?: { id: number; name: string };
  finishedAt: string;
  /** Where the time went: reading the file, loading it into a stage table, merging, writing to disk. */
  timings: { parseMs: number; stageMs: number; mergeMs: number; persistMs: number };
}

/** A product master's columns, and which holds what. */
export interface MasterReading {
  mapping: MasterMapping;
  columns: MasterColumn[];
}

/** Which column of a product master holds a role, when two or more fit it equally. */
export interface MasterQuestion extends MasterReading {
  fileName: string;
  role: MasterRole;
  candidates: number[];
}

export interface ImportReport {
  files: FileImportReport[];
  datasetVersion: number;
}

/** A stored import: one file whose rows are part of the dataset. */
export interface ImportRecord {
  id: number;
  fileName: string;
  kind: KindId;
  importedAt: string;
  /** First and last period date of the file's rows (order creation, or income release). */
  firstDate: string | null;
  lastDate: string | null;
  rowsRead: number;
  added: number;
  updated: number;
  unchanged: number;
  notes: Note[];
  /** The shop its rows belong to. */
  shop: number;
}
