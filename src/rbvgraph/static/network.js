/* rbvgraph collaboration network page. The nodes, edges and options come from pyvis (rbvgraph's template puts
   them in one JSON element); all text from the data is put in the page with textContent, never as HTML.

   Positions stay put: a filter, a focus or a search hides nodes (vis-network's `hidden`), never removes them, and
   physics is switched off once the first layout has settled, so nothing moves unless the user asks for it. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rbv-data").textContent);
  var page = data.page;
  var TEXT = "#1a1a1a", EDGE = "#8a8a8a";
  var RESULTS_SHOWN = 8, RANKED_SHOWN = 100, SECTIONS_SHOWN = 4, QUOTES_SHOWN = 3, PARTNERS_SHOWN = 12;
  var LAYOUT_LIMIT_MS = 15000;  // "Opnieuw schikken" stops by itself when settled, and at the latest after this

  function byId(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function button(text, onClick, className) {
    var b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function percent(x) {
    var p = x * 100;
    return (p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1).replace(".", ",")) + "%";
  }
  function short(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }
  function byName(a, b) { return a.name.localeCompare(b.name, "nl"); }

  /* ---- the data: vis-network items apart from what the panels show ---- */
  var info = {}, edgeInfo = {}, nodeIds = [], edgeIds = [], adjacency = {};
  data.nodes.forEach(function (n) {
    info[n.id] = n.rbv;
    n.rbv.id = n.id;
    delete n.rbv;
    delete n.label;  // the names are the page's own text over the canvas (see "names beside the nodes")
    nodeIds.push(n.id);
    adjacency[n.id] = [];
  });
  data.edges.forEach(function (e) {
    edgeInfo[e.id] = e.rbv;
    e.rbv.id = e.id;
    e.rbv.from = e.from;
    e.rbv.to = e.to;
    delete e.rbv;
    edgeIds.push(e.id);
    adjacency[e.from].push({ node: e.to, edge: e.id });
    adjacency[e.to].push({ node: e.from, edge: e.id });
  });
  var organisations = nodeIds.map(function (id) { return info[id]; }).filter(function (n) { return n.role === "organisatie"; });
  var themeLabel = {}, kindInfo = {}, clusterInfo = {};
  page.themes.forEach(function (t) { themeLabel[t.id] = t.label; });
  page.kinds.forEach(function (k) { kindInfo[k.id] = k; });
  page.clusters.forEach(function (c) { clusterInfo[c.n] = c; });

  // theme, hidden kinds, focus and depth decide what is shown; selected/selectedEdge what the panel shows.
  var state = { theme: "", hidden: {}, focus: "", depth: 1, sizeBy: "dc", colourBy: "kind", rankBy: "dc",
    selected: null, selectedEdge: null, view: null };
  var shown = { nodes: {}, edges: {} }, hiddenNow = {}, edgeHiddenNow = {}, metrics = null;
  nodeIds.forEach(function (id) { shown.nodes[id] = true; });
  edgeIds.forEach(function (id) { shown.edges[id] = true; });

  /* ---- marks: the family's figure, filled as its kind, in its colour; a group has a dashed ring ----
     Drawn as small SVG pictures (vis-network's own shapes have one flat fill): a kind is told from the others in
     its family by the fill, so the picture does not lean on colour alone. The legend shows the same pictures. */
  var FIGURES = {
    dot: '<circle cx="20" cy="20" r="16"/>',
    square: '<rect x="5" y="5" width="30" height="30"/>',
    triangleDown: '<polygon points="3,6 37,6 20,36"/>',
    hexagon: '<polygon points="11,4 29,4 37,20 29,36 11,36 3,20"/>',
    star: '<polygon points="20,2 24.7,13.5 37.1,14.4 27.6,22.4 30.6,34.6 20,28 9.4,34.6 12.4,22.4 2.9,14.4 15.3,13.5"/>',
    tag: '<polygon points="3,9 27,9 37,20 27,31 3,31"/>',
    box: '<rect x="3" y="9" width="34" height="22" rx="4"/>',
    ellipse: '<ellipse cx="20" cy="20" rx="17" ry="12"/>',
    database: '<path d="M4 11v18c0 6 32 6 32 0V11"/><ellipse cx="20" cy="11" rx="16" ry="5"/>'
  };
  function tint(hex) {
    var c = [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
    return "#" + c.map(function (v) { return Math.round(v + (255 - v) * 0.85).toString(16).padStart(2, "0"); }).join("");
  }
  var markCache = {};
  function mark(figure, fill, colour, group) {
    var key = [figure, fill, colour, group].join("|");
    if (markCache[key]) return markCache[key];
    var shape = FIGURES[figure] || FIGURES.star;
    var light = fill === "licht" || fill === "gestreept" && isOutlined(figure) || fill === "gestippeld" && isOutlined(figure);
    var ground = light ? tint(colour) : fill === "vol" ? colour : "#ffffff";
    var defs = fill === "gestreept"
      ? '<pattern id="f" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3.5" height="7" fill="' + colour + '"/></pattern>'
      : fill === "gestippeld" ? '<pattern id="f" width="8" height="8" patternUnits="userSpaceOnUse"><circle cx="4" cy="4" r="2.4" fill="' + colour + '"/></pattern>' : "";
    var body = '<g fill="' + ground + '" stroke="' + colour + '" stroke-width="' + (fill === "open" ? 7 : light ? 3.5 : 2.5) + '" stroke-linejoin="round">' + shape + "</g>";
    if (defs) body += '<g fill="url(#f)" stroke="' + colour + '" stroke-width="' + (light ? 3.5 : 2.5) + '" stroke-linejoin="round">' + shape + "</g>";
    // A group: its kind's mark, smaller, inside a dashed ring of the same figure.
    var drawn = group
      ? '<g transform="translate(20 20) scale(0.68) translate(-20 -20)">' + body + '</g><g fill="none" stroke="#1a1a1a" stroke-width="2.5" stroke-dasharray="4.5 3">' + shape + "</g>"
      : '<g transform="translate(20 20) scale(0.9) translate(-20 -20)">' + body + "</g>";
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80" viewBox="0 0 40 40">' +
      (defs ? "<defs>" + defs + "</defs>" : "") + drawn + "</svg>";
    return (markCache[key] = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg));
  }
  function isOutlined(figure) { return figure === "box" || figure === "ellipse" || figure === "database"; }
  function markColour(n) {
    return state.colourBy === "community" ? clusterInfo[n.community].colour : n.colour;
  }
  function nodeImage(n) { return mark(n.figure, n.fill, markColour(n), n.group); }
  data.nodes.forEach(function (n) { n.image = nodeImage(info[n.id]); });
  function nodeSize(n) { return 10 + 30 * Math.sqrt(state.sizeBy === "bc" ? n.bc : n.dc); }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  // On a narrow screen the page is one column: the graph, the search, the chosen organisation or link, the other
  // controls, the ranking. The graph and the details are moved there in the document too (and back on a wide
  // screen), so that Tab goes down the screen in the order it is seen.
  var narrow = window.matchMedia("screen and (max-width: 899px)");
  function arrange() {
    var graphArea = byId("graph-area"), controls = byId("controls"), side = byId("side"), panel = byId("details");
    if (narrow.matches) {
      controls.parentNode.insertBefore(graphArea, controls);
      byId("search-section").after(panel);
    } else {
      controls.after(graphArea);
      side.insertBefore(panel, side.firstChild);
    }
  }
  arrange();
  narrow.addEventListener("change", arrange);
  var container = byId("network");
  var progress = byId("progress");
  if (nodeIds.length > 300) progress.hidden = false;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  network.on("stabilizationProgress", function (p) {
    progress.querySelector("progress").value = Math.round(100 * p.iterations / p.total);
  });

  /* ---- what is shown: filters and focus hide nodes; their positions stay ---- */
  function passes(id) {
    var n = info[id];
    if (id === state.focus) return true;
    return !state.hidden[n.kind] && (!state.theme || n.themes.indexOf(state.theme) >= 0);
  }
  function edgePasses(id, ok) {
    var e = edgeInfo[id];
    return ok[e.from] && ok[e.to] && (!state.theme || e.themes.indexOf(state.theme) >= 0);
  }
  function filtered() { return !!(state.theme || state.focus || Object.keys(state.hidden).length); }
  function computeShown() {
    var ok = {}, lines = {};
    nodeIds.forEach(function (id) { if (passes(id)) ok[id] = true; });
    edgeIds.forEach(function (id) { if (edgePasses(id, ok)) lines[id] = true; });
    if (state.focus && info[state.focus]) {
      var reached = {}, frontier = [state.focus];
      reached[state.focus] = true;
      for (var step = 0; step < state.depth; step++) {
        var next = [];
        frontier.forEach(function (id) {
          adjacency[id].forEach(function (a) {
            if (lines[a.edge] && !reached[a.node]) { reached[a.node] = true; next.push(a.node); }
          });
        });
        frontier = next;
      }
      ok = reached;
      Object.keys(lines).forEach(function (id) { if (!edgePasses(id, ok)) delete lines[id]; });
    }
    return { nodes: ok, edges: lines };
  }
  function applyView(refit) {
    shown = computeShown();
    var nodeChanges = [], edgeChanges = [];
    nodeIds.forEach(function (id) {
      var hide = !shown.nodes[id];
      if (!!hiddenNow[id] !== hide) { hiddenNow[id] = hide; nodeChanges.push({ id: id, hidden: hide }); }
    });
    edgeIds.forEach(function (id) {
      var hide = !shown.edges[id];
      if (!!edgeHiddenNow[id] !== hide) { edgeHiddenNow[id] = hide; edgeChanges.push({ id: id, hidden: hide }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    hideTooltip();  // it may describe a node now hidden, or counts of the view before
    metrics = filtered() ? measure() : null;
    labelOrder = null;
    relabel();
    if (state.selected && !shown.nodes[state.selected]) deselect();
    else if (state.selectedEdge && !shown.edges[state.selectedEdge]) deselect();
    else if (state.selected) { highlight(state.selected); showNode(state.selected); }
    rank();
    legendCounts();
    subtitle();
    refreshResults();
    if (refit) fitShown();
    writeHash();
  }
  function shownIds() { return nodeIds.filter(function (id) { return shown.nodes[id]; }); }
  // vis-network's fit leaves a margin of about a tenth on each side; the marks need only their own size and a
  // strip for the names at the edge, so the bulk of the network is drawn larger.
  function fitted(ids) {
    var pos = network.getPositions(ids), box = { l: Infinity, r: -Infinity, t: Infinity, b: -Infinity };
    ids.forEach(function (id) {
      var p = pos[id], size = nodeSize(info[id]);
      box.l = Math.min(box.l, p.x - size); box.r = Math.max(box.r, p.x + size);
      box.t = Math.min(box.t, p.y - size); box.b = Math.max(box.b, p.y + size);
    });
    var pad = 12, W = drawingSize().w, H = drawingSize().h;
    var scale = Math.min((W - 2 * pad) / Math.max(box.r - box.l, 1), (H - 2 * pad) / Math.max(box.b - box.t, 1), 1);
    return { scale: scale, position: { x: (box.l + box.r) / 2, y: (box.t + box.b) / 2 } };
  }
  function fitShown() {
    var ids = shownIds();
    state.view = null;
    if (!ids.length) return;
    var fit = fitted(ids);
    network.moveTo({ position: fit.position, scale: fit.scale, animation: false });
  }
  // A view zoomed or moved by hand goes into the address as its zoom relative to the fitted view and its centre in
  // the layout's coordinates, so that a link shows the same part of the network on another screen too.
  var viewTimer = null;
  function rememberView() {
    var ids = shownIds();
    if (!ids.length) return;
    var centre = network.getViewPosition();
    state.view = { zoom: network.getScale() / fitted(ids).scale, x: centre.x, y: centre.y };
    clearTimeout(viewTimer);
    viewTimer = setTimeout(writeHash, 150);  // once the wheel has stopped
  }
  function showView(view) {
    var ids = shownIds();
    if (!ids.length) return;
    network.moveTo({ position: { x: view.x, y: view.y }, scale: fitted(ids).scale * view.zoom, animation: false });
    state.view = view;
  }
  network.on("zoom", rememberView);
  network.on("dragEnd", function (p) { if (!p.nodes.length) rememberView(); });

  /* Partners and makelaarsrol (normalised betweenness, as networkx computes it) within what is shown: Brandes'
     algorithm on the shown nodes and edges. Unfiltered, the values computed by rbvgraph are used as they are. */
  function measure() {
    var ids = shownIds(), index = {}, n = ids.length, degree = {}, between = {};
    ids.forEach(function (id, i) { index[id] = i; degree[id] = 0; between[id] = 0; });
    var neighbours = ids.map(function (id) {
      return adjacency[id].filter(function (a) { return shown.edges[a.edge]; }).map(function (a) { return index[a.node]; });
    });
    // partners are organisations: a programme, theme or law shown beside them is none
    ids.forEach(function (id, i) {
      degree[id] = neighbours[i].filter(function (j) { return info[ids[j]].role === "organisatie"; }).length;
    });
    var score = new Float64Array(n);
    for (var s = 0; s < n; s++) {
      var stack = [], preds = [], sigma = new Float64Array(n), dist = new Int32Array(n).fill(-1), delta = new Float64Array(n);
      sigma[s] = 1; dist[s] = 0;
      var queue = [s], head = 0;
      while (head < queue.length) {
        var v = queue[head++];
        stack.push(v);
        var around = neighbours[v];
        for (var k = 0; k < around.length; k++) {
          var w = around[k];
          if (dist[w] < 0) { dist[w] = dist[v] + 1; queue.push(w); }
          if (dist[w] === dist[v] + 1) { sigma[w] += sigma[v]; (preds[w] = preds[w] || []).push(v); }
        }
      }
      while (stack.length) {
        var x = stack.pop(), from = preds[x] || [];
        for (var j = 0; j < from.length; j++) delta[from[j]] += sigma[from[j]] / sigma[x] * (1 + delta[x]);
        if (x !== s) score[x] += delta[x];
      }
    }
    var scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0;  // every pair is counted from both ends
    ids.forEach(function (id, i) { between[id] = score[i] * scale; });
    return { degree: degree, bc: between, n: n };
  }
  function partners(id) { return metrics ? metrics.degree[id] : info[id].degree; }
  function brokerage(id) { return metrics ? metrics.bc[id] : info[id].bc; }

  /* ---- subtitle, ranking, legend ---- */
  function shownOrganisations() { return organisations.filter(function (n) { return shown.nodes[n.id]; }); }
  // What a node's count is called: an organisation's partners, a programme's participants, a theme's or law's organisations.
  var COUNTED = { organisatie: ["partner", "partners"], programma: ["deelnemer", "deelnemers"] };
  function counted(id, n) {
    var words = COUNTED[info[id].role] || ["organisatie", "organisaties"];
    return plural(n, words[0], words[1]);
  }
  var CONTEXT = { programma: "programma's, projecten en activiteiten", thema: "thema's", wet: "wetten en regels" };
  function contextText() {  // "ook: 113 programma's, projecten en activiteiten (192 deelnames)"
    var count = {}, links = 0;
    nodeIds.forEach(function (id) { if (shown.nodes[id] && info[id].role !== "organisatie") count[info[id].role] = (count[info[id].role] || 0) + 1; });
    Object.keys(shown.edges).forEach(function (id) { if (edgeInfo[id].relation === "context") links++; });
    var parts = Object.keys(CONTEXT).filter(function (r) { return count[r]; }).map(function (r) { return count[r] + " " + CONTEXT[r]; });
    return parts.length ? "ook " + parts.join(", ") + " (" + plural(links, "koppeling", "koppelingen") + " aan organisaties)" : "";
  }
  function subtitle() {
    var orgs = shownOrganisations().length;
    var lines = Object.keys(shown.edges).filter(function (id) { return edgeInfo[id].relation !== "context"; }).length;
    var parts = [page.description];
    if (filtered()) {
      var what = [];
      if (state.theme) what.push("thema " + themeLabel[state.theme]);
      if (state.focus) what.push("rond " + info[state.focus].name + " (" + plural(state.depth, "stap", "stappen") + ")");
      var off = Object.keys(state.hidden).map(function (k) { return kindInfo[k].label; });
      if (off.length) what.push("zonder " + off.join(", "));
      parts.push("nu: " + what.join("; "));
      parts.push(orgs + " van " + plural(organisations.length, "organisatie", "organisaties") + ", " +
        plural(lines, "verbinding", "verbindingen"));
    } else {
      parts.push(plural(orgs, "organisatie", "organisaties") + ", " + plural(lines, "verbinding", "verbindingen"));
    }
    if (contextText()) parts.push(contextText());
    parts.push("bron: " + page.source);
    byId("subtitle").textContent = parts.join(" · ");
  }
  function rank() {
    var body = byId("rank-body");
    clear(body);
    var key = state.rankBy === "bc" ? brokerage : partners;
    var list = shownOrganisations().sort(function (a, b) { return key(b.id) - key(a.id) || byName(a, b); });
    list.slice(0, RANKED_SHOWN).forEach(function (n, i) {
      var tr = el("tr");
      tr.setAttribute("data-node", n.id);
      tr.appendChild(el("td", "num", i + 1));
      var cell = el("td");
      var b = button(n.name, function () { selectNode(n.id); }, "link");
      cell.appendChild(b);
      if (n.group) cell.appendChild(el("span", "badge", "groep"));
      tr.appendChild(cell);
      tr.appendChild(el("td", "num", partners(n.id)));
      tr.appendChild(el("td", "num", percent(brokerage(n.id))));
      body.appendChild(tr);
    });
    if (list.length > RANKED_SHOWN) {
      var more = el("tr");
      var td = el("td", "hint", "en nog " + (list.length - RANKED_SHOWN) + " organisaties met minder partners");
      td.colSpan = 4;
      more.appendChild(td);
      body.appendChild(more);
    }
  }

  var SVG = "http://www.w3.org/2000/svg";
  function lineSwatch(dashed) {  // dashed: the line of an inferred link
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("aria-hidden", "true");
    var line = document.createElementNS(SVG, "line");
    [["x1", "0"], ["y1", "10"], ["x2", "20"], ["y2", "10"], ["stroke", EDGE], ["stroke-width", "2"]].forEach(function (a) {
      line.setAttribute(a[0], a[1]);
    });
    if (dashed) line.setAttribute("stroke-dasharray", "4 2");
    svg.appendChild(line);
    return svg;
  }
  function markSwatch(figure, fill, colour, group) {  // the very picture the graph draws
    var img = el("img", "swatch");
    img.src = mark(figure, fill, colour, group);
    img.alt = "";
    return img;
  }
  var legend = byId("legend"), legendButtons = {};
  function legendCounts() {
    var counts = {}, clusterCounts = {}, loose = 0;
    var base = state.hidden;
    state.hidden = {};  // a hidden kind still says how many it would show
    var would = computeShown();
    state.hidden = base;
    nodeIds.forEach(function (id) {
      if (!would.nodes[id]) return;
      counts[info[id].kind] = (counts[info[id].kind] || 0) + 1;
      if (!shown.nodes[id]) return;
      if (clusterInfo[info[id].community].count === 1) loose++;
      else clusterCounts[info[id].community] = (clusterCounts[info[id].community] || 0) + 1;
    });
    Object.keys(legendButtons).forEach(function (key) {
      var b = legendButtons[key], n;
      if (key === "loose") n = loose;
      else if (b.getAttribute("data-cluster")) n = clusterCounts[key.replace(/^cluster:/, "")] || 0;
      else n = counts[key] || 0;
      b.querySelector(".count").textContent = String(n);
      // an empty cluster under a filter is left out; an empty kind stays, so that it can be shown again
      if (key === "loose" || b.getAttribute("data-cluster")) b.closest("li").hidden = n === 0;
    });
  }
  function buildLegend() {
    clear(legend);
    legendButtons = {};
    var list = el("ul", "legend");
    if (state.colourBy === "kind") {
      byId("legend-hint").textContent = "De vorm zegt de familie, de vulling en de kleur de soort daarbinnen. " +
        "Kies een soort om die te verbergen of weer te tonen.";
      var family = null;
      page.kinds.forEach(function (k) {
        if (k.family !== family) { family = k.family; list.appendChild(el("li", "family", family)); }
        var li = el("li");
        var b = button("", function () {
          if (state.hidden[k.id]) delete state.hidden[k.id]; else state.hidden[k.id] = true;
          b.setAttribute("aria-pressed", state.hidden[k.id] ? "false" : "true");
          applyView(true);
        }, "kind");
        b.setAttribute("data-kind", k.id);
        b.setAttribute("aria-pressed", state.hidden[k.id] ? "false" : "true");
        b.appendChild(markSwatch(k.shape, k.fill, k.colour, false));
        b.appendChild(el("span", "name", k.label));
        b.appendChild(el("span", "count", k.count));
        legendButtons[k.id] = b;
        li.appendChild(b);
        list.appendChild(li);
      });
    } else {
      byId("legend-hint").textContent = "Een cluster: organisaties die vooral met elkaar samenwerken, genoemd naar de meest " +
        "centrale. De vijf grootste hebben een kleur, de kleinere zijn grijs; vorm en vulling zeggen nog steeds de soort. " +
        "Kies een cluster om die centrale organisatie te kiezen.";
      page.clusters.forEach(function (c) {
        if (c.count === 1) return;
        var li = el("li");
        var b = button("", function () { selectNode(c.central); }, "kind");
        b.setAttribute("data-cluster", String(c.n));
        b.appendChild(markSwatch("dot", "vol", c.colour, false));
        b.appendChild(el("span", "name", "cluster rond " + c.name));
        b.appendChild(el("span", "count", c.count));
        legendButtons["cluster:" + c.n] = b;
        li.appendChild(b);
        list.appendChild(li);
      });
      var singles = page.clusters.filter(function (c) { return c.count === 1; });
      if (singles.length) {
        // organisations that form a cluster on their own: one line, not one each
        var li = el("li", "loose"), row = el("span", "kind");
        row.appendChild(markSwatch("dot", "vol", singles[0].colour, false));
        row.appendChild(el("span", "name", "losse organisaties (zonder eigen cluster)"));
        row.appendChild(el("span", "count", singles.length));
        legendButtons.loose = row;
        li.appendChild(row);
        list.appendChild(li);
      }
    }
    legend.appendChild(list);
    legendCounts();
  }
  function buildShapes() {
    var shapes = byId("legend-shapes");
    [[markSwatch("dot", "vol", "#6f6f6f", true), "een groep (bijv. gemeenten in Noord-Nederland): het teken van zijn soort in een gestippelde rand"],
      [lineSwatch(false), "samenwerking volgens het verslag"],
      [lineSwatch(true), "afgeleid: staat niet letterlijk in het verslag"]].forEach(function (s) {
      var li = el("li");
      li.appendChild(s[0]);
      li.appendChild(el("span", null, s[1]));
      shapes.appendChild(li);
    });
    shapes.appendChild(el("li", "hint", "Grootte: aantal partners of makelaarsrol (zie ‘Grootte naar’). Dikte van een lijn: " +
      "aantal uitspraken. Namen staan er waar ze niets bedekken, de meest centrale eerst; inzoomen toont de rest."));
  }

  /* ---- tooltip: an element of our own, so it never outlives the pointer ---- */
  var tooltip = byId("tooltip");
  function hideTooltip() { tooltip.hidden = true; }
  function showTooltip(content, pointer) {
    clear(tooltip);
    tooltip.appendChild(content);
    tooltip.hidden = false;
    var box = container.getBoundingClientRect();
    var x = Math.min(pointer.x + 14, box.width - tooltip.offsetWidth - 4);
    var y = pointer.y + 14 + tooltip.offsetHeight > box.height ? pointer.y - tooltip.offsetHeight - 10 : pointer.y + 14;
    tooltip.style.left = Math.max(4, x) + "px";
    tooltip.style.top = Math.max(4, y) + "px";
  }
  function kindText(n) {
    return n.kindLabel + (n.group ? " (groep)" : "") + (n.parents.length ? " · onderdeel van " + n.parents.join(", ") : "");
  }
  function nodeTip(id) {
    var n = info[id], box = el("div");
    box.appendChild(el("strong", null, n.name + (n.abbr ? " (" + n.abbr + ")" : "")));
    box.appendChild(el("div", null, kindText(n)));
    box.appendChild(el("div", null, counted(id, partners(id)) + " · makelaarsrol " + percent(brokerage(id))));
    return box;
  }
  function edgeTip(id) {
    var e = edgeInfo[id], box = el("div");
    box.appendChild(el("strong", null, info[e.from].name + " — " + info[e.to].name));
    box.appendChild(el("div", null, e.inferred ? plural(e.weight, "afgeleide uitspraak", "afgeleide uitspraken")
      : plural(e.weight, "uitspraak", "uitspraken")));
    var first = e.statements[0];
    if (first && first.evidence.length && first.evidence[0].quote) {
      var said = first.evidence[0];
      box.appendChild(el("div", "quote", (said.report ? said.report + ": " : "") + "“" + short(said.quote, 160) + "”"));
    }
    return box;
  }
  network.on("hoverNode", function (p) { showTooltip(nodeTip(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeTip(p.edge), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  container.addEventListener("mouseleave", hideTooltip);

  /* ---- details panel ---- */
  var details = byId("details");
  function addRow(dl, term, value) {
    if (value === "" || value === null || value === undefined) return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }
  function themeNames(list) { return list.map(function (t) { return themeLabel[t] || t; }).sort().join("; "); }
  function collapsible(summary, fill) {
    var box = el("details");
    box.appendChild(el("summary", null, summary));
    fill(box);
    return box;
  }
  function showNode(id) {
    var n = info[id];
    clear(details);
    var head = el("h2", null, n.name);
    details.appendChild(head);
    if (n.group) details.appendChild(el("p", "badge group", "groep: staat voor meer organisaties"));
    var dl = el("dl");
    addRow(dl, "Soort", n.kindLabel + " (" + n.family + ")");
    addRow(dl, "Afkorting", n.abbr);
    addRow(dl, "Onderdeel van", n.parents.join(", "));
    var heading = counted(id, 2).replace(/^2 /, "");
    addRow(dl, heading.charAt(0).toUpperCase() + heading.slice(1),
      String(partners(id)) + (metrics ? " in deze weergave (" + n.degree + " in het hele netwerk)" : ""));
    var order = shownOrganisations().map(function (o) { return brokerage(o.id); }).filter(function (b) { return b > brokerage(id); }).length + 1;
    addRow(dl, "Makelaarsrol", percent(brokerage(id)) + " van de kortste verbindingen tussen twee anderen loopt via deze " +
      (n.role === "organisatie" ? "organisatie (nr. " + order + ")" : "plek"));
    addRow(dl, "Cluster", "rond " + n.cluster);
    addRow(dl, "Thema's", themeNames(n.themes) || "—");
    details.appendChild(dl);
    // the address in the graph, for whoever links these data to their own: out of the way of the rest
    details.appendChild(collapsible("Vaste link in de gegevens (voor wie ze koppelt)", function (box) {
      box.appendChild(el("p", "address", n.id));
    }));
    if (n.role === "organisatie") {
      details.appendChild(button(state.focus === id ? "Focus uit" : "Focus op deze organisatie", function () {
        setFocus(state.focus === id ? "" : id);
      }, "focus-here"));
    }
    var around = adjacency[id].filter(function (a) { return shown.edges[a.edge]; }).map(function (a) { return edgeInfo[a.edge]; });
    function otherEnd(e) { return info[e.from === id ? e.to : e.from]; }
    around.sort(function (a, b) { return b.weight - a.weight || byName(otherEnd(a), otherEnd(b)); });
    function item(e) {
      var b = button(otherEnd(e).name + " (" + plural(e.weight, "uitspraak", "uitspraken") + ")", function () { selectEdge(e.id, true); }, "link");
      b.setAttribute("data-edge", e.id);
      var li = el("li");
      li.appendChild(b);
      return li;
    }
    function listOf(title, links, one, many) {
      if (!links.length) return;
      details.appendChild(el("h3", null, title + " (" + links.length + ")"));
      var list = el("ul", "neighbours");
      links.slice(0, PARTNERS_SHOWN).forEach(function (e) { list.appendChild(item(e)); });
      details.appendChild(list);
      if (links.length > PARTNERS_SHOWN) {
        details.appendChild(collapsible("Nog " + plural(links.length - PARTNERS_SHOWN, one, many) + " tonen", function (box) {
          var rest = el("ul", "neighbours");
          links.slice(PARTNERS_SHOWN).forEach(function (e) { rest.appendChild(item(e)); });
          box.appendChild(rest);
        }));
      }
    }
    // organisations apart from the programmes, themes and laws shown beside them: only the first are partners
    var withOrganisations = around.filter(function (e) { return otherEnd(e).role === "organisatie"; });
    var withContext = around.filter(function (e) { return otherEnd(e).role !== "organisatie"; });
    if (n.role === "organisatie") listOf("Samen met", withOrganisations, "partner", "partners");
    else listOf("Organisaties", withOrganisations, "organisatie", "organisaties");
    listOf("Programma's, thema's en wetten", withContext, "koppeling", "koppelingen");
  }
  function sectionName(ev) {
    // "§ 2.2.7 Title"; a section whose number is its title (Voorwoord, Bijlage…) is named once
    // "Jaarverslag 2023 …, § 2.2.7 Title" when the graph holds more than one report (ev.report is set then)
    return (ev.report ? ev.report + ", " : "") + "§ " + ev.section
      + (ev.title && ev.title !== ev.section && ev.section.indexOf(ev.title) < 0 ? " " + ev.title : "");
  }
  // Report order: Voorwoord, the chapters by their numbers (2.10 after 2.9), the Bijlagen, then anything else.
  function sectionOrder(section) {
    if (/^voorwoord/i.test(section)) return [0];
    var bijlage = /^bijlage\s+(\d+)/i.exec(section);
    if (bijlage) return [2, Number(bijlage[1])];
    if (/^\d+(\.\d+)*$/.test(section)) return [1].concat(section.split(".").map(Number));
    return [3];
  }
  function compareSections(a, b) {
    var x = sectionOrder(a), y = sectionOrder(b);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      if (x[i] === undefined) return -1;
      if (y[i] === undefined) return 1;
      if (x[i] !== y[i]) return x[i] - y[i];
    }
    return a.localeCompare(b, "nl");
  }
  function showEdge(id) {
    var e = edgeInfo[id];
    clear(details);
    details.appendChild(el("h2", null, info[e.from].name + " — " + info[e.to].name));
    var summary = e.inferred
      ? el("p", null, plural(e.weight, "afgeleide uitspraak", "afgeleide uitspraken") + " ")
      : el("p", null, plural(e.weight, "uitspraak", "uitspraken") + " in het verslag");
    if (e.inferred) summary.appendChild(el("span", "badge inferred", "afgeleid: staat niet letterlijk in het verslag"));
    details.appendChild(summary);
    if (e.themes.length) details.appendChild(el("p", "section-ref", "Thema's: " + themeNames(e.themes)));
    // By section in report order; within a section one block per quote, with every statement that cites it (two
    // organisations taking part in the same programme are often named in one sentence of the report).
    // With several reports a section is one of a report: grouped by report first (in the order the data gives).
    var sections = {}, order = [], reports = [];
    e.statements.forEach(function (st) {
      (st.evidence.length ? st.evidence : [null]).forEach(function (ev) {
        var key = ev ? (ev.report || "") + "\u0000" + ev.section : "";
        if (ev && reports.indexOf(ev.report || "") < 0) reports.push(ev.report || "");
        if (!sections[key]) { sections[key] = { name: ev ? sectionName(ev) : "afgeleid (geen citaat)", count: 0, quotes: [], byQuote: {},
                                                report: ev ? ev.report || "" : "", section: ev ? ev.section : "" }; order.push(key); }
        var section = sections[key], quote = ev ? ev.quote : "";
        section.count++;
        if (!section.byQuote[quote]) { section.byQuote[quote] = { quote: quote, statements: [] }; section.quotes.push(section.byQuote[quote]); }
        if (section.byQuote[quote].statements.indexOf(st) < 0) section.byQuote[quote].statements.push(st);
      });
    });
    order.sort(function (a, b) {
      if (a === "" || b === "") return a === "" ? (b === "" ? 0 : 1) : -1;
      var x = sections[a], y = sections[b];
      return x.report !== y.report ? reports.indexOf(x.report) - reports.indexOf(y.report) : compareSections(x.section, y.section);
    });
    function cited(group) {
      var li = el("li");
      group.statements.forEach(function (st) {
        var line = el("p", "said");
        line.appendChild(el("strong", null, st.text));
        if (st.via_label) line.appendChild(el("span", "badge", "via " + st.via_label));
        if (!st.asserted) line.appendChild(el("span", "badge inferred", "afgeleid"));
        li.appendChild(line);
      });
      if (group.quote) li.appendChild(el("blockquote", "quote", group.quote));
      return li;
    }
    function section(key) {
      var part = sections[key], block = el("section", "evidence");
      block.appendChild(el("h3", "section-ref", part.name + " (" + part.count + ")"));
      var list = el("ul", "statement");
      part.quotes.slice(0, QUOTES_SHOWN).forEach(function (group) { list.appendChild(cited(group)); });
      block.appendChild(list);
      if (part.quotes.length > QUOTES_SHOWN) {
        block.appendChild(collapsible("Nog " + plural(part.quotes.length - QUOTES_SHOWN, "citaat", "citaten") + " uit " + part.name,
          function (box) {
            var rest = el("ul", "statement");
            part.quotes.slice(QUOTES_SHOWN).forEach(function (group) { rest.appendChild(cited(group)); });
            box.appendChild(rest);
          }));
      }
      return block;
    }
    order.slice(0, SECTIONS_SHOWN).forEach(function (key) { details.appendChild(section(key)); });
    if (order.length > SECTIONS_SHOWN) {
      details.appendChild(collapsible("Nog " + plural(order.length - SECTIONS_SHOWN, "paragraaf", "paragrafen") + " tonen", function (box) {
        order.slice(SECTIONS_SHOWN).forEach(function (key) { box.appendChild(section(key)); });
      }));
    }
  }
  function emptyDetails() {
    clear(details);
    details.appendChild(el("p", "hint", "Kies een organisatie of verbinding (klik, zoek of kies in de ranglijst) voor de details en de citaten uit het verslag."));
  }

  /* ---- selection and its neighbourhood ----
     The rest of the network is veiled rather than recoloured: after vis-network has drawn, a white veil goes over
     the canvas and the neighbourhood is drawn again on top of it. Recolouring a thousand nodes through the
     DataSet makes vis-network measure every label again (a tenth of a second on a big page); the veil costs one
     redraw. It draws with vis-network's own node and edge objects (network.body), which the vendored version
     fixes; the page tests check the veil by its pixels. */
  var keep = null, near = null, VEIL = "rgba(255, 255, 255, 0.78)";
  function nodeLook(id) { return { id: id, image: nodeImage(info[id]) }; }
  function highlight(id) {
    keep = {};
    near = {};
    keep[id] = true;
    adjacency[id].forEach(function (a) { if (shown.edges[a.edge]) { keep[a.node] = true; near[a.edge] = true; } });
    relabel();
    network.redraw();
  }
  function highlightEdge(id) {  // a chosen link: its two ends over the veil
    var e = edgeInfo[id];
    keep = {};
    near = {};
    keep[e.from] = keep[e.to] = true;
    near[id] = true;
    relabel();
    network.redraw();
  }
  function unhighlight() {
    if (!keep) return;
    keep = near = null;
    relabel();
    network.redraw();
  }
  network.on("afterDrawing", function (ctx) {
    if (keep) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = VEIL;
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
      var body = network.body;
      Object.keys(near).forEach(function (e) { if (body.edges[e]) body.edges[e].draw(ctx); });
      Object.keys(keep).forEach(function (n) { if (body.nodes[n]) body.nodes[n].draw(ctx); });
    }
    placeLabels(layoutTimer !== null);  // while the layout moves, every frame
    drawLeaders(ctx);
  });
  network.on("dragging", relabel);
  function showDetailsOnNarrowScreens() {
    // Below the graph on a phone: after a choice in the search, the ranking or a list, scroll to what was chosen.
    if (narrow.matches) details.scrollIntoView({ block: "start" });
  }
  function selectNode(id, keepView) {
    if (!info[id]) return;
    if (!shown.nodes[id]) {
      resetFilters(false);
      note("Filters gewist om " + info[id].name + " te tonen.");
    }
    state.selected = id;
    state.selectedEdge = null;
    hideTooltip();
    highlight(id);  // before vis-network's own redraw of the selection, so that the names are placed once
    network.selectNodes([id]);
    if (!keepView) {
      // The highlight is drawn first, where the view is; the view moves to the node a frame later (on a big page
      // the move redraws everything, and the highlight should not wait for it).
      requestAnimationFrame(function () {
        if (state.selected !== id) return;
        network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
        rememberView();
      });
    }
    showNode(id);
    writeHash();
    if (!keepView) showDetailsOnNarrowScreens();
  }
  function selectEdge(id, fromList) {
    if (!edgeInfo[id]) return;
    if (!shown.edges[id]) resetFilters(false);
    state.selected = null;
    state.selectedEdge = id;
    hideTooltip();
    highlightEdge(id);
    network.selectEdges([id]);
    showEdge(id);
    writeHash();
    if (fromList) showDetailsOnNarrowScreens();
  }
  function deselect() {
    state.selected = null;
    state.selectedEdge = null;
    unhighlight();
    network.unselectAll();
    hideTooltip();
    emptyDetails();
    writeHash();
  }
  // A tap that misses a small mark but lands within TAP px of its centre chooses it: a finger is not a pointer.
  var TAP = 12;
  function nodeNear(at) {
    var ids = keep ? Object.keys(keep) : shownIds(), pos = network.getPositions(ids), best = null, bestDistance = TAP;
    ids.forEach(function (id) {
      var p = network.canvasToDOM(pos[id]), d = Math.hypot(p.x - at.x, p.y - at.y);
      if (d <= bestDistance) { best = id; bestDistance = d; }
    });
    return best;
  }
  network.on("click", function (p) {
    var id = p.nodes.length ? p.nodes[0] : nodeNear(p.pointer.DOM);
    if (id) selectNode(id, true);
    else if (p.edges.length) selectEdge(p.edges[0]);
    else deselect();
  });

  /* ---- names beside the nodes ----
     The page's own text over the canvas, in screen pixels (page.labelPx) at any zoom. After every drawing the names
     are placed again, most central first (the chosen one before all): each goes right of, below, left of or above its
     mark (or at a corner), where it covers no mark and no other name, as the full name with its abbreviation or, where
     that has no room, the abbreviation alone; a name that finds no room is left out until zooming in makes room.
     With a selection only its neighbourhood is named. */
  var labelLayer = byId("labels"), labelEls = {}, labelled = [], measurer = document.createElement("canvas").getContext("2d");
  var FONT = page.labelPx + "px system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif";
  var LINE = Math.round(page.labelPx * 1.25), GAP = 2, CELL = 64;
  labelLayer.style.font = page.labelPx + "px/" + LINE + "px " + FONT.slice(FONT.indexOf(" ") + 1);
  // A name may be written in lines of about 22 or 14 characters or on one line, broken between words only (a word
  // longer than a line keeps a line of its own); where none of these fits, the abbreviation alone.
  function wrap(text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; } else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines;
  }
  var variantCache = {};
  function variants(id, bold) {
    var key = (bold ? "b" : "n") + id;
    if (variantCache[key]) return variantCache[key];
    var n = info[id], seen = {}, texts = [];
    [22, 14, 40].forEach(function (width) {
      var lines = wrap(n.text, width);
      if (!seen[lines.join("\n")]) { seen[lines.join("\n")] = true; texts.push(lines); }
    });
    var abbr = n.abbr ? n.abbr.split(", ")[0] : "";
    if (abbr && abbr !== n.text) texts.push([abbr]);
    measurer.font = (bold ? "bold " : "") + FONT;
    return (variantCache[key] = texts.map(function (lines, i) {
      var w = Math.max.apply(null, lines.map(function (l) { return measurer.measureText(l).width; }));
      return { lines: lines, w: Math.ceil(w) + 2, h: lines.length * LINE, short: i === texts.length - 1 && lines[0] === abbr };
    }));
  }
  var labelOrder = null, rankOf = {}, FAR_NAMES = 25;
  function orderLabels() {
    labelOrder = nodeIds.slice().sort(function (a, b) {
      return partners(b) - partners(a) || brokerage(b) - brokerage(a) || byName(info[a], info[b]);
    });
    rankOf = {};
    labelOrder.filter(function (id) { return shown.nodes[id]; }).forEach(function (id, i) { rankOf[id] = i; });
  }
  function drawLeaders(ctx) {  // the thin line from a mark to its name standing off
    ctx.save();
    ctx.strokeStyle = "#595959";
    ctx.lineWidth = 1 / network.getScale();
    labelled.forEach(function (f) {
      if (!f.leader) return;
      var m = f.mark, b = f.box;
      var ex = Math.max(b.l, Math.min(m.x, b.r)), ey = Math.max(b.t, Math.min(m.y, b.b));
      var len = Math.hypot(ex - m.x, ey - m.y) || 1;
      var from = network.DOMtoCanvas({ x: m.x + (ex - m.x) * m.r / len, y: m.y + (ey - m.y) * m.r / len });
      var to = network.DOMtoCanvas({ x: ex, y: ey });
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    });
    ctx.restore();
  }
  var placedAt = "";
  function placeLabels(force) {
    var W = drawingSize().w, H = drawingSize().h, scale = network.getScale(), view = network.getViewPosition();
    var signature = [W, H, scale, view.x, view.y, state.selected, state.selectedEdge, layoutVersion].join(" ");
    if (!force && signature === placedAt) return;
    placedAt = signature;
    if (!labelOrder) orderLabels();
    var eligible = keep || shown.nodes, ids = labelOrder.filter(function (id) { return eligible[id] && shown.nodes[id]; });
    if (state.selected && eligible[state.selected]) {
      ids = [state.selected].concat(ids.filter(function (id) { return id !== state.selected; }));
    }
    var pos = network.getPositions(ids), grid = {}, marks = [];
    function cellsOf(box, visit) {
      for (var cx = Math.floor(box.l / CELL); cx <= Math.floor(box.r / CELL); cx++) {
        for (var cy = Math.floor(box.t / CELL); cy <= Math.floor(box.b / CELL); cy++) visit(cx + ":" + cy);
      }
    }
    function add(box) { cellsOf(box, function (k) { (grid[k] = grid[k] || []).push(box); }); }
    function free(box, owner) {
      if (box.l < 0 || box.t < 0 || box.r > W || box.b > H) return false;
      var ok = true;
      cellsOf(box, function (k) {
        var list = grid[k];
        if (!ok || !list) return;
        for (var i = 0; i < list.length; i++) {
          var o = list[i];
          // one pixel apart at least: the boxes are rounded to whole pixels on screen
          if (o.owner !== owner && o.l < box.r + 1 && box.l < o.r + 1 && o.t < box.b + 1 && box.t < o.b + 1) { ok = false; return; }
        }
      });
      return ok;
    }
    ids.forEach(function (id) {
      var p = network.canvasToDOM(pos[id]), r = nodeSize(info[id]) * scale;
      if (p.x + r < 0 || p.x - r > W || p.y + r < 0 || p.y - r > H) return;
      var box = { l: p.x - r, r: p.x + r, t: p.y - r, b: p.y + r, owner: id };
      marks.push({ id: id, x: p.x, y: p.y, r: r });
      add(box);
    });
    // Where a name may go: beside, below, above its mark or at a corner, then a little further out; on a large mark
    // (a hub in a crowd) also across the mark itself, which hides no other. The most central names may also stand
    // further off, joined to their mark by a thin line, where the crowd leaves no room beside it.
    function spot(m, o, far) {
      var w = o.w, h = o.h, steps = far ? [18, 30, 44, 60, 80] : [0, 4, 8], turns = far ? 16 : 8;
      if (far && rankOf[m.id] < 3) steps = steps.concat([100, 125, 150]);  // the very first, on a small screen
      for (var k = 0; k < steps.length; k++) {
        var reach = m.r + GAP + steps[k];
        for (var i = 0; i < turns; i++) {
          // right, below, left, above first; then the corners (and, standing off, the directions between)
          var angle = (far ? i : [0, 2, 4, 6, 1, 3, 5, 7][i]) * Math.PI * 2 / turns;
          var cos = Math.cos(angle), sin = Math.sin(angle), ax = m.x + reach * cos, ay = m.y + reach * sin;
          var side = cos > 0.38 ? "left" : cos < -0.38 ? "right" : "center";
          var l = side === "left" ? ax : side === "right" ? ax - w : ax - w / 2;
          var t = sin > 0.38 ? ay : sin < -0.38 ? ay - h : ay - h / 2;
          if (side === "center") t = sin > 0 ? m.y + reach : m.y - reach - h;
          var box = { l: l, t: t, r: l + w, b: t + h, owner: m.id };
          if (free(box, m.id)) return { box: box, align: side, lines: o.lines, leader: far };
        }
        if (!far && k === steps.length - 1 && m.r >= 12) {
          var across = { l: m.x - w / 2, t: m.y - h / 2, r: m.x + w / 2, b: m.y + h / 2, owner: m.id };
          if (free(across, m.id)) return { box: across, align: "center", lines: o.lines, leader: false };
        }
      }
      return null;
    }
    var next = [];
    marks.forEach(function (m) {
      var chosen = m.id === state.selected, options = variants(m.id, chosen), found = null;
      // the full name beside the mark, else (for the most central) standing off, else the abbreviation
      var far = rankOf[m.id] < FAR_NAMES, full = options.filter(function (o) { return !o.short; });
      var short = options.filter(function (o) { return o.short; });
      [[full, false], [full, true], [short, false], [short, true]].forEach(function (pass) {
        if (pass[1] && !far) return;
        for (var v = 0; v < pass[0].length && !found; v++) found = spot(m, pass[0][v], pass[1]);
      });
      if (!found && chosen) {  // the chosen one is always named, below its mark
        var first = options[0];
        found = { box: { l: m.x - first.w / 2, t: m.y + m.r + GAP, r: m.x + first.w / 2, b: m.y + m.r + GAP + first.h, owner: m.id },
          align: "center", lines: first.lines };
      }
      if (!found) return;
      add(found.box);
      found.id = m.id;
      found.mark = m;
      found.bold = chosen;
      next.push(found);
    });
    var now = {};
    next.forEach(function (f) {
      now[f.id] = true;
      var e = labelEls[f.id];
      if (!e) {
        e = labelEls[f.id] = el("div", "label");
        e.setAttribute("data-node", f.id);
        labelLayer.appendChild(e);
      }
      var text = f.lines.join("\n");
      if (e.textContent !== text) e.textContent = text;
      e.className = f.bold ? "label chosen" : "label";
      e.style.transform = "translate(" + Math.round(f.box.l) + "px," + Math.round(f.box.t) + "px)";
      e.style.width = Math.round(f.box.r - f.box.l) + "px";
      e.style.textAlign = f.align;
      e.hidden = false;
    });
    labelled.forEach(function (f) { if (!now[f.id]) labelEls[f.id].hidden = true; });
    labelled = next;
  }
  var layoutVersion = 0;  // counts changes of positions, sizes, what is shown and what is veiled: each places the names again
  function relabel() { layoutVersion++; }

  /* ---- search: accents, case, hyphens and spaces do not matter ---- */
  function norm(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  var searchKeys = nodeIds.map(function (id) {
    var n = info[id];
    var names = [n.name].concat(n.names, n.abbr ? n.abbr.split(", ") : []).map(norm);
    return { id: id, names: names, compact: names.map(function (s) { return s.replace(/ /g, ""); }) };
  });
  function matches(query) {
    var q = norm(query), qc = q.replace(/ /g, "");
    if (!qc) return [];
    var scored = [];
    searchKeys.forEach(function (k) {
      var score = k.names.indexOf(q) >= 0 || k.compact.indexOf(qc) >= 0 ? 0
        : k.names.some(function (s) { return s.indexOf(q) === 0; }) ? 1
        : k.names.some(function (s) { return s.indexOf(" " + q) >= 0; }) ? 2
        : k.compact.some(function (s) { return s.indexOf(qc) >= 0; }) ? 3 : -1;
      if (score >= 0) scored.push([score, shown.nodes[k.id] ? 0 : 1, -info[k.id].degree, info[k.id].name, k.id]);
    });
    return ordered(scored);
  }
  function ordered(scored) {
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3].localeCompare(b[3], "nl"); });
    return scored.map(function (s) { return s[4]; });
  }
  // Misspellings ("Leewarden", "polite", "Frieslan"): names with as many words as the query, or a run of as many words
  // within a name, at most one edit away (two for a query of eight letters or more; none under five letters); a
  // whole name before a part of one.
  function edits(a, b, limit) {  // Damerau-Levenshtein distance (adjacent swaps count one), or limit + 1 when above it
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var next = [i], least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        next.push(d);
        least = Math.min(least, d);
      }
      if (least > limit) return limit + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  }
  function nearMatches(query) {
    var q = norm(query), limit = q.length >= 8 ? 2 : q.length >= 5 ? 1 : 0;
    if (!limit) return [];
    var size = q.split(" ").length, scored = [];
    searchKeys.forEach(function (k) {
      var best = limit + 1;
      k.names.forEach(function (name) {
        var words = name.split(" ");
        for (var i = 0; i + size <= words.length; i++) {
          var d = edits(q, words.slice(i, i + size).join(" "), limit);
          if (d <= limit) best = Math.min(best, d + (size < words.length ? 0.5 : 0));
        }
      });
      if (best <= limit + 0.5) scored.push([best, shown.nodes[k.id] ? 0 : 1, -info[k.id].degree, info[k.id].name, k.id]);
    });
    return ordered(scored);
  }
  var results = byId("search-results"), message = byId("search-message");
  function note(text, error) {  // a line under the search field: information in grey, a failed search in red
    message.textContent = text;
    message.className = "message" + (text ? error ? " error" : " info" : "");
  }
  function resultItem(id) {
    var n = info[id];
    var b = button("", function () { selectNode(id); });
    b.appendChild(el("span", "name", n.name + (n.abbr ? " (" + n.abbr + ")" : "")));
    b.appendChild(el("span", "what", kindText(n) + (shown.nodes[id] ? "" : " · nu verborgen door een filter; kiezen wist de filters")));
    var li = el("li");
    li.appendChild(b);
    return li;
  }
  var listed = { query: null, found: [], near: false, all: false };
  function showResults(query, all) {
    clear(results);
    var found = matches(query), near = false;
    if (!found.length && norm(query)) { found = nearMatches(query); near = found.length > 0; }
    listed = { query: query, found: found, near: near, all: all };
    if (near) results.appendChild(el("li", "near", "Niets gevonden voor “" + query.trim() + "”. Bedoelde u:"));
    found.slice(0, all ? found.length : RESULTS_SHOWN).forEach(function (id) { results.appendChild(resultItem(id)); });
    if (!all && found.length > RESULTS_SHOWN) {
      var li = el("li", "more");
      li.appendChild(el("span", null, "en nog " + (found.length - RESULTS_SHOWN) + " — typ verder om te verfijnen, of "));
      li.appendChild(button("toon alle " + found.length, function () { showResults(query, true); }, "link"));
      results.appendChild(li);
    }
    return found;
  }
  function refreshResults() {  // what is hidden has changed: the results say so again
    if (listed.query !== null && results.firstChild) showResults(listed.query, listed.all);
  }
  function clearSearch() {
    listed = { query: null, found: [], near: false, all: false };
    byId("search").value = "";
    clear(results);
    note("");
  }
  function search() {
    var query = byId("search").value;
    var found = listed.query === query ? listed.found : showResults(query, false);
    note("");
    if (found.length) {
      selectNode(found[0]);
      if (listed.near) note("Niets gevonden voor “" + query.trim() + "”; gekozen: " + info[found[0]].name + ".");
      return;
    }
    if (query.trim()) note("Niets gevonden voor “" + query.trim() + "”.", true);
    deselect();
  }
  byId("search").addEventListener("input", function () { note(""); showResults(this.value, false); });
  byId("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") search();
    if (ev.key === "Escape") { clearSearch(); deselect(); ev.stopPropagation(); }
  });
  byId("search-go").addEventListener("click", search);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hideTooltip(); clearSearch(); deselect(); }
  });

  /* ---- controls ---- */
  var themeSelect = byId("theme-filter");
  page.themes.forEach(function (t) {
    var option = el("option", null, "\u00a0\u00a0".repeat(t.depth) + t.label);
    option.value = t.id;
    themeSelect.appendChild(option);
  });
  themeSelect.addEventListener("change", function () { state.theme = this.value; applyView(true); });

  var focusSelect = byId("focus"), depthSelect = byId("focus-depth");
  organisations.slice().sort(byName).forEach(function (n) {
    var option = el("option", null, n.name + (n.abbr ? " (" + n.abbr + ")" : "") + (n.parents.length ? " — " + n.parents[0] : ""));
    option.value = n.id;
    focusSelect.appendChild(option);
  });
  function setFocus(id) {
    state.focus = id;
    focusSelect.value = id;
    applyView(true);
  }
  focusSelect.addEventListener("change", function () { setFocus(this.value); });
  depthSelect.addEventListener("change", function () { state.depth = Number(this.value); applyView(true); });

  function resetFilters(refit) {
    state.theme = "";
    themeSelect.value = "";
    state.hidden = {};
    state.focus = "";
    focusSelect.value = "";
    Object.keys(legendButtons).forEach(function (k) { if (!/^cluster:/.test(k)) legendButtons[k].setAttribute("aria-pressed", "true"); });
    applyView(refit !== false);
  }
  byId("reset").addEventListener("click", function () { resetFilters(true); });
  byId("fit").addEventListener("click", function () { fitShown(); writeHash(); });

  function resize() {
    nodes.update(nodeIds.map(function (id) { return { id: id, size: nodeSize(info[id]) }; }));
    relabel();
  }
  byId("size-by").addEventListener("change", function () { state.sizeBy = this.value; resize(); writeHash(); });
  function recolour() {
    nodes.update(nodeIds.map(nodeLook));
    buildLegend();
  }
  byId("colour-by").addEventListener("change", function () { state.colourBy = this.value; recolour(); writeHash(); });
  byId("rank-by").addEventListener("change", function () { state.rankBy = this.value; rank(); });

  /* "Opnieuw schikken" lets physics run again; it stops by itself when the layout has settled */
  var freezeButton = byId("freeze"), layoutTimer = null, layoutStarted = 0;
  function freeze() {
    network.setOptions({ physics: { enabled: false } });
    gatherOutliers();
    saveLayout();
    freezeButton.textContent = "Opnieuw schikken";
    freezeButton.setAttribute("aria-pressed", "false");
    clearTimeout(layoutTimer);
    layoutTimer = null;
  }
  freezeButton.addEventListener("click", function () {
    if (layoutTimer !== null) { freeze(); return; }
    network.setOptions({ physics: { enabled: true, stabilization: false } });
    network.startSimulation();
    freezeButton.textContent = "Schikken stoppen";
    freezeButton.setAttribute("aria-pressed", "true");
    layoutStarted = performance.now();
    layoutTimer = setTimeout(freeze, LAYOUT_LIMIT_MS);
  });
  // vis-network also reports "stabilized" a moment after physics is switched off: such a late report of the
  // previous run must not end a run the user has just started.
  network.on("stabilized", function () { if (layoutTimer !== null && performance.now() - layoutStarted > 300) freeze(); });

  /* ---- the view in the address: #thema=…&focus=…&diepte=2&verberg=…&kies=…&lijn=…&kleur=cluster&grootte=makelaar
     &zoom=2.5&midden=-120,340 ---- */
  function shorten(iri, base) { return iri.indexOf(base) === 0 ? iri.slice(base.length) : iri; }
  function expand(text, base) { return text.indexOf("://") >= 0 ? text : base + text; }
  function writeHash() {
    var parts = [];
    function add(key, value) { parts.push(key + "=" + encodeURIComponent(value)); }
    if (state.theme) add("thema", shorten(state.theme, page.base));
    if (state.focus) { add("focus", shorten(state.focus, page.base)); if (state.depth !== 1) add("diepte", state.depth); }
    var off = Object.keys(state.hidden).sort();
    if (off.length) add("verberg", off.map(function (k) { return shorten(k, page.ontology); }).join(","));
    if (state.selected) add("kies", shorten(state.selected, page.base));
    if (state.selectedEdge) {
      var e = edgeInfo[state.selectedEdge];
      add("lijn", shorten(e.from, page.base) + " " + shorten(e.to, page.base));
    }
    if (state.colourBy === "community") add("kleur", "cluster");
    if (state.sizeBy === "bc") add("grootte", "makelaar");
    if (state.view) {
      add("zoom", Math.round(state.view.zoom * 100) / 100);
      add("midden", Math.round(state.view.x) + "," + Math.round(state.view.y));
    }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash && !(hash === "" && location.hash === "#")) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }
  function readHash() {
    var values = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) values[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1));
    });
    var theme = values.thema ? expand(values.thema, page.base) : "";
    state.theme = themeLabel[theme] ? theme : "";
    themeSelect.value = state.theme;
    var focus = values.focus ? expand(values.focus, page.base) : "";
    state.focus = info[focus] && info[focus].role === "organisatie" ? focus : "";
    focusSelect.value = state.focus;
    state.depth = values.diepte === "2" ? 2 : 1;
    depthSelect.value = String(state.depth);
    state.hidden = {};
    (values.verberg ? values.verberg.split(",") : []).forEach(function (k) {
      var kind = expand(k, page.ontology);
      if (kindInfo[kind]) state.hidden[kind] = true;
    });
    var colourBy = values.kleur === "cluster" ? "community" : "kind";
    var sizeBy = values.grootte === "makelaar" ? "bc" : "dc";
    byId("colour-by").value = colourBy;
    byId("size-by").value = sizeBy;
    if (colourBy !== state.colourBy) { state.colourBy = colourBy; recolour(); } else buildLegend();
    if (sizeBy !== state.sizeBy) { state.sizeBy = sizeBy; resize(); }
    applyView(true);
    var chosen = values.kies ? expand(values.kies, page.base) : "";
    var line = (values.lijn || "").split(" ").map(function (x) { return expand(x, page.base); });
    var edge = line.length === 2 ? edgeIds.filter(function (id) {
      var e = edgeInfo[id];
      return (e.from === line[0] && e.to === line[1]) || (e.from === line[1] && e.to === line[0]);
    })[0] : null;
    if (info[chosen]) selectNode(chosen, true);
    else if (edge) selectEdge(edge);
    else if (state.selected || state.selectedEdge) deselect();
    var zoom = Number(values.zoom), middle = (values.midden || "").split(",").map(Number);
    if (zoom > 0 && middle.length === 2 && middle.every(isFinite)) {
      showView({ zoom: zoom, x: middle[0], y: middle[1] });
      writeHash();
    }
  }
  window.addEventListener("hashchange", readHash);

  /* ---- picture and print ---- */
  function drawingSize() {  // the canvas in CSS pixels (for a print picture it is drawn at another size for a moment)
    var canvas = container.querySelector("canvas");
    return { w: canvas.clientWidth, h: canvas.clientHeight };
  }
  function wrapped(ctx, text, width) {  // text in lines that fit a width, broken between words
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; } else line = next;
    });
    if (line) lines.push(line);
    return lines;
  }
  // The picture of the graph with its names; for the PNG also the legend (what is shown) and the title and
  // subtitle below it, wrapped to the picture's width (the printed page has its own header and legend).
  function picture(withLegend) {
    var canvas = container.querySelector("canvas"), size = drawingSize();
    var ratio = canvas.width / size.w || 1, pad = 10 * ratio, row = 20 * ratio, column = 240 * ratio;
    var out = document.createElement("canvas"), ctx = out.getContext("2d");
    var entries = !withLegend ? [] : Array.prototype.filter.call(legend.querySelectorAll("li"), function (li) {
      var item = li.querySelector(".kind");
      return item && !li.hidden && item.getAttribute("aria-pressed") !== "false" && item.querySelector(".count").textContent !== "0";
    }).map(function (li) {
      return { img: li.querySelector("img"), text: li.querySelector(".name").textContent + " (" + li.querySelector(".count").textContent + ")" };
    });
    var columns = Math.max(1, Math.floor((canvas.width - 2 * pad) / column)), rows = Math.ceil(entries.length / columns);
    var title = [], sub = [];
    if (withLegend) {
      ctx.font = Math.round(13 * ratio) + "px system-ui, sans-serif";
      title = wrapped(ctx, document.title, canvas.width - 2 * pad);
      ctx.font = Math.round(11 * ratio) + "px system-ui, sans-serif";
      sub = wrapped(ctx, byId("subtitle").textContent, canvas.width - 2 * pad);
    }
    var legendTop = canvas.height + (rows ? pad : 0), captionTop = legendTop + rows * row + pad;
    out.width = canvas.width;
    out.height = withLegend ? Math.ceil(captionTop + title.length * 17 * ratio + sub.length * 15 * ratio + pad) : canvas.height;
    ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    // the names, as they stand over the canvas, with the same white edge
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    labelled.forEach(function (f) {
      ctx.font = (f.bold ? "bold " : "") + Math.round(page.labelPx * ratio) + "px system-ui, sans-serif";
      ctx.textAlign = f.align;
      var x = (f.align === "left" ? f.box.l + 1 : f.align === "right" ? f.box.r - 1 : (f.box.l + f.box.r) / 2) * ratio;
      f.lines.forEach(function (line, i) {
        var y = (f.box.t + i * LINE + (LINE - page.labelPx) / 2) * ratio;
        ctx.strokeStyle = "#ffffff";
        ctx.lineWidth = 3 * ratio;
        ctx.strokeText(line, x, y);
        ctx.fillStyle = TEXT;
        ctx.fillText(line, x, y);
      });
    });
    ctx.textAlign = "left";
    ctx.fillStyle = TEXT;
    ctx.font = Math.round(12 * ratio) + "px system-ui, sans-serif";
    entries.forEach(function (entry, i) {
      var x = pad + (i % columns) * column, y = legendTop + Math.floor(i / columns) * row;
      ctx.drawImage(entry.img, x, y, 16 * ratio, 16 * ratio);
      ctx.fillText(entry.text, x + 22 * ratio, y + 2 * ratio, column - 28 * ratio);
    });
    var y = captionTop;
    ctx.font = Math.round(13 * ratio) + "px system-ui, sans-serif";
    title.forEach(function (line) { ctx.fillText(line, pad, y); y += 17 * ratio; });
    ctx.fillStyle = "#555555";
    ctx.font = Math.round(11 * ratio) + "px system-ui, sans-serif";
    sub.forEach(function (line) { ctx.fillText(line, pad, y); y += 15 * ratio; });
    return out.toDataURL("image/png");
  }
  // For print the graph is drawn once more at PRINT_WIDTH CSS pixels, so that on A4 (186 mm wide) its 13 px names
  // come out at about 10 pt rather than 7 (a wide screen's graph shrunk to the page), then put back as it was. The
  // height keeps the printed box's proportion (the full width, at most 150 mm high: see network.css).
  var PRINT_WIDTH = 640, PRINT_HEIGHT = 516;
  function printPicture() {
    var scale = network.getScale(), position = network.getViewPosition(), size = drawingSize();
    if (size.w <= PRINT_WIDTH) return picture(false);
    network.setSize(PRINT_WIDTH + "px", PRINT_HEIGHT + "px");
    var ids = shownIds();
    if (state.view) {
      network.moveTo({ position: { x: state.view.x, y: state.view.y }, scale: fitted(ids).scale * state.view.zoom, animation: false });
    } else if (ids.length) {
      var fit = fitted(ids);
      network.moveTo({ position: fit.position, scale: fit.scale, animation: false });
    }
    network.redraw();
    var src = picture(false);
    network.setSize("100%", "100%");
    network.moveTo({ position: position, scale: scale, animation: false });
    network.redraw();
    return src;
  }
  byId("png").addEventListener("click", function () {
    var link = el("a");
    link.href = picture(true);
    link.download = (document.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || "netwerk") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  var opened = [];
  function beforePrint() {
    byId("print-graph").src = printPicture();
    opened = Array.prototype.filter.call(details.querySelectorAll("details"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  }
  function afterPrint() {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  byId("print").addEventListener("click", function () { window.print(); });

  /* ---- once settled: outliers gathered, physics off, the view from the address ---- */
  // A node far from the rest (an organisation without partners here, a pair apart) is pulled in to just outside
  // the bulk, on the same bearing: fitting the view to everything then fits it to the bulk, and the outliers sit
  // at its edge instead of shrinking the whole picture. Distances are measured in units of the bulk's own spread
  // (it may be wider than high); beyond the ninetieth percentile they are compressed into a narrow ring.
  function gatherOutliers() {
    if (nodeIds.length < 10) return;
    var pos = network.getPositions();
    function middle(values) { values.sort(function (a, b) { return a - b; }); return values[Math.floor(values.length / 2)]; }
    function quantile(values, q) { values.sort(function (a, b) { return a - b; }); return values[Math.floor((values.length - 1) * q)]; }
    var cx = middle(nodeIds.map(function (id) { return pos[id].x; })), cy = middle(nodeIds.map(function (id) { return pos[id].y; }));
    var sx = quantile(nodeIds.map(function (id) { return Math.abs(pos[id].x - cx); }), 0.9) || 1;
    var sy = quantile(nodeIds.map(function (id) { return Math.abs(pos[id].y - cy); }), 0.9) || 1;
    var reach = nodeIds.map(function (id) { return Math.hypot((pos[id].x - cx) / sx, (pos[id].y - cy) / sy); });
    var edge = quantile(reach.slice(), 0.9) * 1.05, band = 0.15;
    nodeIds.forEach(function (id, i) {
      var d = reach[i];
      if (d <= edge) return;
      var to = edge + band * (1 - Math.exp(-(d - edge) / edge)), f = to / d;
      network.moveNode(id, cx + (pos[id].x - cx) * f, cy + (pos[id].y - cy) * f);
    });
    relabel();
  }

  /* ---- one's own layout: nodes dragged or laid out again are kept in this browser for this page ---- */
  var layoutKey = "rbvgraph-indeling:" + document.title + ":" + nodeIds.length, forget = byId("forget-layout");
  function saveLayout() {
    try {
      localStorage.setItem(layoutKey, JSON.stringify(network.getPositions()));
      forget.hidden = false;
    } catch (err) { /* storage off (a locked-down browser): the layout is simply not kept */ }
  }
  function savedLayout() {
    try { return JSON.parse(localStorage.getItem(layoutKey) || "null"); } catch (err) { return null; }
  }
  function restoreLayout() {
    var saved = savedLayout();
    if (!saved) return;
    nodeIds.forEach(function (id) { if (saved[id]) network.moveNode(id, saved[id].x, saved[id].y); });
    forget.hidden = false;
  }
  network.on("dragEnd", function (p) { if (p.nodes.length) saveLayout(); });
  forget.addEventListener("click", function () {
    try { localStorage.removeItem(layoutKey); } catch (err) { /* nothing kept */ }
    location.reload();  // the computed layout is the same on every load (a fixed seed)
  });

  function settled() {
    network.setOptions({ physics: { enabled: false } });
    progress.hidden = true;
    gatherOutliers();
    restoreLayout();
    buildShapes();
    readHash();
    document.body.setAttribute("data-stable", "1");
  }
  if (nodeIds.length === 0) {
    container.appendChild(el("p", null, "Geen organisaties in deze selectie.")).id = "empty";
    settled();
  } else {
    network.once("stabilizationIterationsDone", settled);
  }
  subtitle();
  rank();

  window.rbv = { network: network, nodes: nodes, edges: edges, data: data, info: info, edgeInfo: edgeInfo, state: state,
    selectNode: selectNode, selectEdge: selectEdge };
})();
