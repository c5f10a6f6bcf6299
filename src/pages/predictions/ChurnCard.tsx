import { createMemo, type Resource } from 'solid-js';
import { locale, tr, trf } from '../../app/state';
import { createEngineQuery } from '../../app/useRange';
import { DataTable } from '../../components/DataTable';
import { downloadOutreach } from '../../components/outreach';
import { Pending, SkeletonCard } from '../../components/Skeleton';
import type { ChurnPrediction } from '../../engine/api';
import { formatCount, formatDate, formatDecimal, formatMoney, formatPercent } from '../../format/number';
import type { Currency } from '../../kernel/currency';
import { LATE_FACTOR } from '../../ml/churn';

/**
 * The buyers to win back: what the list means (repeat or high-value buyers late against their own rhythm,
 * by value at stake; the one-time buyers it leaves out), the churn model's test, and the list.
 */
export function ChurnCard(props: { churn: Resource<ChurnPrediction | null>; currency: Currency }) {
  const churn = props.churn;
  const money = (v: number) => formatMoney(v, props.currency, locale());
  const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : formatPercent(v, locale()));
  const num = (v: number, digits = 2) => formatDecimal(v, locale(), digits);
  // What to offer each buyer on the list: their own products to buy again, then new ones.
  const [lists] = createEngineQuery('buyAgain', () => {
    const c = churn();
    return c ? [{ buyers: c.atRisk.map((r) => r.buyer) }, 3] : false;
  });
  const listOf = createMemo(() => new Map((lists() ?? []).map((l) => [l.buyer, l])));
  const offer = (buyer: string) => {
    const l = listOf().get(buyer);
    return l ? [...l.again.slice(0, 1).map((a) => a.name), ...l.next.slice(0, 1).map((n) => `+ ${n}`)].join(' · ') : '';
  };
  const exportList = (c: ChurnPrediction) => {
    const by = new Map(c.atRisk.map((r) => [r.buyer, r]));
    downloadOutreach('toko-insight-pembeli-berisiko.csv', lists() ?? [], [
      { header: tr('colProbability'), value: (b) => by.get(b)?.probability ?? null },
      { header: tr('colValue'), value: (b) => by.get(b)?.value ?? null },
    ]);
  };
  return (
    <Pending
      of={churn}
      skeleton={<SkeletonCard title={tr('churnTitle')} height="66rem" narrow="279rem" />}
      empty={
        <div class="card">
          <h2>{tr('churnTitle')}</h2>
          <p class="muted">{tr('churnTooShort')}</p>
        </div>
      }
    >
      {(c) => (
        <div class="card">
          <h2>{tr('churnTitle')}</h2>
          <p class="muted small" data-testid="at-risk-meaning">
            {trf('atRiskMeaning', {
              factor: num(LATE_FACTOR, 1),
              gap: formatCount(Math.round(c().shopGap), locale()),
              left: formatCount(c().oneTimeLeftOut, locale()),
            })}
          </p>
          <p class="muted small">
            {trf('churnModel', { auc: num(c().auc, 3), brier: num(c().brier, 3), base: pct(c().baseRate) })}
          </p>
          <p class="muted small">{tr('buyAgainMeaning')}</p>
          <div class="toolbar">
            <button
              type="button"
              class="secondary small-button"
              disabled={!lists()?.length}
              onClick={() => exportList(c())}
              data-testid="at-risk-export"
            >
              {tr('buyAgainExport')}
            </button>
          </div>
          <DataTable
            caption={tr('churnTitle')}
            hideCaption
            testid="at-risk"
            rows={c().atRisk}
            columns={[
              { label: tr('colBuyer'), value: (r) => r.buyer },
              { label: tr('colProbability'), key: (r) => r.probability, fmt: 'ratio', show: pct },
              { label: tr('colValue'), key: (r) => r.value, fmt: 'money', show: money },
              {
                label: tr('colOrders'),
                key: (r) => r.orders,
                fmt: 'count',
                show: (x) => formatCount(x, locale()),
              },
              {
                label: tr('colLastOrder'),
                key: (r) => r.lastOrder,
                fmt: 'date',
                value: (r) => formatDate(r.lastOrder, locale(), 'long'),
              },
              {
                label: tr('colLateness'),
                key: (r) => r.daysSince / r.usualGap,
                fmt: 'decimal',
                numeric: true,
                value: (r) =>
                  trf('lateness', {
                    since: formatCount(r.daysSince, locale()),
                    gap: formatCount(Math.round(r.usualGap), locale()),
                  }),
              },
              {
                label: tr('colBuyAgain'),
                key: (r) => offer(r.buyer),
                value: (r) => <span data-testid="at-risk-offer">{offer(r.buyer)}</span>,
              },
            ]}
          />
        </div>
      )}
    </Pending>
  );
}
