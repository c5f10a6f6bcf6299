import { expect } from 'vitest';
import type { Engine } from '../src/engine/engine';
import { type IndependentIncomeRow, type IndependentLine, netPayout, orderMetrics } from './independent';

/**
 * Asserts that the engine's KPIs for a range equal the independent calculation: counts and money
 * exactly, ratios to 12 significant digits (they are divisions of the same exact integers).
 */
export async function expectKpisMatch(
  engine: Engine,
  lines: readonly IndependentLine[],
  income: readonly IndependentIncomeRow[][],
  from: string,
  to: string,
): Promise<void> {
  const { values } = await engine.kpis({ from, to });
  const expected = orderMetrics(lines, from, to);
  for (const [id, v] of Object.entries(expected)) {
    const got = values[id as keyof typeof values];
    if (v !== null && !Number.isInteger(v)) expect(got, `${id} ${from}..${to}`).toBeCloseTo(v, 9);
    else expect(got, `${id} ${from}..${to}`).toBe(v);
  }
  const payout = netPayout(income, from, to);
  if (values.released_orders) expect(values.net_payout, `net_payout ${from}..${to}`).toBe(payout);
  else expect(payout).toBe(0);
}
