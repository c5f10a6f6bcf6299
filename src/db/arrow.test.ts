import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '../ingest/batch';
import { batchToIPC } from './arrow';

describe('batchToIPC', () => {
  it('round-trips text (with nulls and non-ASCII), numbers (NaN as null) and booleans', () => {
    const b = new BatchBuilder();
    b.text('t').push('Kemeja', null, '', 'Sepatu Wanita — ukuran 38 🙂', 'x'.repeat(5000));
    b.num('n').push(1, Number.NaN, -7879, 0.5, 1e12);
    b.bool('b').push(true, false, true, false, true);
    b.length = 5;
    const t = tableFromIPC(batchToIPC(b.build()));
    expect(t.getChild('t')?.toArray()).toEqual(['Kemeja', null, '', 'Sepatu Wanita — ukuran 38 🙂', 'x'.repeat(5000)]);
    expect([...(t.getChild('n') ?? [])]).toEqual([1, null, -7879, 0.5, 1e12]);
    expect([...(t.getChild('b') ?? [])]).toEqual([true, false, true, false, true]);
  });
});
