import { DEFAULT_CURRENCY } from '../kernel/currency';
import { MASTER_MAX_ROWS } from '../ingest/parseExport';
import type { GridSheet, MasterColumn, MasterInference, MasterMapping, MasterSheet } from '../ingest/productMaster';
import { inferMaster, readMaster } from '../ingest/productMaster';
import type { ImportErrorInfo, Note } from '../ingest/problems';
import { columnLetter } from '../ingest/readers/source';
import { shopSkuKeys, storeMaster } from '../metrics/productMaster';
import type { MasterQuestion, MasterReading } from './api';
import type { EngineCore } from './core';

/** What reading a sheet as a product master gives a file's report: its notes, or an error and a question. */
export type MasterOutcome =
  | { ok: true; rowsRead: number; notes: Note[]; columns: MasterReading }
  | { ok: false; error: ImportErrorInfo; question?: MasterQuestion };

/** The sheet that reads best as a master: an unambiguous one with the most SKU matches, else a question. */
function bestSheet(grids: readonly GridSheet[], infer: (g: GridSheet) => MasterInference) {
  const found = grids.map((grid) => ({ grid, inference: infer(grid) })).filter((x) => x.inference.status !== 'none');
  const score = (i: MasterInference) =>
    i.status === 'none' ? -1 : (i.columns[i.mapping.sku]?.skuMatches ?? 0) + (i.status === 'ok' ? 1e9 : 0);
  return found.sort((a, b) => score(b.inference) - score(a.inference))[0];
}

/** A column as the notes name it: its letter, and its header when the sheet has one. */
const columnName = (columns: readonly MasterColumn[], j: number | null) => {
  if (j === null) return '–';
  const c = columns[j];
  return c?.header ? `${c.letter} "${c.header}"` : columnLetter(j);
};

/** The notes of a master read and stored: what was mapped, and every row that was not taken as it stands. */
function notesOf(columns: readonly MasterColumn[], sheet: MasterSheet, currency: string): Note[] {
  const m = sheet.mapping;
  const notes: Note[] = [
    {
      code: 'master_columns',
      level: 'info',
      params: {
        sheet: m.sheet,
        sku: columnName(columns, m.sku),
        master: columnName(columns, m.master),
        cost: columnName(columns, m.cost),
      },
    },
    {
      code: 'master_read',
      level: 'info',
      params: {
        skus: sheet.aliases.length,
        masters: new Set(sheet.aliases.map((a) => a.master.toLowerCase())).size,
        costs: sheet.costs.length,
        matched: sheet.matched,
      },
    },
  ];
  const rows = (rs: number[]) => rs.slice(0, 8).join(', ') + (rs.length > 8 ? ' …' : '');
  if (sheet.unmatched.length)
    notes.push({
      code: 'master_unmatched',
      level: 'info',
      params: { count: sheet.unmatched.length, skus: sheet.unmatched.slice(0, 5).join('; ') },
    });
  if (sheet.conflicts.length)
    notes.push({
      code: 'master_conflicts',
      level: 'warning',
      params: {
        count: sheet.conflicts.length,
        subjects: sheet.conflicts
          .slice(0, 3)
          .map((c) => c.subject)
          .join('; '),
        currency,
      },
    });
  if (sheet.unreadable.length)
    notes.push({
      code: 'master_unreadable',
      level: 'warning',
      params: {
        count: sheet.unreadable.length,
        column: sheet.unreadable[0].column,
        rows: rows(sheet.unreadable.map((u) => u.row)),
        value: sheet.unreadable[0].value,
      },
    });
  if (sheet.withoutSku.length)
    notes.push({
      code: 'master_without_sku',
      level: 'warning',
      params: { count: sheet.withoutSku.length, rows: rows(sheet.withoutSku) },
    });
  return notes;
}

/**
 * Reads a file's sheets as the seller's product master against the shop's SKUs, and stores it in one
 * transaction (the caller makes it durable). With `mapping` (the seller's choice of columns) it reads that
 * sheet as told; without, it infers the columns and asks when two fit one role. `notAnExport` is the file's
 * error when it reads as no master either.
 */
export async function importMaster(
  core: EngineCore,
  fileName: string,
  grids: readonly GridSheet[],
  notAnExport: ImportErrorInfo,
  mapping?: MasterMapping,
): Promise<MasterOutcome> {
  const shop = await shopSkuKeys(core.db);
  const currency = (await core.currency()) ?? DEFAULT_CURRENCY;
  // The sheet and its reading: the one the seller named, or the one that reads best.
  const best = mapping
    ? grids
        .filter((g) => g.name === mapping.sheet)
        .map((grid) => ({ grid, inference: inferMaster(grid, shop, currency) }))[0]
    : bestSheet(grids, (g) => inferMaster(g, shop, currency));
  if (!best) return { ok: false, error: notAnExport };
  const { grid, inference: inf } = best;
  const columns = inf.status === 'none' ? [] : inf.columns;
  if (!mapping && inf.status === 'ambiguous') {
    return {
      ok: false,
      error: {
        code: 'master_ambiguous',
        params: {
          file: fileName,
          role: inf.role,
          columns: inf.candidates.map((j) => columnName(columns, j)).join(', '),
        },
      },
      question: { fileName, role: inf.role, candidates: inf.candidates, mapping: inf.mapping, columns },
    };
  }
  const chosen = mapping ?? (inf.status === 'ok' ? inf.mapping : undefined);
  if (!chosen) return { ok: false, error: notAnExport };
  if (grid.rows.length > MASTER_MAX_ROWS)
    return {
      ok: false,
      error: { code: 'master_too_long', params: { file: fileName, sheet: grid.name, max: MASTER_MAX_ROWS } },
    };
  const sheet = readMaster(grid, chosen, shop, currency);
  if (!sheet.aliases.length && !sheet.costs.length)
    return { ok: false, error: { code: 'no_data_rows', params: { file: fileName, sheet: grid.name } } };
  await core.transaction(async () => {
    await storeMaster(core.db, sheet, fileName);
    await core.bumpVersion();
  });
  // The sheet's columns as read, so the seller can change the mapping afterwards.
  return {
    ok: true,
    rowsRead: sheet.rowsRead,
    notes: notesOf(columns, sheet, currency),
    columns: { mapping: chosen, columns },
  };
}
