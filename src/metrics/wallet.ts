import { type SqlConnection, sqlDate } from '../db/connection';
import { type DateRange, type IsoDay, previousRange } from '../kernel/days';
import { MONEY_IN, MONEY_OUT } from '../ingest/kinds/balance';
import { quantity } from '../kernel/units';
import type { PeriodPair } from './kpis';
import type { MetricFigure, WalletMetricId } from './registry';

/**
 * The seller balance (wallet) per METRICS.md "Seller balance": each figure is Σ `Jumlah` of the
 * transactions of a rule, by the day of `Tanggal Transaksi`, signs as the report writes them.
 */
export const WALLET_RULES: Record<WalletMetricId, string> = {
  balance_in: `direction = '${MONEY_IN}'`,
  balance_out: `direction = '${MONEY_OUT}'`,
  withdrawals: "tx_type = 'Penarikan Dana'",
  wallet_ads_topup: "lower(description) LIKE 'isi ulang saldo iklan%'",
  wallet_order_income: "tx_type = 'Penghasilan dari Pesanan'",
  balance_adjustments: "tx_type LIKE 'Penyesuaian%'",
};
const IDS = Object.keys(WALLET_RULES) as WalletMetricId[];

export type WalletValues = { [M in WalletMetricId]: MetricFigure<M> | null };

export interface WalletDay {
  day: IsoDay;
  values: Record<WalletMetricId, number>;
}

export interface WalletType {
  type: string;
  direction: string;
  transactions: number;
  amount: number;
}

/** Order income in the balance against the income export, over the orders the balance paid in the range. */
export interface WalletReconciliation {
  orders: number;
  /** Σ order income in the balance (`wallet_order_income`) of those orders. */
  wallet: number;
  /** Σ `net_payout` of the income export for the same orders; orders it does not hold count apart. */
  income: number;
  /** Orders the income export does not hold. */
  missingInIncome: number;
  /** The orders whose two amounts differ, largest difference first. */
  differing: { orderId: string; wallet: number; income: number | null }[];
}

export interface CashResult {
  range: DateRange;
  /** Whether any balance report is imported (else the page says which export to add). */
  hasData: boolean;
  /** Days of the range that an imported balance report covers. */
  coveredDays: number;
  kpis: PeriodPair<WalletValues>;
  daily: WalletDay[];
  types: WalletType[];
  reconciliation: WalletReconciliation;
}

const sums = IDS.map((id) => `coalesce(sum(amount) FILTER (WHERE ${WALLET_RULES[id]}), 0) AS ${id}`).join(', ');
const within = (r: DateRange) => `tx_at >= ${sqlDate(r.from)} AND tx_at < ${sqlDate(r.to)} + INTERVAL 1 DAY`;

export async function cash(db: SqlConnection, range: DateRange): Promise<CashResult> {
  const prev = previousRange(range);
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM wallet');
  const periods = await db.query<Record<string, number | boolean>>(`
    SELECT tx_at >= ${sqlDate(range.from)} AS cur, ${sums} FROM wallet
    WHERE tx_at >= ${sqlDate(prev.from)} AND tx_at < ${sqlDate(range.to)} + INTERVAL 1 DAY GROUP BY 1`);
  // A period no report covers has no figures, not zeros.
  const covered = await db.query<{ cur: boolean; days: number }>(`
    WITH spans AS (
      SELECT CAST(first_at AS DATE) AS a, CAST(last_at AS DATE) AS b FROM imports WHERE target = 'wallet' AND first_at IS NOT NULL
    ), days AS (
      SELECT DISTINCT CAST(d AS DATE) AS d FROM spans, range(a, b + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
    )
    SELECT d >= ${sqlDate(range.from)} AS cur, count(*) AS days FROM days
    WHERE d BETWEEN ${sqlDate(prev.from)} AND ${sqlDate(range.to)} GROUP BY 1`);
  const pick = (cur: boolean): WalletValues => {
    const r = periods.find((p) => p.cur === cur);
    const has = covered.some((c) => c.cur === cur && c.days > 0) || r !== undefined;
    return Object.fromEntries(
      IDS.map((id) => [id, has ? quantity(Number(r?.[id] ?? 0), 'money') : null]),
    ) as WalletValues;
  };
  const daily = await db.query<{ day: IsoDay } & Record<WalletMetricId, number>>(`
    SELECT strftime(CAST(tx_at AS DATE), '%Y-%m-%d') AS day, ${sums} FROM wallet WHERE ${within(range)} GROUP BY 1 ORDER BY 1`);
  const types = await db.query<WalletType>(`
    SELECT tx_type AS type, direction, count(*) AS transactions, sum(amount) AS amount FROM wallet
    WHERE ${within(range)} GROUP BY 1, 2 ORDER BY abs(sum(amount)) DESC, 1`);
  return {
    range,
    hasData: n > 0,
    coveredDays: covered.find((c) => c.cur)?.days ?? 0,
    kpis: { current: pick(true), previous: pick(false) },
    daily: daily.map(({ day, ...v }) => ({ day, values: v })),
    types,
    reconciliation: await reconcile(db, range),
  };
}

async function reconcile(db: SqlConnection, range: DateRange): Promise<WalletReconciliation> {
  const rows = await db.query<{ orderId: string; wallet: number; income: number | null }>(`
    WITH w AS (
      SELECT shop, order_id, sum(amount) AS wallet FROM wallet
      WHERE ${WALLET_RULES.wallet_order_income} AND order_id IS NOT NULL AND ${within(range)} GROUP BY 1, 2
    ), i AS (
      SELECT shop, order_id, sum(net_payout) AS income FROM income WHERE (shop, order_id) IN (SELECT shop, order_id FROM w) GROUP BY 1, 2
    )
    SELECT w.order_id AS "orderId", w.wallet, i.income FROM w LEFT JOIN i USING (shop, order_id)`);
  const differing = rows
    .filter((r) => r.income === null || r.income !== r.wallet)
    .sort(
      (a, b) =>
        Math.abs(b.wallet - (b.income ?? 0)) - Math.abs(a.wallet - (a.income ?? 0)) || (a.orderId < b.orderId ? -1 : 1),
    );
  return {
    orders: rows.length,
    wallet: rows.reduce((a, r) => a + r.wallet, 0),
    income: rows.reduce((a, r) => a + (r.income ?? 0), 0),
    missingInIncome: rows.filter((r) => r.income === null).length,
    differing,
  };
}
