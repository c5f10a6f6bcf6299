import type { UnitCost } from '../metrics/products';
import { DEFAULT_CURRENCY, minorPerMajor } from '../kernel/currency';
import { openWorkbook } from './parseExport';
import { ImportError } from './problems';
import { columnLetter } from './readers/source';
import { cellText, parseMoney, ValueError } from './values';

/**
 * A sheet of unit costs: SKU, then the cost per unit in the shop's currency (`12.500`, `Rp12.500` or a number
 * cell for rupiah; `12.50` for ringgit), then optionally the SKU's category. Costs are stored in minor units,
 * like all money. A first row whose second cell is not a number is a header. Blank rows are skipped; a bad
 * cost fails the whole sheet with its row.
 */
export function parseUnitCostRows(
  fileName: string,
  rows: readonly (readonly unknown[])[],
  currency = DEFAULT_CURRENCY,
): UnitCost[] {
  // Rupiah and dong are written as exports write them (`12.500`); currencies with cents as `12.50`.
  const convention = minorPerMajor(currency) === 1 ? 'id' : 'en';
  const out: UnitCost[] = [];
  rows.forEach((row, i) => {
    const sku = cellText(row[0] as string);
    const raw = row[1] as string | number | null | undefined;
    if (!sku && (raw === null || raw === undefined || cellText(raw) === '')) return;
    let cost: number | null;
    try {
      cost = parseMoney(raw, convention, minorPerMajor(currency));
    } catch (e) {
      if (i === 0 && e instanceof ValueError) return; // the header row
      if (e instanceof ValueError) {
        throw new ImportError('bad_value', {
          file: fileName,
          sheet: '',
          row: i + 1,
          column: columnLetter(1),
          header: '',
          value: cellText(raw),
          expected: e.reason,
        });
      }
      throw e;
    }
    if (!sku || cost === null) {
      throw new ImportError('missing_value', {
        file: fileName,
        sheet: '',
        row: i + 1,
        column: columnLetter(sku ? 1 : 0),
        header: '',
        value: '',
        expected: sku ? 'money' : 'text',
      });
    }
    const category = cellText(row[2] as string);
    out.push(category ? { sku, unitCost: cost, category } : { sku, unitCost: cost });
  });
  return out;
}

/** Unit costs from a sheet file (xlsx or csv): its first sheet. */
export function parseUnitCostFile(fileName: string, bytes: Uint8Array, currency = DEFAULT_CURRENCY): UnitCost[] {
  const sheet = openWorkbook(fileName, bytes).sheets[0];
  const rows: unknown[][] = [];
  sheet.forEachRow(0, (cells) => rows.push([cells[0], cells[1], cells[2]]));
  return parseUnitCostRows(fileName, rows, currency);
}
