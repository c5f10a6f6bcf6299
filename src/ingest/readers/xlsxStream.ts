/**
 * A streaming .xlsx reader: a sheet's XML is scanned row by row, never every cell at once (SheetJS builds the
 * whole workbook: 3.8 GB of tab memory for a 220k-line order export). Its parts are inflated whole once while
 * they add up to 64 MB; past that a part is inflated anew on every pass, so memory holds the file, its shared
 * strings and one piece of XML. Cells read as SheetJS reads them with
 * `raw: true`: numbers stay numbers (date-formatted ones too), text stays text.
 *
 * Handles what Seller Centre and Excel write: stored or deflated parts, shared, inline and formula strings.
 * Anything else (ZIP64, other compression, a missing part) returns null, and SheetJS reads the file.
 */
import { Inflate, inflateSync } from 'fflate';
import type { Cell } from '../values';
import { type MergeRange, type SheetSource, type WorkbookSource, WorkbookReadError } from './source';

interface Entry {
  method: number;
  compressedSize: number;
  dataStart: number;
  /** CRC-32 of the inflated part: a full pass checks it, so damage inside a part is not read as values. */
  crc: number;
  /** The inflated size the zip gives. */
  size: number;
  /** The part inflated whole, once, for all the passes over it (when `room` allowed). */
  whole?: Uint8Array;
  /** What the workbook may still keep of parts inflated whole: shared by its entries. */
  room: { bytes: number };
}

/**
 * A workbook's parts are inflated whole on their first pass and kept while it is read, as long as the kept
 * parts add up to at most this: a sheet is read several times (its head, its merged cells, its rows), and
 * one inflate of the whole part is faster than streaming it again each time. The parts past it stream on
 * every pass, so memory stays bounded.
 */
const WHOLE_PARTS_BYTES = 64 << 20;

/** CRC-32 tables for slicing by 8: `CRC[k * 256 + i]` is the CRC of byte i followed by k zero bytes. */
const CRC = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let i = 256; i < t.length; i++) t[i] = (t[i - 256] >>> 8) ^ t[t[i - 256] & 0xff];
  return t;
})();

/** Continues the CRC-32 of a zip entry over `bytes`, eight bytes a step. */
export function crc32(crc: number, bytes: Uint8Array): number {
  let c = ~crc;
  const n = bytes.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    c =
      CRC[1792 + (c & 0xff)] ^
      CRC[1536 + ((c >>> 8) & 0xff)] ^
      CRC[1280 + ((c >>> 16) & 0xff)] ^
      CRC[1024 + (c >>> 24)] ^
      CRC[768 + bytes[i + 4]] ^
      CRC[512 + bytes[i + 5]] ^
      CRC[256 + bytes[i + 6]] ^
      CRC[bytes[i + 7]];
  }
  for (; i < n; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/** The zip's entries by name, from its central directory; null when it is not a plain zip. */
function zipEntries(b: Uint8Array, wholePartsBytes: number): Map<string, Entry> | null {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(b, end + 10);
  let at = u32(b, end + 16);
  const entries = new Map<string, Entry>();
  const room = { bytes: wholePartsBytes };
  const names = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) return null;
    const method = u16(b, at + 10);
    const compressedSize = u32(b, at + 20);
    const size = u32(b, at + 24);
    const nameLength = u16(b, at + 28);
    const local = u32(b, at + 42);
    if ([compressedSize, size, local].includes(0xffffffff) || (method !== 0 && method !== 8)) return null;
    const name = names.decode(b.subarray(at + 46, at + 46 + nameLength));
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) return null;
    const dataStart = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (dataStart + compressedSize > b.length) return null;
    const entry = { method, compressedSize, dataStart, crc: u32(b, at + 16), size, room };
    entries.set(name.replace(/^\//, ''), entry);
    at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
  }
  return entries;
}

/** Thrown inside a pass to stop inflating once enough rows were read. */
class StopPass {}

/**
 * Hands one part's bytes to `onBytes`; `onBytes` may throw StopPass to end early. A part the workbook keeps
 * whole comes in one piece, checked against its CRC-32. Any other is inflated anew on each pass, its
 * compressed bytes fed 64 kB at a time, so nothing past the current piece is kept, and a look at the first
 * rows inflates little more than those; with `check`, a pass that reaches the end checks the CRC-32 (a pass
 * that stops early, or only looks for the merges, leaves that to the pass over the rows).
 */
function streamBytes(
  b: Uint8Array,
  e: Entry,
  check: boolean,
  onBytes: (bytes: Uint8Array, final: boolean) => void,
): void {
  const data = b.subarray(e.dataStart, e.dataStart + e.compressedSize);
  // A stored part is read in place; a deflated one is kept inflated while there is room.
  if (e.whole || e.method === 0 || e.size <= e.room.bytes) {
    try {
      onBytes(wholePart(e, data), true);
    } catch (err) {
      if (!(err instanceof StopPass)) throw err;
    }
    return;
  }
  let crc = 0;
  const piece = (chunk: Uint8Array, final: boolean) => {
    if (check) {
      crc = crc32(crc, chunk);
      if (final && crc !== e.crc) throw new Error('a part of the file does not match its checksum');
    }
    onBytes(chunk, final);
  };
  try {
    const inflate = new Inflate(piece);
    const STEP = 1 << 16;
    for (let at = 0; at < data.length; at += STEP) inflate.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  } catch (err) {
    if (!(err instanceof StopPass)) throw err;
  }
}

/** A part's bytes, inflated (taking room) and checked on the first call. */
function wholePart(e: Entry, data: Uint8Array): Uint8Array {
  if (e.whole) return e.whole;
  let out: Uint8Array;
  try {
    out = e.method === 0 ? data : inflateSync(data, { out: new Uint8Array(e.size) });
  } catch (err) {
    throw new WorkbookReadError('corrupt', err instanceof Error ? err.message : String(err));
  }
  if (out.length !== e.size || crc32(0, out) !== e.crc)
    throw new WorkbookReadError('corrupt', 'a part of the file does not match its checksum');
  e.whole = out;
  if (e.method !== 0) e.room.bytes -= e.size;
  return out;
}

/** streamBytes, as UTF-8 text. */
function streamText(b: Uint8Array, e: Entry, onText: (text: string, final: boolean) => void): void {
  const decoder = new TextDecoder('utf-8');
  streamBytes(b, e, true, (chunk, final) => onText(decoder.decode(chunk, { stream: !final }), final));
}

function readText(b: Uint8Array, e: Entry): string {
  const parts: string[] = [];
  streamText(b, e, (t) => parts.push(t));
  return parts.join('');
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text to a string: entities, character references and OOXML's `_xHHHH_` escapes. */
function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : ENTITY[e],
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** The text of a string item (`<si>` or `<is>`): every `<t>` of it, phonetic runs left out. */
function itemText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)) out += m[1] ?? '';
  return unescapeXml(out);
}

/** Calls `each` with every complete element `tag` as the text streams by (pieces may split an element). */
function elements(b: Uint8Array, e: Entry, tag: string, each: (xml: string) => void): void {
  let rest = '';
  const close = `</${tag}>`;
  const open = new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g');
  streamText(b, e, (text, final) => {
    const buf = rest + text;
    const cut = final ? buf.length : buf.lastIndexOf(close) + close.length;
    if (cut < close.length && !final) {
      rest = buf;
      return;
    }
    for (const m of buf.slice(0, cut).matchAll(open)) each(m[0]);
    rest = buf.slice(cut);
  });
}

function sharedStrings(b: Uint8Array, e: Entry | undefined): string[] {
  const out: string[] = [];
  if (e) elements(b, e, 'si', (xml) => out.push(itemText(xml)));
  return out;
}

/** 0-based column of a reference such as `AB12`. */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    c = c * 26 + (code - 64);
  }
  return c - 1;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** The value of attribute `name` in a tag's attribute text, found with indexOf (this runs for every cell). */
function attrOf(attrs: string, name: string): string | undefined {
  const key = `${name}="`;
  let at = attrs.indexOf(key);
  while (at > 0 && !isSpace(attrs.charCodeAt(at - 1))) at = attrs.indexOf(key, at + 1);
  if (at < 0) return undefined;
  const from = at + key.length;
  return attrs.slice(from, attrs.indexOf('"', from));
}

/** The text of a cell's `<v>` in `xml` between `from` and `to`, or undefined. */
function valueText(xml: string, from: number, to: number): string | undefined {
  let at = xml.indexOf('<v', from);
  while (at >= 0 && at < to) {
    const next = xml.charCodeAt(at + 2);
    if (next === 62 || isSpace(next)) {
      const open = xml.indexOf('>', at);
      if (xml.charCodeAt(open - 1) === 47) return undefined;
      const close = xml.indexOf('</v>', open);
      return close < 0 || close > to ? undefined : xml.slice(open + 1, close);
    }
    at = xml.indexOf('<v', at + 2);
  }
  return undefined;
}

function cellValue(type: string | undefined, xml: string, from: number, to: number, strings: string[]): Cell {
  if (type === 'inlineStr') return itemText(/<is>([\s\S]*?)<\/is>/.exec(xml.slice(from, to))?.[1] ?? '');
  const v = valueText(xml, from, to);
  if (v === undefined) return null;
  switch (type) {
    case 's':
      return strings[Number(v)] ?? null;
    case 'b':
      return v === '1';
    case 'str':
    case 'e':
      return unescapeXml(v);
    case 'd':
      return unescapeXml(v).slice(0, 19).replace('T', ' ');
    default: {
      const n = Number(v);
      return Number.isNaN(n) ? unescapeXml(v) : n;
    }
  }
}

/** Reads the cells of one row's XML into `cells` (gaps as nulls), scanning with indexOf. */
function readCells(xml: string, cells: Cell[], strings: string[]): void {
  let col = 0;
  let i = xml.indexOf('<c', 4);
  while (i >= 0) {
    const after = xml.charCodeAt(i + 2);
    // `<c ` or `<c>` or `<c/>` opens a cell; `<col…` and the like do not.
    if (!(isSpace(after) || after === 62 || after === 47)) {
      i = xml.indexOf('<c', i + 2);
      continue;
    }
    const tagEnd = xml.indexOf('>', i);
    if (tagEnd < 0) break;
    const empty = xml.charCodeAt(tagEnd - 1) === 47;
    const attrs = xml.slice(i + 2, empty ? tagEnd - 1 : tagEnd);
    let end = tagEnd + 1;
    let close = end;
    if (!empty) {
      close = xml.indexOf('</c>', tagEnd);
      if (close < 0) break;
      end = close + 4;
    }
    const ref = attrOf(attrs, 'r');
    const c = ref ? columnOf(ref) : col;
    while (cells.length < c) cells.push(null);
    cells[c] = cellValue(attrOf(attrs, 't'), xml, tagEnd + 1, close, strings);
    col = c + 1;
    i = xml.indexOf('<c', end);
  }
}

const MERGE_TAG = new TextEncoder().encode('<mergeCell');

/** Where `tag` starts in `bytes`, or -1. Looks for its `g` first: rare in a sheet, where `<` is everywhere. */
function indexOfBytes(bytes: Uint8Array, tag: Uint8Array): number {
  const pivot = 4;
  for (let j = bytes.indexOf(tag[pivot], pivot); j >= 0; j = bytes.indexOf(tag[pivot], j + 1)) {
    const i = j - pivot;
    if (i + tag.length > bytes.length) return -1;
    let k = 0;
    while (k < tag.length && bytes[i + k] === tag[k]) k++;
    if (k === tag.length) return i;
  }
  return -1;
}

/**
 * The merged ranges (`<mergeCell ref>`, after the rows). The rows' bytes are skipped undecoded; from the
 * first `<mergeCell` on, the text is scanned piece by piece with a short carry-over.
 */
function mergesOf(b: Uint8Array, part: Entry): MergeRange[] {
  const found: MergeRange[] = [];
  let rest = '';
  let carry = new Uint8Array(0);
  const decoder = new TextDecoder('utf-8');
  let seen = false;
  streamBytes(b, part, false, (chunk, final) => {
    let bytes = chunk;
    if (!seen) {
      // The tag may straddle two pieces: the last bytes of the one before are searched with this one.
      const joined = new Uint8Array(carry.length + chunk.length);
      joined.set(carry);
      joined.set(chunk, carry.length);
      const at = indexOfBytes(joined, MERGE_TAG);
      if (at < 0) {
        carry = joined.slice(Math.max(0, joined.length - MERGE_TAG.length));
        return;
      }
      seen = true;
      bytes = joined.subarray(at);
    }
    const buf = rest + decoder.decode(bytes, { stream: !final });
    let last = 0;
    for (const m of buf.matchAll(/<mergeCell\b[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"[^>]*>/g)) {
      found.push({ s: { r: Number(m[2]) - 1, c: columnOf(m[1]) }, e: { r: Number(m[4]) - 1, c: columnOf(m[3]) } });
      last = (m.index ?? 0) + m[0].length;
    }
    // An element cut by the piece's end is completed by the next piece.
    rest = buf.slice(Math.max(last, buf.length - 200));
  });
  return found;
}

/** The fewest rows a look at a sheet's head reads (and keeps). */
const HEAD_ROWS = 64;

function sheetSource(b: Uint8Array, name: string, part: Entry, strings: string[]): SheetSource {
  /** Reads rows from the start, calling `cb` from `start` on; stops when `cb` returns false. */
  const pass = (start: number, cb: (cells: readonly Cell[], row: number) => boolean | undefined) => {
    const cells: Cell[] = [];
    let next = 0;
    /** What the caller threw (a bad value): it ends the pass and is rethrown as it is. */
    let thrown: { error: unknown } | null = null;
    const emit = (row: number) => {
      if (row < start) return;
      let more: boolean | undefined;
      try {
        more = cb(cells, row);
      } catch (error) {
        thrown = { error };
      }
      if (thrown || more === false) throw new StopPass();
    };
    try {
      elements(b, part, 'row', (xml) => {
        const head = /^<row\b([^>]*)/.exec(xml)?.[1] ?? '';
        const r = Number(attrOf(head, 'r') ?? next + 1) - 1;
        // Rows the file leaves out are empty rows, as SheetJS' dense sheet has them.
        cells.length = 0;
        for (; next < r; next++) emit(next);
        readCells(xml, cells, strings);
        // Trailing empty cells carry no value.
        while (cells.length && cells[cells.length - 1] === null) cells.pop();
        emit(r);
        next = r + 1;
      });
    } catch (e) {
      // A part that does not inflate is a damaged file, found only when its rows are read.
      if (!(e instanceof StopPass)) throw new WorkbookReadError('corrupt', e instanceof Error ? e.message : String(e));
    }
    if (thrown) throw (thrown as { error: unknown }).error;
  };
  let merges: MergeRange[] | null = null;
  // The first rows, kept: an import reads them several times (detection, currency, samples, seller).
  let headRows: Cell[][] = [];
  let headWhole = false;
  return {
    name,
    head(n) {
      if (n > headRows.length && !headWhole) {
        const want = Math.max(n, HEAD_ROWS);
        const rows: Cell[][] = [];
        pass(0, (cells) => rows.push([...cells]) < want);
        headRows = rows;
        headWhole = rows.length < want;
      }
      return headRows.slice(0, Math.max(0, n));
    },
    forEachRow(start, cb) {
      pass(start, (cells, row) => {
        cb(cells, row);
        return true;
      });
    },
    get merges() {
      merges ??= mergesOf(b, part);
      return merges;
    },
  };
}

/**
 * The workbook, streamed; null when the file is not a zip this reader handles (SheetJS reads those). Its
 * parts are inflated whole while they add up to `wholePartsBytes` (WHOLE_PARTS_BYTES); the rest stream.
 */
export function readXlsxStreaming(b: Uint8Array, wholePartsBytes = WHOLE_PARTS_BYTES): WorkbookSource | null {
  const entries = zipEntries(b, wholePartsBytes);
  const workbook = entries?.get('xl/workbook.xml');
  const rels = entries?.get('xl/_rels/workbook.xml.rels');
  if (!entries || !workbook || !rels) return null;
  const targets = new Map<string, string>();
  for (const m of readText(b, rels).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attrOf(m[0], 'Id');
    const target = attrOf(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets: { name: string; part: Entry }[] = [];
  for (const m of readText(b, workbook).matchAll(/<sheet\b[^>]*>/g)) {
    const target = targets.get(attrOf(m[0], 'r:id') ?? '');
    const part = target ? entries.get(target.replace(/\/\.\//g, '/')) : undefined;
    if (!part) return null;
    sheets.push({ name: unescapeXml(attrOf(m[0], 'name') ?? ''), part });
  }
  const sstTarget = [...targets.values()].find((t) => /sharedStrings\.xml$/i.test(t));
  const strings = sharedStrings(b, sstTarget ? entries.get(sstTarget) : entries.get('xl/sharedStrings.xml'));
  return { format: 'xlsx', sheets: sheets.map((s) => sheetSource(b, s.name, s.part, strings)) };
}
