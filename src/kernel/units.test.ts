import { describe, expect, it } from 'vitest';
import type { MetricValues } from '../metrics/kpis';
import { type Count, type Minor, quantity, sum } from './units';

describe('figures typed in their unit', () => {
  it('adds money to money and counts to counts; a ratio or a mix does not compile', () => {
    const values = {
      sales: quantity(300_000, 'money'),
      seller_discount: quantity(20_000, 'money'),
      orders: quantity(4, 'count'),
      cancel_rate: quantity(0.25, 'ratio'),
    } satisfies Partial<MetricValues>;
    const money: Minor = sum([values.sales, values.seller_discount]);
    const orders: Count = sum([values.orders, values.orders]);
    expect([money, orders]).toEqual([320_000, 8]);
    // @ts-expect-error a ratio is recomputed from its parts, never summed
    sum([values.cancel_rate, values.cancel_rate]);
    // @ts-expect-error money cannot be added to a count
    sum([values.sales, values.orders]);
    // @ts-expect-error a plain number is not a figure until it is declared in its unit where it enters
    sum([300_000, values.sales]);
  });
});
