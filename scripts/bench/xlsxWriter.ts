/**
 * A minimal .xlsx writer for benchmark files too large for SheetJS' writer (it fails past a few million
 * cells): one sheet of text cells in a shared-string table, as Seller Centre writes them, deflated with
 * node:zlib. Excel and SheetJS read it.
 */
import zlib from 'node:zlib';
import { columnLetter } from '../../src/ingest/readers/source';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The worksheet and shared-string XML, built in pieces (one long string would pass V8's limit). */
function sheetXml(rows: Iterable<readonly string[]>): { sheet: Buffer; strings: Buffer } {
  const parts: Buffer[] = [
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ),
  ];
  const index = new Map<string, number>();
  let cells = 0;
  let r = 0;
  let buf: string[] = [];
  for (const row of rows) {
    r++;
    buf.push(`<row r="${r}">`);
    row.forEach((v, c) => {
      if (v === '') return;
      let i = index.get(v);
      if (i === undefined) {
        i = index.size;
        index.set(v, i);
      }
      cells++;
      buf.push(`<c r="${columnLetter(c)}${r}" t="s"><v>${i}</v></c>`);
    });
    buf.push('</row>');
    if (buf.length > 100_000) {
      parts.push(Buffer.from(buf.join('')));
      buf = [];
    }
  }
  parts.push(Buffer.from(`${buf.join('')}</sheetData></worksheet>`));
  const sst: Buffer[] = [
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${cells}" uniqueCount="${index.size}">`,
    ),
  ];
  buf = [];
  for (const v of index.keys()) {
    buf.push(`<si><t xml:space="preserve">${xmlEscape(v)}</t></si>`);
    if (buf.length > 100_000) {
      sst.push(Buffer.from(buf.join('')));
      buf = [];
    }
  }
  sst.push(Buffer.from(`${buf.join('')}</sst>`));
  return { sheet: Buffer.concat(parts), strings: Buffer.concat(sst) };
}

function zip(entries: { name: string; data: Buffer }[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = zlib.deflateRawSync(e.data);
    const crc = zlib.crc32(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    locals.push(head, name, body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += head.length + name.length + body.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...central, end]));
}

/** One sheet named `sheet` holding `rows` (the first is the header), every cell text. */
export function writeXlsx(sheet: string, rows: Iterable<readonly string[]>): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org';
  const { sheet: sheetData, strings } = sheetXml(rows);
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="${xmlEscape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetData },
    { name: 'xl/sharedStrings.xml', data: strings },
  ]);
}
