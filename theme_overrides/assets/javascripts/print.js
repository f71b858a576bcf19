// "Print the full page": the browser's own print gives a short handout (the advice, the key facts, and a QR code
// for the rest); this button prints everything instead, with every disclosure open and every link's address.
(function () {
  "use strict";
  var button = document.querySelector("[data-kb-print-full]");
  if (!button) return;
  var closed = [];
  button.parentNode.hidden = false;
  button.addEventListener("click", function () {
    document.documentElement.setAttribute("data-kb-print", "full");
    closed = Array.prototype.filter.call(document.querySelectorAll(".kb-page details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
    window.print();
  });
  window.addEventListener("afterprint", function () {
    if (document.documentElement.getAttribute("data-kb-print") !== "full") return;
    document.documentElement.removeAttribute("data-kb-print");
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();
