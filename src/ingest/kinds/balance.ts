import { BatchBuilder, num } from '../batch';
import type { LocatedTable } from '../detect';
import type { Note } from '../problems';
import type { SheetSource } from '../readers/source';
import { type ReadContext, TableReader } from '../rows';
import { normalizeLabel, parseNumber } from '../values';
import { DateSpan, type KindOutput, periodFromFileName } from './output';
import { type ColumnType, type ExportKindSpec, storedColumns, storedFields } from './spec';

/**
 * The seller balance (wallet) report, `my_balance_transaction_report.*.xlsx` (Keuangan → Saldo Penjual):
 * after a preamble and a summary block, "Rincian Transaksi" lists one wallet transaction a row, amounts
 * signed (money in positive, money out negative). Every field is stored per transaction.
 */
export const BALANCE: ExportKindSpec = {
  id: 'balance',
  name: { id: 'Laporan Saldo Penjual', en: 'Seller balance report' },
  source: {
    id: 'Seller Centre → Keuangan → Saldo Penjual → Unduh Laporan',
    en: 'Seller Centre → Finance → Seller Balance → Download report',
  },
  headerRows: 1,
  signature: ['tx_at', 'tx_type', 'direction', 'amount'],
  fields: [
    { id: 'tx_at', aliases: ['Tanggal Transaksi'], type: 'datetime', required: true, notEmpty: true, store: 'line' },
    { id: 'tx_type', aliases: ['Tipe Transaksi'], type: 'text', required: true, notEmpty: true, store: 'line' },
    { id: 'description', aliases: ['Deskripsi'], type: 'text', store: 'line' },
    { id: 'order_id', aliases: ['No. Pesanan'], type: 'text', store: 'line' },
    { id: 'direction', aliases: ['Jenis Transaksi'], type: 'text', required: true, notEmpty: true, store: 'line' },
    { id: 'amount', aliases: ['Jumlah'], type: 'money', required: true, notEmpty: true, store: 'line' },
    { id: 'status', aliases: ['Status'], type: 'text', store: 'line' },
    { id: 'balance_after', aliases: ['Saldo Akhir'], type: 'money', store: 'line' },
  ],
};

/** The stored columns of a wallet transaction: its key, then every field the spec stores. */
export const walletColumns = (): (readonly [string, ColumnType])[] => [['line_key', 'text'], ...storedColumns(BALANCE)];

/** `Jenis Transaksi` of money in and money out. */
export const MONEY_IN = 'Transaksi Masuk';
export const MONEY_OUT = 'Transaksi Keluar';

/** The report's own totals of money in and out (amount in minor units, and how many transactions), if it has them. */
function summaryTotals(sheet: SheetSource, before: number, minorFactor: number) {
  const totals: Partial<Record<'in' | 'out', { amount: number; count: number }>> = {};
  for (const row of sheet.head(before)) {
    const label = normalizeLabel(row[0]);
    const which = label === 'total saldo masuk' ? 'in' : label === 'total saldo keluar' ? 'out' : null;
    if (!which) continue;
    try {
      const amount = parseNumber(row[1], 'en');
      const count = parseNumber(row[3], 'en');
      if (amount !== null && count !== null) totals[which] = { amount: Math.round(amount * minorFactor), count };
    } catch {
      // A total that does not read as a number is not checked.
    }
  }
  return totals;
}

export function readBalance(tables: readonly LocatedTable[], ctx: ReadContext): KindOutput {
  const b = new BatchBuilder();
  const key = b.text('line_key');
  const stored = storedFields(BALANCE);
  const texts = new Map(stored.filter((f) => f.type === 'text').map((f) => [f.id, b.text(f.id)]));
  const nums = new Map(stored.filter((f) => f.type !== 'text').map((f) => [f.id, b.num(f.id)]));
  const occurrences = new Map<string, number>();
  const span = new DateSpan();
  const sums = { in: { amount: 0, count: 0 }, out: { amount: 0, count: 0 } };
  const notes: Note[] = [];
  let rowsRead = 0;
  for (const table of tables) {
    const r = new TableReader(table, ctx);
    const getters = stored.map((f) => ({ f, get: r.columnGetter(r.col(f.id), f.type, f.notEmpty) }));
    r.forEachDataRow('tx_at', (cells, i) => {
      rowsRead++;
      const v: Record<string, string | number | null> = {};
      for (const { f, get } of getters) v[f.id] = get(cells, i);
      // "-" is the report's "no order".
      if (v.order_id === '-') v.order_id = null;
      for (const [id, col] of texts) col.push(v[id] as string | null);
      for (const [id, col] of nums) col.push(num(v[id] as number | null));
      const base = [v.tx_at, v.tx_type, v.description ?? '', v.order_id ?? '', v.amount].join('\u001f');
      const n = occurrences.get(base) ?? 0;
      occurrences.set(base, n + 1);
      key.push(`${base}\u001f${n}`);
      b.endRow();
      span.add(v.tx_at as number);
      const side = v.direction === MONEY_IN ? sums.in : v.direction === MONEY_OUT ? sums.out : null;
      if (side) {
        side.amount += v.amount as number;
        side.count++;
      }
    });
    const totals = summaryTotals(table.sheet, table.headerRow, ctx.minorFactor);
    for (const side of ['in', 'out'] as const) {
      const t = totals[side];
      if (!t) continue;
      const ok = t.amount === sums[side].amount && t.count === sums[side].count;
      notes.push({
        code: ok ? 'balance_check_ok' : 'balance_check_mismatch',
        level: ok ? 'info' : 'warning',
        params: {
          side,
          currency: ctx.currency,
          rows: sums[side].amount,
          count: sums[side].count,
          summary: t.amount,
          summaryCount: t.count,
        },
      });
    }
    for (const u of table.unknownColumns)
      notes.push({ code: 'unknown_columns', level: 'info', params: { columns: u } });
  }
  // The report's period is that of its name (Dari … Ke in the preamble), which covers days without transactions.
  return {
    target: 'wallet',
    staged: b.finish(),
    rowsRead,
    notes,
    snapshotAt: span.last,
    dateRange: periodFromFileName(ctx.fileName) ?? span.range,
  };
}
