/* Quiz page, integrity signals: count the times the attempt's page is left (hidden
   or unfocused) and the seconds away, and report the running totals to the server,
   which keeps the highest it has seen. It never blocks or warns anyone: the
   coordinator sees the totals as signals to judge. Kept apart from quiz.js. */
(function () {
  "use strict";
  var box = document.getElementById("focus-signals");
  var form = document.getElementById("quiz-form");
  if (!box || !form) return;
  var MAX_LOST = 1000, MAX_AWAY = 24 * 60 * 60;  // the server's caps (courses/focus.py)
  var url = box.dataset.url;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  // Start from the stored totals, so a reload keeps counting up.
  var lost = parseInt(box.dataset.lostCount, 10) || 0;
  var awayMs = (parseInt(box.dataset.awaySeconds, 10) || 0) * 1000;
  var awaySince = null;    // when the current time away began
  var leaving = false;     // submitting, reloading: the page goes hidden, not "left"
  var confirming = false;  // the submit confirmation dialog takes the focus

  function send() {
    var body = new URLSearchParams();
    body.set("csrfmiddlewaretoken", csrf);
    body.set("lost_count", String(Math.min(lost, MAX_LOST)));
    body.set("away_seconds", String(Math.min(Math.floor(awayMs / 1000), MAX_AWAY)));
    // A beacon still goes out when the tab is closed or frozen.
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) return;
    fetch(url, { method: "POST", credentials: "same-origin", body: body, keepalive: true })
      .catch(function () { /* a signal, not worth a retry */ });
  }
  function goAway() {
    if (awaySince !== null || leaving || confirming) return;
    awaySince = Date.now();
    lost += 1;
    send();
  }
  function comeBack() {
    if (awaySince === null) return;
    awayMs += Date.now() - awaySince;
    awaySince = null;
    send();
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { goAway(); return; }
    leaving = false;  // still here: whatever looked like leaving did not happen
    comeBack();
  });
  window.addEventListener("blur", goAway);
  window.addEventListener("focus", comeBack);
  // quiz.js asks for confirmation in its submit handler: mark the dialog before it
  // opens (capture) and clear the mark once every handler has run (bubble).
  document.addEventListener("submit", function () { confirming = true; }, true);
  window.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) leaving = true;
    window.setTimeout(function () { confirming = false; }, 300);
  });
  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; });
})();
