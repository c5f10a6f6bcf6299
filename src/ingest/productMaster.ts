import { type Currency, DEFAULT_CURRENCY, minorPerMajor } from '../kernel/currency';
import { columnLetter, type SheetSource } from './readers/source';
import { type Cell, cellText, parseMoney, ValueError } from './values';

/**
 * The seller's product master, or a plain cost sheet (METRICS.md "Product master and unit costs"), read by
 * its content: the column whose values match the most of the shop's SKU texts is the SKU column, a second
 * text column that groups them is the master product, and the numeric column is the unit cost. Header names
 * (SKU, Kode Barang, HPP, Modal …) are hints that break ties, never requirements.
 */

/** A sheet as rows of cells, merged cells filled with their top-left value (a master spans its SKU rows). */
export interface GridSheet {
  name: string;
  rows: Cell[][];
}

/** Which column holds what (0-based); `headerRow` is the row of names, null for a sheet without one. */
export interface MasterMapping {
  sheet: string;
  headerRow: number | null;
  sku: number;
  master: number | null;
  cost: number | null;
}

export interface MasterColumn {
  index: number;
  letter: string;
  header: string;
  /** The first few distinct values, as text. */
  samples: string[];
  /** Distinct values that are one of the shop's SKU texts. */
  skuMatches: number;
  numeric: boolean;
}

export type MasterRole = 'sku' | 'master' | 'cost';

export type MasterInference =
  /** Not a product master: no column matches the shop's SKUs, and no header names one. */
  | { status: 'none' }
  | { status: 'ok'; mapping: MasterMapping; columns: MasterColumn[] }
  /** Two or more columns fit one role equally: the seller chooses. `mapping` is the best guess. */
  | { status: 'ambiguous'; role: MasterRole; candidates: number[]; mapping: MasterMapping; columns: MasterColumn[] };

/** A SKU text as matching compares it: case, surrounding and repeated spaces ignored. Mirrors SKU_KEY_SQL. */
export function skuKey(text: string): string {
  return text
    .replace(/[ \t\r\n\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The SQL of {@link skuKey} over an expression: the two must agree on every text (tested). */
export const skuKeySql = (expr: string): string =>
  `lower(trim(regexp_replace(${expr}, '[ \\t\\r\\n\\x{00A0}]+', ' ', 'g')))`;

const HINTS: Record<MasterRole | 'category' | 'id' | 'weakCost', RegExp> = {
  sku: /^(sku|kode|kode barang|kode sku|kode variasi|nomor referensi sku|sku variasi|sku penjual|seller sku|variation sku|no\.? referensi)$|\bsku\b(?!.*induk)/i,
  master: /induk|master|parent|nama produk|product name|^produk$|^product$|^barang$|^nama barang$|^item$/i,
  cost: /\bhpp\b|harga pokok|\bmodal\b|harga beli|harga dasar|\bcost\b|\bcogs\b|biaya produk/i,
  weakCost: /harga|price|biaya/i,
  category: /kategori|category|grup|group|jenis/i,
  id: /^(id|no\.?|nomor|#|urut|row)$/i,
};

/** Fills each merged range with its top-left value, as the seller sees the sheet. */
export function gridOf(sheet: SheetSource, maxRows: number): GridSheet {
  const rows: Cell[][] = [];
  sheet.forEachRow(0, (cells, i) => {
    if (i < maxRows) rows[i] = [...cells];
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  for (const m of sheet.merges) {
    const v = rows[m.s.r]?.[m.s.c];
    for (let r = m.s.r; r <= Math.min(m.e.r, rows.length - 1); r++)
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) rows[r][c] = v;
  }
  return { name: sheet.name, rows };
}

const isNumeric = (c: Cell, minor: number) => {
  if (typeof c === 'number') return Number.isFinite(c);
  const t = cellText(c);
  if (!t) return false;
  try {
    return parseMoney(t, convention(minor), minor) !== null;
  } catch {
    return false;
  }
};
/** Rupiah and dong are written as exports write them (`12.500`); currencies with cents as `12.50`. */
const convention = (minor: number) => (minor === 1 ? 'id' : 'en');

interface Stats {
  nonEmpty: number;
  numeric: number;
  distinct: Set<string>;
  matches: number;
  integersAscending: boolean;
  max: number;
}

function columnStats(rows: readonly Cell[][], width: number, shop: ReadonlySet<string>, minor: number): Stats[] {
  const out: Stats[] = [];
  for (let j = 0; j < width; j++) {
    const s: Stats = {
      nonEmpty: 0,
      numeric: 0,
      distinct: new Set(),
      matches: 0,
      integersAscending: true,
      max: 0,
    };
    let last = Number.NEGATIVE_INFINITY;
    for (const r of rows) {
      const c = r[j];
      const t = cellText(c);
      if (!t) continue;
      s.nonEmpty++;
      if (isNumeric(c, minor)) {
        s.numeric++;
        const v = Number(typeof c === 'number' ? c : t);
        if (!Number.isInteger(v) || v <= last) s.integersAscending = false;
        else last = v;
        s.max = Math.max(s.max, v);
      } else s.integersAscending = false;
      s.distinct.add(skuKey(t));
    }
    for (const k of s.distinct) if (shop.has(k)) s.matches++;
    out.push(s);
  }
  return out;
}

/** Of the candidates, the one whose header matches `hint` when exactly one does. */
function byHint(cands: number[], names: string[], hint: RegExp): number | undefined {
  const hit = cands.filter((j) => hint.test(names[j]));
  return hit.length === 1 ? hit[0] : undefined;
}

/**
 * Infers which columns of a sheet are the SKU, the master product and the cost. `shopSkus` are the shop's
 * SKU texts as {@link skuKey}s (empty before any order is imported: then only header names can tell).
 */
export function inferMaster(
  sheet: GridSheet,
  shopSkus: ReadonlySet<string>,
  currency = DEFAULT_CURRENCY,
): MasterInference {
  const minor = minorPerMajor(currency);
  const rows = sheet.rows;
  // The first row with two cells or more starts the table (a title row above it is left out).
  const start = rows.findIndex((r) => r.filter((c) => cellText(c) !== '').length >= 2);
  if (start < 0) return { status: 'none' };
  const first = rows[start];
  const isHeader = first.every((c) => {
    const t = cellText(c);
    return !t || (!isNumeric(c, minor) && !shopSkus.has(skuKey(t)));
  });
  const headerRow = isHeader ? start : null;
  const data = rows.slice(isHeader ? start + 1 : start);
  const width = Math.max(0, ...rows.slice(start).map((r) => r.length));
  const names = Array.from({ length: width }, (_, j) => (isHeader ? cellText(first[j]) : ''));
  const stats = columnStats(data, width, shopSkus, minor);
  const columns: MasterColumn[] = stats.map((s, j) => ({
    index: j,
    letter: columnLetter(j),
    header: names[j],
    samples: [...new Set(data.map((r) => cellText(r[j])).filter(Boolean))].slice(0, 3),
    skuMatches: s.matches,
    numeric: s.nonEmpty > 0 && s.numeric >= 0.6 * s.nonEmpty,
  }));
  const filled = (j: number) => stats[j].nonEmpty > 0;
  // Row numbers or ids: ascending whole numbers no larger than a few per row (a cost column is not).
  const isId = (j: number) =>
    HINTS.id.test(names[j]) ||
    (columns[j].numeric &&
      stats[j].integersAscending &&
      stats[j].numeric >= 3 &&
      stats[j].max <= 10 * stats[j].nonEmpty + 10);
  const textCols = columns.filter((c) => filled(c.index) && !c.numeric).map((c) => c.index);
  const mapping: MasterMapping = { sheet: sheet.name, headerRow, sku: -1, master: null, cost: null };
  const result = (): MasterInference => ({ status: 'ok', mapping, columns });
  const ask = (role: MasterRole, candidates: number[]): MasterInference => ({
    status: 'ambiguous',
    role,
    candidates,
    mapping,
    columns,
  });

  // SKU: the most matches; a close second is told apart by its header, else by having more distinct values.
  const skuCands = columns.filter((c) => filled(c.index) && c.skuMatches > 0 && !isId(c.index));
  const best = Math.max(0, ...skuCands.map((c) => c.skuMatches));
  if (best > 0) {
    const close = skuCands.filter((c) => c.skuMatches >= 0.8 * best).map((c) => c.index);
    const hinted = byHint(close, names, HINTS.sku);
    const most = Math.max(...close.map((j) => stats[j].distinct.size));
    const widest = close.filter((j) => stats[j].distinct.size === most);
    const top = close.filter((j) => columns[j].skuMatches === best);
    mapping.sku =
      hinted ?? (top.length === 1 && widest.includes(top[0]) ? top[0] : widest.length === 1 ? widest[0] : -1);
    if (mapping.sku < 0) {
      mapping.sku = top[0];
      return ask('sku', close);
    }
  } else {
    const hinted = byHint(textCols.length ? textCols : columns.map((c) => c.index), names, HINTS.sku);
    if (hinted === undefined) return { status: 'none' };
    mapping.sku = hinted;
  }

  // Cost: the numeric column (an id column is not one); several are told apart by their headers.
  const numeric = columns.filter((c) => c.numeric && c.index !== mapping.sku && !isId(c.index)).map((c) => c.index);
  if (numeric.length === 1) mapping.cost = numeric[0];
  else if (numeric.length > 1) {
    const hinted = byHint(numeric, names, HINTS.cost) ?? byHint(numeric, names, HINTS.weakCost);
    if (hinted === undefined) {
      mapping.cost = numeric[0];
      return ask('cost', numeric);
    }
    mapping.cost = hinted;
  }

  // Master: a text column that groups the SKU texts (fewer distinct values, one per SKU), not a category.
  const skuCol = mapping.sku;
  const groups = textCols.filter((j) => {
    if (j === skuCol || HINTS.category.test(names[j])) return false;
    const of = new Map<string, Set<string>>();
    for (const r of data) {
      const s = skuKey(cellText(r[skuCol]));
      const m = skuKey(cellText(r[j]));
      if (!s || !m) continue;
      of.set(s, (of.get(s) ?? new Set()).add(m));
    }
    const values = new Set([...of.values()].flatMap((m) => [...m]));
    const functional = [...of.values()].filter((m) => m.size === 1).length;
    return of.size > 0 && values.size < of.size && functional >= 0.9 * of.size;
  });
  if (groups.length === 1) mapping.master = groups[0];
  else if (groups.length > 1) {
    const hinted = byHint(groups, names, HINTS.master);
    if (hinted === undefined) {
      mapping.master = groups[0];
      return ask('master', groups);
    }
    mapping.master = hinted;
  }
  // A SKU column with neither costs nor masters beside it has nothing to import.
  if (mapping.cost === null && mapping.master === null) return { status: 'none' };
  return result();
}

/** One SKU text of the sheet and the master product it belongs to. */
export interface MasterAlias {
  key: string;
  sku: string;
  master: string;
}

export type MasterConflict =
  /** Rows give one master product (or a SKU of a plain sheet) different costs: none is taken. */
  | { kind: 'cost'; subject: string; options: { unitCost: number; rows: number[] }[] }
  /** Rows put one SKU text under different master products: none is taken. */
  | { kind: 'master'; subject: string; options: { master: string; rows: number[] }[] };

export interface MasterSheet {
  mapping: MasterMapping;
  rowsRead: number;
  aliases: MasterAlias[];
  costs: { master: string; unitCost: number }[];
  conflicts: MasterConflict[];
  /** Cost cells that are not an amount (row and column as the spreadsheet numbers them). */
  unreadable: { row: number; column: string; value: string }[];
  /** Rows with a cost or a master but no SKU text and no master to hang it on. */
  withoutSku: number[];
  /** Sheet SKU texts found in the shop's orders, and those not (kept: later orders may carry them). */
  matched: number;
  unmatched: string[];
}

/** Reads the rows of a sheet under a mapping. Messy cells are listed, never skipped silently. */
export function readMaster(
  sheet: GridSheet,
  mapping: MasterMapping,
  shopSkus: ReadonlySet<string>,
  currency: Currency = DEFAULT_CURRENCY,
): MasterSheet {
  const minor = minorPerMajor(currency);
  const start = mapping.headerRow === null ? 0 : mapping.headerRow + 1;
  const masterOf = new Map<string, { sku: string; masters: Map<string, { master: string; rows: number[] }> }>();
  const costOf = new Map<string, { master: string; costs: Map<number, number[]> }>();
  const unreadable: MasterSheet['unreadable'] = [];
  const withoutSku: number[] = [];
  let rowsRead = 0;
  for (let i = start; i < sheet.rows.length; i++) {
    const r = sheet.rows[i] ?? [];
    const row = i + 1;
    const sku = cellText(r[mapping.sku]).replace(/\s+/g, ' ');
    const masterText = mapping.master === null ? '' : cellText(r[mapping.master]).replace(/\s+/g, ' ');
    const raw = mapping.cost === null ? null : r[mapping.cost];
    if (!sku && !masterText && !cellText(raw)) continue;
    rowsRead++;
    const master = masterText || sku;
    if (!master) {
      withoutSku.push(row);
      continue;
    }
    if (sku) {
      const k = skuKey(sku);
      const e = masterOf.get(k) ?? { sku, masters: new Map() };
      const m = e.masters.get(skuKey(master)) ?? { master, rows: [] };
      m.rows.push(row);
      e.masters.set(skuKey(master), m);
      masterOf.set(k, e);
    }
    let cost: number | null = null;
    try {
      cost = raw === null || raw === undefined ? null : parseMoney(raw, convention(minor), minor);
      if (cost !== null && cost < 0) throw new ValueError('not_a_number', cellText(raw));
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      unreadable.push({ row, column: columnLetter(mapping.cost ?? 0), value: cellText(raw) });
    }
    if (cost === null) continue;
    const mk = skuKey(master);
    const c = costOf.get(mk) ?? { master, costs: new Map() };
    c.costs.set(cost, [...(c.costs.get(cost) ?? []), row]);
    costOf.set(mk, c);
  }
  const aliases: MasterAlias[] = [];
  const conflicts: MasterConflict[] = [];
  for (const [key, e] of masterOf) {
    const ms = [...e.masters.values()];
    if (ms.length === 1) aliases.push({ key, sku: e.sku, master: ms[0].master });
    else
      conflicts.push({ kind: 'master', subject: e.sku, options: ms.map((m) => ({ master: m.master, rows: m.rows })) });
  }
  const costs: MasterSheet['costs'] = [];
  for (const c of costOf.values()) {
    const opts = [...c.costs].map(([unitCost, rows]) => ({ unitCost, rows }));
    if (opts.length === 1) costs.push({ master: c.master, unitCost: opts[0].unitCost });
    else conflicts.push({ kind: 'cost', subject: c.master, options: opts });
  }
  const matched = aliases.filter((a) => shopSkus.has(a.key)).length;
  const unmatched = aliases.filter((a) => !shopSkus.has(a.key)).map((a) => a.sku);
  return { mapping, rowsRead, aliases, costs, conflicts, unreadable, withoutSku, matched, unmatched };
}
