/* rbvgraph collaboration network page. All text from the data is put in the page with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rbv-data").textContent);
  var COMMUNITY_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#17becf", "#bcbd22", "#8c564b", "#7f7f7f"];
  var FADED = { background: "#eeeeee", border: "#d6d6d6" };
  var SHAPES = { organisatie: "dot", programma: "box", thema: "triangle", wet: "square" };
  var LEGEND_SHAPES = { organisatie: "dot", programma: "", thema: "triangle", wet: "" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function byId(id) { return document.getElementById(id); }
  function fmt(x) { return Number(x).toFixed(3).replace(".", ","); }
  function short(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  var nodeInfo = {}, edgeInfo = {}, themeLabel = {};
  data.nodes.forEach(function (n) { nodeInfo[n.id] = n; });
  data.edges.forEach(function (e) { edgeInfo[e.id] = e; });
  data.themes.forEach(function (t) { themeLabel[t.id] = t.label; });

  byId("subtitle").textContent = data.description + " · " + data.nodes.length + " knopen, " + data.edges.length +
    " verbindingen · bron: " + data.source;

  // selected: the node whose neighbourhood is highlighted; pinned: the panel shows a click, so hovering leaves it.
  var state = { theme: "", hiddenKinds: {}, sizeBy: "dc", colourBy: "kind", selected: null, pinned: false, frozen: true };

  function nodeColour(n) {
    var c = state.colourBy === "community" && n.role === "organisatie" ? COMMUNITY_COLOURS[(n.community - 1) % COMMUNITY_COLOURS.length] : n.color;
    return { background: c, border: n.group ? "#222222" : "#555555", highlight: { background: c, border: "#000000" },
      hover: { background: c, border: "#000000" } };
  }
  function nodeSize(n) { return 10 + 30 * Math.sqrt(state.sizeBy === "bc" ? n.bc : n.dc); }
  function nodeTitle(n) {
    var box = el("div");
    box.appendChild(el("strong", null, n.label));
    box.appendChild(el("div", null, n.kindLabel + (n.group ? " (groep)" : "") + (n.abbr ? " · " + n.abbr : "")));
    box.appendChild(el("div", null, n.degree + " verbindingen · graad " + fmt(n.dc) + " · tussenheid " + fmt(n.bc)));
    return box;
  }
  function edgeTitle(e) {
    var box = el("div");
    box.appendChild(el("strong", null, nodeInfo[e.from].label + " — " + nodeInfo[e.to].label));
    box.appendChild(el("div", null, e.weight + (e.weight === 1 ? " uitspraak" : " uitspraken") + (e.inferred ? " (afgeleid)" : "")));
    var first = e.statements[0];
    if (first && first.evidence.length) box.appendChild(el("div", null, "“" + short(first.evidence[0].quote, 160) + "”"));
    return box;
  }
  function visNode(n) {
    return { id: n.id, label: short(n.abbr ? n.abbr.split(", ")[0] : n.label, 30), shape: n.group ? "diamond" : SHAPES[n.role] || "dot",
      size: nodeSize(n), color: nodeColour(n), font: { color: "#222222", size: 13 }, title: nodeTitle(n),
      widthConstraint: n.role === "programma" ? { maximum: 140 } : undefined };
  }
  function visEdge(e) {
    return { id: e.id, from: e.from, to: e.to, width: 1 + 1.5 * Math.log2(e.weight), dashes: e.inferred,
      color: { color: e.relation === "context" ? "#c9c9c9" : "#8a8a8a", highlight: "#222222", hover: "#222222" }, title: edgeTitle(e) };
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));

  function nodeShown(item) {
    var n = nodeInfo[item.id];
    if (state.hiddenKinds[n.kind]) return false;
    return !state.theme || n.themes.indexOf(state.theme) >= 0;
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeShown });
  var edgeView = new vis.DataView(edges, { filter: function (item) {
    var e = edgeInfo[item.id];
    if (!nodeShown({ id: e.from }) || !nodeShown({ id: e.to })) return false;
    return !state.theme || e.themes.indexOf(state.theme) >= 0;
  } });

  var container = byId("network");
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 150 },
    nodes: { borderWidth: 1.5, shapeProperties: { interpolation: false } },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 1.5 },
    physics: { solver: "barnesHut", barnesHut: { gravitationalConstant: -5000, centralGravity: 0.6, springLength: 130,
      springConstant: 0.03, avoidOverlap: 0.2 }, minVelocity: 1, stabilization: { enabled: true, iterations: 150, updateInterval: 50, fit: true } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: true, navigationButtons: false, keyboard: false }
  });

  function settled() {
    network.setOptions({ physics: { enabled: false } });
    state.frozen = true;
    byId("freeze").textContent = "Indeling losmaken";
    window.rbvStableMs = performance.now() - started;
    document.body.setAttribute("data-stable", "1");
  }
  if (data.nodes.length === 0) {
    container.appendChild(el("p", null, "Geen organisaties in deze selectie.")).id = "empty";
    settled();
  } else {
    network.once("stabilizationIterationsDone", settled);
  }

  /* ---- details panel ---- */
  var details = byId("details");
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function addRow(dl, term, value) {
    if (value === "" || value === null || value === undefined) return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }
  function themeNames(list) {
    return list.map(function (t) { return themeLabel[t] || t; }).sort().join("; ");
  }
  function showNode(id) {
    var n = nodeInfo[id];
    clear(details);
    details.appendChild(el("h2", null, n.label));
    var dl = el("dl");
    addRow(dl, "Soort", n.kindLabel + (n.group ? " (groep)" : ""));
    addRow(dl, "Afkorting", n.abbr);
    addRow(dl, "Thema's", themeNames(n.themes) || "—");
    addRow(dl, "Verbindingen", String(n.degree));
    addRow(dl, "Graadcentraliteit", fmt(n.dc));
    addRow(dl, "Tussenheid", fmt(n.bc));
    addRow(dl, "Cluster", String(n.community));
    addRow(dl, "IRI", n.id);
    details.appendChild(dl);
    var around = network.getConnectedEdges(id).map(function (eid) { return edgeInfo[eid]; });
    if (around.length) {
      details.appendChild(el("h3", null, "Verbonden met"));
      var list = el("ul", "neighbours");
      around.sort(function (a, b) { return b.weight - a.weight; }).forEach(function (e) {
        var other = nodeInfo[e.from === id ? e.to : e.from];
        var button = el("button", null, other.label + " (" + e.weight + ")");
        button.type = "button";
        button.setAttribute("data-edge", e.id);
        button.addEventListener("click", function () { selectEdge(e.id); });
        var li = el("li");
        li.appendChild(button);
        list.appendChild(li);
      });
      details.appendChild(list);
    }
  }
  function showEdge(id) {
    var e = edgeInfo[id];
    clear(details);
    details.appendChild(el("h2", null, nodeInfo[e.from].label + " — " + nodeInfo[e.to].label));
    var summary = el("p", null, e.weight + (e.weight === 1 ? " uitspraak in het verslag" : " uitspraken in het verslag"));
    if (e.inferred) summary.appendChild(el("span", "badge inferred", "afgeleid door inferentie"));
    details.appendChild(summary);
    if (e.themes.length) details.appendChild(el("p", "section-ref", "Thema's: " + themeNames(e.themes)));
    var list = el("ul", "statement");
    e.statements.forEach(function (st) {
      var li = el("li");
      li.appendChild(el("strong", null, st.text));
      if (st.via_label) li.appendChild(el("span", "badge", "via " + st.via_label));
      if (!st.asserted) li.appendChild(el("span", "badge inferred", "afgeleid"));
      st.evidence.forEach(function (ev) {
        li.appendChild(el("div", "section-ref", "§ " + ev.section + (ev.title ? " " + ev.title : "")));
        if (ev.quote) li.appendChild(el("blockquote", "quote", ev.quote));
      });
      list.appendChild(li);
    });
    details.appendChild(list);
  }

  /* ---- neighbourhood highlight ---- */
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    nodes.update(data.nodes.map(function (n) {
      return keep[n.id] ? { id: n.id, color: nodeColour(n), font: { color: "#222222" } }
        : { id: n.id, color: { background: FADED.background, border: FADED.border }, font: { color: "#bbbbbb" } };
    }));
    var near = {};
    network.getConnectedEdges(id).forEach(function (e) { near[e] = true; });
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: { color: near[e.id] ? "#444444" : "#e6e6e6", highlight: "#222222", hover: "#222222" } };
    }));
  }
  function unhighlight() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: nodeColour(n), font: { color: "#222222" } }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: visEdge(e).color }; }));
  }
  function selectNode(id) {
    if (!nodeView.get(id)) resetFilters();
    state.selected = id;
    state.pinned = true;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.1, animation: false });
    highlight(id);
    showNode(id);
  }
  function selectEdge(id) {
    if (!edgeView.get(id)) resetFilters();
    state.pinned = true;
    network.selectEdges([id]);
    showEdge(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { selectNode(params.nodes[0]); }
    else if (params.edges.length) { state.selected = null; unhighlight(); selectEdge(params.edges[0]); }
    else { state.selected = null; state.pinned = false; unhighlight(); }
  });
  network.on("hoverNode", function (params) { if (!state.pinned) showNode(params.node); });
  network.on("hoverEdge", function (params) { if (!state.pinned) showEdge(params.edge); });

  /* ---- search ---- */
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var scored = [];
    data.nodes.forEach(function (n) {
      var names = [n.label].concat(n.names, n.abbr ? n.abbr.split(", ") : []).map(function (s) { return s.toLowerCase(); });
      var score = names.indexOf(q) >= 0 ? 0 : names.some(function (s) { return s.indexOf(q) === 0; }) ? 1
        : names.some(function (s) { return s.indexOf(q) >= 0; }) ? 2 : -1;
      if (score >= 0) scored.push([score, n.label, n.id]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return scored.map(function (s) { return s[2]; });
  }
  function showResults(query) {
    var list = byId("search-results");
    clear(list);
    var found = matches(query);
    byId("search-message").textContent = query.trim() && !found.length ? "Niets gevonden voor “" + query.trim() + "”." : "";
    found.slice(0, 8).forEach(function (id) {
      var n = nodeInfo[id];
      var button = el("button", null, n.label + (n.abbr ? " (" + n.abbr + ")" : ""));
      button.type = "button";
      button.addEventListener("click", function () { selectNode(id); });
      var li = el("li");
      li.appendChild(button);
      list.appendChild(li);
    });
    return found;
  }
  function search() {
    var found = showResults(byId("search").value);
    if (found.length) selectNode(found[0]);
  }
  byId("search").addEventListener("input", function () { showResults(this.value); });
  byId("search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });
  byId("search-go").addEventListener("click", search);

  /* ---- filters, legend, sizes, colours ---- */
  var themeSelect = byId("theme-filter");
  data.themes.forEach(function (t) {
    var option = el("option", null, "\u00a0\u00a0".repeat(t.depth) + t.label);
    option.value = t.id;
    themeSelect.appendChild(option);
  });
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
  }
  themeSelect.addEventListener("change", function () { state.theme = this.value; refresh(); });

  var legend = byId("legend-kinds");
  data.kinds.forEach(function (k) {
    var li = el("li", "kind");
    li.setAttribute("data-kind", k.id);
    li.title = "Tonen of verbergen";
    var swatch = el("span", "swatch " + LEGEND_SHAPES[k.role]);
    if (k.role !== "thema") swatch.style.background = k.color;
    li.appendChild(swatch);
    li.appendChild(el("span", null, k.label));
    li.appendChild(el("span", "count", k.count));
    li.addEventListener("click", function () {
      state.hiddenKinds[k.id] = !state.hiddenKinds[k.id];
      li.classList.toggle("off", !!state.hiddenKinds[k.id]);
      refresh();
    });
    legend.appendChild(li);
  });
  var shapes = byId("legend-shapes");
  [["dot", "#ffffff", "organisatie"], ["diamond", "#ffffff", "groep (bijv. gemeenten in Noord-Nederland)"],
    ["", "#ffffff", "programma of activiteit"], ["triangle", "", "thema"], ["", "#d9d9ff", "wet of regeling"],
    ["line", "", "samenwerking volgens het verslag"], ["line dashed", "", "afgeleid door inferentie"]].forEach(function (s) {
    var li = el("li");
    var swatch = el("span", "swatch " + s[0]);
    if (s[1]) swatch.style.background = s[1];
    li.appendChild(swatch);
    li.appendChild(el("span", null, s[2]));
    shapes.appendChild(li);
  });
  shapes.appendChild(el("li", "hint", "Grootte: centraliteit (zie ‘Grootte naar’). Dikte van een lijn: aantal uitspraken."));

  byId("size-by").addEventListener("change", function () {
    state.sizeBy = this.value;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, size: nodeSize(n) }; }));
  });
  byId("colour-by").addEventListener("change", function () {
    state.colourBy = this.value;
    if (state.selected) highlight(state.selected); else unhighlight();
  });
  byId("freeze").addEventListener("click", function () {
    state.frozen = !state.frozen;
    network.setOptions({ physics: { enabled: !state.frozen, stabilization: false } });
    this.textContent = state.frozen ? "Indeling losmaken" : "Indeling vastzetten";
  });
  byId("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  function resetFilters() {
    state.theme = "";
    themeSelect.value = "";
    state.hiddenKinds = {};
    Array.prototype.forEach.call(legend.children, function (li) { li.classList.remove("off"); });
    refresh();
  }
  byId("reset").addEventListener("click", resetFilters);

  /* ---- ranking ---- */
  function rank(by) {
    var body = byId("rank-body");
    clear(body);
    data.nodes.filter(function (n) { return n.role === "organisatie"; }).sort(function (a, b) {
      return b[by] - a[by] || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    }).forEach(function (n, i) {
      var tr = el("tr");
      tr.setAttribute("data-node", n.id);
      [String(i + 1), n.label, fmt(n.dc), fmt(n.bc), String(n.community)].forEach(function (v, col) {
        tr.appendChild(el("td", col === 1 ? null : "num", v));
      });
      tr.addEventListener("click", function () { selectNode(n.id); });
      body.appendChild(tr);
    });
  }
  byId("rank-by").addEventListener("change", function () { rank(this.value); });
  rank("dc");

  window.rbv = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, data: data,
    selectNode: selectNode, selectEdge: selectEdge };
})();
