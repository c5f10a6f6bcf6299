import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../scripts/metrics/quotes';
import { METRICS, ORDER_METRICS } from './registry';
import { METRIC_QUOTES } from './quotes';

const SPEC = path.resolve(import.meta.dirname, '../../../shared/METRICS.md');

describe('METRICS.md quotes', () => {
  it.skipIf(!fs.existsSync(SPEC))('the committed quotes are what METRICS.md says today (npm run metric-quotes)', () => {
    expect(METRIC_QUOTES).toEqual(extractQuotes(fs.readFileSync(SPEC, 'utf8')));
  });

  it('quotes every order metric, each naming the metric by its Indonesian name', () => {
    for (const id of ORDER_METRICS) expect(METRIC_QUOTES[id], id).toContain(METRICS[id].name.id);
  });
});
