/* Material for MkDocs' content script (MIT licence), as its partials/javascripts/content.html writes it inline:
   a link to a tab of a tabbed block opens that tab. Served as a file so that no page needs an inline script. */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
