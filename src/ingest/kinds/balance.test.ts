import { describe, expect, it } from 'vitest';
import { balanceReportFile, type WalletRow } from '../../../test/fixtures';
import { col, failure } from '../../../test/parsed';
import { parseExport } from '../parseExport';

const ROWS: WalletRow[] = [
  {
    at: '2026-08-06 10:28:29',
    type: 'Pembayaran dengan Saldo Penjual',
    description: 'Isi Ulang Saldo Iklan/Koin Penjual',
    direction: 'Transaksi Keluar',
    amount: -111000,
  },
  {
    at: '2026-08-06 07:59:37',
    type: 'Penghasilan dari Pesanan',
    description: 'Penghasilan dari Pesanan #26080183P4NDAG',
    orderId: '26080183P4NDAG',
    direction: 'Transaksi Masuk',
    amount: 64967,
  },
  {
    at: '2026-08-05 09:00:00',
    type: 'Penarikan Dana',
    description: 'Penarikan Dana ke BCA',
    direction: 'Transaksi Keluar',
    amount: -500000,
  },
];
const NAME = 'my_balance_transaction_report.shopee.20260707_20260806.xlsx';

describe('the seller balance report', () => {
  it('is recognised under its preamble and reads every transaction, signed, checked against its summary', () => {
    const p = parseExport(NAME, balanceReportFile(ROWS));
    expect(p.kind).toBe('balance');
    expect(p.output.target).toBe('wallet');
    expect(p.output.rowsRead).toBe(3);
    expect(col(p, 'amount')).toEqual([-111000, 64967, -500000]);
    // "-" is no order.
    expect(col(p, 'order_id')).toEqual([null, '26080183P4NDAG', null]);
    expect(col(p, 'tx_type')).toEqual(ROWS.map((r) => r.type));
    expect(p.output.notes.filter((n) => n.code === 'balance_check_ok').map((n) => n.params.side)).toEqual([
      'in',
      'out',
    ]);
  });

  it('warns when the rows do not add up to the summary, and keys the same transaction twice apart', () => {
    const twice = [...ROWS, ROWS[1]];
    const p = parseExport(NAME, balanceReportFile(twice, { in: [64967, 1], out: [-611000, 2] }));
    const mismatch = p.output.notes.find((n) => n.code === 'balance_check_mismatch');
    expect(mismatch?.params).toMatchObject({ side: 'in', rows: 129934, count: 2, summary: 64967, summaryCount: 1 });
    const keys = col(p, 'line_key') as string[];
    expect(new Set(keys).size).toBe(4);
  });

  it('refuses a row without an amount, naming the row and column', () => {
    const bytes = balanceReportFile([{ ...ROWS[0], amount: Number.NaN }]);
    const e = failure(NAME, bytes);
    expect(e.info.code).toBe('bad_value');
  });
});
