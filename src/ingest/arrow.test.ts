import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { batchToIPC, joinChunks } from './arrow';
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

describe('joinChunks', () => {
  const chunk = (from: number, n: number, pad = 0, type: 'f64' | 'utf8' = 'f64') =>
    batchToIPC({
      length: n,
      columns: {
        i:
          type === 'f64'
            ? { type, values: Array.from({ length: n }, (_, k) => from + k) }
            : { type, values: Array.from({ length: n }, (_, k) => String(from + k)) },
        p: { type: 'utf8', values: Array.from({ length: n }, () => 'x'.repeat(pad)) },
      },
    });
  const rows = (chunks: Uint8Array[]) => chunks.flatMap((c) => [...(tableFromIPC(c).getChild('i') ?? [])].map(Number));

  it('joins runs of small chunks into one stream each, big ones left alone, every row once and in order', () => {
    const big = chunk(10, 3, 100_000);
    const chunks = [chunk(0, 2), chunk(2, 3), chunk(5, 5), big, chunk(13, 1), chunk(14, 2)];
    const joined = joinChunks(chunks);
    expect(joined).toHaveLength(3);
    expect(joined[1]).toBe(big);
    expect(rows(joined)).toEqual(Array.from({ length: 16 }, (_, k) => k));
    expect(joinChunks([chunks[0]])).toEqual([chunks[0]]);
    expect(joinChunks([])).toEqual([]);
  });

  it('keeps chunks of different columns apart', () => {
    const chunks = [chunk(0, 2), chunk(2, 2, 0, 'utf8')];
    expect(joinChunks(chunks)).toEqual(chunks);
  });
});
