import * as XLSX from '@e965/xlsx';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { IncomeRow } from '../../scripts/sample/generate';
import { incomeNet } from '../../scripts/sample/generate';
import { income2025Workbook, income2026Workbook } from '../../scripts/sample/layouts';
import { at, failedDeliveryFile, line, orderFile, textBytes, xlsxBytes } from '../../test/fixtures';
import { parseExport } from './parseExport';
import type { ImportError } from './problems';
import { errorText } from '../i18n/problems';
import { col, failure, HEADER_2026, sum } from '../../test/parsed';

describe('order exports: every layout of shopee-exports.md', () => {
  const lines = [
    line({ orderId: 'A1', subtotal: 82_500 }),
    line({ orderId: 'A1', productName: 'Topi', skuRef: 'TP', variation: '', subtotal: 40_000, dealPrice: 40_000 }),
    line({ orderId: 'B2', status: 'Batal', completed: null, subtotal: 82_500 }),
  ];

  it('reads the 2026 Order.all layout (50 columns, Subtotal Pesanan)', () => {
    const p = parseExport('Order.all.20260601_20260630.xlsx', orderFile(lines, 2026));
    expect(p.kind).toBe('orders');
    expect(p.currency).toBe('IDR');
    expect(p.output.rowsRead).toBe(3);
    expect(sum(p, 'subtotal')).toBe(205_000);
    expect(col(p, 'status_class')).toEqual(['completed', 'completed', 'cancelled']);
    expect(p.output.notes.find((n) => n.code === 'unknown_columns')).toBeUndefined();
  });

  it('reads the 2025 Order.completed layout (49 columns, Total Harga Produk)', () => {
    const p = parseExport('Order.completed.20260601_20260620.xlsx', orderFile(lines, 2025));
    expect(p.kind).toBe('orders');
    expect(sum(p, 'subtotal')).toBe(205_000);
  });

  it('reads Order.cancellation (no Tipe Pesanan) and Order.failed_delivery (55 columns)', () => {
    const rows2026 = XLSX.utils.sheet_to_json<string[]>(XLSX.read(orderFile(lines), { type: 'array' }).Sheets.orders, {
      header: 1,
    });
    const drop = (names: string[]) => {
      const keep = HEADER_2026.map((h, i) => (names.includes(h) ? -1 : i)).filter((i) => i >= 0);
      return rows2026.map((r) => keep.map((i) => r[i] ?? ''));
    };
    const cancellation = drop(['Tipe Pesanan']);
    expect(cancellation[0]).toHaveLength(49);
    expect(
      parseExport('Order.cancellation.x.xlsx', xlsxBytes([{ name: 'orders', rows: cancellation }])).output.rowsRead,
    ).toBe(3);

    // Order A1 (two lines) has a paid claim, B2 a failed delivery with no claim; the claim columns repeat per line.
    const failed = XLSX.utils.sheet_to_json<string[]>(
      XLSX.read(
        failedDeliveryFile(lines, {
          A1: {
            failed: 'Paket gagal dikirim',
            claim: ['Klaim Dicairkan', '2026-06-05 10:00', '2026-06-06 11:00', '2026-06-08 12:00', '-', 'RP 86.400'],
          },
          B2: { failed: 'Paket gagal dikirim', claim: ['', '-', '-', '-', '-', '0'] },
        }),
        { type: 'array' },
      ).Sheets.orders,
      { header: 1 },
    );
    expect(failed[0]).toHaveLength(55);
    const p = parseExport('Order.failed_delivery.x.xlsx', xlsxBytes([{ name: 'orders', rows: failed }]));
    expect(p.output.rowsRead).toBe(3);
    // The claim columns are known: they become claim facts, one per order, not unknown columns.
    expect(p.output.notes.find((n) => n.code === 'unknown_columns')).toBeUndefined();
    expect(p.output.notes.find((n) => n.code === 'claim_facts')?.params).toEqual({ count: 2 });
    const claims = p.output.extra?.[0];
    expect(claims?.target).toBe('claims');
    const rows = (claims?.staged.chunks ?? []).flatMap((c) =>
      tableFromIPC(c)
        .toArray()
        .map((r) => r.toJSON()),
    );
    expect(rows.map((r) => [r.order_id, r.failed_status, r.claim_status, r.compensation])).toEqual([
      ['A1', 'Paket gagal dikirim', 'Klaim Dicairkan', 86_400],
      ['B2', 'Paket gagal dikirim', null, 0],
    ]);
    expect(rows[0].paid_at).toBe(Date.UTC(2026, 5, 8, 12));
    expect(rows[1].paid_at).toBeNull();
  });

  it('finds the header below a preamble and skips blank and summary rows by rule', () => {
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(orderFile(lines), { type: 'array' }).Sheets.orders, {
      header: 1,
    });
    const withPreamble = [['Laporan Pesanan'], ['Dari', '2026-06-01'], [], ...rows, [], ['Total', '', '', '']];
    const p = parseExport('Order.all.x.xlsx', xlsxBytes([{ name: 'orders', rows: withPreamble }]));
    expect(p.output.rowsRead).toBe(3);
    expect(p.output.notes.find((n) => n.code === 'skipped_rows')?.params).toEqual({ blank: 1, summary: 1 });
  });

  it('reads a CSV export with a BOM, quoted cells and CRLF', () => {
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(orderFile(lines), { type: 'array' }).Sheets.orders, {
      header: 1,
      defval: '',
    });
    const csv = `\ufeff${rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;
    const p = parseExport('Order.all.x.csv', textBytes(csv));
    expect(p.output.rowsRead).toBe(3);
    expect(sum(p, 'subtotal')).toBe(205_000);
  });

  it('reads the Malaysian English layout (57 columns) in sen, and a Philippine one by its (PHP) suffix', () => {
    const header = [
      'Order ID',
      'Order Status',
      'Cancel reason',
      'Return / Refund Status',
      'Tracking Number*',
      'Shipping Option',
      'Shipment Method',
      'Estimated Ship Out Date',
      'Ship Time',
      'Order Creation Date',
      'Order Paid Time',
      'Parent SKU Reference No.',
      'Product Name',
      'SKU Reference No.',
      'Variation Name',
      'Original Price',
      'Deal Price',
      'Quantity',
      'Returned quantity',
      'Product Subtotal',
      'Seller Rebate',
      'Seller Discount',
      'Shopee Rebate',
      'SKU Total Weight',
      'No of product in order',
      'Order Total Weight',
      'Voucher Code From Seller',
      'Seller Voucher',
      'Seller Absorbed Coin Cashback',
      'Shopee Voucher',
      'Bundle Deal Indicator',
      'Shopee Bundle Discount',
      'Seller Bundle Discount',
      'Shopee Coins Offset',
      'Credit Card Discount Total',
      'Total Amount',
      'Buyer Paid Shipping Fee',
      'Shipping Rebate Estimate',
      'Reverse Shipping Fee',
      'Transaction Fee',
      'Commission Fee',
      'Service Fee',
      'Grand Total',
      'Estimated Shipping Fee',
      'Username (Buyer)',
      'Receiver Name',
      'Phone Number',
      'Delivery Address',
      'Town',
      'District',
      'City',
      'Province',
      'Country',
      'Zip Code',
      'Remark from buyer',
      'Order Complete Time',
      'Note',
    ];
    expect(header).toHaveLength(57);
    const row = [
      '0CEXA',
      'Shipping',
      '',
      '',
      'MY94069260C',
      'Doorstep Delivery',
      'Drop-off',
      '2024-12-10 23:59',
      '2024-12-09 16:28',
      '2024-12-09 00:12',
      '2024-12-09 00:06',
      '123',
      'Cup',
      '',
      '',
      40,
      40,
      1,
      0,
      40,
      '0.00',
      '0.00',
      '0.00',
      '0.480',
      4,
      '1.880',
      '',
      '0.00',
      '0.00',
      0,
      'N',
      '0.00',
      '0.00',
      110,
      '0.00',
      99.3,
      6.3,
      0,
      '0.00',
      2.9789999999999996,
      4.965,
      2.4825,
      99.3,
      6.3,
      'ky***',
      'K****i',
      '******15',
      'x',
      '',
      'Setapak',
      'W.P. Kuala Lumpur',
      'W.P. Kuala Lumpur',
      'MY',
      '53000',
      '',
      '2024-12-14 00:41',
      '',
    ];
    const my = parseExport('orderSalesReport.xlsx', xlsxBytes([{ name: 'Sheet1', rows: [header, row] }]));
    expect(my.currency).toBe('MYR');
    expect(col(my, 'subtotal')).toEqual([4000]);
    expect(col(my, 'total_payment')).toEqual([9930]);
    expect(col(my, 'status_class')).toEqual(['shipping']);

    const ph = header.map((h) => (h === 'Seller Voucher' ? 'Seller Voucher(PHP)' : h === 'Country' ? 'Town2' : h));
    expect(parseExport('ph.xlsx', xlsxBytes([{ name: 'Sheet1', rows: [ph, row] }])).currency).toBe('PHP');
  });

  it('reports unknown statuses in the notes and never guesses their class', () => {
    const p = parseExport('o.xlsx', orderFile([line({ orderId: 'X', status: 'Dalam Proses Banding' })]));
    expect(col(p, 'status_class')).toEqual(['unknown']);
    const note = p.output.notes.find((n) => n.code === 'unknown_status');
    expect(note?.params).toEqual({ texts: 'Dalam Proses Banding', count: 1 });
  });

  it('matches statuses ignoring case and repeated spaces', () => {
    const p = parseExport(
      'o.xlsx',
      orderFile([
        line({ orderId: 'A', status: '  Pesanan   Diterima, namun Pembeli masih dapat mengajukan pengembalian' }),
        line({ orderId: 'B', status: 'SEDANG dikirim' }),
        line({ orderId: 'C', status: 'belum bayar' }),
      ]),
    );
    expect(col(p, 'status_class')).toEqual(['completed', 'shipping', 'unpaid']);
  });

  it('gives each repeat of a line key inside an order its own occurrence', () => {
    const p = parseExport(
      'o.xlsx',
      orderFile([line({ orderId: 'A' }), line({ orderId: 'A' }), line({ orderId: 'B' })]),
    );
    const keys = col(p, 'line_key') as string[];
    expect(new Set(keys).size).toBe(3);
    expect(keys[0].endsWith('\u001f0')).toBe(true);
    expect(keys[1].endsWith('\u001f1')).toBe(true);
  });

  it('takes the latest timestamp of the file as its snapshot', () => {
    const p = parseExport(
      'o.xlsx',
      orderFile([line({ orderId: 'A', created: at('2026-06-01 10:00'), completed: at('2026-06-09 08:30') })]),
    );
    expect(p.output.snapshotAt).toBe(at('2026-06-09 08:30'));
  });
});

function incomeRow(id: string, released: string, fees = -5_000): IncomeRow {
  return {
    orderId: id,
    buyer: `b_${id}`,
    created: at(`${released} 00:00`) - 3 * 86_400_000,
    released: at(`${released} 00:00`),
    paymentMethod: 'Online Payment',
    productPrice: 100_000,
    productDiscount: -10_000,
    refund: 0,
    sellerVoucher: -1_000,
    buyerShipping: 5_000,
    shopeeFreeShipping: 3_000,
    shippingToCourier: -8_000,
    feeAms: 0,
    feeAdmin: fees,
    feeService: -2_000,
    feeProcessing: -1_250,
    feeXtra: -700,
    feeOther: 0,
    feeTax: -300,
    adsTopup: -50_000,
    courierService: 'Reguler',
    courier: 'SPX Standard',
    voucherCode: '',
    lines: [
      { productId: '1', productName: 'Panci', price: 60_000 },
      { productId: '2', productName: 'Wajan', price: 30_000 },
    ],
  };
}

const wbBytes = (wb: XLSX.WorkBook) =>
  new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

describe('income exports', () => {
  const rows = [incomeRow('X1', '2026-08-02'), incomeRow('X2', '2026-08-05', -7_879)];

  it('reads the 2025 layout with the header on row 6', () => {
    const p = parseExport(
      'Income.sudah dilepas.id.20250801_20250822.xlsx',
      wbBytes(income2025Workbook(rows, 'shop', '2025-08-01', '2025-08-22')),
    );
    expect(p.kind).toBe('income_2025');
    expect(p.output.rowsRead).toBe(2);
    expect(sum(p, 'net_payout')).toBe(incomeNet(rows[0]) + incomeNet(rows[1]));
  });

  it('reads the Jan–Jun 2025 layout split over Income - 1 and Income - 2, and reports unknown fee columns', () => {
    const header = [
      'No.',
      'No. Pesanan',
      'Tanggal Dana Dilepaskan',
      'Biaya Administrasi (termasuk PPN 11%)',
      'Biaya Layanan (termasuk PPN 11%)',
      'Biaya Program',
      'Biaya Kartu Kredit',
      'Biaya Misterius',
      'Total Penghasilan',
    ];
    const sheet = (n: number) => [
      ['Username (Penjual)', 'Dari', 'ke'],
      ['shop', '2025-01-01', '2025-06-30'],
      [],
      [],
      ['total(Rp)'],
      header,
      [n, `O${n}`, `2025-03-0${n}`, -100, -50, -10, -5, -7, 1000],
    ];
    const p = parseExport(
      'Income.sudah dilepas.id.20250101_20250630.xlsx',
      xlsxBytes([
        { name: 'Summary', rows: [['Laporan Penghasilan']] },
        { name: 'Income - 1', rows: sheet(1) },
        { name: 'Income - 2', rows: sheet(2) },
      ]),
    );
    expect(p.output.rowsRead).toBe(2);
    expect(col(p, 'shopee_fees')).toEqual([165, 165]);
    expect(p.output.notes.find((n) => n.code === 'unknown_fee_columns')?.params.columns).toBe('Biaya Misterius');
    expect(p.output.notes.find((n) => n.code === 'sheets_read')?.params.sheets).toBe('Income - 1, Income - 2');
  });

  it('reads the 2026 layout: three grouped header rows, Order rows counted, Sku rows skipped', () => {
    const p = parseExport(
      'Income.sudah dilepas.id.20260707_20260806.xlsx',
      wbBytes(income2026Workbook(rows, 'shop', '2026-07-07', '2026-08-06')),
    );
    expect(p.kind).toBe('income_2026');
    expect(p.output.rowsRead).toBe(2);
    expect(col(p, 'net_payout')).toEqual(rows.map(incomeNet));
    expect(col(p, 'shopee_fees')).toEqual([9_250, 12_129]);
    expect(col(p, 'ads_topup')).toEqual([50_000, 50_000]);
    expect(col(p, 'shipping_net')).toEqual([0, 0]);
    expect(p.output.notes.map((n) => n.code)).toContain('payout_check_ok');
    expect(p.output.notes.find((n) => n.code === 'detail_rows_skipped')?.params.count).toBe(4);
  });

  it('reads the 2026 layout without merge information, filling group labels to the right', () => {
    const wb = income2026Workbook(rows, 'shop', '2026-07-07', '2026-08-06');
    const ws = wb.Sheets.Penghasilan;
    const aoa = XLSX.utils.sheet_to_json<(string | number | null)[]>(ws, { header: 1, defval: null });
    const p = parseExport('inc.xlsx', xlsxBytes([{ name: 'Penghasilan', rows: aoa }]));
    expect(col(p, 'net_payout')).toEqual(rows.map(incomeNet));
  });
});

describe('bad input fails the whole file with a specific reason', () => {
  const good = orderFile([line({ orderId: 'A' }), line({ orderId: 'B' })]);

  it('an unparseable value names the row, the column and what was expected', () => {
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(good, { type: 'array' }).Sheets.orders, {
      header: 1,
      defval: '',
    });
    const col = rows[0].indexOf('Jumlah');
    rows[2][col] = 'dua';
    const e = failure('Order.all.x.xlsx', xlsxBytes([{ name: 'orders', rows }]));
    expect(e.code).toBe('bad_value');
    expect(e.params).toMatchObject({
      row: 3,
      column: XLSX.utils.encode_col(col),
      header: 'Jumlah',
      value: 'dua',
      expected: 'not_a_number',
    });
  });

  it('an empty required value is an error too', () => {
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(good, { type: 'array' }).Sheets.orders, {
      header: 1,
      defval: '',
    });
    rows[1][rows[0].indexOf('Waktu Pesanan Dibuat')] = '';
    expect(failure('o.xlsx', xlsxBytes([{ name: 'orders', rows }])).code).toBe('missing_value');
  });

  it('a missing required column is named', () => {
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(good, { type: 'array' }).Sheets.orders, {
      header: 1,
      defval: '',
    });
    const col = rows[0].indexOf('Jumlah');
    const e = failure('o.xlsx', xlsxBytes([{ name: 'orders', rows: rows.map((r) => r.filter((_, i) => i !== col)) }]));
    expect(e.code).toBe('missing_column');
    expect(e.params.columns).toBe('Jumlah / Quantity');
  });

  it('unknown exports, empty files, wrong types and corrupt workbooks are told apart', () => {
    expect(
      failure(
        'notes.xlsx',
        xlsxBytes([
          {
            name: 'S',
            rows: [
              ['Nama', 'Alamat', 'Kota'],
              ['a', 'b', 'c'],
            ],
          },
        ]),
      ).code,
    ).toBe('unknown_export');
    expect(failure('Order.all.x.xlsx', new Uint8Array()).code).toBe('empty_file');
    expect(failure('Order.all.x.csv', textBytes('\ufeff  \n')).code).toBe('empty_file');
    expect(failure('laporan.pdf', textBytes('%PDF-1.4')).code).toBe('unsupported_file_type');
    expect(failure('Order.all.x.xlsx', textBytes('this is not a workbook')).code).toBe('corrupt_file');
    const truncated = good.slice(0, Math.floor(good.length / 2));
    expect(failure('Order.all.x.xlsx', truncated).code).toBe('corrupt_file');
    const header = HEADER_2026.join(',');
    expect(failure('o.csv', textBytes(`${header}\n`)).code).toBe('no_data_rows');
  });
});

describe('a file that cannot be read says why and what to do, never the raw error', () => {
  const good = orderFile([line({ orderId: 'A' })]);
  // The message must not carry what the reader threw (kept apart as the technical detail).
  const said = (e: ImportError, raw: RegExp) => {
    for (const locale of ['id', 'en'] as const) {
      const text = errorText(locale, e.info);
      expect(text).toContain('Order.all.x.xlsx');
      expect(text).not.toMatch(raw);
    }
    return e;
  };
  /** The workbook's zip without the part whose path matches. */
  const without = (part: RegExp) => {
    const zip = XLSX.CFB.read(good, { type: 'array' });
    XLSX.CFB.utils.cfb_del(zip, (zip.FullPaths.find((p: string) => part.test(p)) as string).replace(/^Root Entry/, ''));
    return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }));
  };

  it('a workbook whose zip is damaged, or whose sheet part is missing, is "damaged": download it again', () => {
    // Every part's compression method, in its local and central headers, set to one no reader knows.
    const badMethod = good.slice();
    for (let i = 0; i + 4 < badMethod.length; i++) {
      const sig = badMethod[i] | (badMethod[i + 1] << 8) | (badMethod[i + 2] << 16) | (badMethod[i + 3] << 24);
      if (sig === 0x04034b50) badMethod[i + 8] = 0x63;
      if (sig === 0x02014b50) badMethod[i + 10] = 0x63;
    }
    const e1 = said(failure('Order.all.x.xlsx', badMethod), /Unsupported|ZIP|NaN/);
    expect(e1.info).toMatchObject({
      code: 'corrupt_file',
      params: { reason: 'damaged', detail: expect.stringMatching(/Compression method/) },
    });
    expect(errorText('en', e1.info)).toContain('Download it again from Seller Centre');
    const noSheet = without(/worksheets\/sheet1\.xml$/);
    const e2 = said(failure('Order.all.x.xlsx', noSheet), /!data|reading/);
    expect(e2.info.params).toMatchObject({ reason: 'damaged' });
    // Bytes scrambled inside the sheet's part, stored or deflated: found when the rows are read.
    const deflated = (() => {
      const zip = XLSX.CFB.read(good, { type: 'array' });
      return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }));
    })();
    for (const zip of [good, deflated]) {
      const scrambled = zip.slice();
      const name = new TextDecoder('latin1').decode(zip).indexOf('xl/worksheets/sheet1.xml');
      const data = name + 24 + (zip[name - 2] | (zip[name - 1] << 8)); // past the name and its extra field
      for (let i = data + 40; i < data + 72; i++) scrambled[i] ^= 0x5a;
      expect(said(failure('Order.all.x.xlsx', scrambled), /checksum|invalid|block|distance/i).info).toMatchObject({
        code: 'corrupt_file',
        params: { reason: 'damaged' },
      });
    }
    expect(
      said(failure('Order.all.x.xlsx', good.slice(0, good.length >> 1)), /end of central|zip/i).info.params.reason,
    ).toBe('damaged');
    const text = said(failure('Order.all.x.xlsx', textBytes('Nomor Pesanan;Status')), /signature/);
    expect(text.info.params.reason).toBe('not_spreadsheet');
  });

  it('a UTF-16 CSV (with or without its mark) is told to be saved as CSV UTF-8; other encodings too', () => {
    const csv = `${HEADER_2026.join(',')}\nA,Selesai\n`;
    const utf16le = (t: string, bom: boolean) => {
      const out = new Uint8Array((bom ? 2 : 0) + t.length * 2);
      if (bom) out.set([0xff, 0xfe]);
      for (let i = 0; i < t.length; i++) out[(bom ? 2 : 0) + 2 * i] = t.charCodeAt(i) & 0xff;
      return out;
    };
    for (const bom of [true, false]) {
      const e = failure('Order.all.x.csv', utf16le(csv, bom));
      expect(e.info).toEqual({ code: 'not_utf8', params: { file: 'Order.all.x.csv', encoding: 'utf16' } });
      expect(errorText('id', e.info)).toContain('CSV UTF-8');
      expect(errorText('en', e.info)).toContain('Save As → "CSV UTF-8');
    }
    // Windows-1252 "é" (0xE9) is not UTF-8.
    const latin = new Uint8Array([...textBytes(`${HEADER_2026.join(',')}\nA,Caf`), 0xe9, 0x0a]);
    expect(failure('Order.all.x.csv', latin).info).toEqual({
      code: 'not_utf8',
      params: { file: 'Order.all.x.csv', encoding: 'other' },
    });
  });
});
