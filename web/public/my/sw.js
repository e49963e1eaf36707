// The customer app's offline shell (docs/self-service.md, "The customer app"). The page and its files
// are fetched from the network first and kept in a cache, so that without a network the app still
// opens; the API is never cached here (personal data; the app keeps its last figures itself).
const CACHE = 'ecoute-my-shell-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(['/my/', '/my/manifest.webmanifest', '/my/icon.svg'])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('ecoute-my-') && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  const shell = request.mode === 'navigate' || url.pathname.startsWith('/assets/') || url.pathname.startsWith('/my/');
  if (!shell) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request.mode === 'navigate' ? '/my/' : request, copy));
        }
        return response;
      })
      .catch(async () => (await caches.match(request.mode === 'navigate' ? '/my/' : request)) ?? Response.error()),
  );
});
