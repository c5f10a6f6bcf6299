import { dayNumber } from '../../kernel/days';

/** How far apart the rows of a dated series are: the forecaster takes one value per day only. */
export type Spacing =
  | { kind: 'daily' }
  | { kind: 'sub_daily'; perDay: number }
  | { kind: 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'irregular'; days: number };

/** A series the forecaster refuses: its figures are not one per day (visitors a week or a month apart). */
export interface SpacingRefusal {
  refused: Spacing;
}

/**
 * The spacing of a series' time stamps (`YYYY-MM-DD`, optionally followed by a time): sub-daily when days
 * repeat (the most rows on one day), else by the median gap between consecutive days, so a few missing days
 * keep a series daily.
 */
export function spacingOf(stamps: readonly string[]): Spacing {
  const perDay = new Map<number, number>();
  for (const s of stamps) {
    const d = dayNumber(s.slice(0, 10));
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const most = Math.max(0, ...perDay.values());
  if (most > 1) return { kind: 'sub_daily', perDay: most };
  const days = [...perDay.keys()].sort((a, b) => a - b);
  const gaps = days.slice(1).map((d, i) => d - days[i]);
  if (!gaps.length) return { kind: 'daily' };
  gaps.sort((a, b) => a - b);
  const g = gaps[gaps.length >> 1];
  if (g === 1) return { kind: 'daily' };
  const kind =
    g === 7
      ? 'weekly'
      : g >= 28 && g <= 31
        ? 'monthly'
        : g >= 89 && g <= 92
          ? 'quarterly'
          : g >= 365 && g <= 366
            ? 'yearly'
            : 'irregular';
  return { kind, days: g };
}

/** Why a spacing is refused, in words (English: the CLI's message; the app words it in its own locale). */
export function spacingProblem(s: Spacing): string | null {
  if (s.kind === 'daily') return null;
  if (s.kind === 'sub_daily')
    return `the series is sub-daily (up to ${s.perDay} rows on one day); give one value per day`;
  return `the series is ${s.kind} (a median of ${s.days} days between rows); give one value per day`;
}

/** The spacing of a daily series' days that carry a value (index 0 = `start`). */
export function seriesSpacing(start: string, values: readonly (number | null)[]): Spacing {
  const d0 = dayNumber(start);
  const stamps: string[] = [];
  values.forEach((v, i) => {
    if (v !== null) stamps.push(new Date((d0 + i) * 86_400_000).toISOString().slice(0, 10));
  });
  return spacingOf(stamps);
}
