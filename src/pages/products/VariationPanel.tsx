import { onMount, Show } from 'solid-js';
import { locale, tr, trf } from '../../app/state';
import { createEngineQuery, useRange } from '../../app/useRange';
import { DataTable } from '../../components/DataTable';
import type { Currency } from '../../kernel/currency';
import { formatCount, formatMoney } from '../../format/number';

/** The variations behind a SKU row that spans several: each one's orders, units and sales in the range. */
export function VariationPanel(props: { sku: string; currency: Currency; onClose: () => void }) {
  const { range } = useRange();
  const [rows] = createEngineQuery('skuVariations', () => [props.sku, range()]);
  const count = (n: number) => formatCount(n, locale());
  let panel: HTMLDivElement | undefined;
  // It opens below a long table: brought into view, where the tap was.
  onMount(() => panel?.scrollIntoView({ block: 'nearest' }));
  return (
    <div ref={panel} class="card variation-panel" data-testid="sku-variations" data-sku={props.sku}>
      <div class="card-head">
        <h2>{trf('variationsOf', { sku: props.sku })}</h2>
        <button type="button" class="button secondary small-button" onClick={() => props.onClose()}>
          {tr('close')}
        </button>
      </div>
      <Show when={rows()}>
        {(all) => (
          <DataTable
            caption={trf('variationsOf', { sku: props.sku })}
            hideCaption
            testid="sku-variation-table"
            rows={all()}
            columns={[
              {
                label: tr('colVariation'),
                key: (r) => r.variation,
                value: (r) => (
                  <>
                    {r.variation || '–'}
                    <div class="muted small">{r.product}</div>
                  </>
                ),
              },
              { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
              { label: tr('colUnits'), key: (r) => r.units, fmt: 'count', show: count },
              {
                label: tr('colSales'),
                key: (r) => r.sales,
                fmt: 'money',
                show: (v: number) => formatMoney(v, props.currency, locale()),
              },
            ]}
          />
        )}
      </Show>
    </div>
  );
}
