// Gives RunLens outputs plotly.js: window.RunLensPlotly.ready(sources) resolves with window.Plotly, loading it from
// the first of the sources that works when the page does not have it yet. Every output calls it for itself, so an
// output draws after a page reload, when the output that loaded the library first is gone, and in a second view.
// One loader per page: outputs that arrive while a load is under way wait for it, and add their own sources (a later
// kernel may serve from another port) to the ones still to try. Nothing here is generated per output.
(function () {
  "use strict";
  if (window.RunLensPlotly && window.RunLensPlotly.version >= 1) { return; }
  var queue = [], tried = {}, waiters = [], loading = false;

  function plotly() {
    return window.Plotly && typeof window.Plotly.newPlot === "function" ? window.Plotly : null;
  }

  function settle() {
    var ready = plotly(), done = waiters;
    waiters = [];
    done.forEach(function (w) {
      if (ready) { w.resolve(ready); } else { w.reject(new Error("plotly.js is not in this page and could not be loaded from " + (w.sources.join(", ") || "anywhere (no source given)") + ".")); }
    });
  }

  function pump() {
    if (plotly() || queue.length === 0) {
      // Out of sources: forget what failed, so an output rendered later (a kernel may be running by then) tries again.
      loading = false;
      tried = {};
      settle();
      return;
    }
    loading = true;
    var script = document.createElement("script");
    script.src = queue.shift();
    script.async = true;
    script.setAttribute("data-runlens-plotly", "");
    script.onload = function () { pump(); };
    script.onerror = function () { script.parentNode.removeChild(script); pump(); };
    document.head.appendChild(script);
  }

  function ready(sources) {
    var found = plotly();
    if (found) { return Promise.resolve(found); }
    return new Promise(function (resolve, reject) {
      (sources || []).forEach(function (url) { if (!tried[url]) { tried[url] = true; queue.push(url); } });
      waiters.push({ resolve: resolve, reject: reject, sources: sources || [] });
      if (!loading) { pump(); }
    });
  }

  window.RunLensPlotly = { version: 1, ready: ready };
})();
