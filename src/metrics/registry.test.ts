import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORDER_MEASURES } from '../db/measures';
import { openNodeDuckDB } from '../db/nodeDuckdb';
import { migrate } from '../db/schema';
import { columnDrift } from '../db/tables';
import { METRICS, type MetricId, ORDER_METRICS, ORDER_PARTS, metricValue } from './registry';

const SPEC = path.resolve(import.meta.dirname, '../../../shared/METRICS.md');

/**
 * The metrics METRICS.md names: its table rows (`id` | Nama / Name | …) with both names, and its bullets
 * (`id` (Nama …)) with the Indonesian one (what follows a slash there may be a second Indonesian name).
 */
function namedInSpec(text: string): Map<string, { id: string; en?: string }> {
  const named = new Map<string, { id: string; en?: string }>();
  for (const m of text.matchAll(/^\| `([a-z_]+)` \| ([^|/]+?) \/ ([^|]+?) \|/gm))
    named.set(m[1], { id: m[2].trim(), en: m[3].replace(/\s*\([A-Z]{3}\)$/, '').trim() });
  for (const m of text.matchAll(/`([a-z_]+)` \(([^()/,]+?)[/)]/g))
    if (!named.has(m[1])) named.set(m[1], { id: m[2].trim() });
  return named;
}

describe('the metric registry', () => {
  it.skipIf(!fs.existsSync(SPEC))('agrees with METRICS.md on the ids and names of every metric both hold', () => {
    const named = namedInSpec(fs.readFileSync(SPEC, 'utf8'));
    // Every order metric of METRICS.md's table is registered, under the same names.
    const orderTable = [...named.keys()].filter((k) => (ORDER_METRICS as readonly string[]).includes(k));
    expect(orderTable.sort()).toEqual([...ORDER_METRICS].sort());
    const both = [...named.keys()].filter((k): k is MetricId => k in METRICS);
    expect(both.length).toBeGreaterThanOrEqual(ORDER_METRICS.length + 2);
    for (const id of both) {
      const spec = named.get(id);
      expect(METRICS[id].name.id, id).toBe(spec?.id);
      if (spec?.en) expect(METRICS[id].name.en, id).toBe(spec.en);
    }
  });

  it('makes every order metric of parts, ratios of summed parts with no value for a zero denominator', () => {
    for (const id of ORDER_METRICS) expect(METRICS[id].parts, id).toBeDefined();
    const parts = { sales: 300, orders: 4, cancelled_orders: 0, placed_orders: 0 } as Parameters<typeof metricValue>[1];
    expect(metricValue({ ratio: ['sales', 'orders'] }, parts)).toBe(75);
    expect(metricValue({ ratio: ['cancelled_orders', 'placed_orders'] }, parts)).toBeNull();
    // Only declared measures are summed: each part names one the rollup stores.
    for (const [id, p] of Object.entries(ORDER_PARTS)) expect(ORDER_MEASURES, id).toHaveProperty(p.measure);
  });

  it('the daily rollup stores exactly the declared order measures', async () => {
    const db = await openNodeDuckDB();
    await migrate(db);
    const measures = Object.keys(ORDER_MEASURES).map((m) => [m, 'bigint'] as const);
    expect(
      await columnDrift(db, 'rollup_days', measures, ['shop', 'created_date', 'status_class', 'is_valid']),
    ).toEqual([]);
  });
});
