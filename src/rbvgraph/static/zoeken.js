/* The search box of the entity pages: finds names in RBV_NAMEN ([name, other names, kind, page], written by
   'rbvgraph build' before this script) without a server, forgiving the way people type, as 'rbvgraph search' does:
   case, accents, hyphens and word order do not matter; each typed word may be the start of a word of a name or a
   piece of one (a part of a Dutch compound: 'inbraak' in 'woninginbraak'); a word with a typo still finds the start
   of a word or a whole name one or two letters off ('riek' → RIEC, 'emmmen' → Emmen); and when nothing fits at
   all, the names most alike the typed text (shared letters in order) are shown as the nearest. */
(function () {
  "use strict";
  var input = document.getElementById("zoekveld"), list = document.getElementById("zoekresultaten");
  if (!input || !list || typeof RBV_NAMEN === "undefined") return;
  var root = document.body.getAttribute("data-root") || "";
  var SHOWN = 12, NEAREST = 5, ALIKE = 0.6;
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }
  var rows = RBV_NAMEN.map(function (r) {
    var names = [r[0]].concat(r[1] ? r[1].split("; ") : []).map(fold), all = names.join(" ");
    var words = all.split(" ").filter(function (w, i, a) { return w && a.indexOf(w) === i; });
    return {name: r[0], kind: r[2], page: r[3], names: names, words: words, all: " " + all,
            compact: all.replace(/ /g, ""), bare: names.map(function (n) { return n.replace(/ /g, ""); })};
  });
  /* How many letters a typed word may be off: none for short words, where one letter off fits too much. */
  function allowed(word) { return word.length < 4 ? 0 : word.length < 8 ? 1 : 2; }
  /* Edit distance (Levenshtein) of 'typed' to the nearest start of 'text' (free: false) or to the nearest piece
     of it anywhere (free: true); returns [distance, letters of 'text' left after the match]. */
  function distance(typed, text, free) {
    var m = typed.length, n = text.length, prev = [], cur, i, j;
    for (j = 0; j <= n; j++) prev[j] = free ? 0 : j;
    for (i = 1; i <= m; i++) {
      cur = [i];
      for (j = 1; j <= n; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (typed[i - 1] === text[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    var best = [m + n, n];
    for (j = free ? 0 : 1; j <= n; j++) if (prev[j] <= best[0]) best = [prev[j], n - j];
    return best;
  }
  function whole(typed, text) {  // edit distance of two whole texts
    var d = distance(typed, text, false);
    return d[0] + d[1];
  }
  /* Letters two texts share in order (longest common subsequence), as a share of both: 1 is the same text. */
  function alike(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = 0;
    for (i = 1; i <= a.length; i++) {
      cur = [0];
      for (j = 1; j <= b.length; j++) {
        cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      prev = cur;
    }
    return 2 * prev[b.length] / (a.length + b.length);
  }
  /* How one typed word fits a row: [class, distance, letters left], the best of its words. Class 0: the start of
     a word; 1: the start of a word with a typo; 2: a piece of a word or of a name typed without its spaces;
     3 (only when 'loose'): a piece with a typo; null: no fit. */
  function fit(row, word, loose, memo) {
    var best = null, limit = allowed(word);
    row.words.forEach(function (w) {
      var key = word + " " + w, found = memo[key];
      if (found === undefined) {
        found = null;
        if (w.indexOf(word) === 0) found = [0, 0, w.length - word.length];
        else if (limit) {
          var d = distance(word, w, false);
          if (d[0] <= limit) found = [1, d[0], d[1]];
        }
        memo[key] = found;
      }
      if (found && (!best || found[0] < best[0] || found[0] === best[0] && found[1] < best[1])) best = found;
    });
    if (best) return best;
    if (row.all.indexOf(word) >= 0 || row.compact.indexOf(word) >= 0) return [2, 0, 0];
    if (loose && limit) {
      var piece = distance(word, row.compact, true);
      if (piece[0] <= limit) return [3, piece[0], 0];
    }
    return null;
  }
  /* The rank of a row (lower first) or null: 0 a name typed whole (an abbreviation too), 1 a name starts with the
     text, 2 every word starts a word, 3 a whole name with a typo, 4 every word starts a word, some with a typo,
     5 every word is a piece, 6 (only when 'loose') a piece with a typo. Then fewer typos, fewer letters left,
     a name that starts with the first word, a shorter name. */
  function rank(row, words, joined, loose, memo) {
    var bare = joined.replace(/ /g, ""), tier, typos = 0, left = 0, worst = 0, missing = false;
    if (row.names.some(function (n) { return n === joined; }) || row.bare.indexOf(bare) >= 0) tier = 0;
    else if (row.names.some(function (n) { return n.indexOf(joined) === 0; })) tier = 1;
    words.forEach(function (word) {
      var f = fit(row, word, loose, memo);
      if (!f) { missing = true; return; }
      worst = Math.max(worst, f[0]);
      typos += f[1];
      left += f[2];
    });
    if (tier === undefined && (missing || worst > 0)) {
      var limit = allowed(bare), near = Math.min.apply(null, row.bare.map(function (n) { return whole(bare, n); }));
      if (limit && near <= limit) { tier = 3; typos = near; left = 0; }
      else if (missing) return null;
    }
    if (tier === undefined) tier = [2, 4, 5, 6][worst];
    var start = row.names.some(function (n) { return n.indexOf(words[0]) === 0; }) ? 0 : 1;
    return [tier, typos, left, start, row.name.length];
  }
  function compare(a, b) {
    for (var i = 0; i < a[0].length; i++) if (a[0][i] !== b[0][i]) return a[0][i] - b[0][i];
    return a[1].name < b[1].name ? -1 : a[1].name > b[1].name ? 1 : 0;
  }
  function search(words, joined) {
    var memo = {}, found = [];
    [false, true].some(function (loose) {
      rows.forEach(function (row) {
        var r = rank(row, words, joined, loose, memo);
        if (r) found.push([r, row]);
      });
      return found.length > 0;
    });
    return found.sort(compare);
  }
  function nearest(joined) {
    var bare = joined.replace(/ /g, ""), scored = [];
    rows.forEach(function (row) {
      var best = 0;
      row.bare.concat(row.words).forEach(function (n) { best = Math.max(best, alike(bare, n)); });
      if (best >= ALIKE) scored.push([[-best, row.name.length], row]);
    });
    return scored.sort(compare).slice(0, NEAREST);
  }
  function note(text) {
    var li = document.createElement("li");
    li.className = "soort";
    li.textContent = text;
    list.appendChild(li);
  }
  function show() {
    var joined = fold(input.value), words = joined ? joined.split(" ") : [];
    list.textContent = "";
    if (!words.length) return;
    var found = search(words, joined), close = found.length ? [] : nearest(joined);
    if (close.length) note("Niets gevonden; het meest gelijkend:");
    found.concat(close).slice(0, SHOWN).forEach(function (item) {
      var li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
      a.href = root + item[1].page;
      a.textContent = item[1].name;
      kind.className = "soort";
      kind.textContent = " " + item[1].kind;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    if (!found.length && !close.length) note("Niets gevonden.");
    else if (found.length > SHOWN) note("en nog " + (found.length - SHOWN) + " meer: typ verder");
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    } else if (event.key === "Escape") {
      input.value = "";
      show();
    } else if (event.key === "ArrowDown") {  // into the results, as in any list of suggestions
      var top = list.querySelector("a");
      if (top) { event.preventDefault(); top.focus(); }
    }
  });
  /* Up and down arrows move between the results; up from the first, or Escape, goes back to the search box. */
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a")), at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
    else if (event.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
    else if (event.key === "Escape") input.focus();
    else return;
    event.preventDefault();
  });
})();
