/* Event map: decodes the Natural Earth TopoJSON base map, projects it (equirectangular, scaled by
   the cosine of the central latitude) and draws events as circles. No map library. */
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function decode(topo, name) {
    var tf = topo.transform;
    var arcs = topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        if (!tf) return [p[0], p[1]];
        x += p[0]; y += p[1];
        return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]];
      });
    });
    function ring(idx) {
      var pts = [];
      idx.forEach(function (i, k) {
        var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        pts = pts.concat(k ? a.slice(1) : a);
      });
      return pts;
    }
    return topo.objects[name].geometries.map(function (g) {
      var polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
      var rings = [];
      polys.forEach(function (p) { p.forEach(function (r) { rings.push(ring(r)); }); });
      return { name: (g.properties && g.properties.name) || '', rings: rings };
    });
  }

  function fitBox(points, world) {
    if (world || !points.length) return { w: -180, e: 180, s: -58, n: 84 };
    var w = 180, e = -180, s = 90, n = -90;
    points.forEach(function (p) { w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat); });
    var padLon = Math.max(12, (e - w) * 0.25), padLat = Math.max(8, (n - s) * 0.25);
    return { w: Math.max(-180, w - padLon), e: Math.min(180, e + padLon), s: Math.max(-70, s - padLat), n: Math.min(85, n + padLat) };
  }

  function draw(box, countries, data, world) {
    box.textContent = '';
    var W = 900, b = fitBox(data.points, world);
    var k = Math.cos(((b.n + b.s) / 2) * Math.PI / 180);
    var spanX = (b.e - b.w) * k, spanY = b.n - b.s;
    var H = Math.max(260, Math.min(430, W * spanY / spanX));
    var scale = Math.min(W / spanX, H / spanY);
    var ox = (W - spanX * scale) / 2, oy = (H - spanY * scale) / 2;
    function px(lon) { return ox + (lon - b.w) * k * scale; }
    function py(lat) { return oy + (b.n - lat) * scale; }
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H.toFixed(0), 'class': 'mapsvg', role: 'img' }, box);
    el('rect', { x: 0, y: 0, width: W, height: H.toFixed(0), 'class': 'sea' }, svg);
    var g = el('g', { 'class': 'countries' }, svg);
    countries.forEach(function (c) {
      var d = c.rings.map(function (r) {
        return 'M' + r.map(function (p) { return px(p[0]).toFixed(1) + ',' + py(p[1]).toFixed(1); }).join('L') + 'Z';
      }).join('');
      var path = el('path', { d: d, 'class': 'country' }, g);
      el('title', {}, path).textContent = c.name;
    });
    var nmax = 1;
    data.points.forEach(function (p) { nmax = Math.max(nmax, p.n); });
    var pts = el('g', { 'class': 'points' }, svg);
    var types = [];
    data.points.forEach(function (p) { if (types.indexOf(p.type) < 0) types.push(p.type); });
    var legend = document.createElement('p');
    legend.className = 'maplegend';
    types.forEach(function (t) {
      var item = document.createElement('span'), dot = el('svg', { width: 12, height: 12, viewBox: '0 0 12 12' });
      el('circle', { cx: 6, cy: 6, r: 5, 'class': 'ev-' + String(t).replace(/[^a-z_]/g, '') }, dot);
      item.appendChild(dot); item.appendChild(document.createTextNode(' ' + String(t).replace(/_/g, ' ')));
      legend.appendChild(item);
    });
    box.appendChild(legend);
    var few = data.points.length <= 15;
    data.points.forEach(function (p) {
      var x = px(p.lon), y = py(p.lat);
      var c = el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: (4 + 10 * Math.sqrt(p.n / nmax)).toFixed(1),
        'class': 'pt ev-' + String(p.type).replace(/[^a-z_]/g, '') }, pts);
      el('title', {}, c).textContent = (p.place || 'unnamed place') + ': ' + p.n + ' ' + String(p.type).replace(/_/g, ' ') +
        ' event report(s), ' + p.fatalities + ' reported killed';
      if (few) {
        var t = el('text', { x: (x + 9).toFixed(1), y: (y + 4).toFixed(1), 'class': 'ptlabel' }, pts);
        t.textContent = p.place || '';
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-map]'), function (box) {
      var dataEl = document.getElementById(box.getAttribute('data-map'));
      if (!dataEl) return;
      var data = JSON.parse(dataEl.textContent);
      var world = false, countries = null;
      var btn = document.createElement('button');
      btn.type = 'button'; btn.className = 'mapbtn'; btn.textContent = 'Whole world';
      btn.addEventListener('click', function () {
        world = !world; btn.textContent = world ? 'Fit events' : 'Whole world';
        if (countries) draw(canvas, countries, data, world);
      });
      box.textContent = '';
      var canvas = document.createElement('div');
      box.appendChild(btn); box.appendChild(canvas);
      function go(topo) { countries = decode(topo, 'countries'); draw(canvas, countries, data, world); box.setAttribute('data-drawn', '1'); }
      var inline = document.getElementById('basemap-data');
      if (inline) { go(JSON.parse(inline.textContent)); return; }
      fetch(box.getAttribute('data-basemap') || '/static/basemap/countries-110m.json')
        .then(function (r) { return r.json(); }).then(go)
        .catch(function () { canvas.textContent = 'The base map could not be loaded.'; });
    });
  }
  window.narrascopeMap = { decode: decode };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
