import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { bumpDataVersion, dataVersion, locale, tr } from '../../app/state';
import { engine, useDatasetInfo, useRange } from '../../app/useRange';
import { Chart } from '../../components/Chart';
import { EmptyState } from '../../components/EmptyState';
import type { ProductRow } from '../../engine/api';
import { abcClasses } from '../../metrics/abc';
import { downloadText, toCsv } from '../../format/csv';
import { formatCount, formatMoney, formatPercent } from '../../format/number';
import { errorText } from '../../i18n/problems';
import type { StringKey } from '../../i18n/ui';

type SortKey = 'sku' | 'sales' | 'units' | 'orders' | 'visitors' | 'clicks' | 'cartAdds' | 'visitorConversion' | 'returnedUnits' | 'repeatRate' | 'grossProfit' | 'margin';

export function ProductsPage() {
  const { range } = useRange();
  const info = useDatasetInfo();
  const [rows] = createResource(
    () => ({ v: dataVersion(), ...range() }),
    (r) => engine().productTable({ from: r.from, to: r.to }),
  );
  // A finding can link here with `?q=` (a SKU) to show its row.
  const [params] = useSearchParams<{ q?: string }>();
  const [search, setSearch] = createSignal(params.q ?? '');
  const [sort, setSort] = createSignal<{ key: SortKey; desc: boolean }>({ key: 'sales', desc: true });
  const [costMessage, setCostMessage] = createSignal('');
  const cur = () => info()?.currency ?? 'IDR';
  const money = (v: number | null) => (v === null ? '–' : formatMoney(v, cur(), locale()));
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(v, locale()));
  const count = (v: number) => formatCount(v, locale());

  const bySales = createMemo(() => [...(rows() ?? [])].sort((a, b) => b.sales - a.sales));
  const classes = createMemo(() => new Map(bySales().map((r, i) => [r.sku, abcClasses(bySales().map((x) => x.sales))[i]])));
  const shown = createMemo(() => {
    const q = search().trim().toLowerCase();
    const { key, desc } = sort();
    const list = (rows() ?? []).filter((r) => !q || `${r.sku} ${r.product} ${r.variation}`.toLowerCase().includes(q));
    return list.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === y) return a.sku < b.sku ? -1 : 1;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    });
  });
  const missingCosts = () => (rows() ?? []).filter((r) => r.unitCost === null).length;

  const header = (key: SortKey, label: StringKey, numeric = true) => (
    <th scope="col" classList={{ num: numeric }} aria-sort={sort().key === key ? (sort().desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort({ key, desc: sort().key === key ? !sort().desc : true })}>
        {tr(label)} {sort().key === key ? (sort().desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );

  async function saveCost(r: ProductRow, text: string) {
    const v = text.trim() === '' ? null : Number(text.replace(/\./g, '').replace(',', '.'));
    if (v !== null && (!Number.isFinite(v) || v < 0)) return;
    await engine().setUnitCosts([{ sku: r.sku, unitCost: v }]);
    bumpDataVersion();
  }

  async function importCosts(file: File) {
    const r = await engine().importUnitCosts({ name: file.name, data: file });
    setCostMessage(r.error ? errorText(locale(), r.error) : `${r.stored} ${tr('costsStored')}`);
    bumpDataVersion();
  }

  function download() {
    const list = shown();
    downloadText(
      `toko-insight-produk-${range().from ?? 'semua'}-${range().to ?? ''}.csv`,
      toCsv(
        ['SKU', tr('colProduct'), tr('colVariation'), tr('colOrders'), tr('colUnits'), tr('colSales'), tr('colProductVisitors'), tr('colClicks'), tr('colCartAdds'), tr('colConversion'), tr('colReturnedUnits'), tr('colRepeat'), tr('colUnitCost'), tr('colProfit'), tr('colMargin'), 'ABC'],
        list.map((r) => [r.sku, r.product, r.variation, r.orders, r.units, r.sales, r.visitors, r.clicks, r.cartAdds, r.visitorConversion, r.returnedUnits, r.repeatRate, r.unitCost, r.grossProfit, r.margin, classes().get(r.sku)]),
      ),
    );
  }

  return (
    <section class="page" data-testid="page-products">
      <h1>{tr('page_products')}</h1>
      <Show when={info()}>
        <Show when={(info()?.orders ?? 0) > 0} fallback={<EmptyState testid="products-empty" />}>
          <Show when={rows()}>
            {(all) => (
              <>
                <div class="kpi-grid" data-testid="product-kpis">
                  <div class="kpi" data-kpi="sku_count" data-value={all().length}>
                    <div class="kpi-name">{tr('skuCount')}</div>
                    <div class="kpi-value">{count(all().length)}</div>
                  </div>
                  <div class="kpi" data-kpi="a_class_skus" data-value={[...classes().values()].filter((c) => c === 'A').length}>
                    <div class="kpi-name">{tr('aClass')}</div>
                    <div class="kpi-value">{count([...classes().values()].filter((c) => c === 'A').length)}</div>
                    <div class="kpi-change muted">{tr('aClassNote')}</div>
                  </div>
                  <div class="kpi" data-kpi="skus_without_cost" data-value={missingCosts()}>
                    <div class="kpi-name">{tr('noCost')}</div>
                    <div class="kpi-value">{count(missingCosts())}</div>
                    <div class="kpi-change muted">{tr('noCostNote')}</div>
                  </div>
                </div>
                <div class="card">
                  <h2>{tr('pareto')}</h2>
                  <Chart
                    title={tr('pareto')}
                    categorical
                    x={bySales().map((r) => r.sku)}
                    currency={cur()}
                    series={[
                      { label: tr('colSales'), values: bySales().map((r) => r.sales), color: 'var(--chart-1)', kind: 'bars', unit: 'money' },
                      {
                        label: tr('cumulativeShare'),
                        values: bySales().map((_, i, l) => l.slice(0, i + 1).reduce((a, x) => a + x.sales, 0) / (l.reduce((a, x) => a + x.sales, 0) || 1)),
                        color: 'var(--chart-2)',
                        kind: 'line',
                        unit: 'ratio',
                      },
                    ]}
                  />
                </div>
                <div class="card">
                  <div class="card-head">
                    <h2>{tr('productTable')}</h2>
                    <div class="actions">
                      <label class="field">
                        <span class="field-label">{tr('search')}</span>
                        <input type="search" data-testid="product-search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
                      </label>
                      <button type="button" class="secondary small-button" data-testid="product-csv" onClick={download}>
                        {tr('downloadCsv')}
                      </button>
                      <label class="button secondary small-button">
                        {tr('importCosts')}
                        <input type="file" accept=".xlsx,.csv" class="sr-only" data-testid="cost-input" onChange={(e) => {
                          const f = e.currentTarget.files?.[0];
                          e.currentTarget.value = '';
                          if (f) void importCosts(f);
                        }} />
                      </label>
                    </div>
                  </div>
                  <Show when={costMessage()}>
                    <p class="status" data-testid="cost-message">{costMessage()}</p>
                  </Show>
                  <p class="muted small">{tr('profitFormula')}</p>
                  <div class="table-wrap">
                    <table class="sticky-first" data-testid="product-table">
                      <thead>
                        <tr>
                          {header('sku', 'colSku', false)}
                          {header('orders', 'colOrders')}
                          {header('units', 'colUnits')}
                          {header('sales', 'colSales')}
                          {header('visitors', 'colProductVisitors')}
                          {header('clicks', 'colClicks')}
                          {header('cartAdds', 'colCartAdds')}
                          {header('visitorConversion', 'colConversion')}
                          {header('returnedUnits', 'colReturnedUnits')}
                          {header('repeatRate', 'colRepeat')}
                          <th scope="col" class="num">{tr('colUnitCost')}</th>
                          {header('grossProfit', 'colProfit')}
                          {header('margin', 'colMargin')}
                          <th scope="col">ABC</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={shown()}>
                          {(r) => (
                            <tr data-sku={r.sku}>
                              <td>
                                {r.sku}
                                <div class="muted small">
                                  {r.product}
                                  {r.variation ? ` · ${r.variation}` : ''}
                                </div>
                              </td>
                              <td class="num">{count(r.orders)}</td>
                              <td class="num">{count(r.units)}</td>
                              <td class="num">{money(r.sales)}</td>
                              <td class="num">{r.visitors === null ? '–' : count(r.visitors)}</td>
                              <td class="num">{r.clicks === null ? '–' : count(r.clicks)}</td>
                              <td class="num">{r.cartAdds === null ? '–' : count(r.cartAdds)}</td>
                              <td class="num">{pct(r.visitorConversion)}</td>
                              <td class="num">{count(r.returnedUnits)}</td>
                              <td class="num">{pct(r.repeatRate)}</td>
                              <td class="num">
                                <input
                                  class="cost-input"
                                  inputmode="numeric"
                                  aria-label={`${tr('colUnitCost')} ${r.sku}`}
                                  value={r.unitCost ?? ''}
                                  placeholder="–"
                                  onChange={(e) => void saveCost(r, e.currentTarget.value)}
                                />
                              </td>
                              <td class="num" classList={{ flagged: r.grossProfit === null }}>
                                {r.grossProfit === null ? tr('needsCost') : money(r.grossProfit)}
                              </td>
                              <td class="num">{pct(r.margin)}</td>
                              <td>{classes().get(r.sku)}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </div>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </section>
  );
}
