/* Actor network: a small force-directed layout (repulsion, springs, gravity), run to rest before
   drawing so the picture is stable; nodes can be dragged. Edges coloured by relation. */
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var RELS = ['attacks', 'accuses', 'cooperates_with', 'claims_responsibility_for', 'related'];

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function layout(nodes, edges, W, H) {
    var n = nodes.length, i, j, it;
    nodes.forEach(function (nd, k) {  /* deterministic start: a spiral */
      var a = k * 2.399963, r = 20 + 12 * Math.sqrt(k);
      nd.x = W / 2 + r * Math.cos(a); nd.y = H / 2 + r * Math.sin(a); nd.vx = 0; nd.vy = 0;
    });
    var L = Math.max(60, Math.min(140, Math.sqrt(W * H / Math.max(1, n)) * 0.5));
    for (it = 0; it < 400; it++) {
      var alpha = 1 - it / 400;
      for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
          var dx = nodes[j].x - nodes[i].x, dy = nodes[j].y - nodes[i].y;
          var d2 = dx * dx + dy * dy + 0.01, f = (L * L) / d2 * 0.06 * alpha;
          nodes[i].vx -= dx * f; nodes[i].vy -= dy * f; nodes[j].vx += dx * f; nodes[j].vy += dy * f;
        }
      }
      edges.forEach(function (e) {
        var a = e.s, b = e.t, dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = (d - L) / d * 0.08 * alpha;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      });
      nodes.forEach(function (nd) {
        nd.vx += (W / 2 - nd.x) * 0.01 * alpha; nd.vy += (H / 2 - nd.y) * 0.012 * alpha;
        var sp = Math.sqrt(nd.vx * nd.vx + nd.vy * nd.vy), cap = 30;
        if (sp > cap) { nd.vx *= cap / sp; nd.vy *= cap / sp; }
        nd.x += nd.vx; nd.y += nd.vy; nd.vx *= 0.55; nd.vy *= 0.55;
        nd.x = Math.max(30, Math.min(W - 30, nd.x)); nd.y = Math.max(24, Math.min(H - 24, nd.y));
      });
    }
  }

  function curve(e) {
    var a = e.s, b = e.t, mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
    var d = Math.sqrt(dx * dx + dy * dy) + 0.01, bend = 0.12 + 0.12 * e.k;
    var cx = mx - dy * bend, cy = my + dx * bend;
    /* stop short of the target circle so the arrow head shows */
    var ex = b.x - (b.x - cx) / (Math.sqrt((b.x - cx) * (b.x - cx) + (b.y - cy) * (b.y - cy)) + 0.01) * (b.r + 3);
    var ey = b.y - (b.y - cy) / (Math.sqrt((b.x - cx) * (b.x - cx) + (b.y - cy) * (b.y - cy)) + 0.01) * (b.r + 3);
    return 'M' + a.x.toFixed(1) + ',' + a.y.toFixed(1) + 'Q' + cx.toFixed(1) + ',' + cy.toFixed(1) + ' ' + ex.toFixed(1) + ',' + ey.toFixed(1);
  }

  function draw(box, data) {
    var linked = {};
    data.edges.forEach(function (e) { linked[e.source] = 1; linked[e.target] = 1; });
    var shown = data.nodes.filter(function (n) { return linked[n.id]; });  /* actors with a relation */
    var W = 900, H = Math.max(240, Math.min(520, 160 + 24 * shown.length));
    var byId = {}, nodes = shown.map(function (n) { var c = { id: n.id, name: n.name || n.id, type: n.type, m: n.mentions || 0 }; byId[n.id] = c; return c; });
    var mmax = 1;
    nodes.forEach(function (n) { mmax = Math.max(mmax, n.m); });
    nodes.forEach(function (n) { n.r = 6 + 10 * Math.sqrt(n.m / mmax); });
    var pairs = {};
    var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target]; }).map(function (e) {
      var key = [e.source, e.target].sort().join('\u0001');
      pairs[key] = (pairs[key] || 0) + 1;
      var rel = RELS.indexOf(e.relation) >= 0 ? e.relation : 'related';
      return { s: byId[e.source], t: byId[e.target], rel: rel, label: e.relation, count: e.count || 1, evidence: e.evidence || [], k: pairs[key] - 1 };
    });
    layout(nodes, edges, W, H);
    box.textContent = '';
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'graphsvg', role: 'img' }, box);
    var defs = el('defs', {}, svg);
    RELS.forEach(function (r) {
      var m = el('marker', { id: 'arrow-' + r, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
      el('path', { d: 'M0,0L10,5L0,10z', 'class': 'arrow rel-' + r }, m);
    });
    var gl = el('g', { 'class': 'edges' }, svg), gn = el('g', { 'class': 'nodes' }, svg);
    edges.forEach(function (e) {
      e.el = el('path', { d: curve(e), 'class': 'edge rel-' + e.rel, 'stroke-width': Math.min(6, 1.5 + Math.log(1 + e.count)).toFixed(1), 'marker-end': 'url(#arrow-' + e.rel + ')' }, gl);
      el('title', {}, e.el).textContent = e.s.name + ' ' + String(e.label).replace(/_/g, ' ') + ' ' + e.t.name + ' (' + e.count + ')' + (e.evidence.length ? '\n“' + e.evidence[0] + '”' : '');
    });
    nodes.forEach(function (n) {
      n.g = el('g', { 'class': 'node type-' + String(n.type || 'none').replace(/[^a-z_]/g, ''), transform: 'translate(' + n.x.toFixed(1) + ',' + n.y.toFixed(1) + ')' }, gn);
      el('circle', { r: n.r.toFixed(1) }, n.g);
      var left = n.x > W - 170;
      var t = el('text', { x: (left ? -(n.r + 4) : n.r + 4).toFixed(1), y: 4, 'text-anchor': left ? 'end' : 'start' }, n.g);
      t.textContent = n.name.length > 32 ? n.name.slice(0, 31) + '…' : n.name;
      el('title', {}, n.g).textContent = n.name + (n.type ? ' (' + n.type.replace(/_/g, ' ') + ')' : '') + ': ' + n.m + ' mentions';
    });
    var drag = null;
    function pt(ev) { var r = svg.getBoundingClientRect(); return { x: (ev.clientX - r.left) * W / r.width, y: (ev.clientY - r.top) * H / r.height }; }
    nodes.forEach(function (n) {
      n.g.addEventListener('pointerdown', function (ev) { drag = n; n.g.setPointerCapture && n.g.setPointerCapture(ev.pointerId); ev.preventDefault(); });
    });
    svg.addEventListener('pointermove', function (ev) {
      if (!drag) return;
      var p = pt(ev); drag.x = p.x; drag.y = p.y;
      drag.g.setAttribute('transform', 'translate(' + p.x.toFixed(1) + ',' + p.y.toFixed(1) + ')');
      edges.forEach(function (e) { if (e.s === drag || e.t === drag) e.el.setAttribute('d', curve(e)); });
    });
    svg.addEventListener('pointerup', function () { drag = null; });
    box.setAttribute('data-drawn', '1');
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-graph]'), function (box) {
      var dataEl = document.getElementById(box.getAttribute('data-graph'));
      if (dataEl) draw(box, JSON.parse(dataEl.textContent));
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
