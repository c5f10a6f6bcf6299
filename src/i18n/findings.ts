import type { Currency } from '../kernel/currency';
import type { Finding } from '../metrics/findings';
import { segmentLabel } from './names';
import { formatCount, formatDate, formatDecimal, formatMoney, formatPercent } from '../format/number';
import type { Locale } from './locale';
import { t, tf } from './ui';

/** A finding of the insights summary as a sentence in `locale`, its numbers formatted (page and reports). */
export function findingText(f: Finding, currency: Currency, locale: Locale): string {
  const p = f.params;
  const money = (v: string | number) => formatMoney(Number(v), currency, locale);
  const pct = (v: string | number) => formatPercent(Math.abs(Number(v)), locale);
  const n = (v: string | number, d = 1) => formatDecimal(Number(v), locale, d);
  const dir = (v: string | number) => t(locale, Number(v) < 0 ? 'dirBelow' : 'dirAbove');
  const key = `find_${f.kind}` as const;
  switch (f.kind) {
    case 'sales_anomaly':
      return tf(locale, key, {
        date: formatDate(String(p.date), locale, 'long'),
        pct: pct(p.change),
        dir: dir(p.change),
        actual: money(p.actual),
        expected: money(p.expected),
      });
    case 'forecast_change':
      return tf(locale, key, { days: String(p.days), pct: pct(p.change), dir: dir(p.change) });
    case 'return_rate':
      return tf(locale, key, { sku: String(p.sku), rate: pct(p.rate), times: n(p.times) });
    case 'chat_response':
      return tf(locale, key, { below: String(p.below), days: String(p.days) });
    case 'ad_unprofitable':
      return tf(locale, key, { ad: String(p.ad), spend: money(p.spend), roas: n(p.roas, 2) });
    case 'lapsing_buyers':
      return tf(locale, key, {
        buyers: formatCount(Number(p.buyers), locale),
        segment: segmentLabel(locale, p.segment),
        days: String(p.days),
      });
  }
}
