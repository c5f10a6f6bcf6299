import type { DateRange } from '../engine/api';

export type Preset = '7d' | '30d' | '90d' | 'this_month' | 'last_month' | 'all' | 'custom';
export const PRESETS: readonly Preset[] = ['7d', '30d', '90d', 'this_month', 'last_month', 'all', 'custom'];

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The range of a preset, counted back from `anchor` (the last day with data, so that an export of last
 * quarter still fills "last 30 days"). `all` and `custom` have no fixed range: undefined.
 * @example presetRange('7d', '2026-11-30') // { from: '2026-11-24', to: '2026-11-30' }
 */
export function presetRange(preset: Preset, anchor: string): DateRange | undefined {
  const a = ms(anchor);
  const d = new Date(a);
  switch (preset) {
    case '7d':
      return { from: iso(a - 6 * DAY), to: anchor };
    case '30d':
      return { from: iso(a - 29 * DAY), to: anchor };
    case '90d':
      return { from: iso(a - 89 * DAY), to: anchor };
    case 'this_month':
      return { from: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)), to: anchor };
    case 'last_month':
      return {
        from: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)),
        to: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0)),
      };
    default:
      return undefined;
  }
}

/** Which preset a range in the URL corresponds to (so the picker shows it), else `custom` or `all`. */
export function presetOf(from: string | undefined, to: string | undefined, anchor: string): Preset {
  if (!from && !to) return 'all';
  for (const p of PRESETS) {
    const r = presetRange(p, anchor);
    if (r && r.from === from && r.to === to) return p;
  }
  return 'custom';
}

export const isIsoDate = (s: string | undefined): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(ms(s));
