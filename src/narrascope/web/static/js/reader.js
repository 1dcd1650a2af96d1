/* Article reader: layer toggles, side panel -> span, span -> side panel. No dependencies. */
(function () {
  'use strict';

  function hasRef(el, ref) {
    return (el.getAttribute('data-ref') || '').split(' ').indexOf(ref) >= 0;
  }

  function showLayer(reader, layer) {
    if (!layer) return;
    var cb = reader.querySelector('input[data-layer="' + layer + '"]');
    var text = reader.querySelector('.doc-text');
    if (cb && !cb.checked) { cb.checked = true; }
    text.classList.add('show-' + layer);
  }

  function focusRef(reader, ref, layer, smooth) {
    var text = reader.querySelector('.doc-text');
    if (!text || !/^[A-Za-z0-9_-]+$/.test(ref)) return false;
    showLayer(reader, layer);
    Array.prototype.forEach.call(text.querySelectorAll('.flash'), function (el) { el.classList.remove('flash'); });
    var els = Array.prototype.filter.call(text.querySelectorAll('[data-ref]'), function (el) { return hasRef(el, ref); });
    if (!els.length) return false;
    els.forEach(function (el) { el.classList.add('flash'); });
    els[0].scrollIntoView({ block: 'center', behavior: 'auto' });
    Array.prototype.forEach.call(reader.querySelectorAll('.side .item'), function (it) {
      it.classList.toggle('active', it.getAttribute('data-target') === ref);
    });
    return true;
  }

  function setup(reader) {
    var text = reader.querySelector('.doc-text');
    if (!text || reader.getAttribute('data-ready')) return;
    reader.setAttribute('data-ready', '1');
    Array.prototype.forEach.call(reader.querySelectorAll('input[data-layer]'), function (cb) {
      cb.addEventListener('change', function () {
        text.classList.toggle('show-' + cb.getAttribute('data-layer'), cb.checked);
      });
    });
    Array.prototype.forEach.call(reader.querySelectorAll('.side .item[data-target]'), function (a) {
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        focusRef(reader, a.getAttribute('data-target'), a.getAttribute('data-layer'), true);
      });
    });
    /* clicking highlighted text selects the matching side-panel item of a visible layer */
    text.addEventListener('click', function (ev) {
      var el = ev.target.closest ? ev.target.closest('[data-ref]') : null;
      if (!el) return;
      var refs = el.getAttribute('data-ref').split(' ');
      for (var i = 0; i < refs.length; i++) {
        var item = reader.querySelector('.side .item[data-target="' + refs[i] + '"]');
        if (item && text.classList.contains('show-' + item.getAttribute('data-layer'))) {
          Array.prototype.forEach.call(reader.querySelectorAll('.side .item.active'), function (it) { it.classList.remove('active'); });
          item.classList.add('active');
          item.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
          return;
        }
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('.reader'), setup);
    var m = /^#s-([A-Za-z0-9_-]+)$/.exec(location.hash || '');
    var reader = document.querySelector('.reader');
    if (m && reader) {
      var item = reader.querySelector('.side .item[data-target="' + m[1] + '"]');
      focusRef(reader, m[1], item ? item.getAttribute('data-layer') : null, false);
    }
  }

  window.narrascopeReader = { setup: setup, focusRef: focusRef };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
