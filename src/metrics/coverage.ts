import type { SqlConnection } from '../db/connection';
import { dayNumber } from '../kernel/days';

/**
 * Exports that list only some statuses (to ship, shipping, cancelled, failed delivery): a day they cover may
 * still have valid orders that are in no file, so they do not make a day known. `Order.all` and
 * `Order.completed` (what sellers mostly keep) do, as does a file renamed beyond recognition.
 */
const PARTIAL_ORDER_EXPORT = /^Order\.(toship|shipping|cancellation|failed_delivery)\b/i;

/**
 * Which of the `n` days from `start` an order export covers: from its first to its last order's creation
 * day. Outside them the shop's sales are unknown (a month never exported), not zero.
 */
export async function orderCoverage(db: SqlConnection, start: string, n: number): Promise<boolean[]> {
  const files = await db.query<{ name: string; first: string; last: string }>(`
    SELECT file_name AS name, strftime(first_at, '%Y-%m-%d') AS first, strftime(last_at, '%Y-%m-%d') AS last
    FROM imports WHERE kind = 'orders' AND first_at IS NOT NULL AND last_at IS NOT NULL`);
  const covered = new Array<boolean>(n).fill(false);
  const d0 = dayNumber(start);
  for (const f of files) {
    if (PARTIAL_ORDER_EXPORT.test(f.name)) continue;
    for (let d = Math.max(0, dayNumber(f.first) - d0); d <= Math.min(n - 1, dayNumber(f.last) - d0); d++)
      covered[d] = true;
  }
  return covered;
}
