// Pages every RunLens table on the page. A table is a div with class "runlens-table" holding its first page as a real
// <table>, an empty ".runlens-pager" and its rows as a JSON block (script.runlens-table-data). Every element is
// found inside its own container, never by id: the same output shown twice on one page has the same content, and
// each copy pages on its own. Each run of this script claims the containers no run has claimed yet (it marks them
// with data-runlens-state), so a notebook that runs it once per output never wires a table twice.
(function () {
  "use strict";

  // Invariant thousands separators (1,000), whatever the browser's language: the text matches the server's.
  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function cell(tag, text, numeric) {
    var element = document.createElement(tag);
    if (numeric) { element.className = "num"; }
    element.textContent = text === null || text === undefined ? "" : text;
    return element;
  }

  function setUp(root) {
    root.setAttribute("data-runlens-state", "claimed");
    var block = root.querySelector("script.runlens-table-data");
    var body = root.querySelector("tbody");
    var pager = root.querySelector(".runlens-pager");
    if (!block || !body || !pager) {
      root.setAttribute("data-runlens-state", "static");
      return;
    }
    var data;
    try {
      data = JSON.parse(block.textContent);
    } catch (error) {
      pager.textContent = "RunLens could not read this table's rows: " + error;
      root.setAttribute("data-runlens-state", "error");
      return;
    }
    var columns = data.columns, rows = data.cells, size = Math.max(1, data.pageSize);
    var pages = Math.max(1, Math.ceil(rows.length / size)), page = 0;
    var counter = document.createElement("span");
    counter.className = "runlens-page";
    counter.setAttribute("aria-live", "polite");

    function button(name, label, title, target) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.title = title;
      b.setAttribute("aria-label", title);
      b.setAttribute("data-page", name);
      b.addEventListener("click", function () { show(target()); });
      return b;
    }

    // Symbols every font has, not media-control glyphs that some fonts draw as empty boxes.
    var first = button("first", "\u00AB", "First page", function () { return 0; });
    var prev = button("prev", "\u2039", "Previous page", function () { return page - 1; });
    var next = button("next", "\u203A", "Next page", function () { return page + 1; });
    var last = button("last", "\u00BB", "Last page", function () { return pages - 1; });

    function show(target) {
      page = Math.min(pages - 1, Math.max(0, target));
      var start = page * size, end = Math.min(rows.length, start + size);
      var fragment = document.createDocumentFragment();
      for (var r = start; r < end; r++) {
        var tr = document.createElement("tr");
        var index = cell("td", String(r), true);
        index.className = "num runlens-index";
        tr.appendChild(index);
        for (var c = 0; c < columns.length; c++) {
          tr.appendChild(cell("td", rows[r][c], columns[c].numeric));
        }
        fragment.appendChild(tr);
      }
      while (body.firstChild) { body.removeChild(body.firstChild); }
      body.appendChild(fragment);
      counter.textContent = "page " + count(page + 1) + " of " + count(pages) + " \u00B7 rows " + count(start + 1) +
        "\u2013" + count(end) + " of " + count(data.rows);
      first.disabled = prev.disabled = page === 0;
      next.disabled = last.disabled = page === pages - 1;
    }

    [first, prev, counter, next, last].forEach(function (element) { pager.appendChild(element); });
    show(0);
    root.setAttribute("data-runlens-state", "ready");
  }

  var roots = document.querySelectorAll(".runlens-table:not([data-runlens-state])");
  for (var i = 0; i < roots.length; i++) {
    setUp(roots[i]);
  }
})();
