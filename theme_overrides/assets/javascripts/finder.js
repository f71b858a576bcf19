// Finders and the evidence map (GOV.UK's finder pattern): checkboxes per facet (any value within a facet, all
// facets together); the count and removable chips for the active filters above the results; counts beside each
// option that follow the selection; sort orders; a "Filter" button on narrow screens. The selection and the sort
// are kept in the address, so a filtered view can be shared. Without JavaScript every item shows.
(function () {
  "use strict";
  var root = document.querySelector("[data-kb-finder]");
  if (!root) return;
  var form = root.querySelector(".kb-filters");
  var count = root.querySelector(".kb-finder__count");
  var chips = root.querySelector(".kb-chips");
  var sortBox = root.querySelector(".kb-finder__sort");
  var sort = sortBox && sortBox.querySelector("select");
  var toggle = root.querySelector(".kb-filter-toggle");
  var items = Array.prototype.slice.call(root.querySelectorAll("[data-kb-item]"));
  var noun = root.getAttribute("data-noun");
  var boxes = form ? Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]")) : [];
  var narrow = window.matchMedia("(max-width: 59.99em)");
  var addressOnly = !!root.querySelector("[data-address-only]"); // a small finder: filters only from a shared address

  function valuesOf(item, facet) {
    return (item.getAttribute("data-" + facet.replace(/_/g, "-")) || "").split(" ");
  }

  function selected() {
    var chosen = {};
    boxes.forEach(function (box) { if (box.checked) (chosen[box.name] = chosen[box.name] || []).push(box.value); });
    return chosen;
  }

  function matches(item, chosen, except) {
    return Object.keys(chosen).every(function (facet) {
      if (facet === except) return true;
      var values = valuesOf(item, facet);
      return chosen[facet].some(function (value) { return values.indexOf(value) !== -1; });
    });
  }

  function updateCounts(chosen) {
    boxes.forEach(function (box) {
      var n = items.filter(function (item) {
        return matches(item, chosen, box.name) && valuesOf(item, box.name).indexOf(box.value) !== -1;
      }).length;
      box.parentNode.querySelector(".kb-filter__count").textContent = "(" + n + ")";
      box.disabled = n === 0 && !box.checked;
      box.parentNode.classList.toggle("kb-filter__option--empty", box.disabled);
    });
  }

  function showChips(chosen) {
    if (!chips) return;
    chips.textContent = "";
    boxes.forEach(function (box) {
      if (!box.checked) return;
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-chip";
      var legend = box.closest("details").querySelector("summary").textContent;
      button.textContent = legend + ": " + box.getAttribute("data-label");
      button.setAttribute("aria-label", "Remove filter " + legend + ": " + box.getAttribute("data-label"));
      button.addEventListener("click", function () { box.checked = false; apply(true); count.focus(); });
      item.appendChild(button);
      chips.appendChild(item);
    });
    chips.hidden = !chips.children.length;
  }

  function order() {
    if (!sort) return;
    var key = sort.value;
    var sorted = items.slice().sort(function (a, b) {
      if (key === "strength") return (Number(b.getAttribute("data-strength")) - Number(a.getAttribute("data-strength"))) || compareTitles(a, b);
      if (key === "changed") return (b.getAttribute("data-changed") || "").localeCompare(a.getAttribute("data-changed") || "") || compareTitles(a, b);
      return compareTitles(a, b);
    });
    var list = items[0] && items[0].parentNode;
    sorted.forEach(function (item) { list.appendChild(item); });
  }

  function compareTitles(a, b) {
    return a.getAttribute("data-title").localeCompare(b.getAttribute("data-title"));
  }

  function apply(updateAddress) {
    var chosen = selected();
    var shown = 0;
    items.forEach(function (item) {
      var show = matches(item, chosen);
      item.hidden = !show;
      if (show) shown += 1;
    });
    root.querySelectorAll(".kb-glossary__list").forEach(function (list) {
      var empty = !list.querySelector("[data-kb-item]:not([hidden])");
      list.hidden = empty;
      list.previousElementSibling.hidden = empty;
    });
    var active = boxes.filter(function (box) { return box.checked; }).length;
    count.textContent = active ? shown + " of " + items.length + " " + noun + " match your filters" : items.length + " " + noun;
    if (toggle) toggle.querySelector(".kb-filter-toggle__count").textContent = active ? "(" + active + ")" : "";
    updateCounts(chosen);
    showChips(chosen);
    if (updateAddress) {
      var params = new URLSearchParams();
      Object.keys(chosen).forEach(function (facet) { chosen[facet].forEach(function (v) { params.append(facet, v); }); });
      if (sort && sort.selectedIndex > 0) params.set("sort", sort.value);
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  function layout() {
    if (!form || !toggle) return;
    toggle.hidden = !narrow.matches;
    form.hidden = narrow.matches && toggle.getAttribute("aria-expanded") !== "true";
  }

  var params = new URLSearchParams(location.search);
  boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
  if (sort) {
    if (params.get("sort")) sort.value = params.get("sort");
    sortBox.hidden = false;
    sort.addEventListener("change", function () { order(); apply(true); });
    order();
  }
  count.tabIndex = -1;
  if (form && !addressOnly) {
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
  if (toggle && !addressOnly) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      form.hidden = !open;
    });
    narrow.addEventListener("change", layout);
    layout();
  }
  apply(false);
})();
