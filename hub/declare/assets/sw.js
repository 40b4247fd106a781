// The declaration page's service worker (served as /sw.js?v=<asset version>, scope /). At the door without network
// the phone still opens the page: this worker keeps the page (each address the phone opened: / and /c/<checkpoint>;
// its stylesheet is inside it) and its script, and serves the kept copy, marked data-offline, when the network fails.
// The QR itself is kept by the page in localStorage. Pages go network first (always fresh with network); the versioned
// script goes cache first. A new version (new ?v=) replaces the old cache.
'use strict';
var VERSION = new URL(self.location.href).searchParams.get('v') || '0';
var CACHE = 'kbyt-' + VERSION;
var ASSETS = ['/declare.js?v=' + VERSION];

function isPage(url) {
  return url.origin === self.location.origin && (url.pathname === '/' || /^\/c\/[^/]+$/.test(url.pathname));
}

// Fetches a page and keeps a copy when the hub answered it (never an error page).
function keep(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      return caches.open(CACHE).then(function (cache) { return cache.put(new URL(request.url).pathname, copy); }).then(function () { return response; });
    }
    return response;
  });
}

// The kept copy of that page (else of /), marked data-offline so the page says it is offline.
function offlineCopy(pathname) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(pathname).then(function (hit) { return hit || cache.match('/'); });
  }).then(function (hit) {
    if (!hit) return Response.error();
    return hit.text().then(function (text) {
      var headers = { 'content-type': 'text/html; charset=utf-8' };
      var csp = hit.headers.get('content-security-policy');
      if (csp) headers['content-security-policy'] = csp;
      return new Response(text.replace('<body ', '<body data-offline="1" '), { headers: headers });
    });
  });
}

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('kbyt-') === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isPage(url)) {
    event.respondWith(keep(request).catch(function () { return offlineCopy(url.pathname); }));
  } else if (ASSETS.indexOf(url.pathname + url.search) >= 0) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
  }
});

// The page asks for its own address to be kept (the first visit is not yet under this worker's control).
self.addEventListener('message', function (event) {
  var path = event.data && event.data.keep;
  if (typeof path === 'string' && isPage(new URL(path, self.location.origin))) {
    event.waitUntil(keep(new Request(path)).catch(function () { return undefined; }));
  }
});
