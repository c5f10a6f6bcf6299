import type { Text } from '../kernel/text';

/**
 * The names of the marketing channels and campaign types the models compare (the bandit's arms, the
 * marketing mix's channels). Their ids come from the exports: `flash_sale`, `voucher`, `live`,
 * `affiliate`, and `discount: <promotion type>` or `ads: <ad type>` with the file's own words after the colon.
 */
const NAMES: Record<string, Text> = {
  flash_sale: { id: 'Flash Sale Toko', en: 'Shop flash sale' },
  voucher: { id: 'Voucher', en: 'Vouchers' },
  live: { id: 'Shopee Live', en: 'Shopee Live' },
  affiliate: { id: 'Afiliasi (AMS)', en: 'Affiliates (AMS)' },
};
const PREFIXES: Record<string, Text> = {
  discount: { id: 'Diskon', en: 'Discount' },
  ads: { id: 'Iklan', en: 'Ads' },
};

/** A channel or campaign type by name, in `locale`; an id the table does not know as it is. */
export function channelName(id: string, locale: keyof Text): string {
  const named = NAMES[id];
  if (named) return named[locale];
  const [prefix, ...rest] = id.split(': ');
  const p = PREFIXES[prefix];
  return p && rest.length ? `${p[locale]}: ${rest.join(': ')}` : id;
}
