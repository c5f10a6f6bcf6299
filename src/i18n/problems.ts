import { KIND_IDS } from '../ingest/kinds/spec';
import { WORKSPACE } from './strings/workspace';
import { currency, DEFAULT_CURRENCY } from '../kernel/currency';
import { formatCount, formatMoney } from '../format/number';
import type { ErrorCode, NoteCode, Params, Problem, UnreadableReason } from '../ingest/problems';
import type { ValueReason } from '../ingest/values';
import type { Locale } from './locale';

type Template = (p: Params) => string;

/** An amount of a note (minor units, in the note's `currency`) as the seller reads money. */
const money = (p: Params, key: string, locale: Locale) =>
  formatMoney(Number(p[key]), currency(String(p.currency ?? DEFAULT_CURRENCY)), locale);
/** Every export kind the importer reads, by name, for the message about a file it does not know. */
const kindNames = (locale: Locale) =>
  [...new Set([...KIND_IDS, 'product_master' as const].map((k) => WORKSPACE[`kind_${k}`][locale]))].join(', ');
const count = (p: Params, key: string, locale: Locale) => formatCount(Number(p[key]), locale);
/** The roles of a product master's columns, for the question of which column holds one. */
const ROLE: Record<string, Record<Locale, string>> = {
  sku: { id: 'SKU', en: 'SKU' },
  master: { id: 'master produk', en: 'master product' },
  cost: { id: 'harga pokok', en: 'unit cost' },
};

const EXPECTED: Record<
  | ValueReason
  | 'not_negative'
  | 'date_in_period'
  | 'date_not_future'
  | 'convention_id'
  | 'convention_en'
  | 'text'
  | 'money'
  | 'int'
  | 'datetime'
  | 'weight',
  { id: string; en: string }
> = {
  not_a_number: { id: 'angka (mis. 91.425)', en: 'a number (e.g. 91.425)' },
  not_an_integer: { id: 'bilangan bulat (mis. 2)', en: 'a whole number (e.g. 2)' },
  not_a_date: { id: 'tanggal (mis. 2026-06-01 01:08)', en: 'a date (e.g. 2026-06-01 01:08)' },
  not_a_duration: { id: 'durasi JJ:MM:DD', en: 'a duration HH:MM:SS' },
  not_a_weight: { id: 'berat (mis. 333 gr)', en: 'a weight (e.g. 333 gr)' },
  not_a_percent: { id: 'persentase (mis. 2,32%)', en: 'a percentage (e.g. 2.32%)' },
  not_negative: {
    id: 'angka nol atau lebih (jumlah tidak bisa negatif)',
    en: 'zero or more (a quantity cannot be negative)',
  },
  date_in_period: {
    id: 'tanggal di dalam periode pada nama file (pesanan tidak dibuat setelah ekspornya)',
    en: 'a date within the period in the file name (no order is created after its export)',
  },
  date_not_future: {
    id: 'tanggal yang sudah lewat (bukan di masa depan)',
    en: 'a date that has passed (not in the future)',
  },
  convention_id: {
    id: 'angka format Indonesia seperti angka lain di file ini (mis. 82.500 atau 1.234,50)',
    en: 'a number in Indonesian format like the rest of this file (e.g. 82.500 or 1.234,50)',
  },
  convention_en: {
    id: 'angka format Inggris seperti angka lain di file ini (mis. 82,500 atau 1,234.50)',
    en: 'a number in English format like the rest of this file (e.g. 82,500 or 1,234.50)',
  },
  text: { id: 'teks', en: 'text' },
  money: { id: 'jumlah uang', en: 'an amount of money' },
  int: { id: 'bilangan bulat', en: 'a whole number' },
  datetime: { id: 'tanggal', en: 'a date' },
  weight: { id: 'berat', en: 'a weight' },
};

const expected = (l: Locale, p: Params) => EXPECTED[p.expected as keyof typeof EXPECTED]?.[l] ?? String(p.expected);
const where = (l: Locale, p: Params) =>
  l === 'id'
    ? `${p.file}, sheet "${p.sheet}", baris ${p.row}, kolom ${p.column} (${p.header})`
    : `${p.file}, sheet "${p.sheet}", row ${p.row}, column ${p.column} (${p.header})`;

/** A file that could not be read, by why: what the seller can do about each. */
const UNREADABLE: Record<UnreadableReason, Record<Locale, Template>> = {
  damaged: {
    id: (p) =>
      `${p.file}: file Excel ini rusak atau terpotong (mungkin unduhannya belum selesai), jadi tidak bisa dibaca. Unduh ulang dari Seller Centre lalu impor lagi. Jika Anda mengubahnya di Excel, simpan sebagai "Buku Kerja Excel (*.xlsx)".`,
    en: (p) =>
      `${p.file}: this Excel file is damaged or cut short (perhaps the download did not finish), so it cannot be read. Download it again from Seller Centre and import it. If you edited it in Excel, save it as "Excel Workbook (*.xlsx)".`,
  },
  not_spreadsheet: {
    id: (p) =>
      `${p.file}: namanya berakhiran .xlsx, tetapi isinya bukan file Excel. Unduh ulang dari Seller Centre, atau buka di Excel lalu simpan sebagai "Buku Kerja Excel (*.xlsx)".`,
    en: (p) =>
      `${p.file}: its name ends in .xlsx, but it is not an Excel file. Download it again from Seller Centre, or open it in Excel and save it as "Excel Workbook (*.xlsx)".`,
  },
  reader_stopped: {
    id: (p) =>
      `${p.file}: pembacaan file berhenti sebelum selesai (biasanya memori perangkat tidak cukup untuk file sebesar ini). Tidak ada yang diimpor. Tutup tab atau aplikasi lain lalu coba lagi, atau unduh ekspor dengan rentang tanggal yang lebih pendek.`,
    en: (p) =>
      `${p.file}: reading the file stopped before it finished (usually the device ran short of memory for a file this size). Nothing was imported. Close other tabs or apps and try again, or download the export for a shorter date range.`,
  },
  unexpected: {
    id: (p) =>
      `${p.file}: terjadi masalah tak terduga di aplikasi saat membaca file ini. Tidak ada yang diimpor. Coba lagi; jika tetap gagal, kirim nama file dan detail teknisnya ke dukungan.`,
    en: (p) =>
      `${p.file}: the app hit an unexpected problem while reading this file. Nothing was imported. Try again; if it still fails, send the file name and the technical detail to support.`,
  },
};

/** Why a file's numbers were read in its format, for the number_convention note. */
const CONVENTION_SOURCE: Record<string, Record<Locale, string>> = {
  file: { id: 'seperti angka lain di file ini', en: 'like the other numbers of this file' },
  export: { id: 'format tetap jenis ekspor ini', en: 'the fixed format of this export' },
  headers: { id: 'sesuai bahasa judul kolom file ini', en: 'matching the language of the file’s column headers' },
  default: { id: 'format baku untuk mata uang ini', en: 'the usual format for this currency' },
};

const ERRORS: Record<ErrorCode, Record<Locale, Template>> = {
  empty_file: {
    id: (p) => `${p.file}: file kosong, tidak ada isinya.`,
    en: (p) => `${p.file}: the file is empty.`,
  },
  unsupported_file_type: {
    id: (p) => `${p.file}: jenis file .${p.ext} tidak didukung. Gunakan ekspor Shopee dalam format .xlsx atau .csv.`,
    en: (p) => `${p.file}: .${p.ext} files are not supported. Use a Shopee export in .xlsx or .csv format.`,
  },
  corrupt_file: {
    id: (p) => UNREADABLE[(p.reason as UnreadableReason) ?? 'unexpected'].id(p),
    en: (p) => UNREADABLE[(p.reason as UnreadableReason) ?? 'unexpected'].en(p),
  },
  not_utf8: {
    id: (p) =>
      `${p.file}: file CSV ini ${p.encoding === 'utf16' ? 'disimpan sebagai "Teks Unicode" (UTF-16)' : 'bukan teks UTF-8 (mungkin disimpan dengan encoding lama seperti ANSI)'}, jadi tidak bisa dibaca. Buka di Excel, pilih Simpan Sebagai → "CSV UTF-8 (dipisahkan koma) (*.csv)", lalu impor file itu.`,
    en: (p) =>
      `${p.file}: this CSV file ${p.encoding === 'utf16' ? 'was saved as "Unicode Text" (UTF-16)' : 'is not UTF-8 text (it may have been saved in an older encoding such as ANSI)'}, so it cannot be read. Open it in Excel, choose Save As → "CSV UTF-8 (Comma delimited) (*.csv)", and import that file.`,
  },
  import_interrupted: {
    id: (p) =>
      `${p.file}: impor terputus (halaman ditutup atau dimuat ulang sebelum selesai). Tidak ada isi file ini yang tersimpan. Impor lagi.`,
    en: (p) =>
      `${p.file}: the import was cut off (the page was closed or reloaded before it finished). Nothing of this file was stored. Import it again.`,
  },
  password_protected: {
    id: (p) => `${p.file}: file dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu impor lagi.`,
    en: (p) =>
      `${p.file}: the file is password-protected. Open it in Excel, remove the password, save, and import it again.`,
  },
  unknown_export: {
    id: (p) =>
      `${p.file}: bukan ekspor Shopee yang dikenali, dan bukan master produk (tidak ada kolom berisi SKU dari pesanan toko). Yang bisa dibaca: ${kindNames('id')}. Kolom yang ditemukan: ${p.headers || '(tidak ada)'}.`,
    en: (p) =>
      `${p.file}: not a Shopee export this app knows, and not a product master (no column holds SKUs of the shop's orders). It reads: ${kindNames('en')}. Columns found: ${p.headers || '(none)'}.`,
  },
  master_ambiguous: {
    id: (p) =>
      `${p.file}: terbaca sebagai master produk, tetapi lebih dari satu kolom bisa berisi ${ROLE[String(p.role)]?.id ?? p.role}: ${p.columns}. Pilih kolomnya di bawah; belum ada yang diimpor.`,
    en: (p) =>
      `${p.file}: reads as a product master, but more than one column could hold the ${ROLE[String(p.role)]?.en ?? p.role}: ${p.columns}. Choose the column below; nothing was imported yet.`,
  },
  master_too_long: {
    id: (p) =>
      `${p.file}, sheet "${p.sheet}": terlalu banyak baris untuk master produk (maksimal ${formatCount(Number(p.max), 'id')}). Tidak ada yang diimpor.`,
    en: (p) =>
      `${p.file}, sheet "${p.sheet}": too many rows for a product master (at most ${formatCount(Number(p.max), 'en')}). Nothing was imported.`,
  },
  not_a_master: {
    id: (p) => `${p.file}: ini ekspor Shopee, bukan master produk. Impor di halaman Data.`,
    en: (p) => `${p.file}: this is a Shopee export, not a product master. Import it on the Data page.`,
  },
  unread_export: {
    id: (p) =>
      `${p.file}: ini laporan ${p.name_id} dari Shopee; laporan ini belum bisa dibaca aplikasi. Tidak ada yang diimpor.`,
    en: (p) => `${p.file}: this is Shopee's ${p.name_en} report; the app does not read it yet. Nothing was imported.`,
  },
  missing_column: {
    id: (p) => `${p.file}, sheet "${p.sheet}": kolom wajib tidak ada: ${p.columns}.`,
    en: (p) => `${p.file}, sheet "${p.sheet}": required column missing: ${p.columns}.`,
  },
  bad_value: {
    id: (p) => `${where('id', p)}: "${p.value}" bukan ${expected('id', p)}. File tidak diimpor.`,
    en: (p) => `${where('en', p)}: "${p.value}" is not ${expected('en', p)}. The file was not imported.`,
  },
  missing_value: {
    id: (p) => `${where('id', p)}: kosong, padahal wajib diisi (${expected('id', p)}). File tidak diimpor.`,
    en: (p) => `${where('en', p)}: empty, but a value is required (${expected('en', p)}). The file was not imported.`,
  },
  no_data_rows: {
    id: (p) => `${p.file}: header ditemukan di sheet "${p.sheet}", tetapi tidak ada baris data.`,
    en: (p) => `${p.file}: the header was found in sheet "${p.sheet}", but there are no data rows.`,
  },
  choose_shop: {
    id: (p) => `${p.file}: pilih toko tujuan dulu (ruang kerja ini punya ${p.count} toko). File tidak diimpor.`,
    en: (p) =>
      `${p.file}: choose the shop it goes into first (this workspace has ${p.count} shops). The file was not imported.`,
  },
  other_shop: {
    id: (p) =>
      p.reason === 'seller'
        ? `${p.file}: file ini milik penjual "${p.seller}", yaitu toko "${p.other}", bukan "${p.shop}". File tidak diimpor, supaya data dua toko tidak tercampur; impor ke "${p.shop}" hanya jika memang disengaja.`
        : `${p.file}: file yang sama sudah diimpor ke toko "${p.other}". File tidak diimpor ke "${p.shop}"; impor hanya jika memang disengaja.`,
    en: (p) =>
      p.reason === 'seller'
        ? `${p.file}: this file belongs to seller "${p.seller}", which is shop "${p.other}", not "${p.shop}". It was not imported, so that two shops' data do not mix; import it into "${p.shop}" only on purpose.`
        : `${p.file}: the same file is already imported into shop "${p.other}". It was not imported into "${p.shop}"; do so only on purpose.`,
  },
  currency_mismatch: {
    id: (p) =>
      `${p.file}: mata uang ${p.fileCurrency}, sedangkan data yang tersimpan dalam ${p.datasetCurrency}. Satu data hanya untuk satu mata uang.`,
    en: (p) =>
      `${p.file}: the file is in ${p.fileCurrency}, but the stored data is in ${p.datasetCurrency}. A dataset holds one currency.`,
  },
  conflicting_status: {
    id: (p) =>
      `${p.file}, sheet "${p.sheet}": pesanan ${p.order} muncul dengan status berbeda di baris ${p.rows}. Satu pesanan hanya punya satu status dalam satu ekspor; unduh ulang ekspornya dari Seller Centre. File tidak diimpor.`,
    en: (p) =>
      `${p.file}, sheet "${p.sheet}": order ${p.order} appears with different statuses on rows ${p.rows}. An order has one status in one export; download the export again from Seller Centre. The file was not imported.`,
  },
  bad_row_type: {
    id: (p) =>
      `${p.file}, sheet "${p.sheet}", baris ${p.row}: "Lihat berdasarkan" berisi "${p.value}", seharusnya Order atau Sku.`,
    en: (p) =>
      `${p.file}, sheet "${p.sheet}", row ${p.row}: "Lihat berdasarkan" is "${p.value}", expected Order or Sku.`,
  },
  missing_period: {
    id: (p) =>
      `${p.file}: baris "Periode" laporan (mis. Periode,01/07/2026 - 31/07/2026) tidak ditemukan di atas header.`,
    en: (p) =>
      `${p.file}: the report's "Periode" line (e.g. Periode,01/07/2026 - 31/07/2026) was not found above the header.`,
  },
  missing_file_period: {
    id: (p) =>
      `${p.file}: periode laporan tidak ada di nama file. Nama file dari Shopee memuat tanggal (mis. ..._20260701_20260731.csv); jangan ganti nama filenya.`,
    en: (p) =>
      `${p.file}: the report period is not in the file name. Shopee's file name carries the dates (e.g. ..._20260701_20260731.csv); keep the original name.`,
  },
  storage_failed: {
    id: (p) =>
      `${p.file}: tidak bisa disimpan di perangkat ini. Data yang sudah ada tidak berubah. Periksa sisa ruang penyimpanan, tutup tab lain, lalu impor lagi.`,
    en: (p) =>
      `${p.file}: could not be stored on this device. The data already stored is unchanged. Check the free storage space, close other tabs, and import it again.`,
  },
};

const NOTES: Record<NoteCode, Record<Locale, Template>> = {
  master_columns: {
    id: (p) =>
      `Master produk dari sheet "${p.sheet}": SKU = kolom ${p.sku}, master produk = ${p.master}, harga pokok = ${p.cost}. Kolomnya bisa diubah di laporan ini selama halaman terbuka; harga pokok per baris di halaman Produk.`,
    en: (p) =>
      `Product master from sheet "${p.sheet}": SKU = column ${p.sku}, master product = ${p.master}, unit cost = ${p.cost}. The columns can be changed in this report while the page is open; a unit cost per row on the Products page.`,
  },
  master_read: {
    id: (p) =>
      `${count(p, 'skus', 'id')} teks SKU dipetakan ke ${count(p, 'masters', 'id')} master produk, ${count(p, 'costs', 'id')} harga pokok; ${count(p, 'matched', 'id')} SKU ada di pesanan toko.`,
    en: (p) =>
      `${count(p, 'skus', 'en')} SKU texts mapped to ${count(p, 'masters', 'en')} master products, ${count(p, 'costs', 'en')} unit costs; ${count(p, 'matched', 'en')} of the SKUs are in the shop's orders.`,
  },
  master_unmatched: {
    id: (p) =>
      `${count(p, 'count', 'id')} SKU tidak ada di pesanan yang diimpor (disimpan untuk pesanan berikutnya): ${p.skus}.`,
    en: (p) => `${count(p, 'count', 'en')} SKUs are in no imported order (kept for later orders): ${p.skus}.`,
  },
  master_conflicts: {
    id: (p) =>
      `${count(p, 'count', 'id')} konflik (satu SKU atau master dengan harga pokok atau master berbeda): ${p.subjects}. Tidak ada yang diambil; pilih di halaman Produk.`,
    en: (p) =>
      `${count(p, 'count', 'en')} conflicts (one SKU or master given different costs or masters): ${p.subjects}. Neither was taken; choose on the Products page.`,
  },
  master_unreadable: {
    id: (p) =>
      `${count(p, 'count', 'id')} harga pokok bukan angka (kolom ${p.column}, baris ${p.rows}; mis. "${p.value}"): SKU-nya dipetakan tanpa harga dari baris itu.`,
    en: (p) =>
      `${count(p, 'count', 'en')} unit costs are not amounts (column ${p.column}, rows ${p.rows}; e.g. "${p.value}"): their SKUs are mapped without a cost from those rows.`,
  },
  master_without_sku: {
    id: (p) => `${count(p, 'count', 'id')} baris tanpa SKU dan tanpa master produk diabaikan: baris ${p.rows}.`,
    en: (p) => `${count(p, 'count', 'en')} rows with neither a SKU nor a master product were left out: rows ${p.rows}.`,
  },
  empty_buyer: {
    id: (p) => `${p.count} pesanan tanpa Username (Pembeli): dihitung sebagai pesanan, bukan pembeli.`,
    en: (p) => `${p.count} orders have no buyer username: counted as orders, not as buyers.`,
  },
  unknown_columns: {
    id: (p) => `Kolom tambahan yang tidak dikenal diabaikan: ${p.columns}.`,
    en: (p) => `Unknown extra columns were ignored: ${p.columns}.`,
  },
  unknown_status: {
    id: (p) =>
      `${p.count} baris dengan status yang tidak dikenal (${p.texts}): dihitung di Pesanan Dibuat saja, tidak ditebak.`,
    en: (p) => `${p.count} lines with an unknown status (${p.texts}): counted in placed orders only, never guessed.`,
  },
  skipped_rows: {
    id: (p) => `Dilewati sesuai aturan: ${p.blank} baris kosong, ${p.summary} baris ringkasan.`,
    en: (p) => `Skipped by rule: ${p.blank} blank rows, ${p.summary} summary rows.`,
  },
  unknown_fee_columns: {
    id: (p) => `Kolom biaya yang tidak dikenal, tidak dihitung di Potongan Shopee: ${p.columns}.`,
    en: (p) => `Unknown fee columns, not counted in Shopee fees: ${p.columns}.`,
  },
  unknown_fee_groups: {
    id: (p) =>
      `Kelompok kolom yang tidak dikenal di Rincian Jumlah Pelepasan Dana (dihitung di penghasilan bersih): ${p.groups}.`,
    en: (p) => `Unknown column groups under Rincian Jumlah Pelepasan Dana (counted in net payout): ${p.groups}.`,
  },
  payout_check_ok: {
    id: () => `Total penghasilan cocok dengan "3. Total yang Dilepas" di sheet Summary.`,
    en: () => `The payout total matches "3. Total yang Dilepas" on the Summary sheet.`,
  },
  payout_check_mismatch: {
    id: (p) =>
      `Total penghasilan ${money(p, 'computed', 'id')} berbeda dengan "3. Total yang Dilepas" di Summary (${money(p, 'summary', 'id')}).`,
    en: (p) =>
      `The payout total ${money(p, 'computed', 'en')} differs from "3. Total yang Dilepas" on the Summary sheet (${money(p, 'summary', 'en')}).`,
  },
  balance_check_ok: {
    id: (p) =>
      `${p.side === 'in' ? 'Saldo masuk' : 'Saldo keluar'} ${money(p, 'rows', 'id')} dari ${count(p, 'count', 'id')} transaksi cocok dengan Ringkasan laporan.`,
    en: (p) =>
      `${p.side === 'in' ? 'Money in' : 'Money out'} of ${money(p, 'rows', 'en')} over ${count(p, 'count', 'en')} transactions matches the report's summary.`,
  },
  balance_check_mismatch: {
    id: (p) =>
      `${p.side === 'in' ? 'Saldo masuk' : 'Saldo keluar'} dari baris transaksi ${money(p, 'rows', 'id')} (${count(p, 'count', 'id')} transaksi) berbeda dengan Ringkasan laporan: ${money(p, 'summary', 'id')} (${count(p, 'summaryCount', 'id')} transaksi).`,
    en: (p) =>
      `${p.side === 'in' ? 'Money in' : 'Money out'} from the transaction rows, ${money(p, 'rows', 'en')} (${count(p, 'count', 'en')} transactions), differs from the report's summary: ${money(p, 'summary', 'en')} (${count(p, 'summaryCount', 'en')} transactions).`,
  },
  already_imported: {
    id: (p) => `File yang sama sudah diimpor (impor #${p.id}); tidak ada yang berubah.`,
    en: (p) => `The same file was already imported (import #${p.id}); nothing changed.`,
  },
  detail_rows_skipped: {
    id: (p) => `${p.count} baris rincian per SKU dilewati (baris Order yang dihitung).`,
    en: (p) => `${p.count} per-SKU detail rows skipped (the Order rows are counted).`,
  },
  ads_period: {
    id: (p) => `${p.ads} iklan untuk periode laporan ${p.from} s/d ${p.to} (angka satu periode, bukan harian).`,
    en: (p) => `${p.ads} ads for the report period ${p.from} to ${p.to} (figures for the whole period, not daily).`,
  },
  report_period: {
    id: (p) => `${p.products} produk dan ${p.variations} variasi untuk periode ${p.from} s/d ${p.to} (dari nama file).`,
    en: (p) =>
      `${p.products} products and ${p.variations} variations for the period ${p.from} to ${p.to} (from the file name).`,
  },
  period_facts: {
    id: (p) => `${p.count} baris untuk periode ${p.from} s/d ${p.to} (angka satu periode, bukan harian).`,
    en: (p) => `${p.count} rows for the period ${p.from} to ${p.to} (figures for the whole period, not daily).`,
  },
  number_convention: {
    id: (p) =>
      `Angka seperti 82.500 di kolom ${p.columns} dibaca dengan format ${p.convention === 'id' ? 'Indonesia (82.500 = delapan puluh dua ribu lima ratus)' : 'Inggris (82.500 = delapan puluh dua koma lima)'}, ${CONVENTION_SOURCE[String(p.source)]?.id ?? CONVENTION_SOURCE.default.id}.`,
    en: (p) =>
      `Numbers such as 82.500 in ${p.columns} were read in ${p.convention === 'id' ? 'Indonesian format (82.500 = eighty-two thousand five hundred)' : 'English format (82.500 = eighty-two point five)'}, ${CONVENTION_SOURCE[String(p.source)]?.en ?? CONVENTION_SOURCE.default.en}.`,
  },
  claim_facts: {
    id: (p) =>
      `${p.count} pesanan gagal kirim dengan status klaimnya dicatat (ditautkan ke pesanan lewat No. Pesanan).`,
    en: (p) => `${p.count} failed-delivery orders recorded with their claim status (linked to the orders by order id).`,
  },
  ads_topups: {
    id: (p) => `Isi saldo iklan sebesar ${money(p, 'amount', 'id')} tidak dihitung sebagai biaya iklan.`,
    en: (p) => `Ads top-ups of ${money(p, 'amount', 'en')} are not counted as ad spend.`,
  },
  values_read: {
    id: (p) => `${p.rows} baris harian dan ringkasan, berisi ${p.values} nilai (angka di atas dihitung per nilai).`,
    en: (p) => `${p.rows} daily and summary rows holding ${p.values} values (the counts above are per value).`,
  },
  period_summary_rows: {
    id: (p) =>
      `${p.count} baris ringkasan periode dari Shopee disimpan terpisah sebagai angka Shopee (tidak dijumlahkan dengan data harian).`,
    en: (p) =>
      `${p.count} Shopee period-summary rows stored apart as Shopee's figures (never added to the daily rows).`,
  },
  sheets_read: {
    id: (p) => `Sheet yang dibaca: ${p.sheets}.`,
    en: (p) => `Sheets read: ${p.sheets}.`,
  },
};

/** An import error as a sentence in the seller's language. */
export function errorText(locale: Locale, e: Problem<ErrorCode>): string {
  return ERRORS[e.code][locale](e.params);
}

/** An import note as a sentence in the seller's language. */
export function noteText(locale: Locale, n: Problem<NoteCode>): string {
  return NOTES[n.code][locale](n.params);
}
