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
}

export type KindId =
  | 'orders'
  | 'income_2025'
  | 'income_2026'
  | 'shop_stats'
  | 'traffic_overview'
  | 'chat'
  | 'flash_sale'
  | 'voucher'
  | 'sales_overview'
  | 'product_overview'
  | 'ads'
  | 'ads_billing'
  | 'returns'
  | 'product_performance'
  | 'discount'
  | 'live_streaming'
  | 'affiliate'
  | 'affiliate_product'
  | 'ads_keyword'
  | 'ads_live';

export interface ExportKindSpec {
  id: KindId;
  name: { id: string; en: string };
  /** Where in Seller Centre the seller downloads it (shown in empty states and errors). */
  source: { id: string; en: string };
  fields: readonly FieldSpec[];
  /** Field ids whose headers, found together in one row, identify the kind. */
  signature: readonly string[];
  /** Other sets of field ids that identify the kind too (a sheet of a multi-sheet export with other columns). */
  altSignatures?: readonly (readonly string[])[];
  /** How many header rows sit above the data (grouped headers); the last one holds the names. */
  headerRows: number;
  /** How ambiguous numbers read when the export uses the other convention than its currency's (Ads CSVs). */
  numberConvention?: 'id' | 'en';
}
