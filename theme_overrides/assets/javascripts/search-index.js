// What the search boxes and the search page share: Pagefind's index, loaded once a page with its parts merged
// (a large site's index comes in parts, listed in pagefind/parts.json), and two helpers that make results as text.
window.kbSearchIndex = (function () {
  "use strict";
  var loading = {};

  function load(bundle) {
    var href = new URL(bundle, location.href).href;
    if (!loading[href]) {
      var baseUrl = new URL("../", href).pathname;
      loading[href] = import(href + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: baseUrl, excerptLength: 24 })
          .then(function () { return fetch(href + "parts.json"); })
          .then(function (response) { return response.ok ? response.json() : { merge: [] }; })
          .catch(function () { return { merge: [] }; })
          .then(function (parts) {
            return Promise.all((parts.merge || []).map(function (part) {
              return module.mergeIndex(href.replace(/pagefind\/$/, part + "/"), { baseUrl: baseUrl });
            }));
          })
          .then(function () { return module; });
      });
    }
    return loading[href];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function plain(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html; // Pagefind's excerpt (text with <mark>), shown as text only
    return holder.content.textContent;
  }

  return { load: load, el: el, plain: plain };
})();
