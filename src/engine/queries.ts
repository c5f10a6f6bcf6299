import { type SheetSpec, workbookBytes } from '../format/workbook';
import { daysIn, type IsoDay, previousRange, type RangeRequest } from '../kernel/days';
import type { KpiFilters } from '../metrics/filters';
import { incomeKpis, orderKpis } from '../metrics/kpis';
import { campaigns } from '../metrics/campaigns';
import { service, traffic, visitSources } from '../metrics/insights';
import { breakdowns, funnel, trend } from '../metrics/overview';
import { type CategorySales, type ProductGrain, productTable, salesByCategory } from '../metrics/products';
import { type MasterSummary, masterSummary } from '../metrics/productMaster';
import { skuVariations, type VariationRow } from '../metrics/variations';
import { salesAnalysis } from '../metrics/sales';
import { type ShopComparison, shares, shopFigures } from '../metrics/shops';
import { type CashResult, cash } from '../metrics/wallet';
import type {
  Breakdowns,
  CampaignResult,
  Funnel,
  Grain,
  DatasetInfo,
  EngineApi,
  KpiResult,
  OverviewOptions,
  OverviewResult,
  ProductRow,
  SalesAnalysis,
  ServiceResult,
  TrafficResult,
  TrendSeries,
} from './api';

import type { EngineCore } from './core';
import type { QueryOp } from './ops';

/** The page operations: every figure of a page for a range, read in the queue. */
export class Queries implements Pick<EngineApi, QueryOp> {
  constructor(private readonly core: EngineCore) {}

  datasetInfo(): Promise<DatasetInfo> {
    return this.core.serial(() => this.core.info());
  }

  kpis(range: RangeRequest = {}, filters: KpiFilters = {}): Promise<KpiResult> {
    return this.core.query('kpis', [range, filters], async () => {
      const info = await this.core.info();
      const full = await this.core.resolveRange(range);
      const o = await orderKpis(this.core.db, full, filters);
      const i = await incomeKpis(this.core.db, full);
      const previous = previousRange(full);
      const starts = [info.firstOrderDate, info.firstReleaseDate].filter((d): d is IsoDay => d !== null).sort();
      return {
        range: full,
        previousRange: previous,
        previousHasData: starts.length > 0 && starts[0] <= previous.to,
        values: { ...o.current, ...i.current },
        previous: { ...o.previous, ...i.previous },
        datasetVersion: info.version,
      };
    });
  }

  overview(range: RangeRequest = {}, options: OverviewOptions = {}): Promise<OverviewResult> {
    return this.core.query('overview', [range, options], async () => {
      const full = await this.core.resolveRange(range);
      const prev = previousRange(full);
      const grain = options.grain ?? 'day';
      const filters = options.filters ?? {};
      return {
        range: full,
        previousRange: prev,
        trend: await trend(this.core.db, full, grain, filters),
        previousTrend: options.compare ? await trend(this.core.db, prev, grain, filters) : null,
        breakdowns: await breakdowns(this.core.db, full, filters),
        funnel: await funnel(this.core.db, full, filters),
        datasetVersion: (await this.core.info()).version,
      };
    });
  }

  compareShops(range: RangeRequest = {}): Promise<ShopComparison> {
    return this.core.query('compareShops', [range], async () => {
      const shops = await this.core.shops();
      const { selection } = this.core;
      // The shops chosen, when they are several; else every shop of the workspace.
      const compared =
        selection !== 'all' && selection.length > 1 ? shops.filter((s) => selection.includes(s.id)) : shops;
      const ids = compared.map((s) => s.id);
      // "All data" is all the compared shops' data, whichever shop the pages show.
      const full = await this.core.readShops(ids, () => this.core.forShops(ids).resolveRange(range));
      const grain = daysIn(full) > 120 ? 'week' : 'day';
      const each = [];
      for (const shop of compared)
        each.push(
          await this.core.readShops([shop.id], async () => ({
            shop,
            ...(await shopFigures(this.core.db, full)),
            trend: await trend(this.core.db, full, grain),
          })),
        );
      const total = await this.core.readShops(ids, () => shopFigures(this.core.db, full));
      const share = shares(each.map((e) => e.current.sales ?? 0));
      return {
        range: full,
        previousRange: previousRange(full),
        rows: each.map(({ trend: _, ...e }, i) => ({ ...e, salesShare: share[i] })),
        total,
        trend: { grain, buckets: each[0]?.trend.buckets ?? [], sales: each.map((e) => e.trend.sales) },
      };
    });
  }

  trend(range: RangeRequest = {}, grain: Grain = 'day', filters: KpiFilters = {}): Promise<TrendSeries> {
    return this.core.query('trend', [range, grain, filters], async () =>
      trend(this.core.db, await this.core.resolveRange(range), grain, filters),
    );
  }

  funnel(range: RangeRequest = {}, filters: KpiFilters = {}): Promise<Funnel> {
    return this.core.query('funnel', [range, filters], async () =>
      funnel(this.core.db, await this.core.resolveRange(range), filters),
    );
  }

  topProducts(range: RangeRequest = {}, limit = 10): Promise<Pick<Breakdowns, 'products' | 'skus'>> {
    return this.core.query('topProducts', [range, limit], async () => {
      const { products, skus } = await breakdowns(this.core.db, await this.core.resolveRange(range), {}, limit);
      return { products, skus };
    });
  }

  salesByCategory(range: RangeRequest = {}): Promise<CategorySales[]> {
    return this.core.query('salesByCategory', [range], async () =>
      salesByCategory(this.core.db, await this.core.resolveRange(range)),
    );
  }

  trafficSources(range: RangeRequest = {}): Promise<TrafficResult['visitSources']> {
    return this.core.query('trafficSources', [range], async () =>
      visitSources(this.core.db, await this.core.resolveRange(range)),
    );
  }

  traffic(range: RangeRequest = {}): Promise<TrafficResult> {
    return this.core.query('traffic', [range], async () => traffic(this.core.db, await this.core.resolveRange(range)));
  }

  serviceMetrics(range: RangeRequest = {}): Promise<ServiceResult> {
    return this.core.query('serviceMetrics', [range], async () =>
      service(this.core.db, await this.core.resolveRange(range)),
    );
  }

  campaignPerformance(range: RangeRequest = {}): Promise<CampaignResult> {
    return this.core.query('campaignPerformance', [range], async () =>
      campaigns(this.core.db, await this.core.resolveRange(range)),
    );
  }

  cash(range: RangeRequest = {}): Promise<CashResult> {
    return this.core.query('cash', [range], async () => cash(this.core.db, await this.core.resolveRange(range)));
  }

  salesAnalysis(range: RangeRequest = {}): Promise<SalesAnalysis> {
    return this.core.query('salesAnalysis', [range], async () =>
      salesAnalysis(this.core.db, await this.core.resolveRange(range)),
    );
  }

  productTable(range: RangeRequest = {}, by: ProductGrain = 'sku'): Promise<ProductRow[]> {
    return this.core.query('productTable', [range, by], async () =>
      productTable(this.core.db, await this.core.resolveRange(range), by),
    );
  }

  skuVariations(sku: string, range: RangeRequest = {}): Promise<VariationRow[]> {
    return this.core.query('skuVariations', [sku, range], async () =>
      skuVariations(this.core.db, await this.core.resolveRange(range), sku),
    );
  }

  productMaster(): Promise<MasterSummary> {
    return this.core.query('productMaster', [], () => masterSummary(this.core.db));
  }

  async exportWorkbook(sheets: SheetSpec[]): Promise<Uint8Array> {
    return workbookBytes(sheets);
  }
}
