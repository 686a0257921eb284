/* The course's service worker, written into the built site by `make build`
 * (tools/offline.py fills in VERSION and PRECACHE; do not edit the copy in site/).
 *
 * Registered only over http(s), never on file://. On first visit it stores
 * every page and file the course needs, each once, so a reader can read every
 * page and take every quiz with no connection. It asks the server whether a
 * file changed ("no-cache") instead of downloading it again ("reload"): what
 * the page has just loaded comes from the browser's cache after a short "not
 * modified" answer. Pages (HTML) are fetched from the network
 * first, so readers see new content as soon as they are online; other files
 * come from this build's cache. Each build has its own cache; when a new build
 * takes over, the caches of older builds are deleted. */
"use strict";

var VERSION = "__VERSION__";
var PREFIX = "course-";
var CACHE = PREFIX + VERSION;
var PRECACHE = __PRECACHE__;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(PRECACHE.map(function (path) { return new Request(path, { cache: "no-cache" }); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf(PREFIX) === 0 && key !== CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isPage(request, url) {
  return request.mode === "navigate" || /(\.html|\/)$/.test(url.pathname);
}

/* A folder address (…/) is the same page as …/index.html. */
function cached(request, url) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (hit) {
      if (hit || !/\/$/.test(url.pathname)) return hit;
      return cache.match(url.pathname + "index.html");
    });
  });
}

function store(request, response) {
  if (response && response.ok && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isPage(request, url)) {
    event.respondWith(
      fetch(request).then(function (response) { return store(request, response); }).catch(function () {
        return cached(request, url).then(function (hit) { return hit || Response.error(); });
      })
    );
  } else {
    event.respondWith(
      cached(request, url).then(function (hit) {
        return hit || fetch(request).then(function (response) { return store(request, response); });
      })
    );
  }
});
