// "Copy the reference" in "Cite this page". Without JavaScript the buttons stay
// hidden and each reference is plain text to select.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-cite-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-cite-copy"));
    if (!target) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.replace(/\s+/g, " ").trim()).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
