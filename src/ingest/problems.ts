/**
 * What an import can say: errors that fail a file, and notes that inform without failing it. Both are
 * codes with parameters; src/i18n/messages.ts renders them in Indonesian and English.
 */

export type ErrorCode =
  | 'empty_file'
  | 'unsupported_file_type'
  | 'corrupt_file'
  | 'password_protected'
  | 'unknown_export'
  | 'unread_export'
  | 'missing_column'
  | 'bad_value'
  | 'missing_value'
  | 'no_data_rows'
  | 'currency_mismatch'
  | 'bad_row_type'
  | 'storage_failed'
  | 'missing_period'
  | 'missing_file_period'
  | 'conflicting_status'
  | 'not_utf8'
  | 'import_interrupted'
  | 'master_ambiguous'
  | 'master_too_long'
  | 'not_a_master'
  | 'choose_shop'
  | 'other_shop';

/** Why a file could not be read, for corrupt_file: each has its own advice. */
export type UnreadableReason = 'damaged' | 'not_spreadsheet' | 'reader_stopped' | 'unexpected';

export type NoteCode =
  | 'empty_buyer'
  | 'unknown_columns'
  | 'unknown_status'
  | 'skipped_rows'
  | 'unknown_fee_columns'
  | 'unknown_fee_groups'
  | 'payout_check_ok'
  | 'balance_check_ok'
  | 'balance_check_mismatch'
  | 'payout_check_mismatch'
  | 'already_imported'
  | 'detail_rows_skipped'
  | 'sheets_read'
  | 'period_summary_rows'
  | 'values_read'
  | 'ads_period'
  | 'ads_topups'
  | 'report_period'
  | 'period_facts'
  | 'claim_facts'
  | 'number_convention'
  | 'master_columns'
  | 'master_read'
  | 'master_unmatched'
  | 'master_conflicts'
  | 'master_unreadable'
  | 'master_without_sku';

export type Params = Record<string, string | number>;

export interface Problem<C extends string> {
  code: C;
  params: Params;
}

export type ImportErrorInfo = Problem<ErrorCode>;
export type Note = Problem<NoteCode> & { level: 'info' | 'warning' };

/** Thrown while reading a file; fails the whole file with a specific, translatable message. */
export class ImportError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }

  get info(): ImportErrorInfo {
    return { code: this.code, params: this.params };
  }
}

/**
 * What a file fails with: an ImportError's own message, else `fallback` with `extra` params and what was
 * thrown as the technical detail (kept for support; the message itself never shows it).
 */
export function failureOf(e: unknown, fallback: ErrorCode, file: string, extra: Params = {}): ImportErrorInfo {
  if (e instanceof ImportError) return e.info;
  return { code: fallback, params: { file, ...extra, detail: e instanceof Error ? e.message : String(e) } };
}
