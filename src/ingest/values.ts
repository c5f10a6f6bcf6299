import { DAY_MS } from '../kernel/days';
/**
 * Value parsers for Shopee export cells. Pure functions: each takes one cell (text, number or empty) and
 * returns the typed value, `null` for "no value" (empty or Shopee's `-`), or throws a {@link ValueError}
 * that says why, so the importer can name the row and column.
 */

/** A cell as the readers hand it over: text, a number cell, a boolean cell or nothing. */
export type Cell = string | number | boolean | null | undefined;

/** Which character groups thousands: `id` = `91.425` / `118350,32`, `en` = `2,000,000.5`. */
export type NumberConvention = 'id' | 'en';

export type ValueReason =
  | 'not_a_number'
  | 'not_an_integer'
  | 'not_a_date'
  | 'not_a_duration'
  | 'not_a_weight'
  | 'not_a_percent';

/** Thrown by a parser when a non-empty cell does not hold a value of the expected type. */
export class ValueError extends Error {
  constructor(
    readonly reason: ValueReason,
    readonly text: string,
  ) {
    super(`${reason}: ${JSON.stringify(text)}`);
  }
}

/** The cell as trimmed text (`trim` also removes newlines and non-breaking spaces at the ends). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  return String(cell);
}

/** True for an empty cell and for Shopee's "not applicable" dash. */
export function isEmptyValue(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  const t = cellText(cell);
  return t === '' || t === '-' || t === '--';
}

const CURRENCY_PREFIX = /^(rp\.?|idr|rm|myr|php|₱|sgd|s\$|\$)\s*/i;
const ID_GROUPED = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
const ID_PLAIN = /^\d+(,\d+)?$/;
const EN_GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const EN_PLAIN = /^\d+(\.\d+)?$/;

function numberBody(text: string): { negative: boolean; body: string } {
  let t = text.replace(/\s+/g, ' ').trim();
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  const withoutPrefix = t.replace(CURRENCY_PREFIX, '');
  const hadPrefix = withoutPrefix !== t;
  t = withoutPrefix;
  if (hadPrefix && t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  return { negative, body: t.replace(/ /g, '') };
}

/** A cell's text: a string, or the UTF-8 bytes of a CSV file (the fast paths read ASCII only). */
type Text = string | Uint8Array;

/** The character code (or byte) at `i`. */
const at = (src: Text, i: number): number => (typeof src === 'string' ? src.charCodeAt(i) : src[i]);

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * The common case without allocation: an optional minus and digits with correctly placed thousands
 * separators, nothing else, in `src[s, e)`: a string's characters or a CSV cell's bytes. Returns
 * undefined for anything else (the full parser decides).
 */
function plainNumberOf(src: Text, s: number, e: number, convention: NumberConvention): number | undefined {
  const n = e - s;
  if (n === 0 || n > 24) return undefined;
  const group = convention === 'id' ? 46 : 44; // '.' or ','
  const decimal = convention === 'id' ? 44 : 46;
  let i = s;
  let negative = false;
  if (at(src, s) === 45) {
    negative = true;
    i++;
    if (n === 1) return undefined;
  }
  let value = 0;
  let digitsInGroup = 0;
  let grouped = false;
  for (; i < e; i++) {
    const c = at(src, i);
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      value = value * 10 + (c - DIGIT_0);
      digitsInGroup++;
    } else if (c === group) {
      if (digitsInGroup === 0 || (grouped ? digitsInGroup !== 3 : digitsInGroup > 3)) return undefined;
      grouped = true;
      digitsInGroup = 0;
    } else if (c === decimal) {
      break;
    } else {
      return undefined;
    }
  }
  if (digitsInGroup === 0 || (grouped && digitsInGroup !== 3)) return undefined;
  // Decimals go to the full parser, which rounds exactly as Number() does.
  if (i < e) return undefined;
  if (value > Number.MAX_SAFE_INTEGER) return undefined;
  return negative ? -value : value;
}

const plainNumber = (s: string, convention: NumberConvention) => plainNumberOf(s, 0, s.length, convention);

/**
 * Parses a number written in either convention. Text like `91.425` is 91425 under `id` and 91.425 under
 * `en`. Currency prefixes (`RP `, `Rp`), stray newlines and a leading minus are accepted.
 * @example parseNumber('RP 86.400\n', 'id') // 86400
 */
export function parseNumber(cell: Cell, convention: NumberConvention): number | null {
  if (typeof cell === 'string') {
    const fast = plainNumber(cell, convention);
    if (fast !== undefined) return fast;
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new ValueError('not_a_number', String(cell));
    return cell;
  }
  if (typeof cell === 'boolean') throw new ValueError('not_a_number', String(cell));
  if (isEmptyValue(cell)) return null;
  const raw = cellText(cell);
  const { negative, body } = numberBody(raw);
  let value: number;
  if (convention === 'id') {
    if (ID_GROUPED.test(body) || ID_PLAIN.test(body)) value = Number(body.replace(/\./g, '').replace(',', '.'));
    else throw new ValueError('not_a_number', raw);
  } else if (EN_GROUPED.test(body) || EN_PLAIN.test(body)) {
    value = Number(body.replace(/,/g, ''));
  } else {
    throw new ValueError('not_a_number', raw);
  }
  if (!Number.isFinite(value)) throw new ValueError('not_a_number', raw);
  return negative ? -value : value;
}

/** A whole number, e.g. a quantity. `1.000` under `id` is 1000; `1,5` is an error. */
export function parseInteger(cell: Cell, convention: NumberConvention): number | null {
  const v = parseNumber(cell, convention);
  if (v === null) return null;
  if (!Number.isInteger(v)) throw new ValueError('not_an_integer', cellText(cell));
  return v;
}

/**
 * Money in the currency's minor unit (rupiah for IDR: factor 1; sen or centavos: factor 100), rounded half
 * away from zero.
 * @example parseMoney('91.425', 'id', 1) // 91425
 * @example parseMoney('2.9789999999999996', 'en', 100) // 298
 */
export function parseMoney(cell: Cell, convention: NumberConvention, minorFactor: number): number | null {
  const v = parseNumber(cell, convention);
  return v === null ? null : toMinorUnits(v, minorFactor);
}

/** An amount in major units as minor units, rounded half away from zero. */
export function toMinorUnits(v: number, minorFactor: number): number {
  const scaled = v * minorFactor;
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled) + 1e-9);
  return rounded === 0 ? 0 : rounded;
}

/** A percentage as a ratio: `2,32%` is 0.0232 under `id`, `4.00%` is 0.04 under `en`. */
export function parsePercent(cell: Cell, convention: NumberConvention): number | null {
  if (typeof cell === 'number') return cell;
  if (isEmptyValue(cell)) return null;
  const t = cellText(cell);
  if (!t.endsWith('%')) throw new ValueError('not_a_percent', t);
  const v = parseNumber(t.slice(0, -1), convention);
  return v === null ? null : v / 100;
}

const ISO_DT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DMY_DT = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function naiveMs(y: number, mo: number, d: number, h: number, mi: number, s: number, raw: string): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) throw new ValueError('not_a_date', raw);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) throw new ValueError('not_a_date', raw);
  return ms;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const ISO_MINUTE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15];

/** The value of the `n` digits of `src` from `s`. */
function digits(src: Text, s: number, n: number): number {
  let v = 0;
  for (let i = s; i < s + n; i++) v = v * 10 + at(src, i) - DIGIT_0;
  return v;
}

/**
 * `YYYY-MM-DD HH:MM`, the order exports' format, without a regular expression: the 16 characters (or
 * bytes) of `src` from `s`. Undefined for anything else, which the full parser decides.
 */
function isoMinute(src: Text, s = 0): number | undefined {
  for (const i of ISO_MINUTE_DIGITS) {
    const c = at(src, s + i);
    if (c < DIGIT_0 || c > DIGIT_9) return undefined;
  }
  if (at(src, s + 4) !== 45 || at(src, s + 7) !== 45 || at(src, s + 10) !== 32 || at(src, s + 13) !== 58)
    return undefined;
  const y = digits(src, s, 4);
  const mo = digits(src, s + 5, 2);
  const day = digits(src, s + 8, 2);
  const h = digits(src, s + 11, 2);
  const mi = digits(src, s + 14, 2);
  if (mo < 1 || mo > 12 || day < 1 || day > DAYS_IN_MONTH[mo - 1] || h > 23 || mi > 59) return undefined;
  if (mo === 2 && day === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  return Date.UTC(y, mo - 1, day, h, mi);
}

/**
 * A shop-local timestamp as "naive milliseconds": the wall-clock time encoded as if it were UTC, so no
 * time zone is ever applied. Accepts `2026-06-01 01:08`, `2026-08-02`, `01-07-2026`, `06/08/2026 10:28:29`
 * and Excel date serials.
 * @example new Date(parseDateTime('2026-06-01 01:08')!).toISOString() // '2026-06-01T01:08:00.000Z'
 */
export function parseDateTime(cell: Cell): number | null {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) throw new ValueError('not_a_date', String(cell));
    return EXCEL_EPOCH_MS + Math.round((cell * DAY_MS) / 1000) * 1000;
  }
  if (typeof cell === 'string' && cell.length === 16) {
    const fast = isoMinute(cell);
    if (fast !== undefined) return fast;
  }
  if (isEmptyValue(cell)) return null;
  const raw = cellText(cell);
  let m = ISO_DT.exec(raw);
  if (m) return naiveMs(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), raw);
  m = DMY_DT.exec(raw);
  if (m) return naiveMs(+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), raw);
  throw new ValueError('not_a_date', raw);
}

/** `HH:MM:SS` (or `MM:SS`) as seconds. @example parseDuration('00:12:30') // 750 */
export function parseDuration(cell: Cell): number | null {
  if (typeof cell === 'number') return cell;
  if (isEmptyValue(cell)) return null;
  const raw = cellText(cell);
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(raw);
  if (!m || (+m[2] > 59 && m[1] !== undefined) || +m[3] > 59) throw new ValueError('not_a_duration', raw);
  return +(m[1] ?? 0) * 3600 + +m[2] * 60 + +m[3];
}

/**
 * A weight in grams. `333 gr` is 333, `1,5 kg` is 1500; a bare number is grams under `id` and kilograms
 * under `en` (the MY export writes `0.480`).
 */
export function parseWeightGrams(cell: Cell, convention: NumberConvention): number | null {
  if (isEmptyValue(cell)) return null;
  const raw = cellText(cell);
  const m = /^(.*?)\s*(gr|g|gram|kg)?$/i.exec(raw);
  if (!m) throw new ValueError('not_a_weight', raw);
  let v: number | null;
  try {
    v = parseNumber(m[1], convention);
  } catch {
    throw new ValueError('not_a_weight', raw);
  }
  if (v === null) throw new ValueError('not_a_weight', raw);
  const unit = (m[2] ?? (convention === 'en' ? 'kg' : 'g')).toLowerCase();
  return Math.round(unit === 'kg' ? v * 1000 : v);
}

/** Unambiguous number texts of each convention, as counted by {@link conventionVotes}. */
export interface ConventionVotes {
  id: number;
  en: number;
  /** Texts that read as a number in both conventions (`82.500`, `1,000`). */
  ambiguous: number;
}

/** `82.500` or `82,500`: a thousands group in one convention, three decimals in the other. */
const ONE_GROUP = /^\d{1,3}([.,])\d{3}$/;

/**
 * Counts the number texts that only one convention reads (`118350,32` or `1.234.567` are `id`;
 * `2,000,000.5` or `4.00` are `en`). In a money column, `82.500` counts for `id` and `82,500` for `en`: no
 * export writes an amount with three decimals.
 */
export function conventionVotes(samples: Iterable<Cell>, money = false): ConventionVotes {
  const v: ConventionVotes = { id: 0, en: 0, ambiguous: 0 };
  for (const cell of samples) {
    if (typeof cell !== 'string' || isEmptyValue(cell)) continue;
    const { body } = numberBody(cellText(cell).replace(/%$/, ''));
    const idOk = ID_GROUPED.test(body) || ID_PLAIN.test(body);
    const enOk = EN_GROUPED.test(body) || EN_PLAIN.test(body);
    const group = money ? ONE_GROUP.exec(body)?.[1] : undefined;
    if (group) v[group === '.' ? 'id' : 'en']++;
    else if (idOk && !enOk) v.id++;
    else if (enOk && !idOk) v.en++;
    else if (/^\d{1,3}(\.\d{3}){2,}$/.test(body)) v.id++;
    else if (/^\d{1,3}(,\d{3}){2,}$/.test(body)) v.en++;
    else if (idOk && enOk && /[.,]/.test(body)) v.ambiguous++;
  }
  return v;
}

/** The convention the votes decide, or the fallback on a tie. */
export function decideConvention(v: ConventionVotes, fallback: NumberConvention): NumberConvention {
  if (v.id === v.en) return fallback;
  return v.id > v.en ? 'id' : 'en';
}

/** Decides which convention a column of number texts uses; ambiguous texts leave the fallback. */
export function detectConvention(samples: Iterable<Cell>, fallback: NumberConvention): NumberConvention {
  return decideConvention(conventionVotes(samples), fallback);
}

/**
 * True when a number text is written in the other convention than `convention`: it reads only the other way,
 * or, for money, it would carry three decimals (`82,500` under `id`, `82.500` under `en`).
 */
export function contradictsConvention(cell: Cell, convention: NumberConvention, money: boolean): boolean {
  const v = conventionVotes([cell], money);
  return convention === 'id' ? v.en > 0 : v.id > 0;
}

/** Normalises a header or status text for matching: case, surrounding and repeated spaces. */
export function normalizeLabel(text: Cell): string {
  return cellText(text).replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Fast paths over a CSV cell's UTF-8 bytes `buf[s, e)`, for the cells the full parsers would read without
 * any rule of their own: each gives exactly what its parser gives for the decoded text, or undefined to
 * send the cell through that parser (an empty cell, a currency prefix, separators, spaces, anything else).
 */
export const cellBytes = {
  /** An optional minus and digits, with thousands separators where they belong: as {@link parseNumber}. */
  number(buf: Uint8Array, s: number, e: number, convention: NumberConvention): number | undefined {
    return plainNumberOf(buf, s, e, convention);
  },

  /** `YYYY-MM-DD HH:MM`, as {@link parseDateTime} reads it. */
  dateTime(buf: Uint8Array, s: number, e: number): number | undefined {
    return e - s === 16 ? isoMinute(buf, s) : undefined;
  },

  /** A plain number, or one and ` gr` / `g`: as {@link parseWeightGrams} reads them. */
  weightGrams(buf: Uint8Array, s: number, e: number, convention: NumberConvention): number | undefined {
    let j = e;
    let unit = false;
    if (j - s >= 2 && buf[j - 2] === 103 && buf[j - 1] === 114) {
      j -= 2; // gr
      unit = true;
    } else if (j > s && buf[j - 1] === 103) {
      j -= 1; // g
      unit = true;
    }
    if (unit) while (j > s && buf[j - 1] === 32) j--;
    const v = cellBytes.number(buf, s, j, convention);
    if (v === undefined) return undefined;
    return unit || convention !== 'en' ? v : Math.round(v * 1000);
  },
};
