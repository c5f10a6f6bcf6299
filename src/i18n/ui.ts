import { formatCount } from '../format/number';
import type { Locale } from './locale';

import { AUTOMATION } from './strings/automation';
import { COMMON } from './strings/common';
import { MODELS } from './strings/models';
import { WORKSPACE } from './strings/workspace';

/** Every interface string, Indonesian first. The type makes a missing translation a compile error. */
export const STRINGS = { ...COMMON, ...WORKSPACE, ...MODELS, ...AUTOMATION };

export type StringKey = keyof typeof STRINGS;

/** A key built from a file's values (a platform, a rating): a string key only where there is a translation. */
export function isStringKey(key: string): key is StringKey {
  return Object.hasOwn(STRINGS, key);
}

export function t(locale: Locale, key: StringKey): string {
  return STRINGS[key][locale];
}

/** A string with `{name}` placeholders filled in. */
export function tf(locale: Locale, key: StringKey, params: Record<string, string>): string {
  return t(locale, key).replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

/**
 * The second label of a SKU row: its product (and variation), or its product and how many variations it
 * spans. The same on every page and in reports.
 */
export function skuDetail(locale: Locale, detail: string, variations: number | null | undefined): string {
  return variations && variations > 1
    ? tf(locale, 'skuVariations', {
        product: detail,
        n: formatCount(variations, locale),
      })
    : detail;
}
