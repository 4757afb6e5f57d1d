// Buurtwijzer's service worker, served by frontend/views/offline.py at /sw.js.
// Pages: network first, the saved copy when the network fails (marked with its date for
// offline.js). Only responses the server marks with the offline header are saved: never a
// logged-in page, the workspace, the dashboard or the API. Static files: cache first, in a
// cache named after the static files' version. Logging out empties the saved pages.
const CONFIG = {{ config }};
const STATIC = "bw-static-" + CONFIG.version;
const PAGES = "bw-pages";
const LINE = "bw-line"; // how long the last page took to start arriving: no personal data
const LINE_KEY = new URL("/__line", location.origin).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC).then((cache) => cache.addAll(CONFIG.precache)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const older = (await caches.keys()).filter((name) => name.startsWith("bw-static-") && name !== STATIC);
      // The newest older version stays, for the scripts of pages saved before this one.
      await Promise.all(older.slice(0, -1).map((name) => caches.delete(name)));
      await self.clients.claim();
    })()
  );
});

function keepable(response) {
  const control = response.headers.get("Cache-Control") || "";
  return (
    response.ok &&
    response.type === "basic" &&
    response.headers.get(CONFIG.header) === CONFIG.allow &&
    !/private|no-store/.test(control)
  );
}

async function remember(request, response) {
  const cache = await caches.open(PAGES);
  if (keepable(response)) await cache.put(request, response.clone());
  // A page that is no longer public (or gone) is not kept; a server error keeps the copy.
  else if (response.status < 500) await cache.delete(request, { ignoreVary: true });
}

async function marked(saved, why) {
  const since = new Date(saved.headers.get("Date") || Date.now()).toISOString();
  const mark = `<html data-offline-since="${since}" data-offline-why="${why}"`;
  const html = (await saved.text()).replace("<html", mark);
  const headers = new Headers(saved.headers);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  return new Response(html, { status: saved.status, statusText: saved.statusText, headers });
}

// The line's speed survives the worker being stopped between pages, for a while.
async function noteLine(roundTripMs) {
  const cache = await caches.open(LINE);
  await cache.put(LINE_KEY, Response.json({ roundTripMs, at: Date.now() }));
}

async function lineIsSlow() {
  const noted = await caches.match(LINE_KEY, { cacheName: LINE });
  if (!noted) return false;
  const { roundTripMs, at } = await noted.json();
  return roundTripMs > CONFIG.slowLine && Date.now() - at < CONFIG.lineMemory;
}

// Network first; on a line slower than CONFIG.patience ms the saved copy shows meanwhile,
// and the fresh page is saved for the next visit. On a line the last page found slow the
// saved copy shows at once: waiting would only add the patience to every page.
async function page(event) {
  const request = event.request;
  const started = Date.now();
  const network = fetch(request);
  event.waitUntil(network.then(() => noteLine(Date.now() - started)).catch(() => {}));
  event.waitUntil(network.then((response) => remember(request, response.clone())).catch(() => {}));
  const saved = caches.match(request, { cacheName: PAGES, ignoreVary: true });
  const patience = (await lineIsSlow()) ? 0 : CONFIG.patience;
  const wait = new Promise((resolve) => setTimeout(resolve, patience));
  let shown = false;
  const slow = wait.then(() => saved).then((copy) => {
    shown = Boolean(copy);
    return copy ? marked(copy, "slow") : network;
  });
  // The saved copy showed and the fresh page came after all: offline.js offers it.
  const tell = network.then(async (response) => {
    const client = shown && keepable(response) && (await self.clients.get(event.resultingClientId));
    if (client) client.postMessage({ fresh: request.url });
  });
  event.waitUntil(tell.catch(() => {}));
  try {
    return await Promise.race([network, slow]);
  } catch (error) {
    const copy = await saved;
    if (!copy) throw error;
    return marked(copy, "offline");
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request);
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const older = await caches.match(request); // an older version's copy, offline
    if (!older) throw error;
    return older;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method === "POST" && CONFIG.logout.includes(url.pathname)) {
    event.respondWith(caches.delete(PAGES).then(() => fetch(request)));
  } else if (request.method !== "GET") {
    return;
  } else if (url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(event));
  }
});

// A page opened before the worker controlled it (the first visit): save it and its files.
self.addEventListener("message", (event) => {
  const { save, files, roundTripMs } = event.data || {};
  if (!save || new URL(save).origin !== location.origin) return;
  event.waitUntil(
    (async () => {
      if (Number.isFinite(roundTripMs)) await noteLine(roundTripMs);
      try {
        await remember(save, await fetch(save));
      } catch {
        return; // offline already: nothing to save
      }
      const cache = await caches.open(STATIC);
      const own = (files || []).filter((file) => new URL(file).pathname.startsWith(CONFIG.static));
      await Promise.all(own.map(async (file) => (await cache.match(file)) || cache.add(file).catch(() => {})));
    })()
  );
});
