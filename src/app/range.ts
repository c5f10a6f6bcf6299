import { addDays, dayOfMs, type IsoDay, msOfDay } from '../kernel/days';
import type { DateRange } from '../engine/api';

export type Preset = '7d' | '30d' | '90d' | 'this_month' | 'last_month' | 'all' | 'custom';
export const PRESETS: readonly Preset[] = ['7d', '30d', '90d', 'this_month', 'last_month', 'all', 'custom'];

/**
 * The range of a preset, counted back from `anchor` (the last day with data, so that an export of last
 * quarter still fills "last 30 days"). `all` and `custom` have no fixed range: undefined.
 * @example presetRange('7d', '2026-11-30') // { from: '2026-11-24', to: '2026-11-30' }
 */
export function presetRange(preset: Preset, anchor: IsoDay): DateRange | undefined {
  const a = msOfDay(anchor);
  const d = new Date(a);
  switch (preset) {
    case '7d':
      return { from: addDays(anchor, -6), to: anchor };
    case '30d':
      return { from: addDays(anchor, -29), to: anchor };
    case '90d':
      return { from: addDays(anchor, -89), to: anchor };
    case 'this_month':
      return { from: dayOfMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)), to: anchor };
    case 'last_month':
      return {
        from: dayOfMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)),
        to: dayOfMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0)),
      };
    default:
      return undefined;
  }
}

/** Which preset a range in the URL corresponds to (so the picker shows it), else `custom` or `all`. */
export function presetOf(from: string | undefined, to: string | undefined, anchor: IsoDay): Preset {
  if (!from && !to) return 'all';
  for (const p of PRESETS) {
    const r = presetRange(p, anchor);
    if (r && r.from === from && r.to === to) return p;
  }
  return 'custom';
}

export const isIsoDate = (s: string | undefined): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(msOfDay(s));
