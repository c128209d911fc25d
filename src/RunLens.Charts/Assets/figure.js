// Draws every RunLens figure on the page that no script has claimed yet. A figure is a div.runlens-figure holding its
// plotly JSON (script.runlens-figure-data) and where plotly.js may be loaded from (script.runlens-plotly-sources).
// Figures are found by class, never by id, so an output shown twice on one page draws twice. Until a figure is drawn
// its readable description stays; if plotly.js cannot be had, the description says why and what to do.
(function () {
  "use strict";

  function json(root, selector) {
    var block = root.querySelector(selector);
    return block ? JSON.parse(block.textContent) : null;
  }

  function explain(root, text) {
    var note = root.querySelector(".runlens-fallback-note");
    if (note) { note.textContent = text; }
  }

  function draw(root) {
    root.setAttribute("data-runlens-state", "loading");
    var figure, sources;
    try {
      figure = json(root, "script.runlens-figure-data");
      sources = json(root, "script.runlens-plotly-sources") || [];
    } catch (error) {
      root.setAttribute("data-runlens-state", "failed");
      explain(root, "RunLens could not read this chart's data: " + error);
      return;
    }
    window.RunLensPlotly.ready(sources).then(function (Plotly) {
      var config = Object.assign({}, figure.config || {}, { responsive: true, displaylogo: false });
      return Plotly.newPlot(root.querySelector(".runlens-plot"), figure.data, figure.layout, config);
    }).then(function () {
      var fallback = root.querySelector(".runlens-fallback");
      if (fallback) { fallback.style.display = "none"; }
      root.setAttribute("data-runlens-state", "drawn");
    }, function (error) {
      root.setAttribute("data-runlens-state", "failed");
      explain(root, error.message + " A RunLens kernel serves plotly.js on 127.0.0.1 while it runs: run a RunLens cell " +
        "and reload this page, or open a page written by figure.WriteHtml(path) or runlens report, which carry plotly.js.");
    });
  }

  var roots = document.querySelectorAll("div.runlens-figure:not([data-runlens-state])");
  for (var i = 0; i < roots.length; i++) { draw(roots[i]); }
})();
