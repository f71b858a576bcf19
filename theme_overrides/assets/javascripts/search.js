// The search page, on Pagefind's JavaScript API: filters beside the results with counts that follow the query,
// "Kind of page" first; each result with its kind of page and evidence label and no sub-results; the query and
// filters in the address. The index is loaded by search-index.js.
(function () {
  "use strict";
  var root = document.getElementById("kb-search");
  if (!root) return;
  var el = window.kbSearchIndex.el;
  var plain = window.kbSearchIndex.plain;
  var order = root.getAttribute("data-filter-order").split("|");
  var open = root.getAttribute("data-open-filters").split("|");
  var form = root.querySelector(".kb-filters");
  var input = root.querySelector("#kb-search-q");
  var count = root.querySelector(".kb-finder__count");
  var chips = root.querySelector(".kb-chips");
  var list = root.querySelector(".kb-search-results");
  var toggle = root.querySelector(".kb-filter-toggle");
  var narrow = window.matchMedia("(max-width: 59.99em)");
  var pagefind = null;
  var latest = 0;

  function chosen() {
    var filters = {};
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return filters;
  }

  function ranked(names) {
    return names.slice().sort(function (a, b) {
      var i = order.indexOf(a), j = order.indexOf(b);
      return (i < 0 ? 99 : i) - (j < 0 ? 99 : j) || a.localeCompare(b);
    });
  }

  function buildFilters(all, selected) {
    ranked(Object.keys(all)).forEach(function (name) {
      var details = el("details", "kb-filter");
      details.open = open.indexOf(name) !== -1 || !!selected[name];
      details.appendChild(el("summary", "", name));
      var fieldset = el("fieldset");
      var legend = el("legend", "kb-visually-hidden", name);
      fieldset.appendChild(legend);
      Object.keys(all[name]).sort().forEach(function (value) {
        var label = el("label");
        var box = el("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = (selected[name] || []).indexOf(value) !== -1;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " "));
        label.appendChild(el("span", "kb-filter__count", "(" + all[name][value] + ")"));
        fieldset.appendChild(label);
      });
      details.appendChild(fieldset);
      form.appendChild(details);
    });
  }

  function updateCounts(available) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var n = (available[box.name] || {})[box.value] || 0;
      box.parentNode.querySelector(".kb-filter__count").textContent = "(" + n + ")";
      box.parentNode.classList.toggle("kb-filter__option--empty", n === 0 && !box.checked);
    });
  }

  function showChips(filters) {
    chips.textContent = "";
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (value) {
        var item = el("li");
        var button = el("button", "kb-chip", name + ": " + value);
        button.type = "button";
        button.setAttribute("aria-label", "Remove filter " + name + ": " + value);
        button.addEventListener("click", function () {
          var box = form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(value) + '"]');
          if (box) box.checked = false;
          run();
        });
        item.appendChild(button);
        chips.appendChild(item);
      });
    });
    chips.hidden = !chips.children.length;
    var active = chips.children.length;
    toggle.querySelector(".kb-filter-toggle__count").textContent = active ? "(" + active + ")" : "";
  }

  function writeAddress(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (name) { filters[name].forEach(function (v) { params.append(name, v); }); });
    var text = params.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  }

  function render(query, search, results) {
    list.textContent = "";
    var total = search.results.length;
    count.textContent = total === 0 ? "No pages match" + (query ? " “" + query + "”" : " these filters") + "." :
      total + (total === 1 ? " page" : " pages") + (query ? " match “" + query + "”" : "");
    results.forEach(function (data) {
      var item = el("li", "kb-search-result");
      var filters = data.filters || {};
      var heading = el("h2", "kb-search-result__title");
      (filters["Kind of page"] || []).forEach(function (kind) { heading.appendChild(el("span", "kb-tag", kind)); heading.appendChild(document.createTextNode(" ")); });
      var link = el("a", "", (data.meta && data.meta.title) || data.url);
      link.href = data.url;
      heading.appendChild(link);
      item.appendChild(heading);
      (filters["Evidence level"] || []).forEach(function (level) { item.appendChild(el("p", "kb-search-result__evidence", level)); });
      item.appendChild(el("p", "kb-search-result__excerpt", plain(data.excerpt || "")));
      list.appendChild(item);
    });
    if (total > results.length) list.appendChild(el("li", "kb-search-result__more", "Showing the first " + results.length + " of " + total + ". Add a word or a filter to narrow them."));
  }

  function run() {
    var query = input.value.trim();
    var filters = chosen();
    var turn = ++latest;
    writeAddress(query, filters);
    showChips(filters);
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      count.textContent = "Type a word, or choose a filter.";
      return;
    }
    pagefind.search(query || null, { filters: filters }).then(function (search) {
      if (turn !== latest) return;
      updateCounts(search.filters || {});
      return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); })).then(function (results) {
        if (turn === latest) render(query, search, results);
      });
    });
  }

  function layout() {
    toggle.hidden = !narrow.matches;
    form.hidden = narrow.matches && toggle.getAttribute("aria-expanded") !== "true";
  }

  function start(module, params) {
    pagefind = module;
    pagefind.filters().then(function (all) {
      var selected = {};
      Object.keys(all).forEach(function (name) { if (params.getAll(name).length) selected[name] = params.getAll(name); });
      buildFilters(all, selected);
      if (!input.value) input.value = params.get("q") || ""; // a reader may have typed while the index loaded
      form.addEventListener("change", run);
      var timer = null;
      input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
      input.form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      toggle.addEventListener("click", function () {
        var opened = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(opened));
        form.hidden = !opened;
      });
      narrow.addEventListener("change", layout);
      layout();
      run();
    });
  }

  var params = new URLSearchParams(location.search);
  window.kbSearchIndex.load(root.getAttribute("data-bundle")).then(function (module) { start(module, params); })
    .catch(function () { count.textContent = "Search could not load. Use the finders instead."; });
})();
