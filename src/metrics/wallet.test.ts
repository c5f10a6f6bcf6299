import { describe, expect, it } from 'vitest';
import { balanceReportFile, type WalletRow } from '../../test/fixtures';
import { bytes } from '../../test/sample';
import { INCOME, REPORT, walletMonth } from '../../test/wallet';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { Engine } from '../engine/engine';
import { addDays, dayRange, isoDay } from '../kernel/days';

describe('the seller balance', () => {
  it('equals the report rows to the rupiah, by day and type, and reconciles order income with the income export', async () => {
    const db = await openNodeDuckDB();
    const engine = await Engine.open(db);
    const { rows, income } = walletMonth();
    const report = await engine.importFiles([
      { name: INCOME, data: bytes(INCOME) },
      { name: REPORT, data: balanceReportFile(rows) },
    ]);
    expect(report.files.map((f) => [f.status, f.kind])).toEqual([
      ['ok', 'income_2025'],
      ['ok', 'balance'],
    ]);
    const june = dayRange('2025-06-01', '2025-06-30');
    const c = await engine.cash(june);
    const total = (keep: (r: WalletRow) => boolean) => rows.filter(keep).reduce((a, r) => a + r.amount, 0);
    expect(c.kpis.current).toEqual({
      balance_in: total((r) => r.direction === 'Transaksi Masuk'),
      balance_out: total((r) => r.direction === 'Transaksi Keluar'),
      withdrawals: -2_000_000,
      wallet_ads_topup: -111_000,
      wallet_order_income: total((r) => r.type === 'Penghasilan dari Pesanan'),
      balance_adjustments: 7_750,
    });
    // May has no report: no figures, not zeros.
    expect(c.kpis.previous.balance_in).toBeNull();
    expect(c.daily.reduce((a, d) => a + d.values.balance_in, 0)).toBe(c.kpis.current.balance_in);
    expect(c.types.find((t) => t.type === 'Penarikan Dana')).toMatchObject({ transactions: 1, amount: -2_000_000 });

    const paid = rows.filter((r) => r.type === 'Penghasilan dari Pesanan' && r.orderId);
    expect(c.reconciliation).toMatchObject({ orders: paid.length, missingInIncome: 1 });
    const short = paid[3].orderId as string;
    expect(c.reconciliation.differing).toEqual([
      { orderId: 'NOT-IN-INCOME', wallet: 50_000, income: null },
      { orderId: short, wallet: (income.get(short) ?? 0) - 1000, income: income.get(short) },
    ]);

    // A day of the range is covered when a report spans it; a range after every report has no figures.
    const later = { from: addDays(isoDay('2025-06-30'), 40), to: addDays(isoDay('2025-06-30'), 60) };
    expect((await engine.cash(later)).kpis.current.balance_in).toBeNull();
  });
});
