/* An old or short address: go to the page it now lives at, keeping the #fragment.
   (mkdocs-redirects does this with an inline script, which our Content-Security-Policy refuses.) */
(function () {
  "use strict";
  var target = document.querySelector('link[rel="canonical"]');
  if (target) location.replace(target.getAttribute("href") + location.hash);
})();
