import { isSegmentName, SEGMENT_NAMES } from '../ml/rfm';
import type { Locale } from './locale';
import { isStringKey, t } from './ui';

/** An RFM segment's name; any other id (a k-means cluster) as it is. */
export function segmentLabel(locale: Locale, id: string | number): string {
  return isSegmentName(id) ? SEGMENT_NAMES[id][locale] : String(id);
}

/** A name from a file (a platform, a rating) in `locale` where there is a translation, else as the file has it. */
export function fileLabel(locale: Locale, prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return isStringKey(key) ? t(locale, key) : value;
}
