import { createSignal } from 'solid-js';
import type { EngineStatus } from '../engine/client';
import { DEFAULT_LOCALE, type Locale, LOCALES } from '../i18n/locale';
import { type StringKey, t } from '../i18n/ui';

const LOCALE_KEY = 'toko-insight.locale';

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(LOCALE_KEY) : null;
  return LOCALES.includes(stored as Locale) ? (stored as Locale) : DEFAULT_LOCALE;
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

/** The UI language; kept in localStorage so the first paint is already in the right language. */
export { locale };

export function setLocale(l: Locale): void {
  localStorage.setItem(LOCALE_KEY, l);
  document.documentElement.lang = l;
  setLocaleSignal(l);
}

/** A UI string in the current language (reactive). */
export const tr = (key: StringKey): string => t(locale(), key);

const [engineStatus, setEngineStatus] = createSignal<EngineStatus | null>(null);
export { engineStatus, setEngineStatus };

/** Bumped after every change to the stored data, so views refetch. */
const [dataVersion, setDataVersion] = createSignal(0);
export { dataVersion };
export const bumpDataVersion = () => setDataVersion((v) => v + 1);
