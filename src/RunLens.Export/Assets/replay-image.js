// Added to a replay's own page before it is saved as an image (replay.SaveImage), after the widget has drawn or failed.
// prepare() redraws its plots at the width replay-image.css gives them and reports what RunLens.Export needs: whether
// the widget failed (and why), the frame it shows, and where it is on the page in CSS pixels.
(function () {
  "use strict";

  function prepare(title) {
    document.title = title;
    var root = document.querySelector("div.runlens-replay");
    if (!root) {
      return Promise.resolve({ failed: true, message: "The page has no replay widget.", frame: -1, x: 0, y: 0, width: 0, height: 0 });
    }
    var fallback = root.querySelector(".runlens-fallback-note");
    var message = root.querySelector(".rl-message");
    if (root.getAttribute("data-runlens-state") === "failed" || (message && message.textContent)) {
      var why = root.getAttribute("data-runlens-state") === "failed" ? (fallback ? fallback.textContent : "") : message.textContent;
      return Promise.resolve({ failed: true, message: why, frame: -1, x: 0, y: 0, width: 0, height: 0 });
    }
    var plots = Array.prototype.slice.call(root.querySelectorAll(".js-plotly-plot"));
    return Promise.all(plots.map(function (p) { return window.Plotly.Plots.resize(p); })).then(function () {
      return document.fonts.ready;
    }).then(function () {
      var box = root.getBoundingClientRect();
      return {
        failed: false, message: "", frame: Number(root.getAttribute("data-frame")),
        x: box.left + window.scrollX, y: box.top + window.scrollY, width: box.width, height: box.height,
      };
    });
  }

  window.runlensReplayImage = { prepare: prepare };
})();
