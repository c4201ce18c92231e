/* "Keep offline" on a course page (courses/offline_pack.py, site/templates/sw.js): shows
   the pack's size and the budget before anything is downloaded, then asks the
   service worker to keep the course or to remove it. */
(function () {
  "use strict";
  var box = document.getElementById("offline-pack");
  if (!box || !("serviceWorker" in navigator) || !window.offlinePages) return;
  var ask = window.offlinePages.ask;
  var status = box.querySelector("[data-role=status]");
  var keep = box.querySelector("[data-role=keep]");
  var forget = box.querySelector("[data-role=forget]");
  var course = box.getAttribute("data-course");
  var number = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 1 });
  function size(bytes) {
    return bytes < 1048576 ? number.format(Math.max(1, bytes / 1024)) + " KB"
      : number.format(bytes / 1048576) + " MB";
  }
  function text(name, values) {
    return box.getAttribute("data-text-" + name).replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }
  function show(kept, bytes, pack) {
    keep.hidden = kept;
    forget.hidden = !kept;
    if (kept) status.textContent = text("kept", { size: size(bytes) });
    else if (pack) {
      var count = function (kind) {
        return pack.entries.filter(function (e) { return e.kind === kind; }).length;
      };
      status.textContent = text("size", {
        size: size(pack.total_bytes), lessons: count("lesson"),
        quizzes: count("quiz"), budget: size(pack.budget_bytes),
      });
      keep.disabled = pack.course_bytes > pack.budget_bytes;
      if (keep.disabled) status.textContent += " " + text("budget", {});
    }
  }
  var pack = null;
  Promise.all([
    fetch(box.getAttribute("data-pack"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; }),
    ask({ type: "status", course: course }),
  ]).then(function (results) {
    pack = results[0];
    if (!pack && !results[1].kept) return;
    box.hidden = false;
    show(results[1].kept, results[1].bytes, pack);
  }, function () { /* offline: the box stays hidden */ });

  keep.addEventListener("click", function () {
    keep.disabled = true;
    status.textContent = text("busy", {});
    ask({ type: "keep", course: course }).then(function (answer) {
      keep.disabled = false;
      if (!answer.ok && answer.reason !== "partial") {
        status.textContent = text(answer.reason === "budget" ? "budget" : "failed", {});
        return;
      }
      show(true, answer.bytes, pack);
      if (answer.reason === "partial") status.textContent += " " + text("partial", {});
      if (answer.evicted && answer.evicted.length) {
        status.textContent += " " + text("evicted", { titles: answer.evicted.join(", ") });
      }
      box.setAttribute("data-kept", "1");
    });
  });
  forget.addEventListener("click", function () {
    ask({ type: "forget", course: course }).then(function () {
      box.removeAttribute("data-kept");
      show(false, 0, pack);
    });
  });
})();
