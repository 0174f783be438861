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
  var LAYOUT_LIMIT_MS = 15000;  // "Indeling losmaken" stops by itself when settled, and at the latest after this

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
    n.rbv.color = n.color;
    n.rbv.shape = n.shape;
    delete n.rbv;
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
    selected: null, selectedEdge: null };
  var shown = { nodes: {}, edges: {} }, hiddenNow = {}, edgeHiddenNow = {}, metrics = null;
  nodeIds.forEach(function (id) { shown.nodes[id] = true; });
  edgeIds.forEach(function (id) { shown.edges[id] = true; });

  /* ---- look ---- */
  function tint(hex) {
    var c = [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
    return "#" + c.map(function (v) { return Math.round(v + (255 - v) * 0.85).toString(16).padStart(2, "0"); }).join("");
  }
  // The picture of a programme or law: its family's figure, a light fill inside a border in its colour.
  function figure(shape, fill, stroke) {
    var body = shape === "ellipse" ? '<ellipse cx="24" cy="16" rx="21" ry="13"/>'
      : shape === "database" ? '<path d="M4 8v16c0 7 40 7 40 0V8"/><ellipse cx="24" cy="8" rx="20" ry="5"/>'
      : '<rect x="3" y="4" width="42" height="24" rx="4"/>';
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="32" viewBox="0 0 48 32"><g fill="' + fill +
      '" stroke="' + stroke + '" stroke-width="3">' + body + "</g></svg>";
    return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  }
  function baseColour(n) {
    if (state.colourBy !== "community") return n.color;
    var c = clusterInfo[n.community].colour;
    return { background: c.background, border: c.border, highlight: { background: c.background, border: "#000000" },
      hover: { background: c.background, border: "#000000" } };
  }
  function baseImage(n) {
    var c = state.colourBy === "community" ? clusterInfo[n.community].colour : { tint: tint(n.colour), border: n.colour };
    return figure(n.figure, c.tint, c.border);
  }
  data.nodes.forEach(function (n) { if (info[n.id].outlined) n.image = baseImage(info[n.id]); });
  function nodeSize(n) { return 10 + 30 * Math.sqrt(state.sizeBy === "bc" ? n.bc : n.dc); }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
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
    metrics = filtered() ? measure() : null;
    if (state.selected && !shown.nodes[state.selected]) deselect();
    else if (state.selectedEdge && !shown.edges[state.selectedEdge]) deselect();
    else if (state.selected) { highlight(state.selected); showNode(state.selected); }
    rank();
    legendCounts();
    subtitle();
    if (refit) fitShown(); else if (labelsReady) declutter();
    writeHash();
  }
  function shownIds() { return nodeIds.filter(function (id) { return shown.nodes[id]; }); }
  function fitShown() {
    var ids = shownIds();
    if (ids.length) network.fit({ nodes: ids, animation: false });
    if (labelsReady) declutter();
  }

  /* Partners and makelaarsrol (normalised betweenness, as networkx computes it) within what is shown: Brandes'
     algorithm on the shown nodes and edges. Unfiltered, the values computed by rbvgraph are used as they are. */
  function measure() {
    var ids = shownIds(), index = {}, n = ids.length, degree = {}, between = {};
    ids.forEach(function (id, i) { index[id] = i; degree[id] = 0; between[id] = 0; });
    var neighbours = ids.map(function (id) {
      return adjacency[id].filter(function (a) { return shown.edges[a.edge]; }).map(function (a) { return index[a.node]; });
    });
    ids.forEach(function (id, i) { degree[id] = neighbours[i].length; });
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
  function subtitle() {
    var orgs = shownOrganisations().length, lines = Object.keys(shown.edges).length;
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
  function swatch(shape, fill, stroke, dashed) {  // dashed: the line of an inferred link
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("aria-hidden", "true");
    var points = {
      square: "3,3 17,3 17,17 3,17", triangle: "10,2 18,17 2,17", triangleDown: "2,3 18,3 10,18",
      diamond: "10,1 19,10 10,19 1,10", hexagon: "5,2 15,2 19,10 15,18 5,18 1,10",
      star: "10,1 12.4,7 19,7.2 13.8,11.3 15.6,18 10,14.2 4.4,18 6.2,11.3 1,7.2 7.6,7"
    }[shape];
    var mark;
    if (points) { mark = document.createElementNS(SVG, "polygon"); mark.setAttribute("points", points); }
    else if (shape === "box" || shape === "database") {
      mark = document.createElementNS(SVG, "rect");
      mark.setAttribute("x", "1"); mark.setAttribute("y", "4"); mark.setAttribute("width", "18"); mark.setAttribute("height", "12");
      mark.setAttribute("rx", shape === "box" ? "3" : "8");
    } else if (shape === "ellipse") {
      mark = document.createElementNS(SVG, "ellipse");
      mark.setAttribute("cx", "10"); mark.setAttribute("cy", "10"); mark.setAttribute("rx", "9"); mark.setAttribute("ry", "6");
    } else if (shape === "line") {
      mark = document.createElementNS(SVG, "line");
      mark.setAttribute("x1", "0"); mark.setAttribute("y1", "10"); mark.setAttribute("x2", "20"); mark.setAttribute("y2", "10");
    } else {
      mark = document.createElementNS(SVG, "circle");
      mark.setAttribute("cx", "10"); mark.setAttribute("cy", "10"); mark.setAttribute("r", "8");
    }
    mark.setAttribute("fill", shape === "line" ? "none" : fill);
    mark.setAttribute("stroke", stroke);
    mark.setAttribute("stroke-width", shape === "line" ? "2" : "1.5");
    if (dashed) mark.setAttribute("stroke-dasharray", "4 2");
    svg.appendChild(mark);
    return svg;
  }
  var legend = byId("legend"), legendButtons = {};
  function legendCounts() {
    var counts = {}, clusterCounts = {};
    var base = state.hidden;
    state.hidden = {};  // a hidden kind still says how many it would show
    var would = computeShown();
    state.hidden = base;
    nodeIds.forEach(function (id) {
      if (!would.nodes[id]) return;
      counts[info[id].kind] = (counts[info[id].kind] || 0) + 1;
      if (shown.nodes[id]) clusterCounts[info[id].community] = (clusterCounts[info[id].community] || 0) + 1;
    });
    Object.keys(legendButtons).forEach(function (key) {
      var b = legendButtons[key];
      b.querySelector(".count").textContent = String((b.getAttribute("data-cluster") ? clusterCounts : counts)[key.replace(/^cluster:/, "")] || 0);
    });
  }
  function buildLegend() {
    clear(legend);
    legendButtons = {};
    var list = el("ul", "legend");
    if (state.colourBy === "kind") {
      byId("legend-hint").textContent = "Vorm: de soort familie; kleur: de soort. Kies een soort om die te verbergen of weer te tonen.";
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
        b.appendChild(swatch(k.shape, k.outlined ? tint(k.colour) : k.colour, k.colour));
        b.appendChild(el("span", "name", k.label));
        b.appendChild(el("span", "count", k.count));
        legendButtons[k.id] = b;
        li.appendChild(b);
        list.appendChild(li);
      });
    } else {
      byId("legend-hint").textContent = "Een cluster: organisaties die vooral met elkaar samenwerken, genoemd naar de meest " +
        "centrale. De vijf grootste hebben een kleur, de kleinere zijn open. Kies een cluster om die centrale organisatie te kiezen.";
      page.clusters.forEach(function (c) {
        var li = el("li");
        var b = button("", function () { selectNode(c.central); }, "kind");
        b.setAttribute("data-cluster", String(c.n));
        b.appendChild(swatch("dot", c.colour.background, c.colour.border));
        b.appendChild(el("span", "name", "cluster rond " + c.name));
        b.appendChild(el("span", "count", c.count));
        legendButtons["cluster:" + c.n] = b;
        li.appendChild(b);
        list.appendChild(li);
      });
    }
    legend.appendChild(list);
    legendCounts();
  }
  function buildShapes() {
    var shapes = byId("legend-shapes");
    [[swatch(page.groupShape, "#ffffff", "#333333"), "groep (bijv. gemeenten in Noord-Nederland), in de kleur van zijn soort"],
      [swatch("line", "", EDGE), "samenwerking volgens het verslag"],
      [swatch("line", "", EDGE, true), "afgeleid: staat niet letterlijk in het verslag"]].forEach(function (s) {
      var li = el("li");
      li.appendChild(s[0]);
      li.appendChild(el("span", null, s[1]));
      shapes.appendChild(li);
    });
    shapes.appendChild(el("li", "hint", "Grootte: aantal partners of makelaarsrol (zie ‘Grootte naar’). Dikte van een lijn: " +
      "aantal uitspraken. Namen van de meest centrale organisaties staan er meteen; inzoomen toont de rest."));
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
    box.appendChild(el("div", null, plural(partners(id), "partner", "partners") + " · makelaarsrol " + percent(brokerage(id))));
    return box;
  }
  function edgeTip(id) {
    var e = edgeInfo[id], box = el("div");
    box.appendChild(el("strong", null, info[e.from].name + " — " + info[e.to].name));
    box.appendChild(el("div", null, plural(e.weight, "uitspraak", "uitspraken") + (e.inferred ? " (afgeleid)" : "")));
    var first = e.statements[0];
    if (first && first.evidence.length && first.evidence[0].quote) box.appendChild(el("div", "quote", "“" + short(first.evidence[0].quote, 160) + "”"));
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
    addRow(dl, "Partners", String(partners(id)) + (metrics ? " in deze weergave (" + n.degree + " in het hele netwerk)" : ""));
    var order = shownOrganisations().map(function (o) { return brokerage(o.id); }).filter(function (b) { return b > brokerage(id); }).length + 1;
    addRow(dl, "Makelaarsrol", percent(brokerage(id)) + " van de kortste verbindingen tussen twee anderen loopt via deze " +
      (n.role === "organisatie" ? "organisatie (nr. " + order + ")" : "plek"));
    addRow(dl, "Cluster", "rond " + n.cluster);
    addRow(dl, "Thema's", themeNames(n.themes) || "—");
    addRow(dl, "Vaste link", n.id);
    details.appendChild(dl);
    if (n.role === "organisatie") {
      details.appendChild(button(state.focus === id ? "Focus uit" : "Focus op deze organisatie", function () {
        setFocus(state.focus === id ? "" : id);
      }, "focus-here"));
    }
    var around = adjacency[id].filter(function (a) { return shown.edges[a.edge]; }).map(function (a) { return edgeInfo[a.edge]; });
    if (!around.length) return;
    around.sort(function (a, b) { return b.weight - a.weight || byName(info[a.from === id ? a.to : a.from], info[b.from === id ? b.to : b.from]); });
    details.appendChild(el("h3", null, "Samen met (" + around.length + ")"));
    function item(e) {
      var other = info[e.from === id ? e.to : e.from];
      var b = button(other.name + " (" + plural(e.weight, "uitspraak", "uitspraken") + ")", function () { selectEdge(e.id); }, "link");
      b.setAttribute("data-edge", e.id);
      var li = el("li");
      li.appendChild(b);
      return li;
    }
    var list = el("ul", "neighbours");
    around.slice(0, PARTNERS_SHOWN).forEach(function (e) { list.appendChild(item(e)); });
    details.appendChild(list);
    if (around.length > PARTNERS_SHOWN) {
      details.appendChild(collapsible("Nog " + plural(around.length - PARTNERS_SHOWN, "partner", "partners") + " tonen", function (box) {
        var rest = el("ul", "neighbours");
        around.slice(PARTNERS_SHOWN).forEach(function (e) { rest.appendChild(item(e)); });
        box.appendChild(rest);
      }));
    }
  }
  function sectionName(ev) {
    // "§ 2.2.7 Title"; a section whose number is its title (Voorwoord, Bijlage…) is named once
    return "§ " + ev.section + (ev.title && ev.title !== ev.section && ev.section.indexOf(ev.title) < 0 ? " " + ev.title : "");
  }
  function showEdge(id) {
    var e = edgeInfo[id];
    clear(details);
    details.appendChild(el("h2", null, info[e.from].name + " — " + info[e.to].name));
    var summary = el("p", null, plural(e.weight, "uitspraak", "uitspraken") + " in het verslag");
    if (e.inferred) summary.appendChild(el("span", "badge inferred", "afgeleid: staat niet letterlijk in het verslag"));
    details.appendChild(summary);
    if (e.themes.length) details.appendChild(el("p", "section-ref", "Thema's: " + themeNames(e.themes)));
    var groups = [], bySection = {};
    e.statements.forEach(function (st) {
      var evidence = st.evidence.length ? st.evidence : [null];
      evidence.forEach(function (ev) {
        var key = ev ? sectionName(ev) : "afgeleid (geen citaat)";
        if (!bySection[key]) { bySection[key] = []; groups.push(key); }
        bySection[key].push({ st: st, quote: ev ? ev.quote : "" });
      });
    });
    function statement(item) {
      var li = el("li");
      li.appendChild(el("strong", null, item.st.text));
      if (item.st.via_label) li.appendChild(el("span", "badge", "via " + item.st.via_label));
      if (!item.st.asserted) li.appendChild(el("span", "badge inferred", "afgeleid"));
      if (item.quote) li.appendChild(el("blockquote", "quote", item.quote));
      return li;
    }
    function section(key) {
      var block = el("section", "evidence");
      block.appendChild(el("h3", "section-ref", key + " (" + bySection[key].length + ")"));
      var list = el("ul", "statement");
      bySection[key].slice(0, QUOTES_SHOWN).forEach(function (item) { list.appendChild(statement(item)); });
      block.appendChild(list);
      if (bySection[key].length > QUOTES_SHOWN) {
        block.appendChild(collapsible("Nog " + plural(bySection[key].length - QUOTES_SHOWN, "uitspraak", "uitspraken") + " uit " + key,
          function (box) {
            var rest = el("ul", "statement");
            bySection[key].slice(QUOTES_SHOWN).forEach(function (item) { rest.appendChild(statement(item)); });
            box.appendChild(rest);
          }));
      }
      return block;
    }
    groups.slice(0, SECTIONS_SHOWN).forEach(function (key) { details.appendChild(section(key)); });
    if (groups.length > SECTIONS_SHOWN) {
      details.appendChild(collapsible("Nog " + plural(groups.length - SECTIONS_SHOWN, "paragraaf", "paragrafen") + " tonen", function (box) {
        groups.slice(SECTIONS_SHOWN).forEach(function (key) { box.appendChild(section(key)); });
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
  function nodeLook(id) {
    var n = info[id];
    var look = { id: id, color: baseColour(n) };
    if (n.outlined) look.image = baseImage(n);
    return look;
  }
  function highlight(id) {
    keep = {};
    near = {};
    keep[id] = true;
    adjacency[id].forEach(function (a) { if (shown.edges[a.edge]) { keep[a.node] = true; near[a.edge] = true; } });
    network.redraw();
  }
  function unhighlight() {
    if (!keep) return;
    keep = near = null;
    network.redraw();
  }
  network.on("afterDrawing", function (ctx) {
    if (!keep) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var body = network.body, labels = [];
    Object.keys(near).forEach(function (e) { if (body.edges[e]) body.edges[e].draw(ctx); });
    Object.keys(keep).forEach(function (n) {
      var drawn = body.nodes[n] ? body.nodes[n].draw(ctx) : null;
      if (drawn && drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
    });
    labels.forEach(function (draw) { draw(); });
  });
  function selectNode(id, keepView) {
    if (!info[id]) return;
    if (!shown.nodes[id]) {
      resetFilters(false);
      byId("search-message").textContent = "Filters gewist om " + info[id].name + " te tonen.";
    }
    state.selected = id;
    state.selectedEdge = null;
    hideTooltip();
    network.selectNodes([id]);
    if (!keepView) {
      // The highlight is drawn first, where the view is; the view moves to the node a frame later (on a big page
      // the move redraws everything, and the highlight should not wait for it).
      requestAnimationFrame(function () {
        if (state.selected !== id) return;
        network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
        declutterSoon();
      });
    }
    highlight(id);
    showNode(id);
    writeHash();
  }
  function selectEdge(id) {
    if (!edgeInfo[id]) return;
    if (!shown.edges[id]) resetFilters(false);
    unhighlight();
    state.selected = null;
    state.selectedEdge = id;
    hideTooltip();
    network.selectEdges([id]);
    showEdge(id);
    writeHash();
  }
  function deselect() {
    state.selected = null;
    state.selectedEdge = null;
    network.unselectAll();
    unhighlight();
    hideTooltip();
    emptyDetails();
    writeHash();
  }
  network.on("click", function (p) {
    if (p.nodes.length) selectNode(p.nodes[0], true);
    else if (p.edges.length) selectEdge(p.edges[0]);
    else deselect();
  });

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
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3].localeCompare(b[3], "nl"); });
    return scored.map(function (s) { return s[4]; });
  }
  var results = byId("search-results"), message = byId("search-message");
  function resultItem(id) {
    var n = info[id];
    var b = button("", function () { selectNode(id); });
    b.appendChild(el("span", "name", n.name + (n.abbr ? " (" + n.abbr + ")" : "")));
    b.appendChild(el("span", "what", kindText(n) + (shown.nodes[id] ? "" : " · nu verborgen door een filter")));
    var li = el("li");
    li.appendChild(b);
    return li;
  }
  function showResults(query, all) {
    clear(results);
    var found = matches(query);
    message.textContent = "";
    listed = { query: query, found: found };
    found.slice(0, all ? found.length : RESULTS_SHOWN).forEach(function (id) { results.appendChild(resultItem(id)); });
    if (!all && found.length > RESULTS_SHOWN) {
      var li = el("li", "more");
      li.appendChild(el("span", null, "en nog " + (found.length - RESULTS_SHOWN) + " — typ verder om te verfijnen, of "));
      li.appendChild(button("toon alle " + found.length, function () { showResults(query, true); }, "link"));
      results.appendChild(li);
    }
    return found;
  }
  function clearSearch() {
    listed = { query: null, found: [] };
    byId("search").value = "";
    clear(results);
    message.textContent = "";
  }
  var listed = { query: null, found: [] };
  function search() {
    var query = byId("search").value;
    var found = listed.query === query ? listed.found : showResults(query, false);
    if (found.length) { selectNode(found[0]); return; }
    if (query.trim()) message.textContent = "Niets gevonden voor “" + query.trim() + "”.";
    deselect();
  }
  byId("search").addEventListener("input", function () { showResults(this.value, false); });
  byId("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") search();
    if (ev.key === "Escape") { clearSearch(); deselect(); ev.stopPropagation(); }
  });
  byId("search-go").addEventListener("click", search);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hideTooltip(); deselect(); }
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
  byId("fit").addEventListener("click", fitShown);

  function resize() {
    nodes.update(nodeIds.map(function (id) { return { id: id, size: nodeSize(info[id]) }; }));
    if (labelsReady) declutter();
  }
  byId("size-by").addEventListener("change", function () { state.sizeBy = this.value; resize(); writeHash(); });
  function recolour() {
    nodes.update(nodeIds.map(nodeLook));
    buildLegend();
  }
  byId("colour-by").addEventListener("change", function () { state.colourBy = this.value; recolour(); writeHash(); });
  byId("rank-by").addEventListener("change", function () { state.rankBy = this.value; rank(); });

  /* "Indeling losmaken" lets physics run again; it stops by itself when the layout has settled */
  var freezeButton = byId("freeze"), layoutTimer = null, layoutStarted = 0;
  function freeze() {
    network.setOptions({ physics: { enabled: false } });
    saveLayout();
    freezeButton.textContent = "Indeling losmaken";
    freezeButton.setAttribute("aria-pressed", "false");
    clearTimeout(layoutTimer);
    layoutTimer = null;
  }
  freezeButton.addEventListener("click", function () {
    if (layoutTimer !== null) { freeze(); return; }
    network.setOptions({ physics: { enabled: true, stabilization: false } });
    network.startSimulation();
    freezeButton.textContent = "Indeling vastzetten";
    freezeButton.setAttribute("aria-pressed", "true");
    layoutStarted = performance.now();
    layoutTimer = setTimeout(freeze, LAYOUT_LIMIT_MS);
  });
  // vis-network also reports "stabilized" a moment after physics is switched off: such a late report of the
  // previous run must not end a run the user has just started.
  network.on("stabilized", function () { if (layoutTimer !== null && performance.now() - layoutStarted > 300) freeze(); });

  /* ---- the view in the address: #thema=…&focus=…&diepte=2&verberg=…&kies=…&lijn=…&kleur=cluster&grootte=makelaar ---- */
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
  }
  window.addEventListener("hashchange", readHash);

  /* ---- picture and print ---- */
  function picture() {
    var canvas = container.querySelector("canvas");
    var ratio = canvas.width / container.clientWidth || 1, band = Math.round(40 * ratio);
    var out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height + band;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    ctx.fillStyle = TEXT;
    ctx.font = Math.round(13 * ratio) + "px system-ui, sans-serif";
    ctx.fillText(document.title, 10 * ratio, canvas.height + 16 * ratio);
    ctx.fillStyle = "#555555";
    ctx.font = Math.round(11 * ratio) + "px system-ui, sans-serif";
    ctx.fillText(byId("subtitle").textContent, 10 * ratio, canvas.height + 32 * ratio);
    return out.toDataURL("image/png");
  }
  byId("png").addEventListener("click", function () {
    var link = el("a");
    link.href = picture();
    link.download = (document.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || "netwerk") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  var opened = [];
  function beforePrint() {
    byId("print-graph").src = picture();
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

  /* ---- once settled: physics off, label sizes for this overview, the view from the address ---- */
  var labelsReady = false, fontSize = {}, drawnSize = {}, measurer = document.createElement("canvas").getContext("2d");
  function labelSizes() {
    // The most central names are readable at the first overview, the next ones at twice that zoom, the rest
    // from the zoom where a 14 px label reaches the minimum: vis-network draws no label below page.minLabel px.
    var scale = network.getScale(), need = (page.minLabel + 1) * 1.25;
    nodeIds.forEach(function (id) {
      var tier = info[id].tier;
      fontSize[id] = Math.max(14, Math.round(tier === 1 ? need / scale : tier === 2 ? need / (2 * scale) : 14));
      drawnSize[id] = 14;
    });
    labelsReady = true;
    declutter();
  }
  // Where two labels would overlap on screen, the less central one gives way (drawn at size 1, which vis-network
  // leaves out); zooming in makes room and brings it back. A label is also kept from growing past page.maxLabel
  // on screen (vis-network's own maxVisible only fades labels). Run after every zoom and drag of the view.
  var byCentrality = nodeIds.slice().sort(function (a, b) {
    return info[a].tier - info[b].tier || info[b].degree - info[a].degree || (a < b ? -1 : 1);
  });
  function declutter() {
    var scale = network.getScale(), width = container.clientWidth, height = container.clientHeight;
    var positions = network.getPositions(), placed = [], changes = [];
    byCentrality.forEach(function (id) {
      var want = fontSize[id];
      if (want * scale > page.maxLabel) want = Math.round(page.maxLabel / scale * 10) / 10;  // no larger than this on screen
      var px = want * scale;
      if (shown.nodes[id] && px >= page.minLabel) {
        var at = network.canvasToDOM(positions[id]);
        var lines = String(nodes.get(id).label || "").split("\n");
        measurer.font = px + "px arial";
        var w = Math.max.apply(null, lines.map(function (l) { return measurer.measureText(l).width; }));
        var top = at.y + nodeSize(info[id]) * scale + 2;
        var box = { l: at.x - w / 2 - 2, r: at.x + w / 2 + 2, t: top, b: top + lines.length * px * 1.15 };
        var onScreen = box.r > 0 && box.l < width && box.b > 0 && box.t < height;
        if (onScreen && placed.some(function (p) { return p.l < box.r && box.l < p.r && p.t < box.b && box.t < p.b; })) want = 1;
        else if (onScreen) placed.push(box);
      }
      if (drawnSize[id] !== want) { drawnSize[id] = want; changes.push({ id: id, font: { size: want } }); }
    });
    if (changes.length) nodes.update(changes);
  }
  var declutterTimer = null;
  function declutterSoon() { clearTimeout(declutterTimer); declutterTimer = setTimeout(declutter, 120); }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("animationFinished", declutterSoon);
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
    network.fit({ animation: false });
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
    restoreLayout();
    labelSizes();
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
