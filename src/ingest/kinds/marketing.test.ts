import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { sampleOrders } from '../../../scripts/make-sample-data';
import { shopDays } from '../../../scripts/sample/insights';
import { affiliateCsv, liveAdsCsv, liveWorkbook } from '../../../scripts/sample/marketing';
import { textBytes } from '../../../test/fixtures';
import * as XLSX from '@e965/xlsx';
import { parseExport } from '../parseExport';

const days = shopDays(sampleOrders(), '2026-07-01', '2026-07-31', 5);
const facts = (name: string, data: Uint8Array) =>
  parseExport(name, data).output.staged.chunks.flatMap((c) =>
    tableFromIPC(c)
      .toArray()
      .map((r) => r.toJSON() as { kind: string; scope: string; metric: string; value: number; is_summary: boolean }),
  );

describe('live streams and affiliate exports', () => {
  it('reads the stream list: one scope per stream, on the day it started', () => {
    const wb = liveWorkbook(days, 1);
    const data = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const p = parseExport('live_streaming_20260701_20260731.xlsx', data);
    expect(p.kind).toBe('live_streaming');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Daftar Streaming'], { header: 1 }).slice(1);
    const f = facts('live.xlsx', data);
    expect(new Set(f.map((x) => x.scope)).size).toBe(rows.length);
    expect(f.filter((x) => x.metric === 'orders').reduce((a, x) => a + x.value, 0)).toBe(
      rows.reduce((a, r) => a + Number(r[5]), 0),
    );
    expect(f.filter((x) => x.metric === 'avg_watch_time').every((x) => x.value >= 60)).toBe(true);
  });

  it('reads AMS per affiliate for the period of the file name, and says so when the name has none', () => {
    const csv = textBytes(affiliateCsv(days, 2));
    const p = parseExport('AMSAffiliatePerformance_20260701_20260731.csv', csv);
    expect(p.kind).toBe('affiliate');
    expect(p.output.notes[0]).toMatchObject({
      code: 'period_facts',
      params: { count: 6, from: '2026-07-01', to: '2026-07-31' },
    });
    expect(() => parseExport('AMSAffiliatePerformance.csv', csv)).toThrowError(/missing_file_period/);
  });

  it('reads live ads with the header on line 7, and fails on a bad number with its row and column', () => {
    const csv = liveAdsCsv(days, 'shop', 3);
    expect(parseExport('Data-Semua-Iklan-Live-01_07_2026-31_07_2026.csv', textBytes(csv)).kind).toBe('ads_live');
    const lines = csv.split('\n');
    const cells = lines[6].split(',');
    cells[14] = 'seratus';
    lines[6] = cells.join(',');
    expect(() => parseExport('live.csv', textBytes(lines.join('\n')))).toThrowError(/bad_value.*"row":7.*"column":"O"/);
  });
});
