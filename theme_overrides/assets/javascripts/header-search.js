// Search boxes (header, home page, 404): results in place as a reader types, each with its kind of page and
// evidence label, from Pagefind's index (only the pieces a query needs are fetched). "/" focuses the header box;
// on a phone a button opens it. Without this script each box is a plain form to the search page.
(function () {
  "use strict";
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.kb-search-box"));
  if (!forms.length) return;
  var LIMIT = 6;
  var load = window.kbSearchIndex.load;
  var el = window.kbSearchIndex.el;
  var plain = window.kbSearchIndex.plain;

  function render(form, query, search, results) {
    var box = form.querySelector(".kb-search-box__results");
    box.textContent = "";
    if (!query) { box.hidden = true; return; }
    var total = search.results.length;
    box.appendChild(el("p", "kb-search-box__count", total === 0 ? "No pages match “" + query + "”." :
      total + (total === 1 ? " page matches" : " pages match") + (total > LIMIT ? "; the first " + LIMIT + ":" : ":")));
    var list = el("ol", "kb-search-box__list");
    results.forEach(function (data) {
      var item = el("li", "kb-search-box__item");
      var filters = data.filters || {};
      var kind = (filters["Kind of page"] || [])[0];
      if (kind) item.appendChild(el("span", "kb-tag", kind));
      var link = el("a", "kb-search-box__link", (data.meta && data.meta.title) || data.url);
      link.href = data.url;
      item.appendChild(link);
      var level = (filters["Evidence level"] || [])[0];
      if (level) item.appendChild(el("span", "kb-search-box__evidence", level));
      item.appendChild(el("span", "kb-search-box__excerpt", plain(data.excerpt || "")));
      list.appendChild(item);
    });
    box.appendChild(list);
    if (total > LIMIT) {
      var more = el("a", "kb-search-box__all", "See all " + total + " results, with filters");
      more.href = form.getAttribute("data-search-page") + "?q=" + encodeURIComponent(query);
      box.appendChild(more);
    }
    box.hidden = false;
  }

  forms.forEach(function (form) {
    var input = form.querySelector("input[name=q]");
    var timer = null;
    var latest = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      latest = query;
      timer = setTimeout(function () {
        if (!query) { render(form, "", null, []); return; }
        load(form.getAttribute("data-bundle")).then(function (module) {
          return module.search(query).then(function (search) {
            return Promise.all(search.results.slice(0, LIMIT).map(function (r) { return r.data(); })).then(function (results) {
              if (query === latest) render(form, query, search, results);
            });
          });
        }).catch(function () { /* no index (e.g. a preview without Pagefind): the form still submits */ });
      }, 150);
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        form.querySelector(".kb-search-box__results").hidden = true;
        input.focus();
      }
    });
  });

  var header = document.querySelector(".kb-header form.kb-search-box");
  if (header) {
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        header.classList.add("kb-search-box--open");
        header.querySelector("input[name=q]").focus();
      }
    });
    var toggle = el("button", "kb-search-toggle md-header__button md-icon");
    toggle.type = "button";
    toggle.setAttribute("aria-label", "Search");
    toggle.setAttribute("aria-expanded", "false");
    toggle.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("kb-search-box--open");
      toggle.setAttribute("aria-expanded", String(open));
      if (open) header.querySelector("input[name=q]").focus();
    });
    header.parentNode.insertBefore(toggle, header);
    document.documentElement.classList.add("kb-js");
  }
})();
