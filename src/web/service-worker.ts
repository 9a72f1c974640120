/**
 * Registers the service worker (src/web/sw.ts, built to `/sw.js`) that keeps the app on the device,
 * so a tablet that has opened Ones before opens it again when Ones cannot be reached. Built apps
 * only, whatever their NODE_ENV (tests build with `test`): Vite's dev server, the one place with
 * `import.meta.hot`, has no `/sw.js`, and a kept copy would hide each edit. A browser without
 * service workers, or a failed registration, leaves the app working online as before.
 */
export function registerServiceWorker(): void {
  if (import.meta.hot || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      console.warn('Ones will not open without a connection on this device: the service worker did not register.', err);
    });
  };
  // After the page has loaded, so keeping the shell does not compete with opening it.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
