/* Quiz page: autosave each change, keep unsaved answers through a dropped connection,
   count down the server's deadline and submit when it is reached. No dependencies. */
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) return;
  var status = form.querySelector("[data-save-status]");
  var storeKey = "quiz-attempt-" + form.dataset.attempt;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var saving = false, again = false, submitting = false;

  function answers() {
    var result = {};
    form.querySelectorAll("input[type=radio]:checked, input[type=checkbox]:checked")
      .forEach(function (input) {
        (result[input.name] = result[input.name] || []).push(input.value);
      });
    return result;
  }
  function say(text) { if (status) status.textContent = text; }
  function remember(data) {
    try { localStorage.setItem(storeKey, JSON.stringify(data)); } catch (e) { /* private mode */ }
  }
  function recalled() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { return null; }
  }

  function save() {
    if (submitting) return;
    var data = answers();
    remember({ answers: data, pending: true });
    if (saving) { again = true; return; }
    saving = true;
    say(form.dataset.textSaving);
    fetch(form.dataset.saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ answers: data })
    }).then(function (response) {
      return response.json().then(function (body) { return [response, body]; });
    }).then(function (pair) {
      var response = pair[0], body = pair[1];
      if (response.ok) {
        remember({ answers: data, pending: false });
        say(form.dataset.textSaved + " " + body.saved_at);
        if (typeof body.seconds_left === "number") moveDeadline(body.seconds_left);
      } else if (response.status === 409) {
        // Closed or time up: nothing more is saved. Say why, then show the result
        // (which repeats the message).
        submitting = true;
        try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
        say(body.error || form.dataset.textOffline);
        if (status) status.setAttribute("aria-live", "assertive");
        window.setTimeout(function () {
          window.location.assign(body.result_url || window.location.href);
        }, 3000);
      } else {
        say(body.error || form.dataset.textOffline);
      }
    }).catch(function () {
      say(form.dataset.textOffline);
    }).then(function () {
      saving = false;
      if (again) { again = false; save(); }
    });
  }

  // Answers picked while offline (or before a reload) come back and are saved.
  var kept = recalled();
  if (kept && kept.pending && kept.answers) {
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (input) {
      var chosen = kept.answers[input.name] || [];
      input.checked = chosen.indexOf(input.value) !== -1;
    });
    save();
  }
  // An answer picked before this script loaded has not been saved yet.
  var unsaved = Array.prototype.some.call(
    form.querySelectorAll("input[type=radio], input[type=checkbox]"),
    function (input) { return input.checked !== input.defaultChecked; }
  );
  if (unsaved && !(kept && kept.pending)) save();
  form.addEventListener("change", save);
  window.addEventListener("online", function () {
    var state = recalled();
    if (state && state.pending) save();
  });

  form.addEventListener("submit", function (event) {
    var button = form.querySelector("[data-confirm]");
    if (!submitting && button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (!navigator.onLine) {
      // A failed navigation would lose the page: untimed practice answers wait in
      // the offline queue (site/static/js/offline-queue.js); a timed attempt keeps
      // its answers here and is submitted once the connection is back.
      event.preventDefault();
      if (form.dataset.offlineQuiz && window.offlineQueue) {
        submitting = true;
        window.offlineQueue.add({
          kind: "practice_answers", quiz: parseInt(form.dataset.offlineQuiz, 10), answers: answers()
        }).then(function (item) {
          queued = item.id;
          try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
          lock(true);
          say(form.dataset.textQueued);
        });
      } else {
        remember({ answers: answers(), pending: true });
        say(form.dataset.textNeedsConnection);
      }
      return;
    }
    submitting = true;
    try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
  });

  var queued = null;
  function lock(on) {
    form.querySelectorAll("input, button").forEach(function (el) { el.disabled = on; });
  }
  // Back online: once the queue is sent (by this page or another), show the
  // result; if the server refused the answers, its message is on the page and the
  // attempt can be taken on.
  window.addEventListener("online", function () {
    if (!queued) return;
    window.offlineQueue.flush().then(function (results) {
      var mine = (results || []).filter(function (r) { return r.id === queued; })[0];
      if (mine && mine.status === "refused") {
        queued = null; submitting = false; lock(false);
        return;
      }
      return window.offlineQueue.has(queued).then(function (waiting) {
        if (!waiting) window.location.assign(form.dataset.resultUrl);
      });
    });
  });

  var timer = document.querySelector("[data-seconds-left]");
  var deadline = null, checked = false;
  // The server rounds up; a little margin more so the submission arrives after
  // the deadline and is scored with what was saved in time.
  function moveDeadline(secondsLeft) {
    if (timer) deadline = Date.now() + secondsLeft * 1000 + 500;
  }
  if (timer) {
    var text = timer.querySelector("[data-timer-text]");
    moveDeadline(parseInt(timer.dataset.secondsLeft, 10));
    var tick = function () {
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      text.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 60) timer.setAttribute("aria-live", "assertive");
      if (left <= 0 && !checked) {
        // The coordinator may have given extra time: one save tells the new
        // deadline (or refuses, and the page goes to the result).
        checked = true;
        save();
      } else if (left <= 0 && !submitting && navigator.onLine) {
        submitting = true;
        form.submit();  // the server scores the answers saved by the deadline
        return;
      } else if (left > 0) {
        checked = false;
      }
      window.setTimeout(tick, left <= 0 ? 2000 : 1000);
    };
    tick();
  }
})();
