/* Click-to-load videos: the player (and its megabytes) loads only when asked for.
   Without JavaScript the link opens the video on its own site. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.video-loader[data-embed]");
    if (!link || !link.dataset.embed) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = link.dataset.embed;
    frame.title = link.dataset.title;
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.className = "video-frame";
    link.replaceWith(frame);
  });
})();
