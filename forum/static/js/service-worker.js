/* Foro's service worker: served as /sw.js so that its scope is the whole site.
 *
 * - Static files (Bootstrap as served locally, forum.css, the scripts, the icons) are kept
 *   at install, read from the offline page's own links, and served from the cache first.
 * - Pages: network first. Only the pages a delegate needs at the venue (Today, My meetings,
 *   the programme and its sessions, the photos Today shows) are kept, as last opened, and
 *   shown when the network fails. Any other page never opened shows the offline page.
 * - Never kept: anything but GET, organizer pages (/manage), the login and account pages,
 *   error answers. Logging out clears everything (Clear-Site-Data, and offline.js).
 * - The worker's own requests for static files go without cookies (see
 *   forum/web/session_cookie.py: a late answer would bring back an older session).
 */
"use strict";

const VERSION = "v1";
const STATIC_CACHE = "foro-static-" + VERSION;
const PAGES_CACHE = "foro-pages-" + VERSION;
const OFFLINE_URL = "/offline";
const ICONS = ["/static/icons/foro.svg", "/static/icons/foro-192.png"];
const KEPT_PAGES = [
  /^\/events\/[^/]+\/today$/,
  /^\/events\/[^/]+\/meetings$/,
  /^\/events\/[^/]+\/programme$/,
  /^\/events\/[^/]+\/sessions\/\d+$/,
  /^\/events\/[^/]+\/registrations\/\d+\/photo$/,
];
const STATIC_PATH = /^\/(static|bootstrap\/static)\//;
const ASSET_LINK = /(?:href|src)="(\/(?:static|bootstrap\/static)\/[^"]+)"/g;

function isKept(url) {
  return url.origin === self.location.origin &&
    !url.pathname.includes("/manage") &&
    KEPT_PAGES.some((pattern) => pattern.test(url.pathname));
}

async function precache() {
  const cache = await caches.open(STATIC_CACHE);
  const response = await fetch(OFFLINE_URL, { credentials: "omit" });
  const html = await response.clone().text();
  const assets = new Set(ICONS);
  for (const match of html.matchAll(ASSET_LINK)) {
    assets.add(match[1].replace(/&amp;/g, "&"));
  }
  await Promise.all([...assets].map(async (asset) => {
    const file = await fetch(asset, { credentials: "omit" });
    if (file.ok) {
      await cache.put(asset, file);
    }
  }));
  await cache.put(OFFLINE_URL, response);
}

async function keep(request, response) {
  if (!response || response.status !== 200 || response.redirected) {
    return;
  }
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(request, response);
}

async function networkFirst(event) {
  try {
    const response = await fetch(event.request);
    if (isKept(new URL(event.request.url))) {
      event.waitUntil(keep(event.request, response.clone()));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(event.request, { cacheName: PAGES_CACHE, ignoreVary: true });
    if (kept) {
      return kept;
    }
    if (event.request.mode === "navigate") {
      const offline = await caches.match(OFFLINE_URL, { cacheName: STATIC_CACHE });
      if (offline) {
        return offline;
      }
    }
    throw error;
  }
}

async function cacheFirst(event) {
  const cached = await caches.match(event.request, { cacheName: STATIC_CACHE });
  // Without cookies: a late answer must not bring back an older session cookie.
  const refresh = fetch(event.request.url, { credentials: "omit" }).then(async (response) => {
    if (response.ok) {
      const cache = await caches.open(STATIC_CACHE);
      await cache.put(event.request, response.clone());
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined)); // fresh next time
    return cached;
  }
  return refresh;
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const current = new Set([STATIC_CACHE, PAGES_CACHE]);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("foro-") && !current.has(name))
          .map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return; // the browser's own handling: POSTs and other sites never touch the caches
  }
  if (STATIC_PATH.test(url.pathname)) {
    event.respondWith(cacheFirst(event));
  } else if (request.mode === "navigate" || isKept(url)) {
    event.respondWith(networkFirst(event));
  }
});

/* A page opened before the worker took control asks to be kept (offline.js sends its URL and
 * the images it shows), so that the first visit to Today already works offline. */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) {
    event.waitUntil(Promise.all(data.urls.map(async (href) => {
      const url = new URL(href, self.location.origin);
      if (!isKept(url)) {
        return;
      }
      // The header asks the page not to send the session cookie back (web/session_cookie.py).
      const request = new Request(url.href, {
        credentials: "same-origin",
        headers: { "X-Foro-Keep": "1" },
      });
      const response = await fetch(request).catch(() => null);
      await keep(request, response);
    })));
  } else if (data.type === "forget") {
    event.waitUntil(caches.delete(PAGES_CACHE));
  }
});
