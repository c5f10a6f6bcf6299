import { createSignal } from 'solid-js';
import { Workbox } from 'workbox-window';

/** Set when a new version of the app is installed and waiting: calling it activates it and reloads. */
const [updateReady, setUpdateReady] = createSignal<(() => void) | null>(null);
export { updateReady };

/**
 * Registers the service worker that precaches the app (DuckDB wasm and the sample exports included), so
 * that after the first visit everything works offline. A new version waits until the seller accepts it.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js');
  wb.addEventListener('waiting', () => {
    setUpdateReady(() => () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register();
}
