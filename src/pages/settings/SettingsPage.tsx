import { locale, setLocale, setTheme, type ThemeChoice, theme, tr } from '../../app/state';
import { LOCALES } from '../../i18n/locale';

export function SettingsPage() {
  return (
    <section class="page" data-testid="page-settings">
      <h1>{tr('page_settings')}</h1>
      <div class="card settings">
        <label class="field">
          <span class="field-label">{tr('language')}</span>
          <select data-testid="language" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as (typeof LOCALES)[number])}>
            {LOCALES.map((l) => (
              <option value={l}>{l === 'id' ? 'Bahasa Indonesia' : 'English'}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tr('theme')}</span>
          <select data-testid="theme" value={theme()} onChange={(e) => setTheme(e.currentTarget.value as ThemeChoice)}>
            <option value="system">{tr('themeSystem')}</option>
            <option value="light">{tr('themeLight')}</option>
            <option value="dark">{tr('themeDark')}</option>
          </select>
        </label>
        <p class="muted small">{tr('privacyNote')}</p>
      </div>
    </section>
  );
}
