// Keeps a progress block up to date without reloading the page (a timed
// <meta refresh> moves keyboard and screen-reader users back to the top every
// few seconds). Every few seconds it fetches this page again and swaps in the
// new progress block; when the job is over, the page's new main content.
(function () {
  "use strict";
  var block = document.querySelector("[data-live-progress]");
  if (!block || !window.fetch || !window.DOMParser) return;
  var seconds = parseInt(block.getAttribute("data-live-progress"), 10) || 2;

  function poll() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var freshBlock = fresh.querySelector("[data-live-progress]");
        if (freshBlock) {
          block.replaceWith(freshBlock);
          block = freshBlock;
          window.setTimeout(poll, seconds * 1000);
        } else {
          var main = document.querySelector("main");
          var freshMain = fresh.querySelector("main");
          if (main && freshMain) main.innerHTML = freshMain.innerHTML;
          if (fresh.title) document.title = fresh.title;
        }
      })
      .catch(function () {
        // A lost connection: try again a little later.
        window.setTimeout(poll, seconds * 3000);
      });
  }
  window.setTimeout(poll, seconds * 1000);
})();
