import type { StagedRows } from '../arrow';
import { BatchBuilder, num } from '../batch';

/**
 * Rows for the `insights` target: one fact per (kind, scope, day or period, metric). Daily facts have no
 * `period_to`; Shopee's period figures (summary rows, per-ad reports) have one and are flagged `is_summary`.
 */
export function factsBuilder() {
  const b = new BatchBuilder();
  const c = {
    line_key: b.text('line_key'),
    kind: b.text('kind'),
    scope: b.text('scope'),
    metric: b.text('metric'),
    day: b.num('day'),
    period_to: b.num('period_to'),
    is_summary: b.bool('is_summary'),
    value: b.num('value'),
  };
  const seen = new Set<string>();
  return {
    /** Adds a fact; a fact already added with the same key (a stacked copy) is kept once: returns false. */
    push(kind: string, scope: string, metric: string, day: number, periodTo: number | null, value: number): boolean {
      const key = `${kind}\u001f${scope}\u001f${day}\u001f${periodTo ?? ''}\u001f${metric}`;
      if (seen.has(key)) return false;
      seen.add(key);
      c.line_key.push(key);
      c.kind.push(kind);
      c.scope.push(scope);
      c.metric.push(metric);
      c.day.push(day);
      c.period_to.push(num(periodTo));
      c.is_summary.push(periodTo !== null);
      c.value.push(value);
      b.endRow();
      return true;
    },
    finish(): StagedRows {
      return b.finish();
    },
  };
}
