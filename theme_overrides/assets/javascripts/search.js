// The search page: Pagefind's interface, opened with any query from the address (?q=...).
// A large site's index comes in parts (pagefind-2/, pagefind-3/, ...), merged here.
(function () {
  "use strict";
  var element = document.getElementById("kb-search");
  if (!element || typeof PagefindUI === "undefined") return;
  var bundle = element.getAttribute("data-bundle");
  var baseUrl = element.getAttribute("data-base-url");
  var parts = (element.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (part) {
    return { bundlePath: bundle.replace(/pagefind\/$/, part + "/"), baseUrl: baseUrl };
  });
  var ui = new PagefindUI({
    element: "#kb-search",
    bundlePath: bundle,
    baseUrl: baseUrl,
    mergeIndex: parts,
    showSubResults: true,
    showImages: false,

    translations: { placeholder: "Search the knowledge base", zero_results: "No pages match [SEARCH_TERM]" }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
