/**
 * Model evaluation on any data. Usage:
 *   npm run eval -- forecast-cv --csv <ds,y file> [--initial 730] [--period 180] [--horizon 365] [--peer prophet]
 *   npm run eval -- forecast-cv --online-retail <csv or csv.gz> [...]
 * Prints a readable table; the LAST line is one JSON object with the metrics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { etsForecast, seasonalNaive } from '../src/ml/forecast/baselines';
import { byHorizon, crossValidate, type Metrics, metrics, type Model } from '../src/ml/forecast/cv';
import { dayNumber, isoOfDay } from '../src/kernel/days';
import { forecast } from '../src/ml/forecast/forecast';
import { initTf } from '../src/ml/tf';
import { evaluateChurn } from '../src/ml/churn';
import { segmentBuyers } from '../src/ml/segments';
import { evaluateRecommendations } from './eval/recommend';
import {
  levelBreakSeries,
  onlineRetailDaily,
  onlineRetailTransactions,
  readDailyCsv,
  readItemTransactions,
  readTransactions,
} from './eval/series';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const round = (v: number | null, d = 4) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(d)));
/** A metric as text: "–" where it is undefined, never NaN. */
const show = (v: number | null, d = 4) => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(d));

async function forecastCv(): Promise<void> {
  await initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  const csv = arg('csv');
  const retail = arg('online-retail');
  const broken = arg('level-break');
  if (!csv && !retail && !broken)
    throw new Error('give --csv <file with ds,y>, --online-retail <file> or --level-break <seed>');
  const series = csv ? readDailyCsv(csv) : retail ? onlineRetailDaily(retail) : levelBreakSeries(Number(broken));
  const o = {
    initial: Number(arg('initial') ?? 730),
    period: Number(arg('period') ?? 180),
    horizon: Number(arg('horizon') ?? 365),
  };
  const startDay = dayNumber(series.start);
  const nonNegative = series.values.every((v) => v === null || v >= 0);
  const ours: Model = (h, horizon) => forecast(h, { start: series.start, horizon });
  const models: Record<string, Model> = {
    toko_prophet_style: ours,
    seasonal_naive: (h, horizon) => seasonalNaive(h, series.start, horizon, nonNegative),
    ets: (h, horizon) => ({ yhat: etsForecast(h, horizon, nonNegative) }),
  };
  const peer = arg('peer');
  if (peer === 'prophet') models.prophet = await prophetPeer(series.start);
  const results: Record<string, Metrics & { seconds: number; table: ReturnType<typeof byHorizon> }> = {};
  for (const [name, model] of Object.entries(models)) {
    const t0 = performance.now();
    const cv = crossValidate(series.values, model, o, (i, n) => process.stderr.write(`\r${name}: cutoff ${i}/${n}   `));
    process.stderr.write('\n');
    const seconds = (performance.now() - t0) / 1000;
    const buckets: [number, number][] = [
      [1, 7],
      [8, 37],
      [38, 90],
      [91, 180],
      [181, 328],
      [329, 365],
    ];
    results[name] = {
      ...metrics(cv.predictions, cv.cutoffs.length),
      seconds,
      table: byHorizon(cv.predictions, buckets),
    };
  }
  console.log(
    `series: ${series.values.length} days from ${series.start} to ${isoOfDay(startDay + series.values.length - 1)}; initial ${o.initial}, period ${o.period}, horizon ${o.horizon}`,
  );
  console.log(
    'model                 cutoffs  MAPE h1-37  MAPE h329-365  MAE h1-37     MASE  cover80  cover95    width80  seconds',
  );
  for (const [name, m] of Object.entries(results)) {
    const f = (v: number | null, w: number, d = 4) =>
      (v === null || !Number.isFinite(v) ? '–' : v.toFixed(d)).padStart(w);
    console.log(
      `${name.padEnd(20)} ${String(m.cutoffs).padStart(8)} ${f(m.mape_h37, 11)} ${f(m.mape_h365, 14)} ${f(m.mae_h37, 10)} ${f(m.mase, 8)} ${f(m.coverage80, 8, 3)} ${f(m.coverage95, 8, 3)} ${f(m.width80, 10, 1)} ${f(m.seconds, 8, 1)}`,
    );
  }
  console.log('\nby horizon (ours):');
  for (const b of results.toko_prophet_style.table)
    console.log(
      `  h ${String(b.from).padStart(3)}-${String(b.to).padEnd(3)}  MAPE ${show(b.mape)}  MAE ${show(b.mae)}  cover80 ${show(b.coverage80, 3)}  n ${b.n}`,
    );
  const m = results.toko_prophet_style;
  const out: Record<string, unknown> = {
    model: 'toko_prophet_style',
    cutoffs: m.cutoffs,
    mape_h37: round(m.mape_h37),
    mape_h365: round(m.mape_h365),
    mae_h37: round(m.mae_h37),
    mase: round(m.mase),
    smape: round(m.smape),
    mape_zero_days_left_out: m.zeroActuals,
    coverage80: round(m.coverage80),
    coverage95: round(m.coverage95),
    width80: round(m.width80),
    seconds: round(m.seconds, 1),
    baselines: Object.fromEntries(
      ['seasonal_naive', 'ets'].map((k) => [
        k,
        {
          mase: round(results[k].mase),
          mape_h37: round(results[k].mape_h37),
          mape_h365: round(results[k].mape_h365),
          coverage80: round(results[k].coverage80),
          width80: round(results[k].width80),
        },
      ]),
    ),
  };
  if (results.prophet) {
    const p = results.prophet;
    out.peer = {
      prophet: {
        mape_h37: round(p.mape_h37),
        mape_h365: round(p.mape_h365),
        mase: round(p.mase),
        coverage80: round(p.coverage80),
        coverage95: round(p.coverage95),
        width80: round(p.width80),
        seconds: round(p.seconds, 1),
      },
    };
  }
  console.log(JSON.stringify(out));
}

/**
 * Prophet itself (WASM build of the Stan model) with its own defaults: yearly seasonality on only with two
 * years of history ("auto"), weekly on, 80% intervals; it gives no 95% band.
 */
async function prophetPeer(start: string): Promise<Model> {
  // Imported only here: the peer is a devDependency and never part of the app.
  const { Prophet, initSync } = await import('@bsull/augurs/prophet');
  const { optimizer } = await import('@bsull/augurs-prophet-wasmstan');
  initSync({ module: fs.readFileSync(path.resolve('node_modules/@bsull/augurs/prophet_bg.wasm')) });
  const d0 = dayNumber(start);
  return (history, horizon) => {
    const ds: number[] = [];
    const y: number[] = [];
    history.forEach((v, i) => {
      if (v === null) return;
      ds.push((d0 + i) * 86_400);
      y.push(v);
    });
    const p = new Prophet({ optimizer, intervalWidth: 0.8 });
    p.fit({ ds, y });
    const future = Array.from({ length: horizon }, (_, h) => (d0 + history.length + h) * 86_400);
    const f = p.predict({ ds: future });
    return { yhat: Array.from(f.yhat.point), lo80: f.yhat.intervals?.lower, hi80: f.yhat.intervals?.upper };
  };
}

/** Churn: trained at (last − 180 days), scored at (last − 90 days) on the following 90 days. */
function churn(): void {
  const file = arg('transactions');
  const retail = arg('online-retail');
  if (!file && !retail)
    throw new Error('give --transactions <csv with customer_id,order_id,date,amount> or --online-retail <file>');
  const t0 = performance.now();
  const tx = file ? readTransactions(file) : onlineRetailTransactions(retail as string);
  const r = evaluateChurn(tx);
  console.log(
    `transactions: ${tx.length}; test cutoff ${isoOfDay(r.cutoff)}; trained on ${r.trainCustomers} customers, scored ${r.testCustomers}`,
  );
  console.log('calibration (predicted → observed churn):');
  for (const b of r.calibration)
    console.log(
      `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${b.predicted.toFixed(3)} → ${b.observed.toFixed(3)}  n ${b.n}`,
    );
  console.log(
    JSON.stringify({
      model: 'logistic_rfm_tenure',
      auc: round(r.auc),
      brier: round(r.brier),
      base_rate: round(r.baseRate),
      customers: r.testCustomers,
      seconds: round((performance.now() - t0) / 1000, 1),
    }),
  );
}

/** Recommendations on a temporal holdout of each buyer's last order: strict (new items) and relaxed (buy again). */
function recommend(): void {
  const file = arg('transactions') ?? arg('online-retail');
  if (!file)
    throw new Error(
      'give --transactions <csv with customer_id,order_id,date,item_id,quantity,amount> or --online-retail <file>',
    );
  const t0 = performance.now();
  const { choice, ...r } = evaluateRecommendations(readItemTransactions(file, !arg('transactions')));
  console.log(
    `buyers evaluated: ${r.buyers}; ${choice.method} λ ${choice.lambda ?? '–'}, best-seller weight ${choice.popularityWeight} (validation hit-rate@10 by λ: ${choice.tried.map((t) => `${t.lambda}: ${t.hitRate.toFixed(4)}`).join(', ')})`,
  );
  console.log('protocol  list              hit-rate@10  NDCG@10');
  const row = (p: string, l: string, h: number, g: number | null) =>
    console.log(
      `${p.padEnd(9)} ${l.padEnd(17)} ${h.toFixed(4).padStart(11)} ${(g === null ? '–' : g.toFixed(4)).padStart(8)}`,
    );
  row('strict', choice.method, r.hit_rate_at_10, r.ndcg_at_10);
  row('strict', 'item-kNN', r.knn_hit_rate_at_10, null);
  row('strict', 'popularity', r.popularity_hit_rate_at_10, r.popularity_ndcg_at_10);
  row('relaxed', `buy again + ${choice.method}`, r.buy_again_hit_rate_at_10, r.buy_again_ndcg_at_10);
  row('relaxed', 'popularity', r.popularity_relaxed_hit_rate_at_10, r.popularity_relaxed_ndcg_at_10);
  console.log(
    JSON.stringify({
      ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])),
      model: choice.method,
      lambda: choice.lambda,
      popularity_weight: Number.isFinite(choice.popularityWeight) ? choice.popularityWeight : 'best sellers only',
      hit_rate_ratio: round(r.hit_rate_at_10 / r.popularity_hit_rate_at_10, 2),
      seconds: round((performance.now() - t0) / 1000, 1),
    }),
  );
}

/** Segments: k-means on standardised log RFM and tenure of every customer, k by silhouette. */
async function segments(): Promise<void> {
  await initTf(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  const file = arg('transactions');
  const retail = arg('online-retail');
  if (!file && !retail)
    throw new Error('give --transactions <csv with customer_id,order_id,date,amount> or --online-retail <file>');
  const tx = file ? readTransactions(file) : onlineRetailTransactions(retail as string);
  const t0 = performance.now();
  const last = tx.reduce((m, t) => Math.max(m, t.day), Number.NEGATIVE_INFINITY);
  const by = new Map<string, { orders: Set<string>; first: number; last: number; sales: number }>();
  for (const t of tx) {
    const c = by.get(t.customer) ?? { orders: new Set<string>(), first: t.day, last: t.day, sales: 0 };
    c.orders.add(t.order);
    c.first = Math.min(c.first, t.day);
    c.last = Math.max(c.last, t.day);
    c.sales += t.amount;
    by.set(t.customer, c);
  }
  const buyers = [...by].map(([buyer, c]) => ({
    buyer,
    recency: last - c.last,
    orders: c.orders.size,
    sales: c.sales,
    tenure: last - c.first,
  }));
  const s = segmentBuyers(buyers, 'kmeans');
  const sizes = Object.fromEntries(
    [...new Set(s.labels)].sort().map((l) => [l, s.labels.filter((x) => x === l).length]),
  );
  console.log(
    `customers: ${buyers.length}; silhouette by k: ${(s.tried ?? []).map((t) => `${t.k}: ${t.silhouette.toFixed(3)}`).join(', ')}`,
  );
  for (const c of s.centroids ?? [])
    console.log(
      `  ${c.id}: ${sizes[c.id]} customers, recency ${c.recency.toFixed(0)} d, ${c.orders.toFixed(1)} orders, value ${c.sales.toFixed(0)}, tenure ${c.tenure.toFixed(0)} d (${s.dominant[c.id]})`,
    );
  console.log(
    JSON.stringify({
      k: s.k,
      silhouette: round(s.silhouette ?? null),
      sizes,
      customers: buyers.length,
      seconds: round((performance.now() - t0) / 1000, 1),
    }),
  );
}

const command = process.argv[2];
const commands: Record<string, () => unknown> = { 'forecast-cv': forecastCv, churn, recommend, segments };
if (commands[command]) {
  try {
    await commands[command]();
  } catch (e) {
    // A refusal (a file that is not daily, a missing column) is one clear line and a non-zero exit.
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
} else {
  console.error(
    'usage: npm run eval -- forecast-cv --csv <file> [--initial 730] [--period 180] [--horizon 365] [--peer prophet]',
  );
  console.error('       npm run eval -- churn --transactions <csv with customer_id,order_id,date,amount>');
  console.error('       npm run eval -- segments --transactions <csv with customer_id,order_id,date,amount>');
  console.error(
    '       npm run eval -- recommend --transactions <csv with customer_id,order_id,date,item_id,quantity,amount>',
  );
  process.exit(2);
}
