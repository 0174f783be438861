// The review page of 'rbvgraph review': narrow the cards (from a confidence on, the kinds ticked) and choose cards
// to accept or reject, which writes the command lines to copy into a terminal. Both are kept for this page (by its
// file's address) when it is opened again. No network, no library: the page is one offline file.
(function () {
  'use strict';
  var form = document.querySelector('form.filter');
  var cards = Array.prototype.slice.call(document.querySelectorAll('.kandidaat'));
  var shown = document.getElementById('getoond');
  var bar = document.getElementById('keuze');
  var slug = document.body.dataset.verslag;
  var key = 'rbvgraph-review:' + location.pathname;

  function kinds() {
    return Array.prototype.filter.call(form.querySelectorAll('input[name=soort]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }
  function chosen() {
    return cards.filter(function (card) { return card.querySelector('input.kies').checked; }).map(function (card) {
      return card.id;
    });
  }
  function save() {
    try {
      localStorage.setItem(key, JSON.stringify({vanaf: form.elements.vanaf.value, soorten: kinds(), gekozen: chosen()}));
    } catch (e) { /* storage off: the choice lasts until the page is closed */ }
  }
  function apply() {
    var from = parseFloat(form.elements.vanaf.value);
    var wanted = kinds();
    var count = 0;
    cards.forEach(function (card) {
      var show = parseFloat(card.dataset.zeker) >= from && wanted.indexOf(card.dataset.soort) >= 0;
      card.hidden = !show;
      if (show) { count += 1; }
    });
    shown.textContent = count + ' van ' + cards.length + ' voorstellen getoond';
    var ids = chosen();
    bar.hidden = ids.length === 0;
    bar.querySelector('.aantal').textContent = ids.length + (ids.length === 1 ? ' voorstel gekozen' : ' voorstellen gekozen');
    bar.querySelector('input[name=aanvaarden]').value = 'rbvgraph accept ' + slug + ' ' + ids.join(' ');
    bar.querySelector('input[name=afwijzen]').value = 'rbvgraph reject ' + slug + ' ' + ids.join(' ');
  }

  try {
    var kept = JSON.parse(localStorage.getItem(key) || 'null');
    if (kept) {
      form.elements.vanaf.value = kept.vanaf;
      Array.prototype.forEach.call(form.querySelectorAll('input[name=soort]'), function (box) {
        box.checked = kept.soorten.indexOf(box.value) >= 0;
      });
      cards.forEach(function (card) {
        card.querySelector('input.kies').checked = (kept.gekozen || []).indexOf(card.id) >= 0;
      });
    }
  } catch (e) { /* storage off or damaged: start with everything shown and nothing chosen */ }

  document.addEventListener('change', function (event) {
    if (event.target.closest('form.filter') || event.target.classList.contains('kies')) {
      apply();
      save();
    }
  });
  Array.prototype.forEach.call(bar.querySelectorAll('button[data-kopieer]'), function (button) {
    button.addEventListener('click', function () {
      var field = bar.querySelector('input[name=' + button.dataset.kopieer + ']');
      field.select();
      var done = false;
      try { done = document.execCommand('copy'); } catch (e) { done = false; }
      button.textContent = done ? 'Gekopieerd' : 'Geselecteerd: Ctrl+C';
    });
  });
  bar.querySelector('button.leeg').addEventListener('click', function () {
    cards.forEach(function (card) { card.querySelector('input.kies').checked = false; });
    apply();
    save();
  });
  apply();
})();
