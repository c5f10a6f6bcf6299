import { sqlString, sqlTimestamp } from '../db/connection';
import { type MergeCounts, mergeStaged, type StagedPart, stageRows } from '../db/merge';
import { stageTable } from '../db/tables';
import { noteSeller, type Shop } from '../db/shops';
import type { StagedRows } from '../ingest/arrow';
import { MERGE_TARGETS } from '../ingest/kinds/output';
import type { ParsedExport } from '../ingest/parseExport';
import type { ParseOutcome } from '../ingest/parseFile';
import { failureOf, ImportError, type Note } from '../ingest/problems';
import type { FileImportReport } from './api';
import type { EngineCore } from './core';

/** A parsed file of a drop, waiting for its merge. */
export interface ParsedFile {
  name: string;
  outcome: ParseOutcome;
  onPurpose: boolean;
}

type Accepted = { file: ParsedFile; parsed: ParsedExport; hash: string; bytes: number; report: FileImportReport };

/** One file's report: an error with nothing read unless `r` says otherwise, finished now. */
export function fileReport(fileName: string, r: Partial<FileImportReport>): FileImportReport {
  return {
    fileName,
    status: 'error',
    kind: null,
    rowsRead: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    notes: [],
    error: null,
    importId: null,
    timings: { parseMs: 0, stageMs: 0, mergeMs: 0, persistMs: 0 },
    ...r,
    finishedAt: new Date().toISOString(),
  };
}

/**
 * Imports parsed files of one drop, in order, with as few merges as their contents allow: the files whose
 * checks pass are staged and merged together, one merge per target, in one transaction (the result is that
 * of merging them one by one). A file that depends on an earlier one of the same run (the same file twice,
 * another currency) starts the next run. When a run's merge fails, each of its files is merged on its own,
 * so a file still imports all-or-nothing. Returns a report per file, in order; the caller makes them durable.
 */
export async function importParsedFiles(
  core: EngineCore,
  files: readonly ParsedFile[],
  shopOf: (fileName: string) => Promise<Shop>,
): Promise<FileImportReport[]> {
  const reports: FileImportReport[] = [];
  while (reports.length < files.length) reports.push(...(await importRun(core, files.slice(reports.length), shopOf)));
  return reports;
}

/** The reports of the files of `files` this run takes (at least the first). */
async function importRun(
  core: EngineCore,
  files: readonly ParsedFile[],
  shopOf: (fileName: string) => Promise<Shop>,
): Promise<FileImportReport[]> {
  const first = files[0];
  if (!first.outcome.ok) return [unread(first, first.outcome)];
  let shop: Shop;
  try {
    shop = await shopOf(first.name);
  } catch (e) {
    return [baseReport(first, { error: failureOf(e, 'storage_failed', first.name) })];
  }
  const into = { shop: { id: shop.id, name: shop.name } };
  const reports: FileImportReport[] = [];
  const accepted: Accepted[] = [];
  const stored = await core.currency();
  const [{ n: importCount }] = await core.db.query<{ n: number }>('SELECT count(*) AS n FROM imports');
  const datasetCurrency = stored && importCount > 0 ? stored : null;
  const known = await storedCopies(core, files, shop);
  for (const file of files) {
    const { outcome } = file;
    if (!outcome.ok) {
      reports.push(unread(file, outcome));
      continue;
    }
    const { parsed, hash } = outcome;
    // A file that depends on one before it in this run waits for the next run, which sees it stored.
    if (accepted.some((a) => a.hash === hash)) break;
    if (!datasetCurrency && accepted.length && accepted[0].parsed.currency !== parsed.currency) break;
    try {
      const dup = known.here.get(hash);
      if (dup !== undefined) {
        const note: Note = { code: 'already_imported', level: 'info', params: { id: dup } };
        const out = parsed.output;
        reports.push(baseReport(file, { ...into, status: 'ok', unchanged: out.rowsRead, notes: [note, ...out.notes] }));
        continue;
      }
      if (!file.onPurpose) checkOtherShop(file.name, hash, parsed.seller, shop, known);
      if (datasetCurrency && datasetCurrency !== parsed.currency)
        throw new ImportError('currency_mismatch', {
          file: file.name,
          fileCurrency: parsed.currency,
          datasetCurrency,
        });
    } catch (e) {
      reports.push(baseReport(file, { ...into, error: failureOf(e, 'storage_failed', file.name) }));
      continue;
    }
    const report = baseReport(file, into);
    reports.push(report);
    accepted.push({ file, parsed, hash, bytes: outcome.bytes, report });
  }
  if (accepted.length) {
    try {
      await mergeFiles(core, accepted, shop);
    } catch (e) {
      if (accepted.length === 1)
        Object.assign(accepted[0].report, { error: failureOf(e, 'storage_failed', accepted[0].file.name) });
      // Each on its own: one file's failure does not fail the others.
      else for (const a of accepted) await mergeFiles(core, [a], shop).catch((err: unknown) => failed(a, err));
    }
  }
  return reports;
}

const timingsOf = (f: ParsedFile) => ({ parseMs: f.outcome.parseMs, stageMs: 0, mergeMs: 0, persistMs: 0 });

/** The report of a file that could not be read. */
const unread = (file: ParsedFile, outcome: Extract<ParseOutcome, { ok: false }>) =>
  fileReport(file.name, { error: outcome.error, timings: timingsOf(file) });

/** A file's report before its merge: what it read, and an error unless `r` says otherwise. */
function baseReport(file: ParsedFile, r: Partial<FileImportReport>): FileImportReport {
  const o = file.outcome;
  const read = o.ok ? { kind: o.parsed.kind, rowsRead: o.parsed.output.rowsRead, notes: o.parsed.output.notes } : {};
  return fileReport(file.name, { ...read, timings: timingsOf(file), ...r });
}

function failed(a: Accepted, e: unknown): void {
  Object.assign(a.report, { status: 'error', error: failureOf(e, 'storage_failed', a.file.name), importId: null });
}

/**
 * Stages and merges files in one transaction: each becomes an import, one merge per target over all of
 * them. Fills the files' reports (their stage and merge times, counted once, on the last); throws when
 * nothing merged.
 */
async function mergeFiles(core: EngineCore, files: readonly Accepted[], shop: Shop): Promise<void> {
  const { db } = core;
  // One stage table per target (and set of columns): the files' rows one after the other.
  const stages = new Map<string, { table: string; rows: StagedRows }>();
  // Each target's staged parts, one per file that carries rows of it.
  const parts = new Map(MERGE_TARGETS.map((t) => [t, [] as (StagedPart & { file: number })[]]));
  for (const [k, a] of files.entries()) {
    const out = a.parsed.output;
    for (const x of [{ target: out.target, staged: out.staged }, ...(out.extra ?? [])]) {
      const key = `${x.target} ${JSON.stringify(x.staged.columns)}`;
      const stage = stages.get(key) ?? {
        table: `${stageTable(x.target)}_${stages.size}`,
        rows: { rows: 0, columns: x.staged.columns, chunks: [] },
      };
      stages.set(key, stage);
      const rows = [stage.rows.rows, stage.rows.rows + x.staged.rows - 1] as const;
      stage.rows.rows += x.staged.rows;
      stage.rows.chunks.push(...x.staged.chunks);
      parts.get(x.target)?.push({ importId: 0, snapshotAt: out.snapshotAt, stage: stage.table, rows, file: k });
    }
  }
  try {
    // The staging is counted once, on the last file, as the merge is.
    let lap = performance.now();
    for (const { table, rows } of stages.values()) await stageRows(db, table, rows);
    const staged = performance.now();
    files[files.length - 1].report.timings.stageMs = staged - lap;
    lap = staged;
    const ids = await core.transaction(async () => {
      const next = Number((await core.meta('next_import_id')) ?? 1);
      await core.setMeta('next_import_id', String(next + files.length));
      const counts = new Map<number, MergeCounts>();
      for (const [target, ps] of parts) {
        if (!ps.length) continue;
        for (const p of ps) p.importId = next + p.file;
        const merged = await mergeStaged(db, target, ps, shop.id);
        // A file's counts are those of its own target, not of the facts it carries besides.
        for (const p of ps)
          if (files[p.file].parsed.output.target === target)
            counts.set(p.importId, merged.get(p.importId) as MergeCounts);
      }
      // Every file's import row in one statement (a statement costs milliseconds in the browser).
      const imports = files.map((a, k) => {
        const id = next + k;
        const c = counts.get(id) as MergeCounts;
        const out = a.parsed.output;
        const [firstAt, lastAt] = out.dateRange ?? [null, null];
        return `(${id}, ${sqlString(a.file.name)}, ${sqlString(a.parsed.kind)},
          ${sqlString(out.target)}, ${sqlString(a.hash)}, ${a.bytes}, now()::TIMESTAMP, ${sqlTimestamp(out.snapshotAt)},
          ${sqlTimestamp(firstAt)}, ${sqlTimestamp(lastAt)}, ${out.rowsRead}, ${c.added}, ${c.updated},
          ${c.unchanged}, ${sqlString(JSON.stringify(out.notes))}, ${out.coversAll ?? 'NULL'}, ${shop.id},
          ${a.parsed.seller === null ? 'NULL' : sqlString(a.parsed.seller)})`;
      });
      await db.exec(`INSERT INTO imports VALUES ${imports.join(', ')}`);
      for (const seller of new Set(files.map((a) => a.parsed.seller)))
        if (seller) await noteSeller(db, shop.id, seller);
      await core.setMeta('currency', files[files.length - 1].parsed.currency);
      await core.bumpVersion();
      return files.map((_, k) => ({ id: next + k, counts: counts.get(next + k) as MergeCounts }));
    });
    for (const [k, a] of files.entries())
      Object.assign(a.report, { ...ids[k].counts, status: 'ok', importId: ids[k].id });
    files[files.length - 1].report.timings.mergeMs = performance.now() - lap;
  } finally {
    for (const { table } of stages.values()) await db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** What is stored of a run's files: the import of each hash in this shop, other shops' copies and sellers. */
interface StoredCopies {
  here: Map<string, number>;
  /** The other shop that holds a file of this hash. */
  elsewhere: Map<string, string>;
  /** The shop of each seller username of the run's files. */
  sellers: Map<string, Shop>;
}

/** Reads, in two queries, what the checks of a run's files need. */
async function storedCopies(core: EngineCore, files: readonly ParsedFile[], shop: Shop): Promise<StoredCopies> {
  const hashes = new Set<string>();
  const sellers = new Set<string>();
  for (const f of files)
    if (f.outcome.ok) {
      hashes.add(f.outcome.hash);
      if (f.outcome.parsed.seller) sellers.add(f.outcome.parsed.seller);
    }
  const out: StoredCopies = { here: new Map(), elsewhere: new Map(), sellers: new Map() };
  if (hashes.size) {
    const list = [...hashes].map(sqlString).join(', ');
    const rows = await core.db.query<{ hash: string; id: number; shop: number; name: string }>(
      `SELECT i.file_hash AS hash, i.id, i.shop, s.name FROM imports i JOIN shops s ON s.id = i.shop
       WHERE i.file_hash IN (${list}) ORDER BY i.id`,
    );
    for (const r of rows) {
      if (r.shop === shop.id) {
        if (!out.here.has(r.hash)) out.here.set(r.hash, r.id);
      } else if (!out.elsewhere.has(r.hash)) out.elsewhere.set(r.hash, r.name);
    }
  }
  if (sellers.size) {
    const rows = await core.db.query<Shop>(
      `SELECT id, name, seller FROM shops WHERE seller IN (${[...sellers].map(sqlString).join(', ')}) ORDER BY id`,
    );
    for (const r of rows) if (r.seller && !out.sellers.has(r.seller)) out.sellers.set(r.seller, r);
  }
  return out;
}

/**
 * Refuses a file that belongs to another shop: its seller username is another shop's, or the same file is
 * in another shop. The seller imports it anyway on purpose (ImportInput.onPurpose).
 */
function checkOtherShop(fileName: string, hash: string, seller: string | null, shop: Shop, known: StoredCopies): void {
  const owner = seller ? known.sellers.get(seller) : undefined;
  if (owner && owner.id !== shop.id)
    throw new ImportError('other_shop', {
      file: fileName,
      reason: 'seller',
      seller: seller ?? '',
      other: owner.name,
      shop: shop.name,
    });
  const copy = known.elsewhere.get(hash);
  if (copy !== undefined)
    throw new ImportError('other_shop', { file: fileName, reason: 'copy', other: copy, shop: shop.name });
}
