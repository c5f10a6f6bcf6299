import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytes, manifest, openSampleEngine, sampleLines } from '../../test/sample';
import type { Engine } from '../engine/engine';

const MASTER = manifest.files.find((f) => f.startsWith('master_barang'));
let engine: Engine;
beforeAll(async () => {
  ({ engine } = await openSampleEngine());
}, 300_000);

/** The sample master read independently: its SKU texts (trimmed, lower case) → the cost of their master. */
function expectedCosts(): Map<string, number> {
  if (!MASTER) throw new Error('the sample has no product master');
  const wb = XLSX.read(bytes(MASTER));
  const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
  const costOf = new Map<string, number>();
  for (const r of rows.slice(1)) if (typeof r[3] === 'number') costOf.set(String(r[1]), r[3]);
  const out = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const cost = costOf.get(String(r[1]));
    if (r[2] && cost !== undefined) out.set(String(r[2]).trim().toLowerCase(), cost);
  }
  return out;
}

describe('the sample product master', () => {
  it('gives every SKU of the orders its master product cost, alias rows included, and no other SKU a cost', async () => {
    const expected = expectedCosts();
    const rows = await engine.productTable({ from: '2025-06-01', to: '2026-11-30' });
    const skus = new Set(
      sampleLines()
        .map((l) => l.sku)
        .filter(Boolean),
    );
    expect(rows.map((r) => r.sku).sort()).toEqual([...skus].sort());
    const got = rows.map((r) => [r.sku, r.unitCost]);
    expect(got).toEqual(rows.map((r) => [r.sku, expected.get(r.sku.toLowerCase()) ?? null]));
    // Some SKUs are costed only through an alias row (written in another case, with no cost of its own).
    expect(rows.filter((r) => r.unitCost !== null).length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.unitCost === null).length).toBeGreaterThan(5);
    const summary = await engine.productMaster();
    expect(summary.conflicts).toEqual([]);
    expect([summary.skusWithCost, summary.skusWithoutCost]).toEqual([
      rows.filter((r) => r.unitCost !== null).length,
      rows.filter((r) => r.unitCost === null).length,
    ]);
  });

  it('shows products per master product with the sums of their SKUs', async () => {
    const range = { from: '2026-11-01', to: '2026-11-30' };
    const [bySku, byMaster] = [await engine.productTable(range), await engine.productTable(range, 'master')];
    for (const m of byMaster) {
      const of = bySku.filter((r) => r.master === m.master);
      expect(m.skus, m.master).toBe(of.length);
      expect([m.units, m.sales, m.releasedUnits]).toEqual([
        of.reduce((a, r) => a + r.units, 0),
        of.reduce((a, r) => a + r.sales, 0),
        of.reduce((a, r) => a + r.releasedUnits, 0),
      ]);
      const profits = of.map((r) => r.grossProfit);
      if (profits.every((p) => p !== null))
        expect(Math.abs((m.grossProfit ?? 0) - profits.reduce((a, p) => a + (p ?? 0), 0))).toBeLessThanOrEqual(
          of.length,
        );
      else expect(m.grossProfit).toBeNull();
    }
    expect(byMaster.length).toBeLessThan(bySku.length);
  });
});
