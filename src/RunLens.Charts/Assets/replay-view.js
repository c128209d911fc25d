// The view of a RunLens replay widget: the 2-D path per map over an optional visit heatmap, or the 3-D path with body
// axes, bounds and a follow camera; waypoints turn green once reached. replay.js creates one per widget
// (window.RunLensReplayView.create) and calls draw(episode) and frame(index); every page part is found by the
// widget's id inside the widget, so widgets (and two copies of one output) never share state.
(function () {
  "use strict";
  if (window.RunLensReplayView) { return; }
  var REACHED = "#2ca02c", PENDING = "#d62728", TRAIL = "#1f77b4", AGENT = "#ff7f0e";

  // The range of the finite values, widened by a fraction of the span and at least by `minimum` on each side.
  function extent(lists, fraction, minimum) {
    var lo = Infinity, hi = -Infinity;
    lists.forEach(function (list) {
      (list || []).forEach(function (v) { if (v !== null && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
    });
    if (!isFinite(lo)) { return [0, 1]; }
    var margin = Math.max((hi - lo) * fraction, minimum);
    return [lo - margin, hi + margin];
  }

  // Body axes of a roll/pitch/yaw attitude (Z-Y-X order): the columns of Rz(yaw) Ry(pitch) Rx(roll).
  function bodyAxes(r, p, y) {
    var cr = Math.cos(r), sr = Math.sin(r), cp = Math.cos(p), sp = Math.sin(p), cy = Math.cos(y), sy = Math.sin(y);
    return [[cy * cp, sy * cp, -sp],
      [cy * sp * sr - sy * cr, sy * sp * sr + cy * cr, cp * sr],
      [cy * sp * cr + sy * sr, sy * sp * cr - cy * sr, cp * cr]];
  }

  function create(root, data) {
    var v = { ep: null, reachedKey: "", mapKey: null };
    function part(name) { return root.querySelector("[id='" + root.id + "-" + name + "']"); }
    var view = part("view"), follow = part("follow"), followLabel = part("follow-label");

    function mapOf(f) { return v.ep.maps ? v.ep.maps[f] : ""; }

    function heatmapTraces() {
      return (data.heatmaps || []).map(function (h) {
        var x0 = Math.min.apply(null, h.x), x1 = Math.max.apply(null, h.x), y0 = Math.min.apply(null, h.y), y1 = Math.max.apply(null, h.y);
        var z = [], counts = [];
        for (var r = y0; r <= y1; r++) { z.push(new Array(x1 - x0 + 1).fill(null)); counts.push(new Array(x1 - x0 + 1).fill(null)); }
        h.x.forEach(function (x, i) { z[h.y[i] - y0][x - x0] = Math.log10(h.count[i]); counts[h.y[i] - y0][x - x0] = h.count[i]; });
        return { type: "heatmap", name: "visits", x0: x0, dx: 1, y0: y0, dy: 1, z: z, customdata: counts, colorscale: "Greys",
          reversescale: true, showscale: false, opacity: 0.45, hoverongaps: false, visible: false, meta: h.map === undefined ? "" : String(h.map),
          hovertemplate: "x %{x}, y %{y}: %{customdata} visits<extra>run heatmap</extra>" };
      });
    }

    function drawView() {
      var ep = v.ep;
      view.classList.toggle("rl-empty", ep.dim === 0);
      followLabel.classList.toggle("rl-hidden", ep.dim !== 3);
      if (ep.dim === 0) { Plotly.purge(view); return Promise.resolve(); }
      var traces = ep.dim === 3 ? [] : heatmapTraces();
      v.heatmaps = traces.length;
      var line = function (name, color, width, dash, mode) {
        var t = { type: ep.dim === 3 ? "scatter3d" : "scatter", mode: mode || "lines", name: name, x: [], y: [],
          line: { color: color, width: width, dash: dash }, hoverinfo: "skip", showlegend: false };
        if (ep.dim === 3) { t.z = []; }
        return t;
      };
      if (ep.dim === 3 && ep.boundsMin && ep.boundsMax) {
        var a = ep.boundsMin, b = ep.boundsMax, box = line("bounds", "#999", 2, "dash");
        [[0, 0, 0, 1, 0, 0], [1, 0, 0, 1, 1, 0], [1, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 1, 0, 1], [1, 0, 1, 1, 1, 1],
          [1, 1, 1, 0, 1, 1], [0, 1, 1, 0, 0, 1], [0, 0, 0, 0, 0, 1], [1, 0, 0, 1, 0, 1], [1, 1, 0, 1, 1, 1], [0, 1, 0, 0, 1, 1]]
          .forEach(function (e) {
            box.x.push(e[0] ? b[0] : a[0], e[3] ? b[0] : a[0], null);
            box.y.push(e[1] ? b[1] : a[1], e[4] ? b[1] : a[1], null);
            box.z.push(e[2] ? b[2] : a[2], e[5] ? b[2] : a[2], null);
          });
        traces.push(box);
      }
      v.ghost = traces.length; traces.push(line("whole path", "rgba(31,119,180,0.28)", 2, "solid"));
      v.trail = traces.length; traces.push(line("path so far", TRAIL, ep.dim === 3 ? 5 : 3, "solid", ep.dim === 3 ? "lines" : "lines+markers"));
      traces[v.trail].marker = { size: 3, color: TRAIL };
      v.waypoints = -1;
      if (ep.waypoints && ep.waypoints.length) {
        v.waypoints = traces.length;
        var w = line("waypoints", PENDING, 1, "solid", "markers+text");
        ep.waypoints.forEach(function (p, i) { w.x.push(p[0]); w.y.push(p[1]); if (w.z) { w.z.push(p[2]); } w.text = (w.text || []).concat([String(i + 1)]); });
        w.marker = { size: ep.dim === 3 ? 7 : 14, color: ep.waypoints.map(function () { return PENDING; }), symbol: "diamond", opacity: 0.85 };
        w.textposition = "top center"; w.hoverinfo = "text"; w.hovertext = ep.waypoints.map(function (p, i) { return "waypoint " + (i + 1); });
        traces.push(w);
      }
      v.axes = traces.length;
      var axisCount = ep.dim === 3 ? (ep.roll ? 3 : (ep.yaw ? 1 : 0)) : (ep.yaw ? 1 : 0);
      for (var k = 0; k < axisCount; k++) { traces.push(line(["forward", "left", "up"][k], ["#d62728", "#2ca02c", "#1f77b4"][k], 6)); }
      v.axisCount = axisCount;
      v.agent = traces.length;
      var agent = line("agent", AGENT, 1, "solid", "markers");
      agent.marker = { size: ep.dim === 3 ? 6 : 14, color: AGENT, line: { color: "#000", width: 1 } };
      agent.hoverinfo = "x+y" + (ep.dim === 3 ? "+z" : "");
      traces.push(agent);
      var layout = { margin: { l: 40, r: 10, t: 30, b: 30 }, showlegend: false, uirevision: root.id, paper_bgcolor: "#fff",
        title: { text: "", font: { size: 13 }, x: 0.02 } };
      var xs = ep.x.concat((ep.waypoints || []).map(function (p) { return p[0]; })), ys = ep.y.concat((ep.waypoints || []).map(function (p) { return p[1]; }));
      if (ep.dim === 3) {
        var zs = ep.z.concat((ep.waypoints || []).map(function (p) { return p[2]; }));
        var bx = ep.boundsMin ? [ep.boundsMin[0], ep.boundsMax[0]] : [], by = ep.boundsMin ? [ep.boundsMin[1], ep.boundsMax[1]] : [], bz = ep.boundsMin ? [ep.boundsMin[2], ep.boundsMax[2]] : [];
        v.ranges = [extent([xs, bx], 0.05, 0.5), extent([ys, by], 0.05, 0.5), extent([zs, bz], 0.05, 0.5)];
        v.axisLength = Math.max(v.ranges[0][1] - v.ranges[0][0], v.ranges[1][1] - v.ranges[1][0], v.ranges[2][1] - v.ranges[2][0]) / 14;
        layout.scene = { aspectmode: "data", xaxis: { title: { text: "x" }, range: v.ranges[0] }, yaxis: { title: { text: "y" }, range: v.ranges[1] },
          zaxis: { title: { text: "z" }, range: v.ranges[2] }, camera: { eye: { x: 1.4, y: -1.4, z: 0.9 } } };
      } else {
        var span = extent([xs], 0, 0);
        v.axisLength = Math.max(1, (span[1] - span[0]) / 20);
        layout.xaxis = { title: { text: "x" }, zeroline: false, constrain: "domain" };
        layout.yaxis = { title: { text: "y" }, zeroline: false, scaleanchor: "x", scaleratio: 1, constrain: "domain", autorange: ep.yDown ? "reversed" : true };
        layout.plot_bgcolor = "#f7f7f7";
      }
      v.mapKey = null; v.reachedKey = "";
      return Plotly.react(view, traces, layout, { responsive: true, displaylogo: false });
    }

    // The 2-D axes fit the current map: the episode's points on it, its heatmap cells and the waypoints.
    function mapLayout(f) {
      var ep = v.ep, map = mapOf(f), xs = [], ys = [], update = {};
      for (var i = 0; i < ep.steps.length; i++) { if (mapOf(i) === map) { xs.push(ep.x[i]); ys.push(ep.y[i]); } }
      (ep.waypoints || []).forEach(function (p) { xs.push(p[0]); ys.push(p[1]); });
      var visible = [];
      (data.heatmaps || []).forEach(function (h) {
        var on = (h.map === undefined ? "" : String(h.map)) === map || (!ep.maps && (data.heatmaps || []).length === 1);
        visible.push(on);
        if (on) { xs = xs.concat(h.x); ys = ys.concat(h.y); }
      });
      // Grid games: whole cells plus a little; continuous worlds: 5% of the span.
      var fraction = ep.yDown ? 0 : 0.05, minimum = ep.yDown ? 0.6 : 0.5, yr = extent([ys], fraction, minimum);
      update["xaxis.range"] = extent([xs], fraction, minimum);
      update["yaxis.range"] = ep.yDown ? [yr[1], yr[0]] : yr;
      if (ep.maps) {
        var switches = (ep.mapSwitches || []).filter(function (k) { return k <= f; }).length;
        update["title.text"] = "map " + map + (ep.mapSwitches && ep.mapSwitches.length ? " · map switch " + switches + " of " + ep.mapSwitches.length : "");
      }
      return { layout: update, visible: visible };
    }

    function drawFrame2D(f) {
      var ep = v.ep, map = mapOf(f), tx = [], ty = [], gx = [], gy = [], prev = -2;
      for (var i = 0; i < ep.steps.length; i++) {
        if (mapOf(i) !== map) { continue; }
        if (prev >= 0 && i !== prev + 1) { gx.push(null); gy.push(null); if (i <= f) { tx.push(null); ty.push(null); } }
        gx.push(ep.x[i]); gy.push(ep.y[i]);
        if (i <= f) { tx.push(ep.x[i]); ty.push(ep.y[i]); }
        prev = i;
      }
      var xs = [gx, tx, [ep.x[f]]], ys = [gy, ty, [ep.y[f]]], idx = [v.ghost, v.trail, v.agent];
      if (v.axisCount) {
        var yaw = ep.yaw[f], len = v.axisLength, dy = ep.yDown ? -1 : 1;
        xs.push([ep.x[f], ep.x[f] + len * Math.cos(yaw)]); ys.push([ep.y[f], ep.y[f] + dy * len * Math.sin(yaw)]); idx.push(v.axes);
      }
      Plotly.restyle(view, { x: xs, y: ys }, idx);
      if (v.mapKey !== map) {
        v.mapKey = map;
        var m = mapLayout(f);
        if (m.visible.length) { Plotly.restyle(view, { visible: m.visible }, m.visible.map(function (_, j) { return j; })); }
        Plotly.relayout(view, m.layout);
      }
    }

    function drawFrame3D(f) {
      var ep = v.ep, xs = [ep.x, ep.x.slice(0, f + 1), [ep.x[f]]], ys = [ep.y, ep.y.slice(0, f + 1), [ep.y[f]]];
      var zs = [ep.z, ep.z.slice(0, f + 1), [ep.z[f]]], idx = [v.ghost, v.trail, v.agent];
      if (v.axisCount) {
        var axes = ep.roll ? bodyAxes(ep.roll[f], ep.pitch[f], ep.yaw[f]) : [[Math.cos(ep.yaw[f]), Math.sin(ep.yaw[f]), 0]];
        for (var k = 0; k < v.axisCount; k++) {
          var axis = axes[k], len = v.axisLength;
          xs.push([ep.x[f], ep.x[f] + len * axis[0]]); ys.push([ep.y[f], ep.y[f] + len * axis[1]]); zs.push([ep.z[f], ep.z[f] + len * axis[2]]); idx.push(v.axes + k);
        }
      }
      Plotly.restyle(view, { x: xs, y: ys, z: zs }, idx);
      if (follow.checked) {
        // Follow: a window a third of the scene wide, centred on the agent, so it never leaves the view.
        var c = [ep.x[f], ep.y[f], ep.z[f]], update = {};
        ["xaxis", "yaxis", "zaxis"].forEach(function (axis, i) {
          var half = (v.ranges[i][1] - v.ranges[i][0]) / 6;
          update["scene." + axis + ".range"] = [c[i] - half, c[i] + half];
        });
        Plotly.relayout(view, update);
        v.followed = true;
      } else if (v.followed) {
        v.followed = false;
        Plotly.relayout(view, { "scene.xaxis.range": v.ranges[0], "scene.yaxis.range": v.ranges[1], "scene.zaxis.range": v.ranges[2] });
      }
    }

    function drawWaypoints(f) {
      var ep = v.ep;
      if (v.waypoints < 0) { return; }
      var colors = ep.reachedAt.map(function (at) { return at >= 0 && at <= f ? REACHED : PENDING; });
      var key = colors.join();
      if (key === v.reachedKey) { return; }
      v.reachedKey = key;
      Plotly.restyle(view, { "marker.color": [colors] }, [v.waypoints]);
    }

    // Draws the episode's frame f: the path so far, the agent and its axes, the waypoints reached by then.
    function frame(f) {
      if (v.ep.dim === 2) { drawFrame2D(f); } else if (v.ep.dim === 3) { drawFrame3D(f); }
      if (v.ep.dim) { drawWaypoints(f); }
    }

    return {
      draw: function (ep) { v.ep = ep; return drawView(); },
      frame: frame,
    };
  }

  window.RunLensReplayView = { create: create };
})();
