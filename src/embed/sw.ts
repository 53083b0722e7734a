/**
 * The notebook's service worker, built by the embed kit's Vite plugin into `dist/sw.js` with the
 * list of every file the build emitted and a hash of their contents (`__PRECACHE__`,
 * `__PRECACHE_VERSION__`). Install precaches them all; fetches of them are answered from the
 * cache first; activate deletes this site's older caches. It never takes over by itself: a new
 * version waits until the page asks (`skip-waiting`, sent when the reader chooses to reload).
 */

import { SKIP_WAITING } from './swMessages';

declare const __PRECACHE__: readonly string[];
declare const __PRECACHE_VERSION__: string;

/** What this file uses of the worker's scope (the DOM lib types `self` as a Window). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  registration: { scope: string };
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

const sw = self as unknown as WorkerScope;
// Caches are per origin, and two copies of the notebook may live on one origin under different
// paths: each clears only its own older versions.
const PREFIX = `lstm-notebook ${sw.registration.scope} `;
const CACHE = PREFIX + __PRECACHE_VERSION__;
const urls = __PRECACHE__.map((path) => new URL(path, sw.location.href).href);
const precached = new Set(urls);

/** A redirected response cannot answer a navigation, so keep its body and headers only. */
async function clean(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  // All or nothing, like addAll: a version with a missing file must not install.
  const responses = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(new Request(url, { cache: 'reload' }));
      if (!response.ok) throw new Error(`Precaching ${url} failed: HTTP ${response.status}`);
      return [url, await clean(response)] as const;
    }),
  );
  await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
}

async function dropOldCaches(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(
    names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
  );
}

/** The cached file a request asks for: a folder means its index.html, whatever the query. */
function keyOf(request: Request): { url: string; ignoreSearch: boolean } | null {
  const url = new URL(request.url);
  const navigation = request.mode === 'navigate';
  if (navigation && url.pathname.endsWith('/')) url.pathname += 'index.html';
  url.hash = '';
  const bare = `${url.origin}${url.pathname}`;
  if (navigation && precached.has(bare)) return { url: bare, ignoreSearch: true };
  return precached.has(url.href) ? { url: url.href, ignoreSearch: false } : null;
}

async function cacheFirst(request: Request, key: { url: string; ignoreSearch: boolean }) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key.url, { ignoreSearch: key.ignoreSearch });
  return hit ?? fetch(request);
}

sw.addEventListener('install', (event) => event.waitUntil(precache()));

sw.addEventListener('activate', (event) =>
  // Claiming makes a first visit work offline at once, without a second load.
  event.waitUntil(dropOldCaches().then(() => sw.clients.claim())),
);

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  if (new URL(request.url).origin !== sw.location.origin) return;
  const key = keyOf(request);
  // Anything the build did not emit (a woff for an old browser, say) goes to the network as usual.
  if (key) event.respondWith(cacheFirst(request, key));
});

sw.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === SKIP_WAITING) void sw.skipWaiting();
});
