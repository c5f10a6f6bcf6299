import { A, Navigate, Route, Router, type RouteSectionProps, useLocation } from '@solidjs/router';
import { createEffect, createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import { RangePicker } from '../components/RangePicker';
import { startEngine } from '../engine/client';
import type { StringKey } from '../i18n/ui';
import { CampaignsPage } from '../pages/campaigns/CampaignsPage';
import { DataPage } from '../pages/data/DataPage';
import { InsightsPage } from '../pages/insights/InsightsPage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { PredictionsPage } from '../pages/predictions/PredictionsPage';
import { NotBuiltPage } from '../pages/placeholder/NotBuiltPage';
import { ProductsPage } from '../pages/products/ProductsPage';
import { SalesPage } from '../pages/sales/SalesPage';
import { ServicePage } from '../pages/service/ServicePage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { TrafficPage } from '../pages/traffic/TrafficPage';
import { PAGES, type PageId } from './pages';
import { registerServiceWorker, updateReady } from './pwa';
import { engineStatus, locale, resolvedTheme, setEngineStatus, tr } from './state';

/** Pages whose capability is still to be built, with the issue that builds it. */
const NOT_BUILT: Partial<Record<PageId, StringKey>> = {
  reports: 'nb_reports',
  alerts: 'nb_alerts',
};

function Shell(props: RouteSectionProps) {
  const location = useLocation();
  const [drawer, setDrawer] = createSignal(false);
  onMount(async () => {
    registerServiceWorker();
    setEngineStatus(await startEngine());
  });
  createEffect(() => {
    document.documentElement.lang = locale();
    document.documentElement.dataset.theme = resolvedTheme();
  });
  createEffect(() => {
    location.pathname;
    setDrawer(false);
  });
  const hideRange = () => ['/settings'].includes(location.pathname);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {tr('skipToContent')}
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-button"
          aria-label={tr('menu')}
          aria-expanded={drawer()}
          aria-controls="nav"
          onClick={() => setDrawer(!drawer())}
        >
          <span aria-hidden="true">☰</span>
        </button>
        <A class="brand" href={`/overview${location.search}`}>
          {tr('appName')}
        </A>
        <Show when={engineStatus()?.state === 'ready' && !hideRange()}>
          <RangePicker />
        </Show>
      </header>
      <Show when={updateReady()}>
        {(apply) => (
          <div class="update-banner" role="status">
            <span>{tr('updateReady')}</span>
            <button type="button" class="primary small-button" onClick={() => apply()()}>
              {tr('reload')}
            </button>
          </div>
        )}
      </Show>
      <div class="body">
        <nav id="nav" class="sidenav" classList={{ open: drawer() }} aria-label={tr('navigation')}>
          <For each={PAGES}>
            {(p) => (
              <A href={`/${p}${location.search}`} activeClass="active" data-testid={`nav-${p}`}>
                {tr(`page_${p}` as StringKey)}
              </A>
            )}
          </For>
        </nav>
        <Show when={drawer()}>
          <button type="button" class="scrim" aria-label={tr('closeMenu')} onClick={() => setDrawer(false)} />
        </Show>
        <main id="main" class="content" tabindex="-1">
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
    </div>
  );
}

export function App() {
  return (
    <Router root={Shell}>
      <Route path="/overview" component={OverviewPage} />
      <Route path="/data" component={DataPage} />
      <Route path="/traffic" component={TrafficPage} />
      <Route path="/sales" component={SalesPage} />
      <Route path="/products" component={ProductsPage} />
      <Route path="/campaigns" component={CampaignsPage} />
      <Route path="/service" component={ServicePage} />
      <Route path="/predictions" component={PredictionsPage} />
      <Route path="/insights" component={InsightsPage} />
      <Route path="/settings" component={SettingsPage} />
      {Object.entries(NOT_BUILT).map(([page, key]) => (
        <Route path={`/${page}`} component={() => <NotBuiltPage page={page as PageId} message={key} />} />
      ))}
      <Route path="*" component={() => <Navigate href={({ location }) => `/overview${location.search}`} />} />
    </Router>
  );
}
