import type { SqlConnection } from '../db/connection';
import { dayNumber } from '../kernel/days';

/**
 * Which of the `n` days from `start` an order export covers: from its first to its last order's creation
 * day. Outside them the shop's sales are unknown (a month never exported), not zero. Only files that list
 * every order of their span count (`imports.covers_all`): a day only a cancellation export covers may have
 * valid orders in no file.
 */
export async function orderCoverage(db: SqlConnection, start: string, n: number): Promise<boolean[]> {
  const files = await db.query<{ first: string; last: string }>(`
    SELECT strftime(first_at, '%Y-%m-%d') AS first, strftime(last_at, '%Y-%m-%d') AS last
    FROM imports WHERE kind = 'orders' AND covers_all AND first_at IS NOT NULL AND last_at IS NOT NULL`);
  const covered = new Array<boolean>(n).fill(false);
  const d0 = dayNumber(start);
  for (const f of files) {
    for (let d = Math.max(0, dayNumber(f.first) - d0); d <= Math.min(n - 1, dayNumber(f.last) - d0); d++)
      covered[d] = true;
  }
  return covered;
}
