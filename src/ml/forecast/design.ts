import { type CalendarOverrides, EVENT_KINDS, type EventKind, eventsBetween } from '../../calendar/events';
import { dayNumber, isoOfDay } from '../../kernel/days';

/**
 * The forecaster's design matrix: a model linear in its parameters, as Prophet's is. Columns are the
 * intercept, the trend slope and its changepoint hinges, weekly and yearly Fourier terms, and one
 * indicator per calendar event kind. Rows are days; time is scaled by the training length.
 */

export type Group = 'base' | 'slope' | 'changepoint' | 'weekly' | 'yearly' | 'event';

export interface DesignConfig {
  weeklyOrder: number;
  yearlyOrder: number;
  /** Calendar event kinds that occur in the training days (the others carry no information). */
  events: readonly EventKind[];
  /** Changepoint positions, as day indexes into the training rows. */
  changepoints: readonly number[];
  /** The training length in days (the time scale of the trend). */
  trainDays: number;
  /** The seller's calendar corrections. */
  overrides?: CalendarOverrides;
}

export interface Design {
  /** Row-major, rows × p. */
  x: Float64Array;
  rows: number;
  p: number;
  groups: Group[];
  /** The column names, for components and tests. */
  names: string[];
}

/** Prophet's default: changepoints evenly over the first `range` of the history, at most `n`. */
export function changepointsFor(trainDays: number, n = 25, range = 0.8): number[] {
  const hist = Math.floor(trainDays * range);
  const k = Math.min(n, hist - 1);
  if (k < 1) return [];
  const out: number[] = [];
  for (let i = 1; i <= k; i++) out.push(Math.round((i * (hist - 1)) / k));
  return [...new Set(out)].filter((c) => c > 0);
}

/** Which event kinds occur in the days from `start`, `days` long. */
export function eventsIn(start: string, days: number, overrides?: CalendarOverrides): EventKind[] {
  const d0 = dayNumber(start);
  const ev = eventsBetween(start, isoOfDay(d0 + days - 1), overrides);
  const seen = new Set<EventKind>();
  for (const s of ev.values()) for (const k of s) seen.add(k);
  return EVENT_KINDS.filter((k) => seen.has(k));
}

/** Builds the design for `rows` days from `start` (training days first, then the future). */
export function buildDesign(start: string, rows: number, cfg: DesignConfig): Design {
  const d0 = dayNumber(start);
  const names: string[] = ['intercept', 'slope'];
  const groups: Group[] = ['base', 'slope'];
  for (const c of cfg.changepoints) {
    names.push(`cp_${c}`);
    groups.push('changepoint');
  }
  for (let k = 1; k <= cfg.weeklyOrder; k++) {
    names.push(`weekly_sin${k}`, `weekly_cos${k}`);
    groups.push('weekly', 'weekly');
  }
  for (let k = 1; k <= cfg.yearlyOrder; k++) {
    names.push(`yearly_sin${k}`, `yearly_cos${k}`);
    groups.push('yearly', 'yearly');
  }
  for (const e of cfg.events) {
    names.push(e);
    groups.push('event');
  }
  const p = names.length;
  const x = new Float64Array(rows * p);
  const events = cfg.events.length
    ? eventsBetween(start, isoOfDay(d0 + rows - 1), cfg.overrides)
    : new Map<string, Set<EventKind>>();
  const T = Math.max(1, cfg.trainDays);
  for (let i = 0; i < rows; i++) {
    const o = i * p;
    const day = d0 + i;
    let j = 0;
    x[o + j++] = 1;
    x[o + j++] = i / T;
    for (const c of cfg.changepoints) x[o + j++] = i > c ? (i - c) / T : 0;
    for (let k = 1; k <= cfg.weeklyOrder; k++) {
      const a = (2 * Math.PI * k * day) / 7;
      x[o + j++] = Math.sin(a);
      x[o + j++] = Math.cos(a);
    }
    for (let k = 1; k <= cfg.yearlyOrder; k++) {
      const a = (2 * Math.PI * k * day) / 365.25;
      x[o + j++] = Math.sin(a);
      x[o + j++] = Math.cos(a);
    }
    if (cfg.events.length) {
      const on = events.get(isoOfDay(day));
      for (const e of cfg.events) x[o + j++] = on?.has(e) ? 1 : 0;
    }
  }
  return { x, rows, p, groups, names };
}
