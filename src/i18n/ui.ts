import type { Locale } from './locale';

/** Interface strings, Indonesian first. */
const STRINGS = {
  appName: { id: 'Toko Insight', en: 'Toko Insight' },
  tagline: {
    id: 'Analitik toko Shopee di perangkat Anda. Data tidak pernah meninggalkan perangkat ini.',
    en: 'Shopee shop analytics on your device. Your data never leaves this device.',
  },
  dataTitle: { id: 'Data', en: 'Data' },
  dropHint: {
    id: 'Tarik file ekspor Shopee ke sini, atau pilih file (.xlsx atau .csv, boleh banyak sekaligus).',
    en: 'Drop Shopee export files here, or choose files (.xlsx or .csv, several at once).',
  },
  chooseFiles: { id: 'Pilih file', en: 'Choose files' },
  whereToDownload: {
    id: 'Pesanan: Seller Centre → Pesanan Saya → Ekspor. Penghasilan: Keuangan → Penghasilan Saya → Sudah Dilepas → Ekspor.',
    en: 'Orders: Seller Centre → My Orders → Export. Income: Finance → My Income → Released → Export.',
  },
  importReports: { id: 'Hasil impor', en: 'Import results' },
  pending: { id: 'Sedang diimpor…', en: 'Importing…' },
  ok: { id: 'Berhasil', en: 'Imported' },
  error: { id: 'Gagal', en: 'Failed' },
  rowsRead: { id: 'baris dibaca', en: 'rows read' },
  added: { id: 'baru', en: 'added' },
  updated: { id: 'diperbarui', en: 'updated' },
  unchanged: { id: 'tidak berubah', en: 'unchanged' },
  imports: { id: 'File yang tersimpan', en: 'Stored files' },
  noImports: {
    id: 'Belum ada data. Impor ekspor Pesanan atau Penghasilan dari Seller Centre untuk mulai.',
    en: 'No data yet. Import an Orders or Income export from Seller Centre to start.',
  },
  remove: { id: 'Hapus', en: 'Remove' },
  removeConfirm: {
    id: 'Hapus data dari file ini? Baris yang juga ada di file lain tetap tersimpan.',
    en: 'Remove the data of this file? Lines that other files also carry stay stored.',
  },
  period: { id: 'Periode', en: 'Period' },
  from: { id: 'Dari', en: 'From' },
  to: { id: 'Sampai', en: 'To' },
  allTime: { id: 'Semua data', en: 'All data' },
  kpis: { id: 'Angka utama', en: 'Key numbers' },
  income: { id: 'Penghasilan (menurut tanggal dana dilepas)', en: 'Income (by release date)' },
  previous: { id: 'periode sebelumnya', en: 'previous period' },
  isNew: { id: 'baru', en: 'new' },
  formula: { id: 'Rumus', en: 'Formula' },
  source: { id: 'Sumber', en: 'Source' },
  sourceOrders: { id: 'ekspor Pesanan', en: 'Order export' },
  sourceIncome: { id: 'ekspor Penghasilan', en: 'Income export' },
  starting: { id: 'Menyiapkan database…', en: 'Starting the database…' },
  otherTab: {
    id: 'Toko Insight sudah terbuka di tab lain. Tutup tab itu, lalu muat ulang halaman ini.',
    en: 'Toko Insight is open in another tab. Close that tab, then reload this page.',
  },
  dbFailed: {
    id: 'Database tidak bisa dibuka. Data Anda tidak dihapus. Coba muat ulang; jika tetap gagal, hubungi dukungan dengan pesan ini:',
    en: 'The database could not be opened. Your data has not been deleted. Try reloading; if it still fails, contact support with this message:',
  },
  notPersistent: {
    id: 'Browser ini tidak mendukung penyimpanan permanen (OPFS): data hilang saat tab ditutup.',
    en: 'This browser has no persistent storage (OPFS): data is lost when the tab closes.',
  },
  language: { id: 'Bahasa', en: 'Language' },
  kind_orders: { id: 'Ekspor Pesanan', en: 'Order export' },
  kind_income_2025: { id: 'Penghasilan (format 2025)', en: 'Income (2025 layout)' },
  kind_income_2026: { id: 'Penghasilan (format 2026)', en: 'Income (2026 layout)' },
  fileName: { id: 'File', en: 'File' },
  kind: { id: 'Jenis', en: 'Kind' },
  periodCol: { id: 'Periode data', en: 'Data period' },
  importedAt: { id: 'Diimpor', en: 'Imported' },
  rows: { id: 'Baris', en: 'Rows' },
} satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(locale: Locale, key: StringKey): string {
  return STRINGS[key][locale];
}
