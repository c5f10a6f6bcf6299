import { BatchBuilder, num } from '../batch';
import type { LocatedTable } from '../detect';
import type { Note } from '../problems';
import type { WorkbookSource } from '../readers/source';
import { type ReadContext, TableReader } from '../rows';
import { DateSpan, type KindOutput } from './output';
import type { ExportKindSpec, FieldSpec, FieldType } from './spec';

const f = (id: string, type: FieldType, ...aliases: string[]): FieldSpec => ({ id, aliases, type });

/**
 * Returns and refunds (`Order.return_refund.*`, an xlsx even when named .xls): one row per returned product,
 * linked to its order by `No. Pesanan`. They are return facts, not order lines.
 */
export const RETURNS: ExportKindSpec = {
  id: 'returns',
  name: { id: 'Pengembalian Barang/Dana', en: 'Returns and refunds' },
  source: {
    id: 'Seller Centre → Pesanan Saya → Pengembalian/Pembatalan → Ekspor',
    en: 'Seller Centre → My Orders → Return/Refund → Export',
  },
  headerRows: 1,
  signature: ['return_id', 'order_id', 'reason'],
  fields: [
    { id: 'return_id', aliases: ['No. Pengembalian', 'Return ID'], type: 'text', required: true, notEmpty: true },
    { id: 'order_id', aliases: ['No. Pesanan', 'Order ID'], type: 'text', required: true, notEmpty: true },
    f('order_created_at', 'datetime', 'Tanggal Pesanan Dibuat', 'Order Creation Date'),
    f('buyer', 'text', 'Username (Pembeli)', 'Username (Buyer)'),
    f('product_name', 'text', 'Nama Produk', 'Product Name'),
    f('parent_sku', 'text', 'SKU Induk', 'Parent SKU'),
    f('variation', 'text', 'Variasi', 'Variation'),
    f('sku', 'text', 'Kode Variasi', 'SKU'),
    f('unit_price', 'money', 'Harga Satuan', 'Unit Price'),
    {
      id: 'requested_at',
      aliases: ['Waktu Pengembalian Diajukan', 'Return Request Time'],
      type: 'datetime',
      required: true,
      notEmpty: true,
    },
    f('status', 'text', 'Status Pembatalan/ Pengembalian', 'Return / Refund Status'),
    f('return_type', 'text', 'Tipe Pengembalian', 'Return Type'),
    f('qty', 'int', 'Jumlah Produk Dikembalikan', 'Returned Quantity'),
    f('solution', 'text', 'Solusi Pengembalian Barang/Dana', 'Return Solution'),
    { id: 'reason', aliases: ['Alasan Pengembalian', 'Return Reason'], type: 'text', required: true },
    f('refund', 'money', 'Total Pengembalian Dana', 'Refund Amount'),
    f('refunded_at', 'datetime', 'Waktu Pengembalian Dana Selesai'),
    f('compensation', 'money', 'Jumlah Kompensasi', 'Compensation Amount'),
    f('order_total', 'money', 'Total Pesanan', 'Order Total'),
    f('release', 'money', 'Pelepasan Dana'),
    f('shipping_out', 'money', 'Ongkos Kirim Pengiriman'),
    f('shipping_back', 'money', 'Ongkos Kirim Pengembalian'),
    // Known columns the product does not use, so that they are not reported as unknown.
    ...[
      'Catatan Pengembalian Barang',
      'Dikembalikan ke Gudang Shopee',
      'Pilihan Jasa Kirim Pengembalian Barang',
      'No. Resi Pengembalian Barang',
      'Status Pengembalian Barang',
      'Waktu Pengiriman Pengembalian Barang Selesai',
      'Alamat Pengiriman',
      'Provinsi',
      'Kota/Kabupaten',
      'Kode Pos',
      'No. Telepon',
      'Alamat Pickup Pengembalian Barang',
      'Kota',
      'Buyer contact number',
      'Dapat Mengajukan Banding pada',
      'Alasan Penolakan',
      'Catatan Penjual untuk Banding',
      'Pilihan Jasa Kirim Pengiriman Terusan',
      'No. Resi Pengiriman Terusan',
      'Metode Pembayaran',
      'Catatan Pembeli untuk Pesanan',
      'Penyesuaian Alasan Pengembalian',
    ].map((h, i) => f(`unused_${i}`, 'text', h)),
  ],
};

export function readReturns(tables: readonly LocatedTable[], ctx: ReadContext, _wb: WorkbookSource): KindOutput {
  const b = new BatchBuilder();
  const c = {
    line_key: b.text('line_key'),
    return_id: b.text('return_id'),
    order_id: b.text('order_id'),
    product_name: b.text('product_name'),
    sku: b.text('sku'),
    reason: b.text('reason'),
    status: b.text('status'),
    solution: b.text('solution'),
    requested_at: b.num('requested_at'),
    qty: b.num('qty'),
    refund: b.num('refund'),
  };
  const occ = new Map<string, number>();
  let rowsRead = 0;
  const span = new DateSpan();
  const unknown = new Set<string>();
  for (const table of tables) {
    for (const u of table.unknownColumns) unknown.add(u);
    const r = new TableReader(table, ctx);
    const get = (id: string, type: FieldType, notEmpty = false) => r.columnGetter(r.col(id), type, notEmpty);
    const g = {
      returnId: get('return_id', 'text', true),
      orderId: get('order_id', 'text', true),
      product: get('product_name', 'text'),
      variation: get('variation', 'text'),
      sku: get('sku', 'text'),
      reason: get('reason', 'text'),
      status: get('status', 'text'),
      solution: get('solution', 'text'),
      requested: get('requested_at', 'datetime', true),
      qty: get('qty', 'int'),
      refund: get('refund', 'money'),
    };
    r.forEachDataRow('return_id', (cells, i) => {
      rowsRead++;
      const returnId = g.returnId(cells, i) as string;
      const product = (g.product(cells, i) as string | null) ?? '';
      const variation = (g.variation(cells, i) as string | null) ?? '';
      const base = `${returnId}\u001f${product}\u001f${variation}`;
      const n = occ.get(base) ?? 0;
      occ.set(base, n + 1);
      const requested = g.requested(cells, i) as number;
      span.add(requested);
      c.line_key.push(`${base}\u001f${n}`);
      c.return_id.push(returnId);
      c.order_id.push(g.orderId(cells, i) as string);
      c.product_name.push(product);
      c.sku.push(g.sku(cells, i) as string | null);
      c.reason.push((g.reason(cells, i) as string | null) ?? '');
      c.status.push(g.status(cells, i) as string | null);
      c.solution.push(g.solution(cells, i) as string | null);
      c.requested_at.push(requested);
      c.qty.push(num(g.qty(cells, i) as number | null));
      c.refund.push(num(g.refund(cells, i) as number | null));
      b.endRow();
    });
  }
  const notes: Note[] = [];
  if (unknown.size)
    notes.push({ code: 'unknown_columns', level: 'info', params: { columns: [...unknown].join(', ') } });
  return {
    target: 'returns',
    staged: b.finish(),
    rowsRead,
    notes,
    snapshotAt: span.last,
    dateRange: span.range,
  };
}
