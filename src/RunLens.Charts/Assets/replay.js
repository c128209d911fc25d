// Brings every RunLens replay widget on the page to life: controls, keys, tracks, timeline and grid states (the path
// view is replay-view.js, which runs first). A widget is a div with class "runlens-replay" and the id ID, claimed once
// by the first script that sees it; its data is the JSON block inside it, and every element it uses has an id
// "ID-<part>" looked up inside the widget only, so the same output shown twice on one page plays twice. Each widget
// keeps its own state in a closure, so several on one page never interfere; keys act only while the widget has focus.
(function () {
  "use strict";
  var MIN_TICK_MS = 40;
  var SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16];
  var COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) { return "–"; }
    var a = Math.abs(v);
    return (a !== 0 && (a < 1e-3 || a >= 1e6)) ? v.toExponential(3) : String(Math.round(v * 10000) / 10000);
  }

  function nearest(sorted, value) {
    var lo = 0, hi = sorted.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (sorted[mid] <= value) { lo = mid; } else { hi = mid - 1; }
    }
    if (lo + 1 < sorted.length && Math.abs(sorted[lo + 1] - value) < Math.abs(value - sorted[lo])) { return lo + 1; }
    return lo;
  }

  function Widget(root, data) {
    var s = { root: root, data: data, ep: null, index: -1, frame: 0, timer: null, speed: 1, ready: false };
    function el(part) { return root.querySelector("[id='" + root.id + "-" + part + "']"); }
    var tracks = el("tracks"), timeline = el("timeline"), slider = el("slider"), counter = el("counter");
    var play = el("play"), episodeSelect = el("episode"), speedSelect = el("speed"), follow = el("follow");
    var viewer = window.RunLensReplayView.create(root, data);

    function fail(error) {
      stop();
      el("message").textContent = "RunLens could not draw this replay: " + error;
    }

    function setNotes() {
      var notes = (data.notes || []).slice();
      if (s.ep.note) { notes.push(s.ep.note); }
      el("notes").textContent = notes.join(" ");
    }

    // ---- tracks: one panel per group, a shared step axis, a cursor at the current step ---------------------------
    function drawTracks() {
      var ep = s.ep, groups = [], byGroup = {};
      ep.tracks.forEach(function (t) { if (!byGroup[t.group]) { byGroup[t.group] = []; groups.push(t.group); } byGroup[t.group].push(t); });
      var n = groups.length, gap = n > 1 ? 0.07 : 0, h = (1 - gap * (n - 1)) / n, traces = [], annotations = [];
      var layout = { height: 70 + 105 * n, margin: { l: 60, r: 20, t: 20, b: 40 }, showlegend: false, hovermode: "x", paper_bgcolor: "#fff",
        plot_bgcolor: "#fff", xaxis: { title: { text: "step" }, anchor: n > 1 ? "y" + n : "y", range: [ep.steps[0] - 0.5, ep.steps[ep.steps.length - 1] + 0.5], zeroline: false } };
      groups.forEach(function (g, gi) {
        var axis = gi === 0 ? "y" : "y" + (gi + 1), lo = 1 - (gi + 1) * h - gi * gap;
        layout[gi === 0 ? "yaxis" : "yaxis" + (gi + 1)] = { domain: [Math.max(0, lo), lo + h], zeroline: false, gridcolor: "#eee" };
        var names = byGroup[g].map(function (t) { return t.name; });
        annotations.push({ text: "<b>" + g + "</b>" + (names.length > 1 || names[0] !== g ? ": " + names.slice(0, 6).join(", ") + (names.length > 6 ? ", …" : "") : ""),
          xref: "paper", yref: "paper", x: 0, y: lo + h, xanchor: "left", yanchor: "bottom", showarrow: false, font: { size: 11, color: "#444" } });
        byGroup[g].forEach(function (t, ti) {
          var color = COLORS[(g === "reward" ? 0 : g === "return" ? 2 : ti + (g === "actions" ? 4 : 1)) % COLORS.length];
          if (t.min && t.max) {
            traces.push({ type: "scatter", x: ep.steps, y: t.max, yaxis: axis, mode: "lines", line: { width: 0, shape: "hv" }, hoverinfo: "skip" });
            traces.push({ type: "scatter", x: ep.steps, y: t.min, yaxis: axis, mode: "lines", line: { width: 0, shape: "hv" }, fill: "tonexty",
              fillcolor: "rgba(120,120,120,0.2)", hoverinfo: "skip" });
          }
          traces.push({ type: "scatter", x: ep.steps, y: t.values, yaxis: axis, mode: "lines", name: t.name,
            line: { color: color, width: 1.5, shape: t.discrete ? "hv" : "linear" }, hovertemplate: "%{y}<extra>" + t.name + "</extra>" });
        });
      });
      var shapes = [{ type: "line", xref: "x", yref: "paper", x0: 0, x1: 0, y0: 0, y1: 1, line: { color: "#d62728", width: 2 } }];
      (ep.mapSwitches || []).forEach(function (f) {
        shapes.push({ type: "line", xref: "x", yref: "paper", x0: ep.steps[f], x1: ep.steps[f], y0: 0, y1: 1, line: { color: "#888", width: 1, dash: "dot" } });
        annotations.push({ text: "map " + ep.maps[f], x: ep.steps[f], xref: "x", yref: "paper", y: 1, yanchor: "bottom", showarrow: false, font: { size: 10, color: "#666" } });
      });
      layout.shapes = shapes; layout.annotations = annotations;
      return Plotly.react(tracks, traces, layout, { responsive: true, displaylogo: false });
    }

    // ---- snapshot timeline: return against training step; the shown snapshot is marked; click to choose ----------
    function drawTimeline() {
      if (!data.timeline) { return Promise.resolve(); }
      var eps = data.episodes, useStep = eps.every(function (e) { return e.trainingStep !== undefined && e.trainingStep !== null; });
      var x = eps.map(function (e) { return useStep ? e.trainingStep : e.update; });
      var traces = [
        { type: "scatter", mode: "lines+markers", x: x, y: eps.map(function (e) { return e.return; }), text: eps.map(function (e) { return e.label; }),
          hovertemplate: "%{text}<br>return %{y}<extra>click to replay</extra>", line: { color: "#7f7f7f" }, marker: { size: 9, color: "#1f77b4" } },
        { type: "scatter", mode: "markers", x: [x[s.index]], y: [eps[s.index].return], hoverinfo: "skip", marker: { size: 16, color: "rgba(0,0,0,0)", line: { color: "#d62728", width: 3 } } }];
      var layout = { height: 170, margin: { l: 60, r: 20, t: 26, b: 36 }, showlegend: false, paper_bgcolor: "#fff",
        title: { text: data.timelineTitle || "episodes over training (click one to replay it)", font: { size: 12 }, x: 0.01 },
        xaxis: { title: { text: useStep ? "training step" : "update" }, zeroline: false }, yaxis: { title: { text: "return" }, zeroline: false } };
      return Plotly.react(timeline, traces, layout, { responsive: true, displaylogo: false });
    }

    // ---- grid states: initial, current and final, drawn with the palette ------------------------------------------
    function drawGrid(canvas, grid) {
      var rows = grid ? grid.length : 0, cols = 0;
      for (var r = 0; r < rows; r++) { cols = Math.max(cols, grid[r].length); }
      var cell = Math.max(2, Math.min(24, Math.floor(220 / Math.max(1, rows, cols))));
      canvas.width = Math.max(1, cols * cell); canvas.height = Math.max(1, rows * cell);
      var ctx = canvas.getContext("2d"), palette = data.palette;
      for (var y = 0; y < rows; y++) {
        for (var x = 0; x < grid[y].length; x++) {
          var v = grid[y][x];
          ctx.fillStyle = palette.length ? palette[((v % palette.length) + palette.length) % palette.length] : "#000";
          ctx.fillRect(x * cell, y * cell, cell, cell);
        }
      }
    }

    // ---- frame and playback -----------------------------------------------------------------------------------
    function setFrame(f) {
      var ep = s.ep, last = ep.steps.length - 1;
      f = Math.max(0, Math.min(last, f));
      s.frame = f;
      slider.value = String(f);
      counter.textContent = "step " + ep.steps[f] + " / " + (ep.steps[last]);
      root.setAttribute("data-frame", String(f));
      root.setAttribute("data-step", String(ep.steps[f]));
      var reward = ep.tracks[0], ret = ep.tracks[1];
      el("now").textContent = "reward " + fmt(reward.values[f]) + " · return so far " + fmt(ret.values[f]) + (ep.maps ? " · map " + ep.maps[f] : "");
      if (!s.ready) { return; }
      try {
        viewer.frame(f);
        Plotly.relayout(tracks, { "shapes[0].x0": ep.steps[f], "shapes[0].x1": ep.steps[f] });
        if (ep.grids) { drawGrid(el("grid-current"), ep.grids[f]); el("grid-caption").textContent = "step " + ep.steps[f]; }
      } catch (error) { fail(error); }
    }

    function stop() {
      if (s.timer !== null) { clearInterval(s.timer); s.timer = null; }
      play.textContent = "\u25B6 play"; play.setAttribute("aria-pressed", "false"); play.setAttribute("aria-label", "Play");
      play.classList.remove("rl-playing"); root.setAttribute("data-playing", "false");
    }

    function start() {
      if (s.frame >= s.ep.steps.length - 1) { setFrame(0); }
      stop();
      // Frames per second follow the speed in steps; a decimated frame stands for several steps.
      var stride = s.ep.steps.length > 1 ? s.ep.steps[1] - s.ep.steps[0] : 1;
      var fps = data.stepsPerSecond * s.speed / Math.max(1, stride), ms = 1000 / fps, per = 1;
      if (ms < MIN_TICK_MS) { per = Math.ceil(MIN_TICK_MS / ms); ms = per * 1000 / fps; }
      s.timer = setInterval(function () {
        if (s.frame >= s.ep.steps.length - 1) { stop(); return; }
        setFrame(s.frame + per);
      }, ms);
      play.textContent = "\u25AE\u25AE pause"; play.setAttribute("aria-pressed", "true"); play.setAttribute("aria-label", "Pause");
      play.classList.add("rl-playing"); root.setAttribute("data-playing", "true");
    }

    function toggle() { if (s.timer !== null) { stop(); } else { start(); } }

    function selectEpisode(i) {
      stop();
      i = Math.max(0, Math.min(data.episodes.length - 1, i));
      s.index = i; s.ep = data.episodes[i]; s.frame = 0; s.ready = false;
      episodeSelect.value = String(i);
      root.setAttribute("data-episode", String(i));
      el("summary").textContent = s.ep.summary;
      setNotes();
      slider.max = String(s.ep.steps.length - 1);
      var grids = el("grids");
      grids.classList.toggle("rl-empty", !s.ep.grids);
      if (s.ep.grids) { drawGrid(el("grid-initial"), s.ep.gridInitial); drawGrid(el("grid-final"), s.ep.gridFinal); }
      setFrame(0);
      var token = {};
      s.token = token;
      Promise.all([viewer.draw(s.ep), drawTracks(), drawTimeline()]).then(function () {
        if (s.token !== token) { return; }
        s.ready = true;
        wireClicks();
        setFrame(s.frame);
        root.setAttribute("data-ready", "true");
      }, fail);
    }

    // Plotly gives a div .on() once it has drawn: clicking a track jumps to that step, clicking a snapshot replays it.
    function wireClicks() {
      if (s.wired) { return; }
      s.wired = true;
      tracks.on("plotly_click", function (event) {
        if (event.points && event.points.length) { stop(); setFrame(nearest(s.ep.steps, event.points[0].x)); }
      });
      if (data.timeline) {
        timeline.on("plotly_click", function (event) {
          if (event.points && event.points.length && event.points[0].curveNumber === 0) { selectEpisode(event.points[0].pointIndex); }
        });
      }
    }

    // ---- wiring --------------------------------------------------------------------------------------------------
    el("title").textContent = data.title;
    data.episodes.forEach(function (e, i) {
      var option = document.createElement("option");
      option.value = String(i); option.textContent = e.label;
      episodeSelect.appendChild(option);
    });
    episodeSelect.disabled = data.episodes.length < 2;
    SPEEDS.forEach(function (v) {
      var option = document.createElement("option");
      option.value = String(v); option.textContent = v + "x";
      speedSelect.appendChild(option);
    });
    speedSelect.value = "1";
    episodeSelect.addEventListener("change", function () { selectEpisode(parseInt(episodeSelect.value, 10)); });
    speedSelect.addEventListener("change", function () { s.speed = parseFloat(speedSelect.value); if (s.timer !== null) { start(); } });
    slider.addEventListener("input", function () { stop(); setFrame(parseInt(slider.value, 10)); });
    follow.addEventListener("change", function () { setFrame(s.frame); });
    play.addEventListener("click", toggle);
    el("first").addEventListener("click", function () { stop(); setFrame(0); });
    el("last").addEventListener("click", function () { stop(); setFrame(s.ep.steps.length - 1); });
    el("back").addEventListener("click", function () { stop(); setFrame(s.frame - 1); });
    el("forward").addEventListener("click", function () { stop(); setFrame(s.frame + 1); });
    root.addEventListener("pointerdown", function (event) {
      var tag = event.target.tagName;
      if (tag !== "SELECT" && tag !== "INPUT" && tag !== "BUTTON" && tag !== "OPTION") { root.focus({ preventScroll: true }); }
    });
    root.addEventListener("keydown", function (event) {
      var tag = event.target.tagName;
      if (tag === "SELECT" || tag === "INPUT" || event.altKey || event.ctrlKey || event.metaKey) { return; }
      var jump = event.shiftKey ? 10 : 1, handled = true;
      switch (event.key) {
        case " ": if (tag === "BUTTON") { handled = false; } else { toggle(); } break;
        case "ArrowRight": stop(); setFrame(s.frame + jump); break;
        case "ArrowLeft": stop(); setFrame(s.frame - jump); break;
        case "Home": stop(); setFrame(0); break;
        case "End": stop(); setFrame(s.ep.steps.length - 1); break;
        case "PageDown": selectEpisode(s.index + 1); break;
        case "PageUp": selectEpisode(s.index - 1); break;
        default: handled = false;
      }
      if (handled) { event.preventDefault(); }
    });
    selectEpisode(data.start || 0);
    return s;
  }

  function explain(root, text) {
    var note = root.querySelector(".runlens-fallback-note");
    if (note) { note.textContent = text; }
  }

  function start(root) {
    root.setAttribute("data-runlens-state", "loading");
    var data, sources;
    try {
      data = JSON.parse(root.querySelector("script.runlens-replay-data").textContent);
      sources = JSON.parse(root.querySelector("script.runlens-plotly-sources").textContent);
    } catch (error) {
      root.setAttribute("data-runlens-state", "failed");
      explain(root, "RunLens could not read this replay's data: " + error);
      return;
    }
    window.RunLensPlotly.ready(sources).then(function () {
      root.querySelector(".rl-fallback").style.display = "none";
      root.querySelector(".rl-live").style.display = "";
      root.setAttribute("data-runlens-state", "drawn");
      try {
        Widget(root, data);
      } catch (error) {
        root.querySelector("[id='" + root.id + "-message']").textContent = "RunLens could not draw this replay: " + error;
      }
    }, function (error) {
      root.setAttribute("data-runlens-state", "failed");
      explain(root, error.message + " A RunLens kernel serves plotly.js on 127.0.0.1 while it runs: run a RunLens cell " +
        "and reload this page, or open a page written by replay.WriteHtml(path) or runlens replay, which carry plotly.js.");
    });
  }

  var roots = document.querySelectorAll("div.runlens-replay:not([data-runlens-state])");
  for (var i = 0; i < roots.length; i++) { start(roots[i]); }
})();
