// Imported by the generated service worker: a tap on an alert or report notification opens its page in the
// app (an open window is focused and navigated, else a new one is opened). Same origin only.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const href = new URL(event.notification.data?.href || '/alerts', self.location.origin);
  if (href.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === href.origin);
      if (open) return open.focus().then((w) => w.navigate(href.href));
      return self.clients.openWindow(href.href);
    }),
  );
});
