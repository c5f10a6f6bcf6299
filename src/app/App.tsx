import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { Match, onMount, Switch } from 'solid-js';
import { startEngine } from '../engine/client';
import { LOCALES } from '../i18n/locale';
import { DataPage } from '../pages/data/DataPage';
import { engineStatus, locale, setEngineStatus, setLocale, tr } from './state';

function Layout(props: RouteSectionProps) {
  onMount(async () => {
    document.documentElement.lang = locale();
    setEngineStatus(await startEngine());
  });
  return (
    <div class="app">
      <header class="topbar">
        <a class="brand" href="/data">
          {tr('appName')}
        </a>
        <label class="lang">
          <span class="sr-only">{tr('language')}</span>
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
      </header>
      <main class="content">
        <Switch>
          <Match when={engineStatus() === null}>
            <p class="status" data-testid="engine-starting">
              {tr('starting')}
            </p>
          </Match>
          <Match when={engineStatus()?.state === 'other-tab'}>
            <p class="status error" data-testid="engine-other-tab">
              {tr('otherTab')}
            </p>
          </Match>
          <Match when={engineStatus()?.state === 'failed'}>
            <div class="status error" data-testid="engine-failed">
              <p>{tr('dbFailed')}</p>
              <pre>{(engineStatus() as { message: string }).message}</pre>
            </div>
          </Match>
          <Match when={engineStatus()?.state === 'ready'}>{props.children}</Match>
        </Switch>
      </main>
    </div>
  );
}

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/data" component={DataPage} />
      <Route path="*" component={() => <Navigate href={({ location }) => `/data${location.search}`} />} />
    </Router>
  );
}
