import { A, Navigate, Route, Router, type RouteSectionProps, useLocation, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, For, Match, on, onMount, Show, Switch } from 'solid-js';
import { RangePicker } from '../components/RangePicker';
import { ShopPicker } from '../components/ShopPicker';
import { setShops, shopSelection, shops, syncShopsFromUrl } from './shops';
import { type OpenProblem, startEngine, startOver } from './client';
import { formatInstant } from '../format/number';
import { BackupReminder, RestorePanel, RestoredNotice } from '../pages/settings/WorkspaceBackup';
import { CampaignsPage } from '../pages/campaigns/CampaignsPage';
import { DataPage } from '../pages/data/DataPage';
import { InsightsPage } from '../pages/insights/InsightsPage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { PredictionsPage } from '../pages/predictions/PredictionsPage';
import { ReportsPage } from '../pages/reports/ReportsPage';
import { AlertsPage } from '../pages/alerts/AlertsPage';
import { startAutomations, unread } from './automations';
import { showReports } from './imports';
import { ProductsPage } from '../pages/products/ProductsPage';
import { SalesPage } from '../pages/sales/SalesPage';
import { ShopsPage } from '../pages/shops/ShopsPage';
import { CashPage } from '../pages/cash/CashPage';
import { ServicePage } from '../pages/service/ServicePage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { TrafficPage } from '../pages/traffic/TrafficPage';
import { PAGES } from './pages';
import { registerServiceWorker, updateReady } from './pwa';
import { dataVersion, engineStatus, locale, resolvedTheme, setEngineStatus, tr, trf } from './state';

/** What the seller is told when the stored database did not open as it was saved. */
function openProblemText(p: OpenProblem): string {
  switch (p.code) {
    case 'database_missing':
      return trf(p.found === 'missing' ? 'dbMissing' : 'dbEmptied', {
        imports: String(p.marker.imports),
        saved: formatInstant(p.marker.savedAt, locale()),
      });
    case 'database_behind':
      return trf('dbBehind', {
        imports: String(p.imports),
        expected: String(p.marker.imports),
        saved: formatInstant(p.marker.savedAt, locale()),
      });
    case 'wal_set_aside':
      return trf('walSetAside', { file: p.keptAs });
  }
}

function Shell(props: RouteSectionProps) {
  const location = useLocation();
  const [params] = useSearchParams<{ shop?: string }>();
  const [drawer, setDrawer] = createSignal(false);
  createEffect(() => syncShopsFromUrl(params.shop));
  onMount(async () => {
    registerServiceWorker();
    const status = await startEngine(shopSelection);
    setEngineStatus(status);
    if (status.state === 'ready') {
      startAutomations(status.engine);
      void status.engine.interruptedImports().then(showReports);
    }
  });
  // The shops, read again after every change of data (an import names a shop after its seller).
  createEffect(
    on([dataVersion, engineStatus], ([, s]) => {
      if (s?.state === 'ready') void s.engine.listShops().then(setShops);
    }),
  );
  createEffect(() => {
    document.documentElement.lang = locale();
    document.documentElement.dataset.theme = resolvedTheme();
  });
  createEffect(() => {
    location.pathname;
    setDrawer(false);
  });
  const blocked = () => {
    const s = engineStatus();
    return s?.state === 'blocked' ? s : null;
  };
  const hideRange = () => ['/settings', '/reports', '/alerts'].includes(location.pathname);
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
        <Show when={shops().length > 1 && location.pathname !== '/settings' && location.pathname !== '/data'}>
          <ShopPicker testId="shop-picker" />
        </Show>
        <Show when={!hideRange() && (engineStatus() === null || engineStatus()?.state === 'ready')}>
          <RangePicker ready={engineStatus()?.state === 'ready'} />
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
                {tr(`page_${p}`)}
                <Show when={p === 'alerts' && unread() > 0}>
                  <span class="badge nav-badge" data-testid="unread-count" data-count={unread()}>
                    <span aria-hidden="true">{unread()}</span>
                    <span class="sr-only">{trf('inboxUnread', { n: String(unread()) })}</span>
                  </span>
                </Show>
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
            <Match when={blocked()}>
              {(b) => (
                <div class="status error" data-testid="engine-blocked" data-code={b().problem.code}>
                  <p>{openProblemText(b().problem)}</p>
                  <h2>{tr('restoreFromBackup')}</h2>
                  <RestorePanel preview={b().backup.preview} restore={b().backup.restore} />
                  <p>
                    <button
                      type="button"
                      class="secondary"
                      data-testid="start-over"
                      onClick={() => confirm(tr('startOverConfirm')) && startOver()}
                    >
                      {tr('startOver')}
                    </button>
                  </p>
                </div>
              )}
            </Match>
            <Match when={engineStatus()?.state === 'ready'}>
              <Show when={(engineStatus() as { problem: OpenProblem | null }).problem}>
                {(p) => (
                  <p class="status warning" data-testid="engine-repaired" data-code={p().code}>
                    {openProblemText(p())}
                  </p>
                )}
              </Show>
              <RestoredNotice />
              <BackupReminder />
              {props.children}
            </Match>
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
      <Route path="/cash" component={CashPage} />
      <Route path="/products" component={ProductsPage} />
      <Route path="/campaigns" component={CampaignsPage} />
      <Route path="/service" component={ServicePage} />
      <Route path="/predictions" component={PredictionsPage} />
      <Route path="/insights" component={InsightsPage} />
      <Route path="/shops" component={ShopsPage} />
      <Route path="/settings" component={SettingsPage} />
      <Route path="/reports" component={ReportsPage} />
      <Route path="/alerts" component={AlertsPage} />
      <Route path="*" component={() => <Navigate href={({ location }) => `/overview${location.search}`} />} />
    </Router>
  );
}
