import { type ColumnType, type ExportKindSpec, storedColumns } from './spec';

/** Order exports (`Order.all`, `Order.completed`, `Order.cancellation`, ...), Indonesian and English headers. */
export const ORDERS: ExportKindSpec = {
  id: 'orders',
  name: { id: 'Ekspor Pesanan', en: 'Order export' },
  source: {
    id: 'Seller Centre → Pesanan Saya → Ekspor',
    en: 'Seller Centre → My Orders → Export',
  },
  headerRows: 1,
  signature: ['order_id', 'status', 'product_name'],
  // To ship, shipping, cancelled and failed-delivery exports list only some statuses. `Order.all` and
  // `Order.completed` (what sellers mostly keep) list every order, as does a file renamed beyond recognition.
  partialFiles: /^Order\.(toship|shipping|cancellation|failed_delivery)\b/i,
  fields: [
    {
      id: 'order_id',
      aliases: ['No. Pesanan', 'Order ID'],
      type: 'text',
      store: 'line',
      required: true,
      notEmpty: true,
    },
    { id: 'status', aliases: ['Status Pesanan', 'Order Status'], type: 'text', required: true, notEmpty: true },
    {
      id: 'cancel_reason',
      aliases: ['Alasan Pembatalan', 'Cancel reason', 'Cancel Reason'],
      type: 'text',
      store: 'line',
    },
    {
      id: 'return_status',
      aliases: ['Status Pembatalan/ Pengembalian', 'Return / Refund Status'],
      type: 'text',
      store: 'line',
    },
    { id: 'tracking_no', aliases: ['No. Resi', 'Tracking Number'], type: 'text' },
    { id: 'shipping_option', aliases: ['Opsi Pengiriman', 'Shipping Option'], type: 'text', store: 'order' },
    { id: 'ship_method', aliases: ['Antar ke counter/ pick-up', 'Shipment Method'], type: 'text' },
    {
      id: 'ship_by',
      aliases: ['Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)', 'Estimated Ship Out Date'],
      type: 'datetime',
    },
    { id: 'ship_arranged_at', aliases: ['Waktu Pengiriman Diatur', 'Ship Time'], type: 'datetime', store: 'order' },
    {
      id: 'created_at',
      aliases: ['Waktu Pesanan Dibuat', 'Order Creation Date'],
      type: 'datetime',
      store: 'order',
      required: true,
      notEmpty: true,
    },
    { id: 'paid_at', aliases: ['Waktu Pembayaran Dilakukan', 'Order Paid Time'], type: 'datetime', store: 'order' },
    { id: 'order_type', aliases: ['Tipe Pesanan'], type: 'text' },
    { id: 'payment_method', aliases: ['Metode Pembayaran', 'Payment Method'], type: 'text', store: 'order' },
    { id: 'parent_sku', aliases: ['SKU Induk', 'Parent SKU Reference No.'], type: 'text', store: 'line' },
    {
      id: 'product_name',
      aliases: ['Nama Produk', 'Product Name'],
      type: 'text',
      store: 'line',
      required: true,
      notEmpty: true,
    },
    { id: 'sku_ref', aliases: ['Nomor Referensi SKU', 'SKU Reference No.'], type: 'text', store: 'line' },
    { id: 'variation', aliases: ['Nama Variasi', 'Variation Name'], type: 'text', store: 'line' },
    { id: 'original_price', aliases: ['Harga Awal', 'Original Price'], type: 'money', store: 'line' },
    { id: 'deal_price', aliases: ['Harga Setelah Diskon', 'Deal Price'], type: 'money', store: 'line' },
    { id: 'qty', aliases: ['Jumlah', 'Quantity'], type: 'int', store: 'line', required: true, notEmpty: true },
    { id: 'returned_qty', aliases: ['Returned quantity', 'Returned Quantity'], type: 'int', store: 'line' },
    {
      id: 'subtotal',
      aliases: ['Subtotal Pesanan', 'Total Harga Produk', 'Product Subtotal', "Products' Price Paid by Buyer"],
      type: 'money',
      store: 'line',
    },
    { id: 'total_discount', aliases: ['Total Diskon', 'Total Discount'], type: 'money' },
    {
      id: 'seller_discount',
      aliases: ['Diskon Dari Penjual', 'Seller Discount', 'Price Discount(from Seller)', 'Seller Rebate'],
      type: 'money',
      store: 'line',
    },
    { id: 'shopee_discount', aliases: ['Diskon Dari Shopee', 'Shopee Rebate'], type: 'money', store: 'line' },
    { id: 'weight_g', aliases: ['Berat Produk', 'Product Weight'], type: 'weight', store: 'line' },
    {
      id: 'items_in_order',
      aliases: ['Jumlah Produk di Pesan', 'No of product in order', 'Number of Items in Order'],
      type: 'int',
    },
    { id: 'order_weight_g', aliases: ['Total Berat', 'Order Total Weight'], type: 'weight' },
    { id: 'warehouse', aliases: ['Nama Gudang', 'Warehouse Name'], type: 'text' },
    { id: 'seller_voucher', aliases: ['Voucher Ditanggung Penjual', 'Seller Voucher'], type: 'money', store: 'order' },
    {
      id: 'seller_coin_cashback',
      aliases: ['Cashback Koin', 'Seller Absorbed Coin Cashback', 'Coin Cashback Voucher Amount Sponsored by Seller'],
      type: 'money',
    },
    { id: 'shopee_voucher', aliases: ['Voucher Ditanggung Shopee', 'Shopee Voucher'], type: 'money', store: 'order' },
    {
      id: 'bundle_flag',
      aliases: ['Paket Diskon', 'Bundle Deal Indicator', 'Bundle Deals Indicator(Y/N)'],
      type: 'text',
    },
    {
      id: 'bundle_shopee_discount',
      aliases: ['Paket Diskon (Diskon dari Shopee)', 'Shopee Bundle Discount'],
      type: 'money',
    },
    {
      id: 'bundle_seller_discount',
      aliases: ['Paket Diskon (Diskon dari Penjual)', 'Seller Bundle Discount'],
      type: 'money',
      store: 'order',
    },
    { id: 'coins_offset', aliases: ['Potongan Koin Shopee', 'Shopee Coins Offset'], type: 'money' },
    { id: 'card_discount', aliases: ['Diskon Kartu Kredit', 'Credit Card Discount Total'], type: 'money' },
    {
      id: 'buyer_shipping_fee',
      aliases: ['Ongkos Kirim Dibayar oleh Pembeli', 'Buyer Paid Shipping Fee'],
      type: 'money',
      store: 'order',
    },
    {
      id: 'shipping_rebate_est',
      aliases: ['Estimasi Potongan Biaya Pengiriman', 'Shipping Rebate Estimate'],
      type: 'money',
    },
    { id: 'return_shipping_fee', aliases: ['Ongkos Kirim Pengembalian Barang', 'Reverse Shipping Fee'], type: 'money' },
    { id: 'total_payment', aliases: ['Total Pembayaran', 'Grand Total'], type: 'money', store: 'order' },
    {
      id: 'est_shipping_fee',
      aliases: ['Perkiraan Ongkos Kirim', 'Estimated Shipping Fee'],
      type: 'money',
      store: 'order',
    },
    { id: 'buyer_note', aliases: ['Catatan dari Pembeli', 'Remark from buyer'], type: 'text' },
    { id: 'seller_note', aliases: ['Catatan', 'Note'], type: 'text' },
    { id: 'buyer', aliases: ['Username (Pembeli)', 'Username (Buyer)'], type: 'text', store: 'order' },
    { id: 'recipient', aliases: ['Nama Penerima', 'Receiver Name'], type: 'text' },
    { id: 'phone', aliases: ['No. Telepon', 'Phone Number'], type: 'text' },
    { id: 'address', aliases: ['Alamat Pengiriman', 'Delivery Address'], type: 'text' },
    { id: 'city', aliases: ['Kota/Kabupaten', 'City'], type: 'text', store: 'order' },
    { id: 'province', aliases: ['Provinsi', 'Province'], type: 'text', store: 'order' },
    { id: 'completed_at', aliases: ['Waktu Pesanan Selesai', 'Order Complete Time'], type: 'datetime', store: 'order' },
    // Order.failed_delivery: the failed delivery and its claim, stored as claim facts linked by order id.
    { id: 'failed_status', aliases: ['Status pengiriman gagal'], type: 'text' },
    { id: 'claim_status', aliases: ['Status Klaim'], type: 'text' },
    { id: 'claim_submitted_at', aliases: ['Tanggal Klaim Diajukan'], type: 'datetime' },
    { id: 'claim_approved_at', aliases: ['Tanggal Klaim Disetujui'], type: 'datetime' },
    { id: 'claim_paid_at', aliases: ['Tanggal Klaim Dicairkan'], type: 'datetime' },
    { id: 'claim_rejected_at', aliases: ['Tanggal Klaim Ditolak'], type: 'datetime' },
    { id: 'compensation', aliases: ['Jumlah Kompensasi'], type: 'money' },
    // Known columns the product does not use; listed so that they are not reported as unknown.
    { id: 'total_amount', aliases: ['Total Amount'], type: 'money' },
    { id: 'transaction_fee', aliases: ['Transaction Fee'], type: 'money' },
    { id: 'commission_fee', aliases: ['Commission Fee'], type: 'money' },
    { id: 'service_fee', aliases: ['Service Fee'], type: 'money' },
    { id: 'sku_total_weight', aliases: ['SKU Total Weight'], type: 'text' },
    { id: 'voucher_code', aliases: ['Voucher Code From Seller'], type: 'text' },
    { id: 'town', aliases: ['Town'], type: 'text' },
    { id: 'district', aliases: ['District'], type: 'text' },
    { id: 'country', aliases: ['Country'], type: 'text' },
    { id: 'zip', aliases: ['Zip Code'], type: 'text' },
  ],
};

/**
 * The columns the reader makes rather than reads: each line's key, the status text and its class, and
 * whether that status is final. The stored fields of the spec follow them (see `orderLineColumns`).
 */
export const DERIVED_LINE_COLUMNS = [
  ['line_key', 'text'],
  ['status_text', 'text'],
  ['status_class', 'text'],
  ['is_final', 'bool'],
] as const satisfies readonly (readonly [string, ColumnType])[];

/** Every stored column of an order line: the derived ones, then the spec's stored fields in spec order. */
export function orderLineColumns(spec: ExportKindSpec = ORDERS): (readonly [string, ColumnType])[] {
  return [...DERIVED_LINE_COLUMNS, ...storedColumns(spec)];
}
