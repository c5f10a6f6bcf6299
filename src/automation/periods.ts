import type { Text } from '../kernel/text';
/** Report templates and the period each covers. Pure date arithmetic on `YYYY-MM-DD` calendar dates. */
import { addDays, type DateRange, dayOfMs, type IsoDay, isoDay, msOfDay, weekday } from '../kernel/days';

export const TEMPLATES = ['daily', 'weekly', 'monthly', 'campaign', 'product', 'segment'] as const;
export type TemplateId = (typeof TEMPLATES)[number];

/** Each template's name, as reports, schedules and the inbox show it. */
export const TEMPLATE_NAMES: Record<TemplateId, Text> = {
  daily: { id: 'Ringkasan harian', en: 'Daily snapshot' },
  weekly: { id: 'Tinjauan mingguan', en: 'Weekly review' },
  monthly: { id: 'Tinjauan bulanan', en: 'Monthly review' },
  campaign: { id: 'Evaluasi kampanye', en: 'Campaign post-mortem' },
  product: { id: 'Laporan produk', en: 'Product report' },
  segment: { id: 'Laporan segmen pelanggan', en: 'Customer segment report' },
};

/**
 * The period a template covers when run on `day` (a schedule's run day, or the last day of data for a report
 * made by hand), never past the last day of data `dataEnd`:
 * - daily: the last complete day before `day`;
 * - weekly: the last complete Monday–Sunday week before `day`;
 * - monthly: the last complete calendar month before `day`;
 * - campaign: the latest double-date campaign day (11.11, 12.12, …) before `day`;
 * - product, segment: the 30 days before `day`.
 * A report made by hand passes the day after the last day of data, so "the last complete week" is that of the data.
 * @example templatePeriod('weekly', '2026-11-23', '2026-11-30') // { from: '2026-11-16', to: '2026-11-22' }
 */
export function templatePeriod(template: TemplateId, day: IsoDay, dataEnd: IsoDay): DateRange {
  const end = addDays(day < addDays(dataEnd, 1) ? day : addDays(dataEnd, 1), -1);
  switch (template) {
    case 'daily':
      return { from: end, to: end };
    case 'weekly': {
      const sunday = addDays(end, -weekday(end));
      return { from: addDays(sunday, -6), to: sunday };
    }
    case 'monthly': {
      const d = new Date(msOfDay(addDays(end, 1)));
      const last = dayOfMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0));
      return { from: isoDay(`${last.slice(0, 8)}01`), to: last };
    }
    case 'campaign': {
      let d = end;
      while (Number(d.slice(5, 7)) !== Number(d.slice(8, 10))) d = addDays(d, -1);
      return { from: d, to: d };
    }
    default:
      return { from: addDays(end, -29), to: end };
  }
}
