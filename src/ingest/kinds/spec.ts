import type { Text } from '../../kernel/text';

/** Export kinds as data: header aliases (id, en), value types and which columns must be present. */

export type FieldType = 'text' | 'money' | 'int' | 'datetime' | 'weight' | 'number' | 'percent' | 'duration';

export interface FieldSpec {
  /** Canonical field id used in code and storage. */
  id: string;
  /** Header texts in Indonesian and English, matched ignoring case and repeated spaces. */
  aliases: readonly string[];
  type: FieldType;
  /** The column must exist for the file to import. */
  required?: boolean;
  /** Every data row must carry a value in this column. */
  notEmpty?: boolean;
  /**
   * Where the value is stored: on each line (`line`), or on each line and in the order it belongs to
   * (`order`: one value per order, repeated on its lines). Absent: read, never stored.
   */
  store?: 'line' | 'order';
}

/** The types a stored column can have (src/db/tables.ts maps them to SQL). */
export type ColumnType = 'text' | 'bool' | 'timestamp' | 'bigint' | 'int' | 'double';

/** The stored type of a field's values. */
export const COLUMN_TYPE: Record<FieldType, ColumnType> = {
  text: 'text',
  datetime: 'timestamp',
  money: 'bigint',
  int: 'int',
  weight: 'int',
  number: 'double',
  percent: 'double',
  duration: 'double',
};

/** The fields of a kind that are stored (`store` set), in spec order; with `order`, only the order-level ones. */
export function storedFields(spec: ExportKindSpec, only?: 'order'): FieldSpec[] {
  return spec.fields.filter((f) => (only ? f.store === only : f.store !== undefined));
}

/** The stored fields as columns: each field's id and the type its values are stored as. */
export const storedColumns = (spec: ExportKindSpec, only?: 'order'): (readonly [string, ColumnType])[] =>
  storedFields(spec, only).map((f) => [f.id, COLUMN_TYPE[f.type]] as const);

/** Every export kind the importer reads. */
export const KIND_IDS = [
  'orders',
  'income_2025',
  'income_2026',
  'shop_stats',
  'traffic_overview',
  'chat',
  'flash_sale',
  'voucher',
  'sales_overview',
  'product_overview',
  'ads',
  'ads_billing',
  'returns',
  'product_performance',
  'discount',
  'live_streaming',
  'affiliate',
  'affiliate_product',
  'ads_keyword',
  'ads_live',
  'balance',
] as const;
export type KindId = (typeof KIND_IDS)[number];

export interface ExportKindSpec {
  id: KindId;
  name: Text;
  /** Where in Seller Centre the seller downloads it (shown in empty states and errors). */
  source: Text;
  fields: readonly FieldSpec[];
  /** Field ids whose headers, found together in one row, identify the kind. */
  signature: readonly string[];
  /** Other sets of field ids that identify the kind too (a sheet of a multi-sheet export with other columns). */
  altSignatures?: readonly (readonly string[])[];
  /** How many header rows sit above the data (grouped headers); the last one holds the names. */
  headerRows: number;
  /** How ambiguous numbers read when the export uses the other convention than its currency's (Ads CSVs). */
  numberConvention?: 'id' | 'en';
  /**
   * For exports of orders: the files that list only some orders of their span (by file name). A day only
   * such files cover may have valid orders in no file, so its sales are unknown. Each import records
   * whether its file lists every order (`imports.covers_all`).
   */
  partialFiles?: RegExp;
}
