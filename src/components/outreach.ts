import { tr } from '../app/state';
import type { BuyAgainList } from '../engine/api';
import { downloadText, toCsv } from '../format/csv';

/** Products per buyer in a broadcast list. */
const SHOWN = 3;

/**
 * Offers buyers' outreach lists as a CSV for Shopee's chat broadcast or a follower voucher: the username,
 * any columns of the caller's, then up to three products to buy again (each with its due date) and two new
 * products.
 */
export function downloadOutreach(
  fileName: string,
  lists: readonly BuyAgainList[],
  extra: { header: string; value: (buyer: string) => string | number | null }[] = [],
): void {
  const header = [
    'username',
    ...extra.map((e) => e.header),
    ...Array.from({ length: SHOWN }, (_, i) => [`${tr('colBuyAgain')} ${i + 1}`, `${tr('colDue')} ${i + 1}`]).flat(),
    `${tr('colNewForBuyer')} 1`,
    `${tr('colNewForBuyer')} 2`,
  ];
  const rows = lists.map((l) => [
    l.buyer,
    ...extra.map((e) => e.value(l.buyer)),
    ...Array.from({ length: SHOWN }, (_, i) => [l.again[i]?.name ?? '', l.again[i]?.due ?? '']).flat(),
    l.next[0] ?? '',
    l.next[1] ?? '',
  ]);
  downloadText(fileName, toCsv(header, rows));
}
