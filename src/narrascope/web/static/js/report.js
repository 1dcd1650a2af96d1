/* Self-contained report: one section visible at a time (hash routing), client-side search. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var sections = Array.prototype.slice.call(document.querySelectorAll('.rsec'));

  function route() {
    var h = (location.hash || '#dashboard').slice(1), parts = h.split('~'), id = parts[0] || 'dashboard';
    var target = /^[A-Za-z0-9_-]+$/.test(id) ? document.getElementById(id) : null;
    if (!target) { target = document.getElementById('dashboard'); }
    var sec = target.closest('.rsec') || target;
    sections.forEach(function (s) { s.classList.toggle('hidden', s !== sec); });
    Array.prototype.forEach.call(document.querySelectorAll('.report-nav a'), function (a) {
      a.classList.toggle('on', a.getAttribute('href') === '#' + sec.id.split('-cue-')[0]);
    });
    var opt = {};
    parts.slice(1).forEach(function (p) { var kv = p.split('='); opt[kv[0]] = kv[1]; });
    var reader = sec.querySelector('.reader');
    if (reader) { cueFilter(reader, opt.cue); }
    if (opt.ref && reader && window.narrascopeReader) {
      var item = reader.querySelector('.side .item[data-target="' + opt.ref.replace(/[^A-Za-z0-9_-]/g, '') + '"]');
      window.narrascopeReader.focusRef(reader, opt.ref, item ? item.getAttribute('data-layer') : null, false);
    } else if (target !== sec) { target.scrollIntoView(); } else { window.scrollTo(0, 0); }
  }

  /* `#doc-N~cue=speech`: the article's attributions of one cue class, as the served page's
     `?cue_class=` keeps them (side panel and highlight layer); no or an unknown class: all */
  function cueFilter(reader, cue) {
    var items = Array.prototype.slice.call(reader.querySelectorAll('.side .att-item'));
    var chips = Array.prototype.slice.call(reader.querySelectorAll('.side .cue-filter a.chip'));
    var known = chips.some(function (c) { return c.getAttribute('data-cue-class') === cue && cue !== 'all'; });
    if (!known) { cue = null; }
    var kept = {}, all = {}, n = 0;
    items.forEach(function (it) {
      var ref = it.getAttribute('data-target'), on = !cue || it.getAttribute('data-cue-class') === cue;
      all[ref] = true;
      if (on) { kept[ref] = true; n += 1; }
      it.classList.toggle('hidden', !on);
    });
    chips.forEach(function (c) {
      var v = c.getAttribute('data-cue-class');
      c.classList.toggle('on', cue ? v === cue : v === 'all');
    });
    var note = reader.querySelector('.side .cue-note'), count = reader.querySelector('.side .att-section h2 > .n');
    if (note) { note.textContent = cue ? 'of ' + items.length + ', ' + cue + ' only' : ''; }
    if (count) { count.textContent = String(n); }
    Array.prototype.forEach.call(reader.querySelectorAll('.doc-text [data-ref]'), function (el) {
      var off = el.getAttribute('data-att-off');
      if (off) { el.className += ' ' + off; el.removeAttribute('data-att-off'); }
      if (!cue || !el.classList.contains('L-att')) return;
      var refs = el.getAttribute('data-ref').split(' ').filter(function (r) { return all[r]; });
      if (!refs.length || refs.some(function (r) { return kept[r]; })) return;
      var cls = ['L-att', 'att-src', 'att-cue', 'att-content'].filter(function (k) { return el.classList.contains(k); });
      cls.forEach(function (k) { el.classList.remove(k); });
      el.setAttribute('data-att-off', cls.join(' '));
    });
  }

  function setupSearch() {
    var input = document.getElementById('rsearch'), list = document.getElementById('rsearch-results');
    var dataEl = document.getElementById('search-index');
    if (!input || !list || !dataEl) return;
    var docs = JSON.parse(dataEl.textContent);
    input.addEventListener('input', function () {
      var terms = input.value.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
      list.textContent = '';
      if (!terms.length) return;
      docs.forEach(function (d) {
        var hay = (d.title + '\n' + d.text).toLowerCase();
        if (!terms.every(function (t) { return hay.indexOf(t) >= 0; })) return;
        var li = document.createElement('li'), a = document.createElement('a'), p = document.createElement('p');
        a.href = '#doc-' + d.n; a.textContent = d.title;
        var i = d.text.toLowerCase().indexOf(terms[0]);
        p.className = 'snippet';
        p.textContent = (i > 60 ? '… ' : '') + d.text.slice(Math.max(0, i - 60), i + 140).replace(/\s+/g, ' ') + ' …';
        li.appendChild(a); li.appendChild(p); list.appendChild(li);
      });
      if (!list.children.length) { var li = document.createElement('li'); li.className = 'empty'; li.textContent = 'No document contains all of these words.'; list.appendChild(li); }
    });
  }

  window.addEventListener('hashchange', route);
  setupSearch();
  route();
})();
