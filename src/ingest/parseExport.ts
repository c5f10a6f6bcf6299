import type { Text } from '../kernel/text';
import { describeHeaders, headerCurrency, type LocatedTable, locateTables, missingRequired } from './detect';
import {
  COUNTRY_CURRENCY,
  type Currency,
  currency,
  DEFAULT_CURRENCY,
  hasNoMinorUnit,
  minorPerMajor,
} from '../kernel/currency';
import { ADS, ADS_BILLING, ADS_KEYWORD, ADS_LIVE, readAds, readAdsBilling } from './kinds/ads';
import { INCOME_2025, INCOME_2026, readIncome } from './kinds/income';
import { INSIGHT_KINDS, readInsights } from './kinds/insights';
import { AFFILIATE, AFFILIATE_PRODUCT, LIVE_STREAMING, readAffiliate, readLiveStreams } from './kinds/marketing';
import { readOrderLines } from './kinds/orders';
import { ORDERS } from './kinds/ordersSpec';
import { PRODUCT_PERFORMANCE, readProductPerformance } from './kinds/productPerformance';
import { readReturns, RETURNS } from './kinds/returns';
import { BALANCE, readBalance } from './kinds/balance';
import type { KindOutput } from './kinds/output';
import type { ExportKindSpec, KindId } from './kinds/spec';
import { ImportError, type Params, type UnreadableReason } from './problems';
import { type GridSheet, gridOf } from './productMaster';
import { CsvEncodingError, csvWorkbook } from './readers/csv';
import type { WorkbookSource } from './readers/source';
import { readXlsx, WorkbookReadError } from './readers/xlsx';
import { fileConvention, type ReadContext } from './rows';
import { cellText } from './values';
import { sellerOfFile } from './seller';

/** Shopee exports the app recognises by name but does not read yet (shopee-exports.md §1). */
const UNREAD_EXPORTS: readonly { file: RegExp; name: Text }[] = [
  { file: /^video-overview/i, name: { id: 'Ringkasan Video', en: 'Video overview' } },
  { file: /^Chat_Broadcast_overview/i, name: { id: 'Ringkasan Siaran Chat', en: 'Chat broadcast overview' } },
];

/** Every export kind the importer knows, tried in this order. */
export const EXPORT_KINDS: readonly ExportKindSpec[] = [
  ORDERS,
  INCOME_2025,
  INCOME_2026,
  ...INSIGHT_KINDS,
  ADS,
  ADS_KEYWORD,
  ADS_LIVE,
  ADS_BILLING,
  RETURNS,
  BALANCE,
  PRODUCT_PERFORMANCE,
  LIVE_STREAMING,
  AFFILIATE,
  AFFILIATE_PRODUCT,
];

const READERS: Record<KindId, (t: readonly LocatedTable[], ctx: ReadContext, wb: WorkbookSource) => KindOutput> = {
  // The tables carry the spec they were found with, so a changed copy of it (a test's) is read as declared.
  orders: (t, ctx) => readOrderLines(t, ctx, t[0].kind),
  income_2025: readIncome,
  income_2026: readIncome,
  shop_stats: readInsights,
  traffic_overview: readInsights,
  chat: readInsights,
  flash_sale: readInsights,
  voucher: readInsights,
  sales_overview: readInsights,
  product_overview: readInsights,
  discount: readInsights,
  ads: readAds,
  ads_keyword: readAds,
  ads_live: readAds,
  live_streaming: readLiveStreams,
  affiliate: readAffiliate,
  affiliate_product: readAffiliate,
  ads_billing: readAdsBilling,
  returns: readReturns,
  balance: (t, ctx) => readBalance(t, ctx),
  product_performance: readProductPerformance,
};

/** The most rows of a sheet kept for reading it as a product master; a longer sheet is refused by name. */
export const MASTER_MAX_ROWS = 200_000;

/**
 * A readable table that is no Shopee export: it may be the seller's product master, which needs the shop's
 * SKUs to read (the importer has them), so it carries its sheets as cells.
 */
export class NotAnExport extends ImportError {
  constructor(
    params: Params,
    readonly grids: GridSheet[],
  ) {
    super('unknown_export', params);
  }
}

function gridsOf(wb: WorkbookSource): GridSheet[] {
  return wb.sheets.slice(0, 10).map((s) => gridOf(s, MASTER_MAX_ROWS + 1));
}

export interface ParsedExport {
  fileName: string;
  kind: KindId;
  /** ISO 4217 code of the file's money columns. */
  currency: Currency;
  /** The seller username the file carries (a preamble's `Username (Penjual)`, or its name), if any. */
  seller: string | null;
  output: KindOutput;
}

function extension(name: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(name);
  return m ? m[1].toLowerCase() : '';
}

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
function isCfb(b: Uint8Array): boolean {
  return b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

/** Opens the bytes as a workbook by their content, using the name only to tell CSV from other files. */
export function openWorkbook(fileName: string, bytes: Uint8Array): WorkbookSource {
  if (bytes.length === 0) throw new ImportError('empty_file', { file: fileName });
  const ext = extension(fileName);
  if (isZip(bytes) || isCfb(bytes)) {
    try {
      return readXlsx(bytes);
    } catch (e) {
      if (e instanceof WorkbookReadError) {
        throw new ImportError(e.reason === 'password' ? 'password_protected' : 'corrupt_file', {
          file: fileName,
          reason: 'damaged' satisfies UnreadableReason,
          detail: e.message.slice(0, 200),
        });
      }
      throw e;
    }
  }
  if (ext === 'xlsx' || ext === 'xls') {
    throw new ImportError('corrupt_file', {
      file: fileName,
      reason: 'not_spreadsheet' satisfies UnreadableReason,
      detail: 'no zip or OLE signature',
    });
  }
  if (ext === 'csv' || ext === 'txt') {
    const wb = csvWorkbook(bytes);
    if (wb.sheets[0].head(5).every((r) => r.every((c) => !cellText(c).replace(/^\ufeff/, '')))) {
      throw new ImportError('empty_file', { file: fileName });
    }
    return wb;
  }
  throw new ImportError('unsupported_file_type', { file: fileName, ext: ext || '?' });
}

function detectCurrency(tables: readonly LocatedTable[]): Currency {
  for (const t of tables) {
    for (const h of t.headers) {
      const c = headerCurrency(h);
      if (c) return currency(c);
    }
  }
  const t = tables[0];
  const countryCol = t.columns.get('country');
  if (countryCol !== undefined) {
    for (const row of t.sheet.head(t.headerRow + 50).slice(t.headerRow + 1)) {
      const code = COUNTRY_CURRENCY[cellText(row[countryCol]).toUpperCase()];
      if (code) return code;
    }
  }
  return DEFAULT_CURRENCY;
}

/**
 * Reads one export file into typed rows. Throws {@link ImportError} with a specific code for every way a
 * file can be wrong; it never returns a partial result.
 * @example const parsed = parseExport('Order.all.20260601_20260630.xlsx', bytes); parsed.output.rowsRead
 */
export function parseExport(fileName: string, bytes: Uint8Array, kinds = EXPORT_KINDS): ParsedExport {
  try {
    return parseWorkbook(fileName, openWorkbook(fileName, bytes), kinds);
  } catch (e) {
    // A CSV is decoded piece by piece, so a bad byte past the first megabyte surfaces while rows are read.
    if (e instanceof CsvEncodingError) throw new ImportError('not_utf8', { file: fileName, encoding: e.encoding });
    if (e instanceof WorkbookReadError)
      throw new ImportError('corrupt_file', {
        file: fileName,
        reason: 'damaged' satisfies UnreadableReason,
        detail: e.message.slice(0, 200),
      });
    throw e;
  }
}

export function parseWorkbook(fileName: string, wb: WorkbookSource, kinds: readonly ExportKindSpec[]): ParsedExport {
  const tables = locateTables(wb, kinds);
  if (!tables.length) {
    const known = UNREAD_EXPORTS.find((x) => x.file.test(fileName));
    if (known)
      throw new ImportError('unread_export', { file: fileName, name_id: known.name.id, name_en: known.name.en });
    throw new NotAnExport({ file: fileName, headers: describeHeaders(wb) }, gridsOf(wb));
  }
  const kind = tables[0].kind;
  const missing = missingRequired(tables[0]);
  if (missing.length) {
    throw new ImportError('missing_column', {
      file: fileName,
      sheet: tables[0].sheet.name,
      columns: missing.map((f) => f.aliases.join(' / ')).join('; '),
      kind: kind.id,
    });
  }
  const currency = detectCurrency(tables);
  const numbers = fileConvention(tables, {
    kind: kind.numberConvention,
    currency: hasNoMinorUnit(currency) ? 'id' : 'en',
  });
  const ctx: ReadContext = {
    fileName,
    currency,
    minorFactor: minorPerMajor(currency),
    convention: numbers.convention,
  };
  const output = READERS[kind.id](tables, ctx, wb);
  // Numbers such as 82.500 that the column alone cannot place: the report says how they were read.
  if (numbers.undecidedColumns.length) {
    output.notes.push({
      code: 'number_convention',
      level: 'info',
      params: { convention: numbers.convention, source: numbers.source, columns: numbers.undecidedColumns.join(', ') },
    });
  }
  if (output.rowsRead === 0) throw new ImportError('no_data_rows', { file: fileName, sheet: tables[0].sheet.name });
  return { fileName, kind: kind.id, currency, seller: sellerOfFile(fileName, tables[0], wb.sheets), output };
}
