import { createSignal } from 'solid-js';
import { currencyOf, type Currency } from '../kernel/currency';
import type { Alert, WorkspaceApi } from '../automation/api';
import { alertText } from '../i18n/alerts';
import { t } from '../i18n/ui';
import { locale } from './state';

/** Bumped whenever the inbox or the report history may have changed, so views refetch. */
const [inboxVersion, setInboxVersion] = createSignal(0);
const [unread, setUnread] = createSignal(0);
export { inboxVersion, unread };

export const bumpInbox = () => setInboxVersion((v) => v + 1);

/** Re-reads the unread count (after marking read, or after automations ran). */
export async function refreshUnread(engine: WorkspaceApi): Promise<void> {
  setUnread((await engine.listAlerts()).filter((a) => !a.read).length);
}

/** Shows a system notification for a new inbox item, when the seller allowed them. */
async function notify(a: Alert, currency: Currency): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const title = a.kind === 'report' ? t(locale(), 'page_reports') : a.rule?.name || t(locale(), 'page_alerts');
  const options: NotificationOptions = {
    body: alertText(a, currency, locale()),
    tag: `toko-${a.id}`,
    data: { href: a.href },
    icon: '/icons/icon-192.png',
  };
  const reg = await navigator.serviceWorker?.getRegistration();
  if (reg) await reg.showNotification(title, options);
  else new Notification(title, options);
}

let running: Promise<void> | null = null;
let again = false;

/**
 * Runs what is due on this device: scheduled reports, then alert rules. Called when the app opens, after
 * every import and every few minutes while it is open. Runs never overlap: a call during a run makes one
 * more run after it, so an import that lands meanwhile is still evaluated.
 */
export function runAutomations(engine: WorkspaceApi): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      try {
        const [{ alerts }, info] = await Promise.all([engine.runAutomations(), engine.datasetInfo()]);
        for (const a of alerts) await notify(a, currencyOf(info)).catch(() => undefined);
      } catch (e) {
        console.warn('automations failed', e);
      }
      await refreshUnread(engine).catch(() => undefined);
      bumpInbox();
    } while (again);
    running = null;
  })();
  return running;
}

/** Starts the automations for an engine that just opened, and repeats them every 5 minutes. */
export function startAutomations(engine: WorkspaceApi): void {
  void runAutomations(engine);
  setInterval(() => void runAutomations(engine), 5 * 60_000);
}
