// The search page: Pagefind's interface, opened with any query from the address (?q=...).
(function () {
  "use strict";
  var element = document.getElementById("kb-search");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#kb-search",
    bundlePath: element.getAttribute("data-bundle"),
    baseUrl: element.getAttribute("data-base-url"),
    showSubResults: true,
    showImages: false,

    translations: { placeholder: "Search the knowledge base", zero_results: "No pages match [SEARCH_TERM]" }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
