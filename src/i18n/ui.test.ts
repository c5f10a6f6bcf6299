import { EVENT_KINDS, EVENT_NAMES } from '../calendar/events';
import { EXPORT_KINDS } from '../ingest/parseExport';
import { describe, expect, it } from 'vitest';
import { AUTOMATION } from './strings/automation';
import { COMMON } from './strings/common';
import { MODELS } from './strings/models';
import { WORKSPACE } from './strings/workspace';
import { STRINGS } from './ui';

/** Strings that are the same in both languages on purpose (names, and words Indonesian borrows). */
const SAME_IN_BOTH = new Set([
  'grainSku',
  'appName',
  'menu',
  'page_data',
  'dataTitle',
  'colSku',
  'colPlatform',
  'csat',
  'colMargin',
  'affiliateTable',
  'kind_live_streaming',
  'colConfidence',
  'colAdstock',
  'calendarLebaran',
  'repEmail',
  'ruleSku',
  'ruleDescThreshold',
  'ev_harbolnas',
]);

describe('interface strings', () => {
  it('every key is translated: both languages present, non-empty, and different unless on the list', () => {
    const untranslated = Object.entries(STRINGS).filter(
      ([k, v]) => !v.id.trim() || !v.en.trim() || (v.id === v.en && !SAME_IN_BOTH.has(k)),
    );
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });

  it('no key is in two of the string files (a later one would silently win)', () => {
    const parts = [COMMON, WORKSPACE, MODELS, AUTOMATION].map((p) => Object.keys(p));
    expect(parts.reduce((n, p) => n + p.length, 0)).toBe(Object.keys(STRINGS).length);
  });

  it('names every export kind as its spec does', () => {
    for (const k of EXPORT_KINDS) expect(STRINGS[`kind_${k.id}` as keyof typeof STRINGS], k.id).toEqual(k.name);
  });

  it('names every shop-calendar event kind (anomalies list them by name, not by id)', () => {
    // Names live with the kinds they name; none is left behind in the interface strings.
    for (const k of EVENT_KINDS) for (const l of ['id', 'en'] as const) expect(EVENT_NAMES[k][l], k).toMatch(/\S/);
    expect(Object.keys(STRINGS).filter((k) => /^(ev|seg|act|rep_t)_/.test(k))).toEqual([]);
  });
});
