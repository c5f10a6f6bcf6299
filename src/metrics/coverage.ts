import type { SqlConnection } from '../db/connection';
import { dayNumber, type IsoDay, type PartialDay } from '../kernel/days';

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

/** Below this share of a usual day's orders a day counts as partial; above it, as complete. */
export const COMPLETE_SHARE = 0.95;

/** A first day is partial when the shop usually has at least this many orders before its first one. */
export const MISSING_ORDERS = 3;

/**
 * The days the exports know only in part. A file's snapshot (its latest timestamp, METRICS.md) is a lower
 * bound of when it was exported: when it falls on the file's last creation day, that day is known up to
 * the snapshot only, unless another file that lists every order covers the day and was exported later.
 * Such a day is partial when the shop usually takes more than 5% of a day's orders after that time.
 * At the other edge, the first day of an export that no earlier export covers is partial when its first
 * order comes so late that the shop would usually have had MISSING_ORDERS orders or more before it (an
 * export that starts mid-day); a quiet shop's late first order proves nothing, and is not flagged.
 */
export async function partialDays(db: SqlConnection): Promise<PartialDay[]> {
  const ends = await db.query<{ day: IsoDay; at: string; minute: number }>(`
    WITH f AS (
      SELECT CAST(last_at AS DATE) AS last_day, snapshot_at FROM imports
      WHERE kind = 'orders' AND covers_all AND last_at IS NOT NULL AND snapshot_at IS NOT NULL
    ), c AS (
      SELECT last_day, max(snapshot_at) AS snapshot_at FROM f WHERE CAST(snapshot_at AS DATE) = last_day GROUP BY 1
    )
    SELECT strftime(last_day, '%Y-%m-%d') AS day, strftime(snapshot_at, '%H:%M') AS at,
      hour(snapshot_at) * 60 + minute(snapshot_at) AS minute
    FROM c
    WHERE NOT EXISTS (
      SELECT 1 FROM imports i WHERE i.kind = 'orders' AND i.covers_all
        AND CAST(i.first_at AS DATE) <= c.last_day AND CAST(i.last_at AS DATE) >= c.last_day
        AND CAST(i.snapshot_at AS DATE) > c.last_day
    )
    ORDER BY 1`);
  const starts = await db.query<{ day: IsoDay; at: string; minute: number }>(`
    WITH c AS (
      SELECT DISTINCT CAST(first_at AS DATE) AS first_day FROM imports
      WHERE kind = 'orders' AND covers_all AND first_at IS NOT NULL
    )
    SELECT strftime(c.first_day, '%Y-%m-%d') AS day, strftime(min(o.created_at), '%H:%M') AS at,
      hour(min(o.created_at)) * 60 + minute(min(o.created_at)) AS minute
    FROM c JOIN orders o ON o.created_date = c.first_day
    WHERE NOT EXISTS (
      SELECT 1 FROM imports i WHERE i.kind = 'orders' AND i.covers_all
        AND CAST(i.first_at AS DATE) < c.first_day AND CAST(i.last_at AS DATE) >= c.first_day
    )
    GROUP BY 1 ORDER BY 1`);
  if (!ends.length && !starts.length) return [];
  // The shop's usual hours and orders a day, from the days known in full.
  const edges = [...ends, ...starts].map((c) => `DATE '${c.day}'`).join(', ');
  const hours = await db.query<{ hour: number; n: number; days: number }>(`
    SELECT hour, sum(orders) AS n, (SELECT count(DISTINCT created_date) FROM rollup_hours WHERE created_date NOT IN (${edges})) AS days
    FROM rollup_hours WHERE created_date NOT IN (${edges}) GROUP BY 1`);
  const total = hours.reduce((a, h) => a + Number(h.n), 0);
  if (!total) return [];
  const perDay = total / Number(hours[0].days);
  const byHour = new Array<number>(24).fill(0);
  for (const h of hours) byHour[h.hour] = Number(h.n) / total;
  const shareBefore = (minute: number) => {
    const h = Math.floor(minute / 60);
    let s = 0;
    for (let i = 0; i < h; i++) s += byHour[i];
    return s + (byHour[h] ?? 0) * ((minute % 60) / 60);
  };
  const out: PartialDay[] = [
    ...ends
      .map((c) => ({ day: c.day, edge: 'end' as const, at: c.at, share: shareBefore(c.minute) }))
      .filter((p) => p.share < COMPLETE_SHARE),
    ...starts
      .map((c) => ({ day: c.day, edge: 'start' as const, at: c.at, share: 1 - shareBefore(c.minute) }))
      .filter((p) => (1 - p.share) * perDay >= MISSING_ORDERS),
  ];
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
