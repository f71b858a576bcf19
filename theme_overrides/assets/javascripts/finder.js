// Filters for finders and the evidence map: checkboxes per facet (any value within a facet, all facets
// together), reflected in the address so a filtered view can be shared.
// Without JavaScript the form stays hidden and every card shows.
(function () {
  "use strict";
  var root = document.querySelector("[data-kb-finder]");
  if (!root) return;
  var form = root.querySelector(".kb-filters");
  var count = root.querySelector(".kb-finder__count");
  var cards = Array.prototype.slice.call(root.querySelectorAll("[data-kb-item]"));
  var letters = Array.prototype.slice.call(root.querySelectorAll(".kb-cards__letter"));
  var noun = root.getAttribute("data-noun");
  form.hidden = false;

  function selected() {
    var chosen = {};
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return chosen;
  }

  function matches(card, chosen) {
    return Object.keys(chosen).every(function (facet) {
      var values = (card.getAttribute("data-" + facet.replace(/_/g, "-")) || "").split(" ");
      return chosen[facet].some(function (value) { return values.indexOf(value) !== -1; });
    });
  }

  function apply(updateAddress) {
    var chosen = selected();
    var shown = 0;
    cards.forEach(function (card) {
      var show = matches(card, chosen);
      card.hidden = !show;
      if (show) shown += 1;
    });
    letters.forEach(function (letter) {
      var next = letter.nextElementSibling, any = false;
      while (next && next.hasAttribute("data-kb-item")) { if (!next.hidden) any = true; next = next.nextElementSibling; }
      letter.hidden = !any;
    });
    var filtered = Object.keys(chosen).length > 0;
    count.textContent = filtered ? shown + " of " + cards.length + " " + noun + " match your filters" : cards.length + " " + noun;
    if (updateAddress) {
      var params = new URLSearchParams();
      Object.keys(chosen).forEach(function (facet) { chosen[facet].forEach(function (v) { params.append(facet, v); }); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
    box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
  });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(false);
})();
