import { createSignal } from 'solid-js';
import type { Text } from '../kernel/text';
import type { EngineStatus } from './client';
import { DEFAULT_LOCALE, type Locale, LOCALES } from '../i18n/locale';
import { type StringKey, t, tf } from '../i18n/ui';

/** UI preferences live in localStorage, so that the first paint already has the right language and theme. */
const LOCALE_KEY = 'toko-insight.locale';
const THEME_KEY = 'toko-insight.theme';

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  if (LOCALES.includes(stored as Locale)) return stored as Locale;
  // Follow the browser: English when it asks for English, Indonesian otherwise.
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
export { locale };

export function setLocale(l: Locale): void {
  localStorage.setItem(LOCALE_KEY, l);
  document.documentElement.lang = l;
  setLocaleSignal(l);
}

/** A UI string in the current language (reactive). */
export const tr = (key: StringKey): string => t(locale(), key);
/** A name kept in the data table of what it names, in the current language. */
export const named = (text: Text): string => text[locale()];
/** A string with `{name}` placeholders filled in. */
export const trf = (key: StringKey, params: Record<string, string>): string => tf(locale(), key, params);

export type ThemeChoice = 'system' | 'light' | 'dark';
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
const [theme, setThemeSignal] = createSignal<ThemeChoice>((localStorage.getItem(THEME_KEY) as ThemeChoice) || 'system');
const [systemDark, setSystemDark] = createSignal(darkQuery.matches);
darkQuery.addEventListener('change', (e) => setSystemDark(e.matches));
export { theme };

/** The theme in force: the seller's choice, or the system's. */
export const resolvedTheme = (): 'light' | 'dark' => {
  const c = theme();
  return c === 'system' ? (systemDark() ? 'dark' : 'light') : c;
};

export function setTheme(c: ThemeChoice): void {
  localStorage.setItem(THEME_KEY, c);
  setThemeSignal(c);
}

/** Phone width: tables become lists, whose rows fit the screen. */
const narrowQuery = window.matchMedia('(max-width: 640px)');
const [narrow, setNarrow] = createSignal(narrowQuery.matches);
narrowQuery.addEventListener('change', (e) => setNarrow(e.matches));
export { narrow };

const [engineStatus, setEngineStatus] = createSignal<EngineStatus | null>(null);
export { engineStatus, setEngineStatus };

/** Bumped after every change to the stored data, so views refetch. */
const [dataVersion, setDataVersion] = createSignal(0);
export { dataVersion };
export const bumpDataVersion = () => setDataVersion((v) => v + 1);
