/* Offline queue (issue 18): "lesson done" and practice-quiz answers made without a
   connection wait in IndexedDB and go to POST /hoc/dong-bo/ (courses:offline_sync)
   when it returns: on the "online" event, on every page load, and by Background
   Sync where the browser has it. The server is the record and ignores a replay.

   offlineQueue.add(item)  item {kind: "lesson_done", lesson: <page id>} or
                           {kind: "practice_answers", quiz: <page id>, answers: {...}};
                           the id, time and learner are added. A Promise of the item.
   offlineQueue.flush()    sends the signed-in learner's items; a Promise of the
                           server's results ([] when none, null when not sent).
   offlineQueue.has(id)    a Promise: whether that item still waits to be sent.
   offlineQueue.SYNC_TAG   the Background Sync tag that add() registers.

   For the service worker (pwa): importScripts this file, then
     self.addEventListener("sync", function (e) {
       if (e.tag === offlineQueue.SYNC_TAG) e.waitUntil(offlineQueue.flush());
     });
   A worker sends for the learner of the last page seen, with that page's CSRF
   token (both kept in IndexedDB); refusals then wait as messages on the next page.
   Pages also get a "offline-queue-sent" event (detail: results). No dependencies. */
(function (scope) {
  "use strict";
  var URL = "/hoc/dong-bo/", TAG = "offline-queue", DB = "offline-queue";
  var isPage = typeof document !== "undefined";
  var config = isPage ? document.getElementById("offline-queue") : null;
  var flushing = null;

  function open() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("items", { keyPath: "id" });
        request.result.createObjectStore("meta");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode), result;
        work(tx.objectStore(store), function (value) { result = value; });
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }
  function all(store) {
    return run(store, "readonly", function (s, done) {
      var request = s.getAll();
      request.onsuccess = function () { done(request.result); };
    });
  }
  function meta() {
    return run("meta", "readonly", function (s, done) {
      var request = s.get("page");
      request.onsuccess = function () { done(request.result || {}); };
    });
  }
  function has(id) {
    return run("items", "readonly", function (s, done) {
      var request = s.count(id);
      request.onsuccess = function () { done(request.result > 0); };
    });
  }
  function uuid() {
    if (scope.crypto && scope.crypto.randomUUID) return scope.crypto.randomUUID();
    var b = scope.crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h += (b[i] + 256).toString(16).slice(1) + ([3, 5, 7, 9].indexOf(i) > -1 ? "-" : "");
    return h;
  }

  function add(item) {
    var user = config && config.dataset.user;
    var kept = Object.assign({}, item, { id: uuid(), at: new Date().toISOString(), user: user });
    return run("items", "readwrite", function (s) { s.put(kept); }).then(function () {
      if (isPage && navigator.serviceWorker && scope.SyncManager) {
        navigator.serviceWorker.ready.then(function (reg) {
          return reg.sync.register(TAG);
        }).catch(function () { /* no worker: flushed on load and "online" */ });
      }
      return kept;
    });
  }

  function send() {
    return Promise.all([all("items"), meta()]).then(function (found) {
      var who = found[1];
      var mine = found[0].filter(function (item) { return item.user === who.user; });
      if (!mine.length || !who.csrf) return [];
      var items = mine.map(function (item) {
        var copy = Object.assign({}, item);
        delete copy.user;
        return copy;
      });
      return fetch(URL, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": who.csrf },
        body: JSON.stringify({ items: items, user: who.user, shown: isPage })
      }).then(function (response) {
        if (!response.ok) return null;  // signed out or stale token: kept for later
        return response.json().then(function (body) {
          var results = body.results || [];
          return run("items", "readwrite", function (s) {
            results.forEach(function (r) { if (r.id) s.delete(r.id); });
          }).then(function () { return results; });
        });
      });
    }).catch(function () { return null; });
  }

  function flush() {
    if (!flushing) {
      // One sender at a time across tabs and the worker: the others then find
      // the queue empty instead of sending the same items again.
      var locks = scope.navigator && scope.navigator.locks;
      var sent = locks ? locks.request(TAG, send) : send();
      flushing = sent.then(function (results) {
        flushing = null;
        if (isPage && results && results.length) report(results);
        return results;
      });
    }
    return flushing;
  }

  // Pages: a status region at the top of the main content, made when needed.
  function say(lines) {
    var box = document.querySelector("[data-offline-report]");
    if (!box) {
      box = document.createElement("div");
      box.className = "messages";
      box.setAttribute("role", "status");
      box.setAttribute("data-offline-report", "");
      var wrap = document.querySelector("#main .wrap") || document.body;
      wrap.insertBefore(box, wrap.firstChild);
    }
    box.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.className = "message message-" + line[0];
      p.textContent = line[1];
      box.appendChild(p);
    });
  }
  // What was sent, and why anything was refused.
  function report(results) {
    var saved = results.filter(function (r) { return r.status !== "refused"; }).length;
    var lines = results.filter(function (r) { return r.status === "refused"; })
      .map(function (r) { return ["warning", r.message]; });
    if (saved) lines.unshift(["success", config.dataset.textSent.replace("{n}", saved)]);
    say(lines);
    document.dispatchEvent(new CustomEvent("offline-queue-sent", { detail: results }));
  }

  scope.offlineQueue = { add: add, flush: flush, has: has, SYNC_TAG: TAG };
  if (!isPage || !config || !scope.indexedDB) return;

  // Offline-only notes (timed quizzes, exams) show while there is no connection.
  function notes() {
    document.querySelectorAll("[data-online-only]").forEach(function (note) {
      note.hidden = navigator.onLine;
    });
  }
  // "Lesson done" without a connection: kept here, sent later. Any other form
  // posted offline would only fail (and lose the page): say so instead.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (navigator.onLine || event.defaultPrevented) return;
    if (form.dataset.offline === "lesson_done") {
      event.preventDefault();
      add({ kind: "lesson_done", lesson: parseInt(form.dataset.lesson, 10) }).then(function () {
        var p = document.createElement("p");
        p.className = "done-note";
        p.setAttribute("role", "status");
        p.textContent = config.dataset.textQueued;
        form.replaceWith(p);
      });
    } else if (form.method === "post") {
      event.preventDefault();
      say([["warning", config.dataset.textNeedsConnection]]);
    }
  });
  scope.addEventListener("online", function () { notes(); flush(); });
  scope.addEventListener("offline", notes);
  notes();
  run("meta", "readwrite", function (s) {
    s.put({ user: config.dataset.user, csrf: config.dataset.csrf }, "page");
  }).then(function () { if (navigator.onLine) flush(); });
})(self);
