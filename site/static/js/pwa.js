/* The installable app on every page (config/pwa.py, site/templates/sw.js): the quiet
   offline banner, the service worker for signed-in learners (data-sw), a check of
   the kept courses when the connection returns, and the install hint on My learning. */
(function () {
  "use strict";
  var banner = document.getElementById("offline-banner");
  var script = document.currentScript;
  function showState() {
    if (banner) banner.hidden = navigator.onLine;
  }
  showState();
  window.addEventListener("offline", showState);

  var sw = script && script.getAttribute("data-sw");
  if (!sw || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(sw, { scope: "/" });

  /* Ask the worker something; resolves with its answer. */
  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }
  window.offlinePages = { ask: ask };
  var user = script.getAttribute("data-user");
  window.addEventListener("online", function () {
    showState();
    ask({ type: "refresh", force: true, user: user });
  });
  // Also when offline: another account on this browser must not see these pages.
  ask({ type: "refresh", user: user, onlyUser: !navigator.onLine });

  var hint = document.getElementById("install-hint");
  if (!hint) return;
  var prompt = null;
  var DISMISSED = "install-hint-dismissed";
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    prompt = event;
    try { if (localStorage.getItem(DISMISSED)) return; } catch (e) { /* private mode */ }
    hint.hidden = false;
  });
  hint.querySelector("[data-role=install]").addEventListener("click", function () {
    hint.hidden = true;
    if (prompt) prompt.prompt();
  });
  hint.querySelector("[data-role=dismiss]").addEventListener("click", function () {
    hint.hidden = true;
    try { localStorage.setItem(DISMISSED, "1"); } catch (e) { /* private mode */ }
  });
})();
