/**
 * Alert rules and their evaluation. The engine gathers the facts a rule needs (src/reports/service.ts);
 * deciding whether it fires is pure, here, so every rule type is tested without a database.
 */
import type { ShopSelection } from '../engine/core';
import type { MetricId } from '../metrics/registry';
import type { DateRange } from '../kernel/days';
import type { TemplateId } from './periods';

export type RuleWindow = 'day' | '7d' | '30d';

export type RuleSpec =
  /** "chat response rate < 70%" over the last day, 7 or 30 days of data. Ratios are compared as ratios (0.7). */
  | { type: 'threshold'; metric: MetricId; op: '<' | '>'; value: number; window: RuleWindow }
  /** "sales down > 30% against the same weekday last week" (window `day`), or against the previous 7 days (`7d`). */
  | { type: 'change'; metric: MetricId; direction: 'down' | 'up'; pct: number; window: 'day' | '7d' }
  /** The last day of data outside the forecast model's 95% band, or any anomaly in the last 7 days of data. */
  | { type: 'forecast'; condition: 'below_band' | 'above_band' | 'anomaly' }
  /** "SKU demand over the next 14 days > stock entered". */
  | { type: 'stock'; sku: string; stock: number; days: number };

export interface AlertRule {
  id: number;
  name: string;
  enabled: boolean;
  spec: RuleSpec;
  /** The shops it watches (their union); absent: all. */
  shops?: ShopSelection;
  createdAt: string;
}

/** What a rule looked at when it fired: enough to show the seller why, in either language. */
export type Evidence =
  | { type: 'threshold'; metric: MetricId; value: number; range: DateRange }
  | {
      type: 'change';
      metric: MetricId;
      value: number;
      base: number;
      change: number;
      range: DateRange;
      baseRange: DateRange;
    }
  | { type: 'forecast'; date: string; actual: number; lo: number; hi: number; severity: number | null }
  | { type: 'stock'; sku: string; name: string; demand: number; stock: number; days: number; from: string }
  | { type: 'report'; reportId: number; template: TemplateId; period: DateRange; title: string };

/** An inbox item: an alert a rule raised, or a scheduled report that was generated. */
export interface Alert {
  id: number;
  kind: 'alert' | 'report';
  ruleId: number | null;
  /** The rule as it was when it fired (null for a report). */
  rule: AlertRule | null;
  /** One alert per rule and subject (the day or period it is about): evaluating again never repeats it. */
  key: string;
  evidence: Evidence;
  /** The page that shows the evidence. */
  href: string;
  createdAt: string;
  read: boolean;
}

/** The facts of one rule, gathered by the engine for the current data. */
export type RuleFacts =
  | { type: 'threshold'; value: number | null; range: DateRange }
  | { type: 'change'; value: number | null; base: number | null; range: DateRange; baseRange: DateRange }
  | { type: 'forecast'; days: { date: string; actual: number; lo: number; hi: number; anomaly: number | null }[] }
  | { type: 'stock'; sku: string; name: string; demand: number | null; from: string };

/** Checks a rule's settings; returns what is wrong, or null. */
export function ruleProblem(spec: RuleSpec): string | null {
  switch (spec.type) {
    case 'threshold':
      return Number.isFinite(spec.value) ? null : 'threshold must be a number';
    case 'change':
      return Number.isFinite(spec.pct) && spec.pct > 0 ? null : 'change must be a percentage above 0';
    case 'forecast':
      return null;
    case 'stock':
      if (!spec.sku.trim()) return 'SKU is required';
      if (!(Number.isFinite(spec.stock) && spec.stock >= 0)) return 'stock must be 0 or more';
      return Number.isInteger(spec.days) && spec.days >= 1 && spec.days <= 90 ? null : 'days must be 1 to 90';
  }
}

/** Whether the rule fires on its facts: the evidence and the subject key, or null. */
export function evaluateRule(spec: RuleSpec, facts: RuleFacts): { key: string; evidence: Evidence } | null {
  if (spec.type === 'threshold' && facts.type === 'threshold') {
    if (facts.value === null) return null;
    const fires = spec.op === '<' ? facts.value < spec.value : facts.value > spec.value;
    return fires
      ? {
          key: `${facts.range.from}/${facts.range.to}`,
          evidence: { type: 'threshold', metric: spec.metric, value: facts.value, range: facts.range },
        }
      : null;
  }
  if (spec.type === 'change' && facts.type === 'change') {
    if (facts.value === null || facts.base === null || facts.base === 0) return null;
    const change = (facts.value - facts.base) / facts.base;
    const fires = spec.direction === 'down' ? change < -spec.pct / 100 : change > spec.pct / 100;
    if (!fires) return null;
    return {
      key: `${facts.range.from}/${facts.range.to}`,
      evidence: {
        type: 'change',
        metric: spec.metric,
        value: facts.value,
        base: facts.base,
        change,
        range: facts.range,
        baseRange: facts.baseRange,
      },
    };
  }
  if (spec.type === 'forecast' && facts.type === 'forecast') {
    const hit =
      spec.condition === 'anomaly'
        ? facts.days.filter((d) => d.anomaly !== null).at(-1)
        : facts.days.slice(-1).find((d) => (spec.condition === 'below_band' ? d.actual < d.lo : d.actual > d.hi));
    return hit
      ? {
          key: hit.date,
          evidence: {
            type: 'forecast',
            date: hit.date,
            actual: hit.actual,
            lo: hit.lo,
            hi: hit.hi,
            severity: hit.anomaly,
          },
        }
      : null;
  }
  if (spec.type === 'stock' && facts.type === 'stock') {
    if (facts.demand === null || facts.demand <= spec.stock) return null;
    return {
      key: `${facts.from}/${spec.stock}`,
      evidence: {
        type: 'stock',
        sku: facts.sku,
        name: facts.name,
        demand: facts.demand,
        stock: spec.stock,
        days: spec.days,
        from: facts.from,
      },
    };
  }
  return null;
}
