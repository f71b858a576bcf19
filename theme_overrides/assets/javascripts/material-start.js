/* Material for MkDocs' start-up script (MIT licence), as its partials/javascripts/base.html writes it inline,
   here as a file so that the Content-Security-Policy allows no inline script. The page's base URL comes
   from the script tag's data-scope. Keep in step with Material on upgrade (tests/test_csp.py checks it). */
var __md_scope = new URL(document.currentScript.dataset.scope, location),
  __md_hash = function (e) { return [].concat(Array.from(e)).reduce(function (e, _) { return (e << 5) - e + _.charCodeAt(0); }, 0); },
  __md_get = function (e, _, t) { _ = _ || localStorage; t = t || __md_scope; return JSON.parse(_.getItem(t.pathname + "." + e)); },
  __md_set = function (e, _, t, a) { t = t || localStorage; a = a || __md_scope; try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) {} };
