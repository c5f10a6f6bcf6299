import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Transaction } from '../../src/ml/churn';
import type { ItemTransaction } from './recommend';
import { dayNumber, isoOfDay } from '../../src/kernel/days';
import { mulberry32 } from '../../src/ml/random';
import { spacingOf, spacingProblem } from '../../src/ml/forecast/spacing';

/**
 * A daily series from a `ds,y` CSV (quotes allowed; LF, CRLF or CR line endings): every day from the first
 * to the last, null when absent. Throws, naming the spacing found, unless the rows are one per day.
 */
export function readDailyCsv(file: string): { start: string; values: (number | null)[] } {
  const rows = readText(file)
    .split(/\r\n|\r|\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(',').map((c) => c.trim().replace(/^"|"$/g, '')));
  const bad = rows.findIndex(
    ([ds, y]) => !/^\d{4}-\d{2}-\d{2}/.test(ds ?? '') || !Number.isFinite(Number(y)) || y === '',
  );
  if (!rows.length) throw new Error(`${file}: no rows after the header`);
  if (bad >= 0)
    throw new Error(
      `${file}, row ${bad + 2}: expected a date (YYYY-MM-DD) and a number, found "${rows[bad].join(',')}"`,
    );
  const problem = spacingProblem(spacingOf(rows.map((r) => r[0])));
  if (problem) throw new Error(`${file}: ${problem}`);
  const byDay = new Map<number, number>();
  for (const [ds, y] of rows) byDay.set(dayNumber(ds.slice(0, 10)), Number(y));
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const values: (number | null)[] = [];
  for (let d = days[0]; d <= days[days.length - 1]; d++) values.push(byDay.get(d) ?? null);
  return { start: isoOfDay(days[0]), values };
}

export function readText(file: string): string {
  const raw = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8');
}

/** Daily revenue (Σ quantity × unit price) of the Online Retail transactions; days without sales are 0. */
export function onlineRetailDaily(file: string): { start: string; values: (number | null)[] } {
  const lines = readText(file).split(/\r?\n/);
  const byDay = new Map<number, number>();
  for (const line of lines.slice(1)) {
    if (!line) continue;
    // InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country (Description may be quoted).
    const m = /^([^,]*),([^,]*),(".*"|[^,]*),(-?\d+),(\d{4}-\d{2}-\d{2}) [^,]*,([^,]*),/.exec(line);
    if (!m) continue;
    if (m[1].startsWith('C')) continue; // cancellations
    const d = dayNumber(m[5]);
    byDay.set(d, (byDay.get(d) ?? 0) + Number(m[4]) * Number(m[6]));
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const values: (number | null)[] = [];
  for (let d = days[0]; d <= days[days.length - 1]; d++) values.push(byDay.get(d) ?? 0);
  return { start: isoOfDay(days[0]), values };
}

/** A plain CSV (no quoted commas) with a header row: its rows, and the index of a named column. */
function namedCsv(file: string): { rows: string[][]; at: (name: string) => number } {
  const [header, ...lines] = readText(file).split(/\r?\n/).filter(Boolean);
  const cols = header.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  return {
    rows: lines.map((line) => line.split(',').map((x) => x.replace(/^"|"$/g, ''))),
    at: (name) => {
      const i = cols.indexOf(name);
      if (i < 0) throw new Error(`${file}: no ${name} column (found ${cols.join(', ')})`);
      return i;
    },
  };
}

/** Transactions from a CSV with `customer_id,order_id,date,amount` columns (any order, header named). */
export function readTransactions(file: string): Transaction[] {
  const { rows, at } = namedCsv(file);
  const [c, o, d, a] = ['customer_id', 'order_id', 'date', 'amount'].map(at);
  return rows.map((v) => ({ customer: v[c], order: v[o], day: dayNumber(v[d].slice(0, 10)), amount: Number(v[a]) }));
}

/** Online Retail as transactions: invoices with a customer id, cancellations left out. */
export function onlineRetailTransactions(file: string): Transaction[] {
  const out: Transaction[] = [];
  for (const line of readText(file).split(/\r?\n/).slice(1)) {
    const m = /^([^,]*),([^,]*),(".*"|[^,]*),(-?\d+),(\d{4}-\d{2}-\d{2}) [^,]*,([^,]*),([^,]*),/.exec(line);
    if (!m || m[1].startsWith('C') || !m[7]) continue;
    out.push({ customer: m[7], order: m[1], day: dayNumber(m[5]), amount: Number(m[4]) * Number(m[6]) });
  }
  return out;
}

/** Item-level transactions from `customer_id,order_id,date,item_id,...` or from Online Retail (`--online-retail`). */
export function readItemTransactions(file: string, retail: boolean): ItemTransaction[] {
  const out: ItemTransaction[] = [];
  if (retail) {
    for (const line of readText(file).split(/\r?\n/).slice(1)) {
      const m = /^([^,]*),([^,]*),(".*"|[^,]*),(-?\d+),(\d{4}-\d{2}-\d{2}) [^,]*,([^,]*),([^,]*),/.exec(line);
      if (!m || m[1].startsWith('C') || !m[7] || Number(m[4]) <= 0) continue;
      out.push({ customer: m[7], order: m[1], day: dayNumber(m[5]), item: m[2] });
    }
    return out;
  }
  const { rows, at } = namedCsv(file);
  const [c, o, d, it] = ['customer_id', 'order_id', 'date', 'item_id'].map(at);
  return rows.map((v) => ({ customer: v[c], order: v[o], day: dayNumber(v[d].slice(0, 10)), item: v[it] }));
}

/**
 * A daily series with a structural break, for the forecaster's robustness check: three years of a level
 * near 4,300 with weekly seasonality (weekends +25%), a mild trend and noise; on day 800 the level drops
 * by 70% (a lockdown) for `lasting` days (60–120, by the seed), then recovers to 80% of the former level.
 */
export function levelBreakSeries(seed = 1): { start: string; values: number[] } {
  const rnd = mulberry32(seed);
  const lasting = 60 + Math.floor(rnd() * 61);
  const n = 1095;
  const values = Array.from({ length: n }, (_, t) => {
    const weekday = t % 7;
    const week = weekday >= 5 ? 1.25 : weekday === 0 ? 0.9 : 1;
    const level = 4000 * (1 + 0.1 * (t / n));
    const shift = t < 800 ? 1 : t < 800 + lasting ? 0.3 : 0.8;
    const noise = 1 + 0.08 * (rnd() + rnd() + rnd() - 1.5);
    return Math.round(level * week * shift * noise);
  });
  return { start: '2022-01-01', values };
}
