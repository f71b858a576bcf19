// The search page: Pagefind's interface, opened with any query from the address (?q=...).
// A large site's index comes in parts (pagefind-2/, pagefind-3/, ...), listed in pagefind/parts.json and merged here.
(function () {
  "use strict";
  var element = document.getElementById("kb-search");
  if (!element || typeof PagefindUI === "undefined") return;
  var bundle = element.getAttribute("data-bundle");
  var baseUrl = element.getAttribute("data-base-url");

  function start(others) {
    var ui = new PagefindUI({
      element: "#kb-search",
      bundlePath: bundle,
      baseUrl: baseUrl,
      mergeIndex: others.map(function (part) {
        return { bundlePath: bundle.replace(/pagefind\/$/, part + "/"), baseUrl: baseUrl };
      }),
      showSubResults: true,
      showImages: false,
      translations: { placeholder: "Search the knowledge base", zero_results: "No pages match [SEARCH_TERM]" }
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  fetch(bundle + "parts.json")
    .then(function (response) { return response.ok ? response.json() : { merge: [] }; })
    .catch(function () { return { merge: [] }; })
    .then(function (parts) { start(parts.merge || []); });
})();
