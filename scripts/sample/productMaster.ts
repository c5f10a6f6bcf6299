import * as XLSX from '@e965/xlsx';
import { catalog } from './generate';

/** Products the seller keeps no cost for yet (their gross profit is "–" until one is given). */
const UNCOSTED = new Set(['ASHP', 'ASBL', 'ASRP', 'ASTM', 'ASKB', 'ASLK']);

/**
 * The seller's own product master, as sellers keep one: no header names "SKU" or "HPP", a master product
 * per listing with the cost on its first row and alias rows without one, a repeated row, a SKU text typed
 * in another case, a discontinued product the orders no longer carry, and a blank row.
 */
export function productMasterWorkbook(): XLSX.WorkBook {
  const rows: (string | number | null)[][] = [['No', 'Barang', 'Kode di Shopee', 'Modal']];
  let n = 0;
  for (const p of catalog()) {
    const code = p.variations[0].sku.slice(0, 4);
    if (UNCOSTED.has(code)) continue;
    const master = p.name.split(' ').slice(0, 4).join(' ');
    const cost = Math.round((p.variations[0].price * 0.55) / 100) * 100;
    p.variations.forEach((v, i) => {
      rows.push([++n, master, i === 1 ? ` ${v.sku.toLowerCase()} ` : v.sku, i === 0 ? cost : null]);
    });
    if (code === 'ASPS') rows.push([++n, master, p.variations[0].sku, cost]);
    if (code === 'ASWJ') rows.push([]);
  }
  rows.push([++n, 'Asta Cobek Batu Lama', 'ASCB-01', 35_000]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Master Barang');
  return wb;
}
