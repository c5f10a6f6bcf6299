import { dayRange } from '../kernel/days';
import { describe, expect, it } from 'vitest';
import { evaluateRule, ruleProblem } from './alerts';

const day = dayRange('2026-11-30', '2026-11-30');

describe('alert rules', () => {
  it('threshold: fires strictly past the threshold, not at it, and not without data', () => {
    const spec = { type: 'threshold', metric: 'chat_response_rate', op: '<', value: 0.7, window: 'day' } as const;
    expect(evaluateRule(spec, { type: 'threshold', value: 0.69, range: day })).toEqual({
      key: '2026-11-30/2026-11-30',
      evidence: { type: 'threshold', metric: 'chat_response_rate', value: 0.69, range: day },
    });
    expect(evaluateRule(spec, { type: 'threshold', value: 0.7, range: day })).toBeNull();
    expect(evaluateRule(spec, { type: 'threshold', value: null, range: day })).toBeNull();
    expect(evaluateRule({ ...spec, op: '>' }, { type: 'threshold', value: 0.71, range: day })).not.toBeNull();
  });

  it('change: "sales down > 30% against the same weekday last week"', () => {
    const spec = { type: 'change', metric: 'sales', direction: 'down', pct: 30, window: 'day' } as const;
    const base = dayRange('2026-11-23', '2026-11-23');
    const hit = evaluateRule(spec, { type: 'change', value: 690, base: 1000, range: day, baseRange: base });
    expect(hit?.evidence).toMatchObject({ type: 'change', change: -0.31, base: 1000, value: 690 });
    expect(evaluateRule(spec, { type: 'change', value: 700, base: 1000, range: day, baseRange: base })).toBeNull();
    // A rise never fires a "down" rule; a base of 0 has no percentage change.
    expect(evaluateRule(spec, { type: 'change', value: 5000, base: 1000, range: day, baseRange: base })).toBeNull();
    expect(evaluateRule(spec, { type: 'change', value: 0, base: 0, range: day, baseRange: base })).toBeNull();
    expect(
      evaluateRule(
        { ...spec, direction: 'up' },
        { type: 'change', value: 1400, base: 1000, range: day, baseRange: base },
      ),
    ).not.toBeNull();
  });

  it('forecast: below or above the band on the last day, or the latest anomaly', () => {
    const days = [
      { date: '2026-11-28', actual: 10, lo: 50, hi: 90, anomaly: 4.2 },
      { date: '2026-11-30', actual: 40, lo: 50, hi: 90, anomaly: null },
    ];
    expect(evaluateRule({ type: 'forecast', condition: 'below_band' }, { type: 'forecast', days })?.key).toBe(
      '2026-11-30',
    );
    expect(evaluateRule({ type: 'forecast', condition: 'above_band' }, { type: 'forecast', days })).toBeNull();
    expect(
      evaluateRule({ type: 'forecast', condition: 'anomaly' }, { type: 'forecast', days })?.evidence,
    ).toMatchObject({ date: '2026-11-28', severity: 4.2 });
    expect(
      evaluateRule({ type: 'forecast', condition: 'anomaly' }, { type: 'forecast', days: days.slice(1) }),
    ).toBeNull();
  });

  it('stock: fires when the demand of the next days is over the stock entered', () => {
    const spec = { type: 'stock', sku: 'A-1', stock: 20, days: 14 } as const;
    expect(
      evaluateRule(spec, { type: 'stock', sku: 'A-1', name: 'Panci', demand: 20.5, from: '2026-12-01' })?.evidence,
    ).toMatchObject({ demand: 20.5, stock: 20 });
    expect(evaluateRule(spec, { type: 'stock', sku: 'A-1', name: 'Panci', demand: 20, from: '2026-12-01' })).toBeNull();
    expect(evaluateRule(spec, { type: 'stock', sku: 'A-1', name: 'A-1', demand: null, from: '2026-12-01' })).toBeNull();
  });

  it('a rule never fires on facts of another type, and bad settings are named', () => {
    expect(
      evaluateRule({ type: 'forecast', condition: 'anomaly' }, { type: 'threshold', value: 1, range: day }),
    ).toBeNull();
    expect(ruleProblem({ type: 'stock', sku: ' ', stock: 1, days: 14 })).toMatch(/SKU/);
    expect(ruleProblem({ type: 'stock', sku: 'A', stock: -1, days: 14 })).toMatch(/stock/);
    expect(ruleProblem({ type: 'change', metric: 'sales', direction: 'down', pct: 0, window: 'day' })).toMatch(
      /above 0/,
    );
    expect(ruleProblem({ type: 'threshold', metric: 'sales', op: '<', value: Number.NaN, window: 'day' })).toMatch(
      /number/,
    );
  });
});
