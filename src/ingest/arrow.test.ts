import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { batchToIPC } from './arrow';
import { BatchBuilder } from './batch';

describe('batchToIPC', () => {
  it("ships a builder's rows in chunks that together hold every row once", () => {
    const b = new BatchBuilder(3);
    const t = b.text('t');
    for (let i = 0; i < 8; i++) {
      t.push(`r${i}`);
      b.endRow();
    }
    const out = b.finish();
    expect(out.rows).toBe(8);
    expect(out.chunks).toHaveLength(3);
    expect(out.chunks.flatMap((c) => tableFromIPC(c).getChild('t')?.toArray())).toEqual([
      'r0',
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
      'r6',
      'r7',
    ]);
    expect(out.columns).toEqual({ t: 'utf8' });
  });

  it('round-trips text (with nulls and non-ASCII), numbers (NaN as null) and booleans', () => {
    const t = tableFromIPC(
      batchToIPC({
        length: 5,
        columns: {
          t: { type: 'utf8', values: ['Kemeja', null, '', 'Sepatu Wanita — ukuran 38 🙂', 'x'.repeat(5000)] },
          n: { type: 'f64', values: [1, Number.NaN, -7879, 0.5, 1e12] },
          b: { type: 'bool', values: [true, false, true, false, true] },
        },
      }),
    );
    expect(t.getChild('t')?.toArray()).toEqual(['Kemeja', null, '', 'Sepatu Wanita — ukuran 38 🙂', 'x'.repeat(5000)]);
    expect([...(t.getChild('n') ?? [])]).toEqual([1, null, -7879, 0.5, 1e12]);
    expect([...(t.getChild('b') ?? [])]).toEqual([true, false, true, false, true]);
  });
});
