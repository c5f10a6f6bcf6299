/** Order exports in the real 2026 layout (50 columns, Indonesian headers and value formats), as CSV bytes. */
import { writeXlsx } from './xlsxWriter';
import { type SimOrder, simulateOrders } from '../sample/generate';
import { ORDER_COLUMNS_2026 } from '../sample/layouts';

const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const SIM_TO = '2026-09-26';

/**
 * About `lines` order lines over 1,000 days. With 88.5% of orders from returning buyers there is about one
 * buyer per 10 lines: 1M lines, ~100k buyers.
 */
function simulate(lines: number, seed = 11): SimOrder[] {
  // ~1.3 lines per order and ~1.25 mean demand over the simulated 1,000 days.
  return simulateOrders({
    seed,
    from: '2024-01-01',
    to: SIM_TO,
    baseOrdersPerDay: lines / 1000 / 1.3 / 1.25,
    repeatShare: 0.885,
    snapshot: `${SIM_TO} 23:00`,
  });
}

function toCsv(orders: readonly SimOrder[]): { csv: Uint8Array; lines: number } {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(`${ORDER_COLUMNS_2026.map(([h]) => esc(h)).join(',')}\n`)];
  let n = 0;
  let buf: string[] = [];
  const flush = () => {
    parts.push(encoder.encode(buf.join('')));
    buf = [];
  };
  for (const o of orders) {
    for (const l of o.lines) {
      buf.push(`${ORDER_COLUMNS_2026.map(([, v]) => esc(v(l))).join(',')}\n`);
      n++;
      if (buf.length === 50_000) flush();
    }
  }
  flush();
  const total = parts.reduce((a, p) => a + p.length, 0);
  const csv = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    csv.set(p, pos);
    pos += p.length;
  }
  return { csv, lines: n };
}

/** About `lines` order lines (the simulation decides the exact count), returned with the exact count. */
export function ordersCsv(lines: number, seed?: number): { csv: Uint8Array; lines: number } {
  return toCsv(simulate(lines, seed));
}

/** The same simulation as two exports: everything before its last 30 days, and those 30 days (a new month). */
export function ordersCsvLastMonth(lines: number): {
  history: { csv: Uint8Array; lines: number };
  month: { csv: Uint8Array; lines: number };
} {
  const orders = simulate(lines);
  const cut = Date.parse(`${SIM_TO}T00:00:00Z`) - 29 * 86_400_000;
  return {
    history: toCsv(orders.filter((o) => o.created < cut)),
    month: toCsv(orders.filter((o) => o.created >= cut)),
  };
}

/** About `lines` order lines as an .xlsx workbook in the same layout: one sheet, every value a text cell. */
export function ordersXlsx(lines: number): { xlsx: Uint8Array; lines: number } {
  const orders = simulate(lines);
  let n = 0;
  function* rows() {
    yield ORDER_COLUMNS_2026.map(([h]) => h);
    for (const o of orders)
      for (const l of o.lines) {
        n++;
        yield ORDER_COLUMNS_2026.map(([, v]) => v(l));
      }
  }
  return { xlsx: writeXlsx('orders', rows()), lines: n };
}
