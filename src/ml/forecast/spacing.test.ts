import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDailyCsv } from '../../../scripts/eval/series';
import { metrics } from './cv';
import { seriesSpacing, spacingOf, spacingProblem } from './spacing';

const tmp = (name: string, text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'toko-spacing-')), name);
  fs.writeFileSync(f, text);
  return f;
};
const days = (n: number, step: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(2024, 0, 1) + i * step * 86_400_000).toISOString().slice(0, 10),
  );
const monthly = Array.from(
  { length: 24 },
  (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
);

describe('series spacing', () => {
  it('tells daily (a few days missing), weekly, monthly and sub-daily rows apart', () => {
    const daily = days(60, 1).filter((_, i) => i % 9 !== 4);
    expect(spacingOf(daily)).toEqual({ kind: 'daily' });
    expect(spacingOf(days(30, 7))).toEqual({ kind: 'weekly', days: 7 });
    expect(spacingOf(monthly)).toEqual({ kind: 'monthly', days: 31 });
    const fiveMinutes = days(3, 1).flatMap((d) => ['00:00', '00:05', '00:10'].map((t) => `${d} ${t}`));
    expect(spacingOf(fiveMinutes)).toEqual({ kind: 'sub_daily', perDay: 3 });
    expect(spacingProblem({ kind: 'monthly', days: 31 })).toMatch(/monthly.*31 days/);
    expect(spacingProblem({ kind: 'daily' })).toBeNull();
  });

  it("checks the days of the app's own series that carry a figure (visitors a week apart are refused)", () => {
    const weekly = Array.from({ length: 70 }, (_, i) => (i % 7 === 0 ? 100 + i : null));
    expect(seriesSpacing('2024-01-01', weekly)).toEqual({ kind: 'weekly', days: 7 });
    const gappy = Array.from({ length: 70 }, (_, i) => (i % 10 === 3 ? null : i));
    expect(seriesSpacing('2024-01-01', gappy)).toEqual({ kind: 'daily' });
  });

  it('reads LF, CRLF and CR-only files alike', () => {
    const rows = days(40, 1).map((d, i) => `${d},${100 + i}`);
    const [lf, crlf, cr] = ['\n', '\r\n', '\r'].map((eol, k) =>
      readDailyCsv(tmp(`s${k}.csv`, ['ds,y', ...rows].join(eol) + eol)),
    );
    expect(lf.values).toHaveLength(40);
    expect(crlf).toEqual(lf);
    expect(cr).toEqual(lf);
    expect(lf.values[39]).toBe(139);
  });

  it('refuses a monthly, a weekly and a 5-minute file, naming the spacing; the CLI exits non-zero', () => {
    const file = tmp('monthly.csv', ['ds,y', ...monthly.map((d, i) => `${d},${i}`)].join('\r'));
    expect(() => readDailyCsv(file)).toThrow(/monthly \(a median of 31 days between rows\)/);
    expect(() => readDailyCsv(tmp('w.csv', ['ds,y', ...days(20, 7).map((d) => `${d},1`)].join('\n')))).toThrow(
      /weekly/,
    );
    const sub = days(3, 1).flatMap((d) => [`${d} 00:00:00,1`, `${d} 00:05:00,2`]);
    expect(() => readDailyCsv(tmp('m.csv', ['ds,y', ...sub].join('\n')))).toThrow(
      /sub-daily \(up to 2 rows on one day\)/,
    );
    expect(() => readDailyCsv(tmp('bad.csv', 'ds,y\n2024-01-01,x\n'))).toThrow(
      /row 2: expected a date \(YYYY-MM-DD\) and a number/,
    );
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', 'forecast-cv', '--csv', file], {
        stdio: 'pipe',
      });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      status = err.status;
      stderr = err.stderr.toString();
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/^error: .*monthly/m);
  });
});

describe('backtest metrics', () => {
  it('gives no coverage, not 0, at a level the model has no band for', () => {
    const p = [1, 2, 3].map((h) => ({ cutoff: 10, h, y: 5, yhat: 4, lo80: 3, hi80: 6, scale: 1 }));
    const m = metrics(p, 1);
    expect(m.coverage80).toBe(1);
    expect(m.coverage95).toBeNull();
    expect(m.width80).toBe(3);
  });
});
