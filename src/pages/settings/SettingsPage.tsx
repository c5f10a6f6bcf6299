import { createResource, createSignal, For, Show } from 'solid-js';
import { engineStatus, locale, setLocale, setTheme, type ThemeChoice, theme, tr } from '../../app/state';
import { engine } from '../../app/useRange';
import { type CalendarOverrides, ramadanTable } from '../../calendar/events';
import { RAMADAN } from '../../calendar/ramadan';
import { LOCALES } from '../../i18n/locale';
import { BackupCard } from './WorkspaceBackup';

/**
 * The shop calendar's Ramadan and Lebaran dates per year, editable: the government's isbat can move them by
 * a day, and the forecasts follow the seller's dates once saved.
 */
function CalendarEditor() {
  const [stored, { refetch }] = createResource(() => engine().getCalendar());
  const [saved, setSaved] = createSignal(false);
  const save = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const ramadan: NonNullable<CalendarOverrides['ramadan']> = {};
    for (const r of RAMADAN) {
      const start = String(data.get(`start-${r.year}`) ?? r.start);
      const lebaran = String(data.get(`lebaran-${r.year}`) ?? r.lebaran);
      if (start !== r.start || lebaran !== r.lebaran) ramadan[String(r.year)] = { start, lebaran };
    }
    await engine().setCalendar({ ...(stored() ?? {}), ramadan });
    await refetch();
    setSaved(true);
  };
  return (
    <Show when={stored()}>
      {(c) => (
        <form
          class="card"
          data-testid="calendar"
          onSubmit={(e) => {
            e.preventDefault();
            void save(e.currentTarget);
          }}
        >
          <h2>{tr('calendarTitle')}</h2>
          <p class="muted small">{tr('calendarNote')}</p>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">{tr('calendarTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('calendarYear')}</th>
                  <th scope="col">{tr('calendarRamadan')}</th>
                  <th scope="col">{tr('calendarLebaran')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={ramadanTable(c())}>
                  {(r) => (
                    <tr>
                      <th scope="row">{r.year}</th>
                      <td>
                        <input
                          type="date"
                          name={`start-${r.year}`}
                          value={r.start}
                          aria-label={`${tr('calendarRamadan')} ${r.year}`}
                        />
                      </td>
                      <td>
                        <input
                          type="date"
                          name={`lebaran-${r.year}`}
                          value={r.lebaran}
                          aria-label={`${tr('calendarLebaran')} ${r.year}`}
                          data-testid={`lebaran-${r.year}`}
                        />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <div class="toolbar">
            <button type="submit" class="button" data-testid="calendar-save">
              {tr('calendarSave')}
            </button>
            <Show when={saved()}>
              <span class="muted" data-testid="calendar-saved">
                {tr('calendarSaved')}
              </span>
            </Show>
          </div>
        </form>
      )}
    </Show>
  );
}

export function SettingsPage() {
  return (
    <section class="page" data-testid="page-settings">
      <h1>{tr('page_settings')}</h1>
      <div class="card settings">
        <label class="field">
          <span class="field-label">{tr('language')}</span>
          <select
            data-testid="language"
            value={locale()}
            onChange={(e) => setLocale(e.currentTarget.value as (typeof LOCALES)[number])}
          >
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
      <Show when={engineStatus()?.state === 'ready'}>
        <BackupCard />
        <CalendarEditor />
      </Show>
    </section>
  );
}
