/* Service worker (config/pwa.py serves it at /sw.js; README "Learning offline").
   Caches only courses a learner keeps offline (courses/offline_pack.py lists them),
   My learning and static files; never a POST, never a page outside a pack.
   Pages: network first, the kept copy when offline. Static files and images:
   the kept copy first. Version __VERSION__. */
"use strict";
const C = {{ config|safe }};
const SHELL = "shell";  // static names are hashed: an old one is only unused
const META = "offline-meta";
const META_KEY = "/__offline-meta__";
const REFRESH_EVERY_MS = 5 * 60 * 1000;

// What was done offline (lesson done, practice answers) is sent by the offline queue;
// Background Sync wakes this worker to send it even with no page open.
if (C.queue) {
  importScripts(C.queue);
  self.addEventListener("sync", (event) => {
    if (event.tag === self.offlineQueue.SYNC_TAG) event.waitUntil(self.offlineQueue.flush());
  });
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/* The list of kept courses: {courses: {id: {title, bytes, opened, entries:
   {path: revision}, aliases: {path: kept path}}}, checked}, as one JSON response in
   its own cache. */
async function readMeta() {
  const hit = await (await caches.open(META)).match(META_KEY);
  return hit ? hit.json() : { courses: {}, checked: 0 };
}
async function writeMeta(meta) {
  await (await caches.open(META)).put(META_KEY, new Response(JSON.stringify(meta)));
}
function courseFor(meta, path) {
  return Object.keys(meta.courses).find((id) => meta.courses[id].entries[path] !== undefined);
}
async function touch(id) {
  const meta = await readMeta();
  if (meta.courses[id]) {
    meta.courses[id].opened = Date.now();
    await writeMeta(meta);
  }
}

/* Store one entry in a cache; its size, or -1 when it could not be fetched. */
async function store(cache, url) {
  const response = await fetch(url, { credentials: "same-origin", redirect: "manual" });
  if (!response.ok) return -1;
  const size = (await response.clone().blob()).size;
  await cache.put(url, response);
  return size;
}

async function download(pack, keep) {
  const cache = await caches.open("course-" + pack.course);
  const shell = await caches.open(SHELL);
  const entries = {};
  let bytes = 0;
  let failed = 0;
  // One request at a time: gentle on a slow link and on the server at exam time.
  for (const entry of pack.entries.filter((e) => keep(e))) {
    const target = entry.kind === "asset" || entry.kind === "page" ? shell : cache;
    const size = await store(target, entry.url).catch(() => -1);
    if (size < 0) failed += 1;
    // A course's size is its own pages and images; the shared shell is not counted.
    else if (target === cache) { bytes += size; entries[entry.url] = entry.revision; }
  }
  return { entries, bytes, failed };
}

/* Least recently opened courses go first, until the kept ones fit the budget. */
async function evict(meta, budget, keepId) {
  const evicted = [];
  const total = () => Object.values(meta.courses).reduce((sum, c) => sum + c.bytes, 0);
  while (total() > budget) {
    const others = Object.keys(meta.courses).filter((id) => id !== keepId);
    if (!others.length) break;
    others.sort((a, b) => meta.courses[a].opened - meta.courses[b].opened);
    evicted.push(meta.courses[others[0]].title);
    await forget(meta, others[0]);
  }
  return evicted;
}
async function forget(meta, id) {
  delete meta.courses[id];
  await caches.delete("course-" + id);
}

async function fetchPack(id) {
  const response = await fetch(C.pack.replace("/0/", "/" + id + "/"), {
    credentials: "same-origin", redirect: "manual", cache: "no-store",
  });
  // 404: not enrolled any more, or the course is gone. Signed out (401) or a server
  // error: try again later, the kept pages stay.
  if (response.status === 404) return null;
  if (!response.ok) throw new Error("pack " + response.status);
  return response.json();
}

async function keepCourse(id) {
  const pack = await fetchPack(id);
  if (!pack) return { ok: false, reason: "refused" };
  if (pack.course_bytes > pack.budget_bytes) return { ok: false, reason: "budget" };
  const got = await download(pack, () => true);
  const meta = await readMeta();
  meta.courses[id] = {
    title: pack.title, bytes: got.bytes,
    opened: Date.now(), entries: got.entries, aliases: pack.aliases || {},
  };
  const evicted = await evict(meta, pack.budget_bytes, String(id));
  await writeMeta(meta);
  return { ok: got.failed === 0, reason: got.failed ? "partial" : "", bytes: got.bytes, evicted };
}

/* On reconnect: fetch each kept course's pack again; what the editor published
   again is downloaded again, what left the course is dropped, and a course the
   learner is no longer enrolled in is forgotten. */
async function refresh(force, user, onlyUser) {
  let meta = await readMeta();
  if (user && meta.user !== user) {
    // Kept pages are one account's: another one signed in on this browser.
    if (meta.user) { await forgetEverything(); meta = { courses: {}, checked: 0 }; }
    meta.user = user;
    await writeMeta(meta);
  }
  if (onlyUser || (!force && Date.now() - meta.checked < REFRESH_EVERY_MS)) return;
  meta.checked = Date.now();
  for (const id of Object.keys(meta.courses)) {
    const kept = meta.courses[id];
    const pack = await fetchPack(id).catch(() => undefined);
    if (pack === undefined) return;  // offline again: try later
    if (pack === null) { await forget(meta, id); continue; }
    const wanted = new Set(pack.entries.map((e) => e.url));
    const cache = await caches.open("course-" + id);
    for (const url of Object.keys(kept.entries)) {
      if (!wanted.has(url)) { delete kept.entries[url]; await cache.delete(url); }
    }
    const shell = new Set((await (await caches.open(SHELL)).keys()).map((r) => new URL(r.url).pathname));
    const got = await download(pack, (e) => e.kind === "page" ||
      (e.kind === "asset" ? !shell.has(e.url) : kept.entries[e.url] !== e.revision));
    Object.assign(kept.entries, got.entries);
    kept.aliases = pack.aliases || {};
    kept.bytes = 0;
    for (const response of await Promise.all((await cache.keys()).map((r) => cache.match(r)))) {
      kept.bytes += (await response.blob()).size;
    }
  }
  await writeMeta(meta);
}

self.addEventListener("message", (event) => {
  const reply = (data) => event.ports[0] && event.ports[0].postMessage(data);
  const { type, course } = event.data || {};
  const work = {
    keep: () => keepCourse(course),
    forget: async () => { const meta = await readMeta(); await forget(meta, String(course)); await writeMeta(meta); return { ok: true }; },
    status: async () => { const meta = await readMeta(); const kept = meta.courses[String(course)]; return { kept: !!kept, bytes: kept ? kept.bytes : 0 }; },
    refresh: async () => {
      await refresh(event.data.force, event.data.user, event.data.onlyUser);
      return { ok: true };
    },
  }[type];
  if (work) event.waitUntil(work().then(reply, (error) => reply({ ok: false, reason: String(error) })));
});

function offlinePage() {
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${C.offlineTitle}</title><link rel="stylesheet" href="${C.stylesheet}"></head>
<body><main id="main" class="wrap"><h1>${C.offlineTitle}</h1><p>${C.offlineText}</p>
<p><a class="button" href="${C.home}">${C.offlineLink}</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function page(request, url) {
  const meta = await readMeta();
  const id = courseFor(meta, url.pathname);
  try {
    const response = await fetch(request);
    // Keep the fresh copy of a kept page (never a redirect, an error or a page
    // that asked not to be stored).
    const storable = response.ok && !response.redirected &&
      !/no-store/.test(response.headers.get("Cache-Control") || "");
    if (storable && id) {
      await (await caches.open("course-" + id)).put(url.pathname, response.clone());
      await touch(id);
    } else if (storable && url.pathname === C.home && Object.keys(meta.courses).length) {
      await (await caches.open(SHELL)).put(url.pathname, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await caches.match(url.pathname, { ignoreSearch: true });
    if (kept) { if (id) await touch(id); return kept; }
    for (const course of Object.values(meta.courses)) {
      const target = (course.aliases || {})[url.pathname];
      if (target) return Response.redirect(target, 302);
    }
    return offlinePage();
  }
}

/* A wider screen asks for a larger rendition than the pack holds: offline, any
   kept rendition of the same image will do ("photo.format-webp.width-1080.webp"). */
async function keptRendition(url) {
  const stem = url.pathname.split(".")[0];
  for (const name of await caches.keys()) {
    if (!name.startsWith("course-")) continue;
    const cache = await caches.open(name);
    const hit = (await cache.keys()).reverse().find((r) => new URL(r.url).pathname.split(".")[0] === stem);
    if (hit) return cache.match(hit);
  }
  return undefined;
}

async function asset(request, url) {
  const kept = await caches.match(request, { ignoreSearch: true });
  if (kept) return kept;
  try {
    const response = await fetch(request);
    if (response.ok && url.pathname.startsWith(C.static)) {
      const meta = await readMeta();
      if (Object.keys(meta.courses).length) await (await caches.open(SHELL)).put(request, response.clone());
    }
    return response;
  } catch (error) {
    const other = url.pathname.startsWith(C.media) && await keptRendition(url);
    if (other) return other;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Signing out of a shared computer takes the kept pages with it.
    if (url.pathname === C.logout) event.waitUntil(forgetEverything());
    return;
  }
  if (request.mode === "navigate") event.respondWith(page(request, url));
  else if (url.pathname.startsWith(C.static) || url.pathname.startsWith(C.media)) {
    event.respondWith(asset(request, url));
  }
});

async function forgetEverything() {
  for (const name of await caches.keys()) await caches.delete(name);
}
