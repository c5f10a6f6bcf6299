import { sqlString } from '../db/connection';
import { addDays, type DateRange, isoDay, type RangeRequest } from '../kernel/days';
import { campaignOutcomes } from '../metrics/campaigns';
import { type ArmResult, thompson } from '../ml/bandit';
import {
  buyerStats,
  type CohortResult,
  cohortAnalysis,
  coPurchase,
  type ProductPair,
  priceInputs,
  rfmLabels,
  segmentBuyerNames,
  segmentProfiles,
  segmentSizes,
  storeBuyerStats,
  storeLabels,
  storeRfmSegments,
} from '../metrics/customers';
import { estimatePrice, type PriceResult } from '../ml/price';
import { LIST_LENGTH } from '../ml/recommend';
import { type SpacingRefusal, seriesSpacing } from '../ml/forecast/spacing';
import {
  type BuyAgainList,
  buyAgainLists,
  buyersNamed,
  type NextProduct,
  type OutreachTarget,
  type ProductCount,
  pairWeights,
  type RecommenderInfo,
  purchaseRows,
  segmentBuyAgain,
  segmentNextProducts,
  storeRecommendations,
} from '../metrics/recommendations';
import { chatDaysBelowTarget, type Finding, rankFindings } from '../metrics/findings';
import {
  buyerTransactions,
  marketingInputs,
  type OrderHistory,
  orderHistory,
  skuUnits,
  trafficHistory,
  visitorSeries,
} from '../metrics/predictionInputs';
import { SEGMENT_ACTIONS, type SegmentName } from '../ml/rfm';
import type {
  AnomalyResult,
  ChurnPrediction,
  MarketingResult,
  MlBackend,
  ModelPerformance,
  SeriesForecast,
  SkuDemand,
} from '../ml/predictions';
import type { DemandOptions, EngineApi, SegmentationResult } from './api';

import type { EngineCore } from './core';
import type { Queries } from './queries';
import type { ModelOp } from './ops';

/** What a segmentation keeps besides its labels table: k-means' model facts (RFM needs none). */
type StoredSegmentation = Pick<
  SegmentationResult,
  'k' | 'silhouette' | 'tried' | 'centroids' | 'merges' | 'outliers' | 'scheme'
> & {
  dominant: Record<string, SegmentName>;
};

/**
 * The models: forecasts, anomalies, churn, segments, recommendations, prices, marketing and the findings.
 * Inputs are read in the queue, fits run outside it (in the ML worker, so queries go on meanwhile), and
 * results are kept until the data changes.
 */
export class ModelRunner implements Pick<EngineApi, ModelOp> {
  constructor(
    private readonly core: EngineCore,
    private readonly ml: MlBackend | null,
    private readonly queries: Queries,
  ) {}

  /**
   * Runs an ML operation: its inputs are read in the serial queue, the fit runs outside it (in the ML
   * worker, so queries go on meanwhile), and the result is kept until the data changes.
   */
  private predict<I, R>(
    key: string,
    read: () => Promise<I | null>,
    run: (ml: MlBackend, input: I) => Promise<R>,
  ): Promise<R | null> {
    const ml = this.ml;
    if (!ml) return Promise.reject(new Error('no ML backend'));
    return this.core.cached(key, () =>
      this.core.serial(read).then((input) => (input === null ? null : run(ml, input))),
    );
  }

  /**
   * The daily order history every model starts from, read once per dataset version (the models' cache is
   * dropped when the version changes). Called from inside the serial queue.
   */
  private history(): Promise<OrderHistory | null> {
    return this.core.memo('history', () => orderHistory(this.core.db));
  }

  async forecastSales(horizon = 30): Promise<SeriesForecast | null> {
    const f = await this.predict(
      `sales:${horizon}`,
      async () => {
        const h = await this.history();
        return h ? { s: h.sales, calendar: await this.core.calendarOverrides() } : null;
      },
      (ml, x) => ml.forecastSeries(x.s, horizon, x.calendar),
    );
    return f && { ...f, partial: (await this.history())?.partial ?? [] };
  }

  forecastTraffic(horizon = 30): Promise<SeriesForecast | SpacingRefusal | null> {
    return this.predict(
      `traffic:${horizon}`,
      async () => {
        const s = await trafficHistory(this.core.db);
        return s ? { s, calendar: await this.core.calendarOverrides() } : null;
      },
      async (ml, x): Promise<SeriesForecast | SpacingRefusal> => {
        // Visitors recorded a week or a month apart are not a daily series: refused, not forecast.
        const spacing = seriesSpacing(x.s.start, x.s.values);
        if (spacing.kind !== 'daily') return { refused: spacing };
        return ml.forecastSeries(x.s, horizon, x.calendar);
      },
    );
  }

  modelPerformance(): Promise<ModelPerformance | null> {
    return this.predict(
      'performance',
      async () => (await this.history())?.sales ?? null,
      (ml, s) => ml.modelPerformance(s),
    );
  }

  anomalies(): Promise<AnomalyResult | null> {
    return this.predict(
      'anomalies',
      async () => {
        const h = await this.history();
        if (!h) return null;
        const visitors = await visitorSeries(this.core.db, h.sales.start, h.sales.values.length);
        const others: Record<string, (number | null)[]> = { orders: h.orders, cancellations: h.cancellations };
        if (visitors) {
          others.visitors = visitors;
          others.conversion = visitors.map((v, i) => {
            const orders = h.orders[i];
            return v && orders !== null ? orders / v : null;
          });
        }
        return { sales: h.sales, others, calendar: await this.core.calendarOverrides() };
      },
      (ml, x) => ml.anomalies(x.sales, x.others, x.calendar),
    );
  }

  predictChurn(): Promise<ChurnPrediction | null> {
    return this.predict(
      'churn',
      () => buyerTransactions(this.core.db),
      (ml, tx) => ml.predictChurn(tx),
    );
  }

  /**
   * Segments every buyer and stores the labels as `seg_<method>` (with `buyer_stats`) for this dataset
   * version: RFM in SQL; k-means in the ML worker, which also finds the outliers and the dendrogram.
   */
  private segmentation(method: 'rfm' | 'kmeans') {
    return this.predict(
      `segments:${method}`,
      async () => ((await storeBuyerStats(this.core.db)) ? true : null),
      async (ml): Promise<StoredSegmentation> => {
        if (method === 'rfm')
          return { dominant: {}, scheme: await this.core.serial(() => storeRfmSegments(this.core.db)) };
        const { buyers, rfm, scheme } = await this.core.serial(async () => {
          const scheme = await storeRfmSegments(this.core.db);
          return { buyers: await buyerStats(this.core.db), rfm: await rfmLabels(this.core.db), scheme };
        });
        const seg = await ml.segmentBuyers(
          buyers.map(({ buyerId: _, ...b }) => b),
          method,
          rfm,
        );
        await this.core.serial(() =>
          storeLabels(
            this.core.db,
            'seg_kmeans',
            buyers.map((b, i) => ({ buyerId: b.buyerId, seg: seg.labels[i] })),
          ),
        );
        // Only what the summary needs leaves the worker's result: not one label per buyer.
        const outliers = seg.outliers && {
          count: seg.outliers.indexes.length,
          eps: seg.outliers.eps,
          top: seg.outliers.indexes
            .map((i) => buyers[i])
            .sort((a, b) => b.sales - a.sales)
            .slice(0, 20)
            .map(({ buyer, orders, sales, recency }) => ({ buyer, orders, sales, recency })),
        };
        return {
          dominant: seg.dominant,
          scheme,
          k: seg.k,
          silhouette: seg.silhouette,
          tried: seg.tried,
          centroids: seg.centroids,
          merges: seg.merges,
          outliers,
        };
      },
    );
  }

  async segmentCustomers(method: 'rfm' | 'kmeans' = 'rfm'): Promise<SegmentationResult | null> {
    const seg = await this.segmentation(method);
    if (!seg) return null;
    const table = `seg_${method}`;
    const { sizes, profiles, buyers } = await this.core.serial(async () => ({
      sizes: await segmentSizes(this.core.db, table),
      profiles: await segmentProfiles(this.core.db, table),
      buyers: (await this.core.db.query<{ n: number }>('SELECT count(*) AS n FROM buyer_stats'))[0].n,
    }));
    const segments = sizes.map((x) => {
      const dominant = (seg.dominant[x.id] ?? x.id) as SegmentName;
      return {
        ...x,
        profile: profiles.get(x.id) ?? { basketItems: 0, basketValue: 0, sales: 0, topProducts: [], topProvinces: [] },
        dominant,
        action: SEGMENT_ACTIONS[dominant] ?? SEGMENT_ACTIONS.others,
      };
    });
    return {
      method,
      buyers,
      scheme: seg.scheme,
      segments,
      k: seg.k,
      silhouette: seg.silhouette,
      tried: seg.tried,
      centroids: seg.centroids,
      outliers: seg.outliers,
      merges: seg.merges,
    };
  }

  /**
   * Fits the recommender on every buyer's purchases (in the ML worker) and stores its lists as the
   * selection's `rec_next`, `rec_again` and `rec_pairs`; null without buyers.
   */
  recommender(): Promise<RecommenderInfo | null> {
    return this.predict(
      'recs',
      () => purchaseRows(this.core.db),
      async (ml, x) => {
        const r = await ml.recommend(x.purchases, x.asOf);
        await this.core.serial(() => storeRecommendations(this.core.db, x.purchases.items, x.buyerIds, r, LIST_LENGTH));
        return { ...r.choice, items: x.purchases.items.length, buyers: x.purchases.buyers };
      },
    );
  }

  async segmentNextProducts(method: 'rfm' | 'kmeans'): Promise<Record<string, NextProduct[]>> {
    if (!(await this.segmentation(method)) || !(await this.recommender())) return {};
    return Object.fromEntries(await this.core.serial(() => segmentNextProducts(this.core.db, `seg_${method}`)));
  }

  async segmentBuyAgain(method: 'rfm' | 'kmeans'): Promise<Record<string, ProductCount[]>> {
    if (!(await this.segmentation(method)) || !(await this.recommender())) return {};
    return Object.fromEntries(await this.core.serial(() => segmentBuyAgain(this.core.db, `seg_${method}`)));
  }

  async buyAgain(target: OutreachTarget, limit = 5): Promise<BuyAgainList[]> {
    if ('method' in target && !(await this.segmentation(target.method))) return [];
    if (!(await this.recommender())) return [];
    const who =
      'method' in target
        ? `SELECT buyer_id FROM seg_${target.method} WHERE seg = ${sqlString(target.segment)}`
        : buyersNamed(target.buyers);
    return this.core.serial(() => buyAgainLists(this.core.db, who, limit));
  }

  async getSegment(method: 'rfm' | 'kmeans', id: string): Promise<string[]> {
    if (!(await this.segmentation(method))) return [];
    return this.core.serial(() => segmentBuyerNames(this.core.db, `seg_${method}`, id));
  }

  cohortAnalysis(): Promise<CohortResult> {
    return this.core.serial(() => cohortAnalysis(this.core.db));
  }

  async recommendProducts(target: { product?: string; buyer?: string } = {}, minSupport = 3): Promise<ProductPair[]> {
    const model = await this.recommender();
    return this.core.serial(async () => {
      const weights = model ? await pairWeights(this.core.db) : new Map<string, { weight: number }>();
      const weighed = (p: ProductPair): ProductPair => {
        const w = [weights.get(`${p.a}\u0000${p.b}`)?.weight, weights.get(`${p.b}\u0000${p.a}`)?.weight].filter(
          (x): x is number => x !== undefined,
        );
        return { ...p, weight: w.length ? Math.max(...w) : null };
      };
      // The model's strongest pairs first, then by lift.
      const byModel = (x: ProductPair, y: ProductPair) =>
        (y.weight ?? Number.NEGATIVE_INFINITY) - (x.weight ?? Number.NEGATIVE_INFINITY) || y.lift - x.lift;
      if (target.buyer) {
        const [buyer] = await this.core.db.query<{ buyer_id: number }>(
          `SELECT buyer_id FROM buyers WHERE buyer = ${sqlString(target.buyer)}`,
        );
        const next = model && buyer ? await buyAgainLists(this.core.db, String(buyer.buyer_id), LIST_LENGTH) : [];
        const order = new Map((next[0]?.next ?? []).map((name, i) => [name, i]));
        const owned = new Set(
          (
            await this.core.db.query<{ item: string }>(`
              SELECT DISTINCT l.product_name AS item FROM order_lines l JOIN orders o USING (shop, order_id)
              WHERE o.is_valid AND o.buyer_id = ${buyer?.buyer_id ?? 'NULL'}`)
          ).map((o) => o.item),
        );
        // The model's new products for the buyer that are co-bought (by buyers over time) with one they have.
        const best = new Map<string, ProductPair>();
        for (const p of await coPurchase(this.core.db, 'buyer', minSupport))
          if (owned.has(p.a) && order.has(p.b) && (best.get(p.b)?.cosine ?? -1) < p.cosine) best.set(p.b, p);
        return [...best.values()].sort((x, y) => (order.get(x.b) as number) - (order.get(y.b) as number)).map(weighed);
      }
      const pairs = (await coPurchase(this.core.db, 'order', minSupport)).map(weighed);
      return (target.product ? pairs.filter((p) => p.a === target.product) : pairs.filter((p) => p.a < p.b)).sort(
        byModel,
      );
    });
  }

  optimizeMarketing(budget?: number): Promise<MarketingResult | null> {
    return this.predict(
      `marketing:${budget ?? ''}`,
      async () => marketingInputs(this.core.db, await this.history()),
      async (ml, input) => ml.optimizeMarketing({ ...input, budget }),
    ).then((r) => r ?? null);
  }

  suggestCampaign(): Promise<ArmResult[]> {
    return this.core.cached('campaigns', async () => {
      const arms = await this.core.serial(async () => {
        const history = await this.history();
        return history ? campaignOutcomes(this.core.db, history.sales) : [];
      });
      return arms.length ? thompson(arms) : [];
    });
  }

  async optimizePrice(sku?: string, band = 0.15): Promise<PriceResult[]> {
    const inputs = await this.core.serial(() => priceInputs(this.core.db, 20, sku));
    return inputs.map((i) => estimatePrice(i, band));
  }

  async insightsSummary(range: RangeRequest = {}): Promise<Finding[]> {
    const info = await this.core.serial(() => this.core.info());
    if (!info.lastOrderDate) return [];
    const to = range.to ? isoDay(range.to) : info.lastOrderDate;
    const r: DateRange = { from: range.from ? isoDay(range.from) : addDays(to, -29), to };
    // The lapsing-buyer finding needs the RFM segments' sizes only, not their profiles or next products.
    const [anomalies, forecast, lapsing] = await Promise.all([
      this.anomalies(),
      this.forecastSales(30),
      this.segmentation('rfm').then((seg) =>
        seg ? this.core.serial(() => segmentSizes(this.core.db, 'seg_rfm')) : [],
      ),
    ]);
    return rankFindings({
      range: r,
      anomalies,
      forecast,
      products: await this.queries.productTable(r),
      chat: await this.core.serial(() => chatDaysBelowTarget(this.core.db, r)),
      campaigns: await this.queries.campaignPerformance(r),
      lapsing: lapsing
        .filter((s) => s.id === 'cant_lose' || s.id === 'at_risk')
        .map((s) => ({ segment: s.id, buyers: s.size, recency: s.recency })),
    });
  }

  async forecastDemand(
    options: DemandOptions = {},
    onProgress?: (done: number, total: number) => void,
  ): Promise<SkuDemand[]> {
    const o = {
      topN: options.topN ?? 20,
      horizon: options.horizon ?? 30,
      leadTime: options.leadTime ?? 14,
      serviceLevel: options.serviceLevel ?? 0.95,
      skus: options.skus,
    };
    const r = await this.predict(
      `demand:${JSON.stringify(o)}`,
      async () => {
        const h = await this.history();
        if (!h) return null;
        // A day no order export covers is unknown for every SKU too.
        const skus = (await skuUnits(this.core.db, h.sales.start, h.sales.values.length, o.topN, o.skus)).map((s) => ({
          ...s,
          values: s.values.map((v, i) => (h.sales.values[i] === null ? null : v)),
        }));
        return {
          start: h.sales.start,
          skus,
          horizon: o.horizon,
          leadTime: o.leadTime,
          serviceLevel: o.serviceLevel,
          overrides: await this.core.calendarOverrides(),
        };
      },
      (ml, input) => ml.forecastDemand(input, onProgress),
    );
    return r ?? [];
  }

  async cancelForecastDemand(): Promise<void> {
    await this.ml?.cancelDemand();
  }

  /** The last day of sales against a forecast fitted on the days before it: is it inside the 95% band? */
  async lastDayCheck(): Promise<{ date: string; actual: number; lo95: number; hi95: number } | null> {
    return this.predict(
      'lastDayCheck',
      async () => {
        const h = await this.history();
        const v = h?.sales.values;
        if (!h || !v || v.length < 29 || v[v.length - 1] === null) return null;
        return {
          s: { start: h.sales.start, values: v.slice(0, -1) },
          actual: v[v.length - 1] as number,
          calendar: await this.core.calendarOverrides(),
        };
      },
      async (ml, x) => {
        const f = (await ml.forecastSeries(x.s, 1, x.calendar)).forecast;
        return { date: f.dates[0], actual: x.actual, lo95: f.lo95[0], hi95: f.hi95[0] };
      },
    );
  }
}
