import { Show } from 'solid-js';
import { locale, tr, trf } from '../../app/state';
import { createEngineQuery, useDatasetInfo, useRange } from '../../app/useRange';
import { type Column, DataTable } from '../../components/DataTable';
import { KpiGrid, KpiGridSkeleton } from '../../components/KpiCard';
import { Pending } from '../../components/Skeleton';
import { formatCount, formatDate, formatMoney } from '../../format/number';
import { type Currency, currencyOf } from '../../kernel/currency';
import { daysIn } from '../../kernel/days';
import { METRICS, WALLET_METRICS, type WalletMetricId } from '../../metrics/registry';
import type { CashResult, WalletDay, WalletType } from '../../metrics/wallet';
import { MissingExport } from '../traffic/TrafficPage';

type Differing = CashResult['reconciliation']['differing'][number];

/** A money column of a table: the figure shown in the dataset's currency, and kept as a number for Excel. */
function moneyColumn<T>(label: string, value: (r: T) => number | null, currency: () => Currency): Column<T> {
  return {
    label,
    key: value,
    fmt: 'money',
    show: (v) => formatMoney(v, currency(), locale()),
  };
}

/**
 * The seller balance (wallet) of the range, from balance reports: money in and out, withdrawals, ads
 * top-ups, order income and adjustments; by day and by transaction type; and order income reconciled with
 * the Income export, order by order.
 */
export function CashPage() {
  const { range, compare } = useRange();
  const info = useDatasetInfo();
  const [data] = createEngineQuery('cash', () => [range()]);
  const currency = () => currencyOf(info());
  const dayColumns = (): Column<WalletDay>[] => [
    {
      label: tr('colDate'),
      value: (r) => formatDate(r.day, locale(), 'short'),
      key: (r) => r.day,
      fmt: 'date',
    },
    ...WALLET_METRICS.map((id: WalletMetricId) =>
      moneyColumn<WalletDay>(METRICS[id].name[locale()], (r) => r.values[id], currency),
    ),
  ];
  const typeColumns = (): Column<WalletType>[] => [
    { label: tr('colTxType'), value: (r) => r.type, key: (r) => r.type },
    { label: tr('colDirection'), value: (r) => r.direction, key: (r) => r.direction },
    {
      label: tr('colTransactions'),
      key: (r) => r.transactions,
      fmt: 'count',
      show: (v) => formatCount(v, locale()),
    },
    moneyColumn<WalletType>(tr('colAmount'), (r) => r.amount, currency),
  ];
  const differingColumns = (): Column<Differing>[] => [
    { label: tr('colOrderId'), value: (r) => r.orderId, key: (r) => r.orderId },
    moneyColumn<Differing>(tr('colInBalance'), (r) => r.wallet, currency),
    moneyColumn<Differing>(tr('colInIncome'), (r) => r.income, currency),
    moneyColumn<Differing>(tr('colDifference'), (r) => (r.income === null ? null : r.wallet - r.income), currency),
  ];
  return (
    <section class="page" data-testid="page-cash">
      <h1>{tr('page_cash')}</h1>
      <Pending of={data} skeleton={<KpiGridSkeleton ids={WALLET_METRICS} />}>
        {(d) => (
          <Show
            when={d().hasData}
            fallback={<MissingExport what="cashNoDataTitle" where="cashNoDataWhere" testid="cash-empty" />}
          >
            <Show when={d().coveredDays < daysIn(d().range)}>
              <p class="note" data-testid="cash-coverage">
                {trf('cashCoverage', {
                  covered: formatCount(d().coveredDays, locale()),
                  days: formatCount(daysIn(d().range), locale()),
                })}
              </p>
            </Show>
            <KpiGrid
              testid="cash-kpis"
              ids={WALLET_METRICS}
              current={d().kpis.current}
              previous={d().kpis.previous}
              currency={currency()}
              compare={compare()}
            />
            <div class="card">
              <h2>{tr('cashReconcileTitle')}</h2>
              <p data-testid="cash-reconciliation">
                {trf('cashReconcileText', {
                  orders: formatCount(d().reconciliation.orders, locale()),
                  wallet: formatMoney(d().reconciliation.wallet, currency(), locale()),
                  income: formatMoney(d().reconciliation.income, currency(), locale()),
                })}{' '}
                <Show when={d().reconciliation.missingInIncome}>
                  {(n) => trf('cashReconcileMissing', { n: formatCount(n(), locale()) })}
                </Show>
              </p>
              <Show when={d().reconciliation.differing.length} fallback={<p>{tr('cashReconcileOk')}</p>}>
                <DataTable
                  caption={tr('cashReconcileTitle')}
                  hideCaption
                  testid="cash-differing"
                  columns={differingColumns()}
                  rows={d().reconciliation.differing}
                />
              </Show>
            </div>
            <div class="card">
              <h2>{tr('cashDaily')}</h2>
              <DataTable
                caption={tr('cashDaily')}
                hideCaption
                testid="cash-daily"
                columns={dayColumns()}
                rows={d().daily}
              />
            </div>
            <div class="card">
              <h2>{tr('cashTypes')}</h2>
              <DataTable
                caption={tr('cashTypes')}
                hideCaption
                testid="cash-types"
                columns={typeColumns()}
                rows={d().types}
              />
            </div>
          </Show>
        )}
      </Pending>
    </section>
  );
}
