import fs from 'node:fs';
import zlib from 'node:zlib';
import { dayNumber, isoOfDay } from '../../src/ml/forecast/design';

/** A daily series from a `ds,y` CSV (quotes allowed): every day from the first to the last, null when absent. */
export function readDailyCsv(file: string): { start: string; values: (number | null)[] } {
  const text = readText(file);
  const rows = text.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
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
