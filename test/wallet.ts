/** A month of seller balance rows built on a sample income export, for the wallet tests (unit and e2e). */
import fs from 'node:fs';
import path from 'node:path';
import type { WalletRow } from './fixtures';
import { readIncomeFile } from './independent';

const bytes = (f: string) => new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, '../sample-data', f)));

export const INCOME = 'Income.sudah dilepas.id.20250601_20250630.xlsx';
export const REPORT = 'my_balance_transaction_report.shopee.20250601_20250630.xlsx';

/** A month of wallet rows: each released order of the income file paid in, plus top-ups, a withdrawal, an adjustment. */
export function walletMonth(): { rows: WalletRow[]; income: Map<string, number> } {
  const income = new Map<string, number>();
  for (const r of readIncomeFile(bytes(INCOME)).rows) income.set(r.orderId, (income.get(r.orderId) ?? 0) + r.net);
  const paid = [...income].slice(0, 40);
  const rows: WalletRow[] = paid.map(([orderId, net], i) => ({
    at: `2025-06-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`,
    type: 'Penghasilan dari Pesanan',
    description: `Penghasilan dari Pesanan #${orderId}`,
    orderId,
    direction: 'Transaksi Masuk',
    // One order paid 1,000 short of its income row: the reconciliation names it.
    amount: i === 3 ? net - 1000 : net,
  }));
  rows.push(
    {
      at: '2025-06-10 08:00:00',
      type: 'Penghasilan dari Pesanan',
      description: 'Penghasilan dari Pesanan #NOT-IN-INCOME',
      orderId: 'NOT-IN-INCOME',
      direction: 'Transaksi Masuk',
      amount: 50_000,
    },
    {
      at: '2025-06-11 09:00:00',
      type: 'Pembayaran dengan Saldo Penjual',
      description: 'Isi Ulang Saldo Iklan/Koin Penjual',
      direction: 'Transaksi Keluar',
      amount: -111_000,
    },
    {
      at: '2025-06-20 09:00:00',
      type: 'Penarikan Dana',
      description: 'Penarikan Dana ke BCA',
      direction: 'Transaksi Keluar',
      amount: -2_000_000,
    },
    {
      at: '2025-06-21 09:00:00',
      type: 'Penyesuaian',
      description: 'Penyesuaian saldo',
      direction: 'Transaksi Masuk',
      amount: 7_750,
    },
  );
  return { rows, income };
}
