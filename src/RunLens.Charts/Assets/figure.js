// Draws every RunLens figure on the page that is not drawn yet. Each figure's data is a JSON script block with id
// "ID-data" next to the div with id "ID"; nothing in this file is generated per figure.
(function () {
  "use strict";
  var POLL_MS = 50;
  var WAIT_MS = 10000;

  function targetOf(block) {
    return document.getElementById(block.id.slice(0, -"-data".length));
  }

  function showMessage(div, text) {
    div.textContent = text;
    div.style.padding = "1em";
    div.style.border = "1px solid #d62728";
    div.style.color = "#d62728";
    div.style.fontFamily = "sans-serif";
  }

  function draw(block) {
    var div = targetOf(block);
    if (!div) {
      return;
    }
    try {
      var figure = JSON.parse(block.textContent);
      var config = Object.assign({}, figure.config || {}, { responsive: true, displaylogo: false });
      window.Plotly.newPlot(div, figure.data, figure.layout, config);
    } catch (error) {
      showMessage(div, "RunLens could not draw this chart: " + error);
    }
  }

  // Notebook outputs after the first do not carry plotly.js; the first output of the session does, and may still be
  // loading. Wait for it, then say plainly what to do if it never comes.
  function whenPlotlyReady(block, waited) {
    if (window.Plotly && typeof window.Plotly.newPlot === "function") {
      draw(block);
    } else if (waited >= WAIT_MS) {
      var div = targetOf(block);
      if (div) {
        showMessage(div, "plotly.js is not loaded in this page, so this chart cannot be drawn. In a notebook, the " +
          "first RunLens chart of the session carries plotly.js: re-run that cell (or this one after restarting), " +
          "or render with HtmlOptions.Standalone, which always includes it.");
      }
    } else {
      setTimeout(function () { whenPlotlyReady(block, waited + POLL_MS); }, POLL_MS);
    }
  }

  var blocks = document.querySelectorAll("script.runlens-figure-data:not([data-runlens-drawn])");
  for (var i = 0; i < blocks.length; i++) {
    blocks[i].setAttribute("data-runlens-drawn", "");
    whenPlotlyReady(blocks[i], 0);
  }
})();
