import type { LocatedTable } from './detect';
import type { SheetSource } from './readers/source';
import { cellText } from './values';

/**
 * The seller username at the start of a Shopee file name: `<username>.shopee-shop-stats.…`,
 * `<username>.chat-performance.…`, `<username>_adwords_bill_…` (usernames are lowercase letters, digits,
 * dots and underscores).
 */
export const SELLER_FILE_NAME = '^([a-z0-9._]+?)(?:\\.shopee-|\\.chat-performance|_adwords_bill_)';

/** A preamble label before the seller username: `Username (Penjual)`, or the ads reports' `Username:`. */
const SELLER_LABEL = /^username\s*(\(penjual\))?\s*:?$/i;

/** The labels that stand beside the seller's in a row of labels. */
const PREAMBLE_LABEL = /^(dari|ke|from|to|total\s*\(rp\))$/i;

/** How far down a summary sheet the seller username may sit. */
const SUMMARY_ROWS = 20;

/**
 * The seller username a file carries: in the rows above its table (balance and ads reports, the income
 * sheet) or at the top of another sheet (an income report's summary), else at the start of its name; null
 * when it carries none.
 */
export function sellerOfFile(fileName: string, table: LocatedTable, sheets: readonly SheetSource[]): string | null {
  const rows = [
    ...table.sheet.head(table.headerRow),
    ...sheets.filter((s) => s !== table.sheet).flatMap((s) => s.head(SUMMARY_ROWS)),
  ];
  const text = rows.map((row) => row.map((c) => cellText(c).trim()));
  for (const [r, cells] of text.entries()) {
    const at = cells.findIndex((c) => SELLER_LABEL.test(c));
    if (at < 0) continue;
    // The value stands beside its label (`Username (Penjual) | asta`), or under it when the labels make a
    // row of their own (`Username (Penjual) | Dari | ke`, the values on the next row).
    const beside = cells[at + 1] ?? '';
    const value = beside && !PREAMBLE_LABEL.test(beside) ? beside : (text[r + 1]?.[at] ?? '');
    if (value) return value.toLowerCase();
  }
  return new RegExp(SELLER_FILE_NAME, 'i').exec(fileName)?.[1]?.toLowerCase() ?? null;
}
