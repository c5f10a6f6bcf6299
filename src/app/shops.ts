import { useSearchParams } from '@solidjs/router';
import { createMemo, createRoot, createSignal } from 'solid-js';
import type { Shop } from '../db/shops';
import type { ShopSelection } from '../engine/core';

/** The last selection of shops, so the app opens on it (the URL's `shop=` wins when it has one). */
const SHOP_KEY = 'toko-insight.shop';

/** `shop=` of the URL: `all`, or shop ids separated by commas. Null when it says nothing usable. */
export function parseShopParam(s: string | null | undefined): ShopSelection | null {
  if (!s) return null;
  if (s === 'all') return 'all';
  const ids = s.split(',').map(Number);
  return ids.length && ids.every((n) => Number.isInteger(n) && n > 0) ? [...new Set(ids)].sort((a, b) => a - b) : null;
}

export const shopParam = (s: ShopSelection): string => (s === 'all' ? 'all' : s.join(','));

const remembered = () => parseShopParam(localStorage.getItem(SHOP_KEY)) ?? 'all';

const [shops, setShops] = createSignal<Shop[]>([]);
const [chosen, setChosen] = createSignal<ShopSelection>(remembered());
export { setShops, shops };

/**
 * The shops the pages read: the choice, less any shop that is gone (all shops when none is left), so a
 * deleted shop never leaves the app on an error.
 */
export const shopSelection: () => ShopSelection = createRoot(() =>
  createMemo(
    (): ShopSelection => {
      const s = chosen();
      const known = shops();
      if (s === 'all' || !known.length) return s;
      const kept = s.filter((id) => known.some((k) => k.id === id));
      return kept.length ? kept : 'all';
    },
    undefined,
    // The same shops are no change: the pages do not read again when the shop list merely loads.
    { equals: (a, b) => shopParam(a) === shopParam(b) },
  ),
);

/** Follows the URL's `shop=` (else the last choice); called once by the app shell. */
export function syncShopsFromUrl(param: string | undefined): void {
  setChosen(parseShopParam(param) ?? remembered());
}

/** The shop choice and how to change it: into the URL (with `from`, `to` and `compare`), and remembered. */
export function useShops() {
  const [, setParams] = useSearchParams<{ shop?: string }>();
  return {
    selection: shopSelection,
    choose: (s: ShopSelection) => {
      localStorage.setItem(SHOP_KEY, shopParam(s));
      setChosen(s);
      setParams({ shop: shopParam(s) });
    },
  };
}

/**
 * The selection imports go into now: one shop, or all of a workspace that has one (the engine takes its only
 * shop; the list may still be loading); null when the choice covers several shops (the seller is asked).
 */
export function importTarget(): ShopSelection | null {
  const s = shopSelection();
  if (s === 'all') return shops().length > 1 ? null : 'all';
  return s.length === 1 ? s : null;
}
