/**
 * Registers /m/sw.js (built by vite-plugin-pwa's generateSW): it precaches the app shell, so /m/ opens
 * with no network after one visit. A new build's worker takes over at once (skipWaiting, clientsClaim);
 * the page keeps running the code it loaded until it is opened again. Not in development (Vite serves
 * the sources), nor where the browser has no service workers (plain HTTP on a LAN address).
 */
export function registerServiceWorker() {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return
  void navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => {})
}
