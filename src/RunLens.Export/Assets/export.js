// The export page's two entry points, called by RunLens.Export through the DevTools protocol. The figure arrives as
// its JSON text (the same JSON the HTML pages carry) and is parsed here; nothing is assembled as script source.
(function () {
  "use strict";

  function image(figureJson, format, width, height, scale) {
    var figure = JSON.parse(figureJson);
    var config = Object.assign({}, figure.config || {}, { displaylogo: false });
    var spec = { data: figure.data, layout: figure.layout || {}, config: config };
    return window.Plotly.toImage(spec, { format: format, width: width, height: height, scale: scale }).then(function (url) {
      // A data URL: base64 for raster formats (returned as is), percent-encoded text for SVG (returned decoded).
      var comma = url.indexOf(",");
      var head = url.substring(0, comma);
      var body = url.substring(comma + 1);
      return head.indexOf(";base64") >= 0 ? body : decodeURIComponent(body);
    });
  }

  // Puts an SVG document (already sized in inches) on the page as live SVG, so the PDF keeps text and paths; the
  // page's title becomes the PDF's document title.
  function showSvg(svgText, title) {
    var parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
    var error = parsed.querySelector("parsererror");
    if (error) { throw new Error("The SVG to print does not parse: " + error.textContent); }
    var holder = document.getElementById("runlens-print");
    holder.replaceChildren(document.importNode(parsed.documentElement, true));
    document.title = title;
    return document.fonts.ready.then(function () { return true; });
  }

  window.runlensExport = { image: image, showSvg: showSvg };
})();
