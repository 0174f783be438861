/* The search box of the entity pages: finds names in RBV_NAMEN ([name, other names, kind, page], written by
   'rbvgraph build' before this script) without a server, ignoring case, accents, hyphens and word order. */
(function () {
  "use strict";
  var input = document.getElementById("zoekveld"), list = document.getElementById("zoekresultaten");
  if (!input || !list || typeof RBV_NAMEN === "undefined") return;
  var root = document.body.getAttribute("data-root") || "";
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }
  var rows = RBV_NAMEN.map(function (r) {
    var names = [r[0]].concat(r[1] ? r[1].split("; ") : []).map(fold), all = names.join(" ");
    return {name: r[0], kind: r[2], page: r[3], names: names, all: " " + all, compact: all.replace(/ /g, "")};
  });
  /* 0: a name typed whole (an abbreviation too), 1: a name starts with it, 2: every word starts a word of the
     names, 3: every word stands somewhere in them; -1: not found */
  function score(row, words, joined) {
    var bare = joined.replace(/ /g, "");
    if (row.names.some(function (n) { return n === joined || n.replace(/ /g, "") === bare; })) return 0;
    for (var i = 0; i < words.length; i++) {
      if (row.all.indexOf(words[i]) < 0 && row.compact.indexOf(words[i]) < 0) return -1;
    }
    if (row.names.some(function (n) { return n.indexOf(joined) === 0; })) return 1;
    return words.every(function (w) { return row.all.indexOf(" " + w) >= 0; }) ? 2 : 3;
  }
  function show() {
    var joined = fold(input.value), words = joined ? joined.split(" ") : [];
    list.textContent = "";
    if (!words.length) return;
    var found = [];
    rows.forEach(function (row) {
      var s = score(row, words, joined);
      if (s >= 0) found.push([s, row.name.length, row]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2].name < b[2].name ? -1 : 1); });
    found.slice(0, 12).forEach(function (item) {
      var li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
      a.href = root + item[2].page;
      a.textContent = item[2].name;
      kind.className = "soort";
      kind.textContent = " " + item[2].kind;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "Niets gevonden.";
      list.appendChild(none);
    } else if (found.length > 12) {
      var more = document.createElement("li");
      more.className = "soort";
      more.textContent = "en nog " + (found.length - 12) + " meer: typ verder";
      list.appendChild(more);
    }
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    } else if (event.key === "Escape") {
      input.value = "";
      show();
    }
  });
})();
