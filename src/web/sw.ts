/**
 * Ones' service worker, built to `/sw.js`: it keeps this build's app shell (index.html and the hashed
 * assets it loads) on the device, so the app — and the visit screen's queue of changes — opens when
 * Ones cannot be reached. It never answers for the API, /health or /ready: the app sees their
 * failures itself and says it is offline.
 */

/** This build's version and the files of its shell, written into the built worker by vite.config.ts. */
declare const __ONES_SHELL__: { version: string; index: string; files: string[] };

// The service worker's own globals; the project's TypeScript lib is the page's (DOM).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly location: { readonly origin: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
declare const self: ServiceWorkerScope;

const SHELL = __ONES_SHELL__;
const PREFIX = 'ones-shell-';
const CACHE = `${PREFIX}${SHELL.version}`;
/** Paths that always go to the network, so the app's own offline handling sees what happened. */
const NETWORK_ONLY = /^\/(?:api\/|health$|ready$)/;
/** What a proxy answers for a Ones that is down: no answer from Ones either. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache: the shell kept is the one just deployed.
      await cache.addAll(SHELL.files.map((url) => new Request(url, { cache: 'reload' })));
      // A tablet keeps the app open all day: the new build takes over without waiting for every tab to close.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      // The page that registered the worker is controlled at once, so it can be reloaded offline.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NETWORK_ONLY.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(navigate(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

/** Network first, so a new deploy shows on the next page load; the kept shell when Ones does not answer. */
async function navigate(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    return GATEWAY_DOWN.has(response.status) ? ((await keptShell()) ?? response) : response;
  } catch (err) {
    const kept = await keptShell();
    if (kept) return kept;
    throw err;
  }
}

async function keptShell(): Promise<Response | undefined> {
  return (await caches.open(CACHE)).match(SHELL.index);
}

/** Hashed assets never change under one name: the kept copy when there is one. */
async function asset(request: Request): Promise<Response> {
  return (await (await caches.open(CACHE)).match(request)) ?? fetch(request);
}

// A module to TypeScript, so the declarations above stay in this file; the built worker exports nothing.
export {};
