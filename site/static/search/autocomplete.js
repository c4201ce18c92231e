/* Suggestions as you type in a search box (input[data-autocomplete]), following the
   ARIA combobox pattern: arrows move through the list, Enter opens the chosen page
   (or, with none chosen, submits the search), Escape closes the list.
   Without JavaScript the box is a plain search form. No dependencies. */
(function () {
  "use strict";
  var DELAY_MS = 150;
  var MIN_LENGTH = 2;

  function setUp(input) {
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var shownFor = null;

    list.id = input.id + "-suggestions";
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.suggestionsLabel || "");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.after(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      setActive(-1);
    }

    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function setActive(index) {
      var options = list.children;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (index < 0 || !options[index]) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[index].setAttribute("aria-selected", "true");
      options[index].scrollIntoView({ block: "nearest" });
      input.setAttribute("aria-activedescendant", options[index].id);
    }

    function option(result, index) {
      var item = document.createElement("li");
      var title = document.createElement("span");
      var meta = document.createElement("span");
      item.id = list.id + "-" + index;
      item.className = "search-suggestion";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      title.className = "search-suggestion-title";
      title.textContent = result.title;
      meta.className = "search-suggestion-meta";
      meta.textContent = result.course ? result.kind + " · " + result.course : result.kind;
      item.append(title, meta);
      // Keep the focus in the box, so that a click is not lost to its blur.
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { window.location.assign(result.url); });
      return item;
    }

    function render(results, query) {
      items = results;
      active = -1;
      shownFor = query;
      list.replaceChildren.apply(list, results.map(option));
      if (results.length) {
        status.textContent = (input.dataset.statusSome || "").replace("%(count)s", results.length);
        open();
      } else {
        status.textContent = query ? input.dataset.statusNone || "" : "";
        close();
      }
    }

    function suggest() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        if (controller) controller.abort();
        render([], "");
        return;
      }
      if (query === shownFor) {
        open();
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      var url = input.dataset.autocomplete + "?q=" + encodeURIComponent(query);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || [], query);
        })
        .catch(function () { /* aborted or offline: the plain search still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        if (!isOpen) {
          open();
          setActive(event.key === "ArrowDown" ? 0 : items.length - 1);
          return;
        }
        // Cycle through the options and back to the box itself (-1).
        var step = event.key === "ArrowDown" ? 1 : -1;
        var states = items.length + 1;
        setActive(((active + 1 + step + states) % states) - 1);
      } else if (event.key === "Enter") {
        if (isOpen && active >= 0 && items[active]) {
          event.preventDefault();
          window.location.assign(items[active].url);
        }
      } else if (event.key === "Escape") {
        if (isOpen) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
    input.addEventListener("focus", function () {
      if (input.value.trim() === shownFor) open();
    });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setUp);
})();
