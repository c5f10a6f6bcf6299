/** Alert rules and inbox items as sentences in the seller's language (page, notifications). Pure. */
import type { Currency } from '../kernel/currency';
import { formatCount, formatDate, formatDecimal, formatMoney, formatPercent, formatRange } from '../format/number';
import { TEMPLATE_NAMES } from '../automation/periods';
import type { DateRange } from '../kernel/days';
import { formatValue } from '../format/figures';
import { METRICS, type MetricId } from '../metrics/registry';
import type { Alert, RuleSpec } from '../automation/alerts';
import type { Locale } from './locale';
import { type StringKey, t, tf } from './ui';

/** A metric's value in its unit: money, a percentage, a duration or a count. */
export function metricText(id: MetricId, value: number | null, currency: Currency, locale: Locale): string {
  return formatValue(value, METRICS[id].unit, currency, locale);
}

const rangeText = (r: DateRange, locale: Locale) => formatRange(r, locale);

const WINDOW: Record<string, StringKey> = { day: 'ruleWindowDay', '7d': 'ruleWindow7', '30d': 'ruleWindow30' };

/** What a rule checks, e.g. "Tingkat Respons Chat < 70,00% (hari terakhir)". */
export function ruleText(spec: RuleSpec, currency: Currency, locale: Locale): string {
  switch (spec.type) {
    case 'threshold':
      return tf(locale, 'ruleDescThreshold', {
        metric: METRICS[spec.metric].name[locale],
        op: spec.op,
        value: metricText(spec.metric, spec.value, currency, locale),
        window: t(locale, WINDOW[spec.window]),
      });
    case 'change':
      return tf(locale, 'ruleDescChange', {
        metric: METRICS[spec.metric].name[locale],
        dir: t(locale, spec.direction === 'down' ? 'ruleDown' : 'ruleUp'),
        pct: formatDecimal(spec.pct, locale, 1),
        compare: t(locale, spec.window === 'day' ? 'ruleCompareDay' : 'ruleCompare7'),
      });
    case 'forecast':
      return t(
        locale,
        spec.condition === 'below_band'
          ? 'ruleBelowBand'
          : spec.condition === 'above_band'
            ? 'ruleAboveBand'
            : 'ruleAnomaly',
      );
    case 'stock':
      return tf(locale, 'ruleDescStock', {
        sku: spec.sku,
        days: String(spec.days),
        stock: formatCount(spec.stock, locale),
      });
  }
}

/** Why an inbox item is there, with its numbers. */
export function alertText(a: Alert, currency: Currency, locale: Locale): string {
  const e = a.evidence;
  const money = (v: number) => formatMoney(v, currency, locale);
  switch (e.type) {
    case 'threshold': {
      const spec = a.rule?.spec;
      return tf(locale, 'evThreshold', {
        metric: METRICS[e.metric].name[locale],
        value: metricText(e.metric, e.value, currency, locale),
        range: rangeText(e.range, locale),
        op: spec?.type === 'threshold' ? spec.op : '',
        limit: spec?.type === 'threshold' ? metricText(e.metric, spec.value, currency, locale) : '',
      });
    }
    case 'change':
      return tf(locale, 'evChange', {
        metric: METRICS[e.metric].name[locale],
        value: metricText(e.metric, e.value, currency, locale),
        range: rangeText(e.range, locale),
        pct: formatPercent(Math.abs(e.change), locale),
        dir: t(locale, e.change < 0 ? 'dirBelow' : 'dirAbove'),
        base: metricText(e.metric, e.base, currency, locale),
        baseRange: rangeText(e.baseRange, locale),
      });
    case 'forecast': {
      const key: StringKey =
        e.severity !== null ? 'evAnomaly' : e.actual < e.lo ? 'evForecastBelow' : 'evForecastAbove';
      return tf(locale, key, {
        date: formatDate(e.date, locale, 'long'),
        actual: money(e.actual),
        lo: money(e.lo),
        hi: money(e.hi),
      });
    }
    case 'stock':
      return tf(locale, 'evStock', {
        name: e.name,
        days: String(e.days),
        from: formatDate(e.from, locale, 'long'),
        demand: formatDecimal(e.demand, locale, 1),
        stock: formatCount(e.stock, locale),
      });
    case 'report':
      return tf(locale, 'evReport', {
        title: TEMPLATE_NAMES[e.template][locale],
        range: rangeText(e.period, locale),
      });
  }
}
