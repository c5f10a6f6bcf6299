import { useSearchParams } from '@solidjs/router';
import { currencyOf, minorPerMajor } from '../../kernel/currency';
import { createMemo, createSignal, Show } from 'solid-js';
import { bumpDataVersion, locale, tr, trf } from '../../app/state';
import { createEngineQuery, engine, useDatasetInfo, useRange } from '../../app/useRange';
import { Chart } from '../../components/Chart';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import type { ProductGrain, ProductRow } from '../../engine/api';
import { importItems, runImport } from '../../app/imports';
import { ReportItem } from '../../components/ImportReport';
import { MasterPanel } from './MasterPanel';
import { VariationPanel } from './VariationPanel';
import { skuDetail } from '../../i18n/ui';
import { abcClasses } from '../../metrics/abc';
import { formatCount, formatMoney, formatPercent } from '../../format/number';
import { parseMoney } from '../../ingest/values';

export function ProductsPage() {
  const { range } = useRange();
  const info = useDatasetInfo();
  // A finding can link here with `?q=` (a SKU) to show its row; `?by=master` groups the SKU texts.
  const [params, setParams] = useSearchParams<{ q?: string; by?: string }>();
  const grain = (): ProductGrain => (params.by === 'master' ? 'master' : 'sku');
  const [rows] = createEngineQuery('productTable', () => [range(), grain()]);
  const [search, setSearch] = createSignal(params.q ?? '');
  const [costMessage, setCostMessage] = createSignal('');
  /** The SKU whose variation breakdown is open below the table. */
  const [openSku, setOpenSku] = createSignal<string | null>(null);
  const cur = () => currencyOf(info());
  const money = (v: number | null) => (v === null ? '–' : formatMoney(v, cur(), locale()));
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(v, locale()));
  const count = (v: number) => formatCount(v, locale());

  const bySales = createMemo(() => [...(rows() ?? [])].sort((a, b) => b.sales - a.sales));
  const classes = createMemo(() => {
    const abc = abcClasses(bySales().map((x) => x.sales));
    return new Map(bySales().map((r, i) => [r.sku, abc[i]]));
  });
  /** The table: by sales, filtered by the search (SKU, product or variation). */
  const shown = createMemo(() => {
    const q = search().trim().toLowerCase();
    return bySales().filter((r) => !q || `${r.sku} ${r.master} ${r.product} ${r.variation}`.toLowerCase().includes(q));
  });
  const missingCosts = () => (rows() ?? []).filter((r) => r.unitCost === null).length;

  /** A typed cost in the shop's currency; it is the cost of the SKU's master product (the SKU itself without one),  and the seller's number format (`12.500`, `12,500`, `12.50`), kept in minor units. */
  async function saveCost(r: ProductRow, text: string) {
    let v: number | null;
    try {
      v = parseMoney(text.trim(), locale(), minorPerMajor(cur()));
      if (v !== null && v < 0) throw new Error('negative');
    } catch {
      setCostMessage(trf('costInvalid', { sku: r.sku, value: text.trim() }));
      return;
    }
    setCostMessage('');
    await engine().setUnitCosts([{ sku: r.master, unitCost: v }]);
    bumpDataVersion();
  }
  /** A stored cost as the seller typed it: major units, no grouping. */
  const costText = (minor: number | null) =>
    minor === null
      ? ''
      : (minor / minorPerMajor(cur())).toLocaleString(locale() === 'id' ? 'id-ID' : 'en-US', {
          useGrouping: false,
          maximumFractionDigits: 2,
        });

  /** The seller's product master or cost sheet, imported like any file; its report shows below the button. */
  const [costFile, setCostFile] = createSignal<string | null>(null);
  const costReport = () => importItems().find((i) => i.fileName === costFile());
  async function importCosts(file: File) {
    setCostMessage('');
    setCostFile(file.name);
    await runImport(engine(), [{ name: file.name, data: file }]);
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
                  <div
                    class="kpi"
                    data-kpi="a_class_skus"
                    data-value={[...classes().values()].filter((c) => c === 'A').length}
                  >
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
                      {
                        label: tr('colSales'),
                        values: bySales().map((r) => r.sales),
                        color: 'var(--chart-1)',
                        kind: 'bars',
                        unit: 'money',
                      },
                      {
                        label: tr('cumulativeShare'),
                        values: bySales().map(
                          (_, i, l) =>
                            l.slice(0, i + 1).reduce((a, x) => a + x.sales, 0) /
                            (l.reduce((a, x) => a + x.sales, 0) || 1),
                        ),
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
                        <span class="field-label">{tr('productGrain')}</span>
                        <select
                          data-testid="product-grain"
                          value={grain()}
                          onChange={(e) => setParams({ by: e.currentTarget.value === 'master' ? 'master' : undefined })}
                        >
                          <option value="sku">{tr('grainSku')}</option>
                          <option value="master">{tr('grainMaster')}</option>
                        </select>
                      </label>
                      <label class="field">
                        <span class="field-label">{tr('search')}</span>
                        <input
                          type="search"
                          data-testid="product-search"
                          value={search()}
                          onInput={(e) => setSearch(e.currentTarget.value)}
                        />
                      </label>
                      <label class="button secondary small-button">
                        {tr('importCosts')}
                        <input
                          type="file"
                          accept=".xlsx,.csv"
                          class="sr-only"
                          data-testid="cost-input"
                          onChange={(e) => {
                            const f = e.currentTarget.files?.[0];
                            e.currentTarget.value = '';
                            if (f) void importCosts(f);
                          }}
                        />
                      </label>
                    </div>
                  </div>
                  <Show when={costReport()}>
                    {(item) => (
                      <ul class="reports">
                        <ReportItem item={item()} />
                      </ul>
                    )}
                  </Show>
                  <MasterPanel currency={cur()} />
                  <Show when={costMessage()}>
                    <p class="status" data-testid="cost-message">
                      {costMessage()}
                    </p>
                  </Show>
                  <p class="muted small">{tr('profitFormula')}</p>
                  <DataTable
                    caption={tr('productTable')}
                    hideCaption
                    class="sticky-first"
                    testid="product-table"
                    rows={shown()}
                    rowData={(r) => ({
                      'data-sku': r.sku,
                      'data-unit-cost': r.unitCost === null ? '' : String(r.unitCost),
                    })}
                    columns={[
                      {
                        label: tr('colSku'),
                        key: (r) => r.sku,
                        value: (r) => (
                          <>
                            {r.sku}
                            <Show
                              when={(r.variations ?? 1) > 1}
                              fallback={
                                <div class="muted small">
                                  {r.variation ? `${r.product} · ${r.variation}` : r.product}
                                </div>
                              }
                            >
                              <button
                                type="button"
                                class="link small"
                                data-testid="sku-variations-open"
                                onClick={() => setOpenSku(r.sku)}
                              >
                                {skuDetail(locale(), r.product, r.variations)}
                              </button>
                            </Show>
                            <Show when={grain() === 'sku' && r.master !== r.sku}>
                              <div class="muted small">{trf('masterOf', { master: r.master })}</div>
                            </Show>
                          </>
                        ),
                      },
                      { label: tr('colUnits'), key: (r) => r.units, fmt: 'count', show: count },
                      { label: tr('colSales'), key: (r) => r.sales, fmt: 'money', show: money },
                      {
                        label: tr('colUnitCost'),
                        key: (r) => r.unitCost,
                        fmt: 'money',
                        numeric: true,
                        value: (r) => (
                          <input
                            class="cost-input"
                            inputmode="numeric"
                            aria-label={`${tr('colUnitCost')} ${r.master}`}
                            value={costText(r.unitCost)}
                            placeholder="–"
                            onChange={(e) => void saveCost(r, e.currentTarget.value)}
                          />
                        ),
                      },
                      {
                        label: tr('colProfit'),
                        key: (r) => r.grossProfit,
                        fmt: 'money',
                        numeric: true,
                        value: (r) =>
                          r.grossProfit === null ? (
                            <span class="flagged">{tr('needsCost')}</span>
                          ) : (
                            money(r.grossProfit)
                          ),
                      },
                      { label: tr('colMargin'), key: (r) => r.margin, fmt: 'ratio', show: pct },
                      { label: 'ABC', key: (r) => classes().get(r.sku) ?? null },
                      { label: tr('colOrders'), key: (r) => r.orders, fmt: 'count', show: count },
                      { label: tr('colReturnedUnits'), key: (r) => r.returnedUnits, fmt: 'count', show: count },
                      { label: tr('colRepeat'), key: (r) => r.repeatRate, fmt: 'ratio', show: pct },
                      {
                        label: tr('colProductVisitors'),
                        key: (r) => r.visitors,
                        fmt: 'count',
                        show: count,
                        filledBy: tr('productPerformanceExport'),
                      },
                      {
                        label: tr('colClicks'),
                        key: (r) => r.clicks,
                        fmt: 'count',
                        show: count,
                        filledBy: tr('productPerformanceExport'),
                      },
                      {
                        label: tr('colCartAdds'),
                        key: (r) => r.cartAdds,
                        fmt: 'count',
                        show: count,
                        filledBy: tr('productPerformanceExport'),
                      },
                      {
                        label: tr('colConversion'),
                        key: (r) => r.visitorConversion,
                        fmt: 'ratio',
                        show: pct,
                        filledBy: tr('productPerformanceExport'),
                      },
                    ]}
                  />
                </div>
                <Show when={openSku()}>
                  {(sku) => <VariationPanel sku={sku()} currency={cur()} onClose={() => setOpenSku(null)} />}
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </section>
  );
}
