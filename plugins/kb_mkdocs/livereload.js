// The preview's live reload (build.py serve): MkDocs' own script, served as a file because
// the pages' Content-Security-Policy refuses inline scripts. Reloads the page when the
// server says the site has been rebuilt since the page was served.
(function () {
  var data = document.currentScript.dataset;
  var epoch = parseFloat(data.epoch), request, timeout;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + data.epoch + "/" + data.request);
    request.send();
  }

  function stop() {
    if (request) request.abort();
    if (timeout) clearTimeout(timeout);
    request = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll();
    else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
