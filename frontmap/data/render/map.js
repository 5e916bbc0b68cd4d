/* frontmap: draws one date's claims (the JSON in #frontmap-data) on the Leaflet map
 * folium made; the page calls frontmapDraw(<folium map>, <folium tile layer>).
 * Report text is only ever put into the page as text (textContent, text nodes),
 * never as HTML; the only markup built from strings is the symbols' SVG, which
 * comes from frontmap's own symbol table. */
function frontmapDraw(map, tiles) {
  "use strict";
  var D = JSON.parse(document.getElementById("frontmap-data").textContent);
  var S = D.symbols;
  var groupName = {};
  D.groups.forEach(function (g) { groupName[g[0]] = g[1]; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function escHtml(s) {   // for the few Leaflet APIs that take HTML (layer control labels)
    return String(s).replace(/[&<>"']/g, function (ch) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[ch];
    });
  }
  function colourOf(c) { return (S.colours[c.k] || S.colours.none).colour; }
  function sizeOf(confidence) {
    for (var i = 0; i < S.sizes.length; i++) if (confidence < S.sizes[i].below) return S.sizes[i].px;
    return S.sizes[S.sizes.length - 1].px;
  }
  // the same markup as frontmap.render.legend.symbol_svg, from the symbol table only
  function svgFor(event, colourKey, stance, px) {
    var ev = S.events[event] || S.events.other, st = S.stances[stance] || S.stances.asserted;
    var colour = (S.colours[colourKey] || S.colours.none).colour;
    var stroke = st.outline === "dark" ? "#222" : colour;
    var fill = st.fill_opacity === 0 ? "#fff" : colour, fillOpacity = st.fill_opacity === 0 ? 0.7 : st.fill_opacity;
    return '<svg class="fm-sym" width="' + px + '" height="' + px + '" viewBox="-1 -1 22 22" aria-hidden="true">' +
      '<path d="' + ev.path + '" fill="' + fill + '" fill-opacity="' + fillOpacity + '" fill-rule="evenodd" stroke="' +
      stroke + '" stroke-width="' + st.stroke_width + '"' + (st.dash ? ' stroke-dasharray="' + st.dash + '"' : "") + "/></svg>";
  }

  // print mode (a static picture: `#print` in the address, which the PNG snapshots use):
  // no controls, no click hints, place names always on, the legend as a compact key
  var PRINT = /(^|[#&])print($|&)/.test(location.hash);
  document.documentElement.classList.add("fm-west");   // map.css: boxes laid out west of the front
  if (PRINT) {
    document.documentElement.classList.add("fm-print");
    if (map.zoomControl) map.zoomControl.remove();
  }
  var base = frontmapBasemap(map, tiles, D.tiles.name);

  // --- claims: one marker each, clustered; one layer per claimant group
  // Small maps show every symbol: claims at one point fan out around it (a pixel
  // offset, right at every zoom).  Big or crowded maps cluster instead.
  var atPoint = {}, maxAtPoint = 0;
  D.claims.forEach(function (c, i) {
    var key = c.lat + "," + c.lon;
    (atPoint[key] = atPoint[key] || []).push(i);
    maxAtPoint = Math.max(maxAtPoint, atPoint[key].length);
  });
  var clustered = D.claims.length > D.cluster_above || maxAtPoint > D.fan_up_to;
  var fan = D.claims.map(function () { return [0, 0]; });
  if (!clustered) {
    Object.keys(atPoint).forEach(function (key) {
      var ids = atPoint[key], n = ids.length;
      if (n < 2) return;
      var radius = Math.max(15, n * 24 / (2 * Math.PI));
      ids.forEach(function (i, k) {
        var angle = -Math.PI / 2 + 2 * Math.PI * k / n;
        fan[i] = [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
      });
    });
  }
  var iconCache = {};
  function markerIcon(c, i) {
    var p = D.places[c.p], px = sizeOf(p.cf), amb = p.st === "ambiguous", off = fan[i];
    var key = [c.e, c.k, c.t, px, amb, off[0], off[1]].join("|");
    if (!iconCache[key]) {
      iconCache[key] = L.divIcon({
        className: "fm-marker fm-" + (S.stances[c.t] ? c.t : "asserted"),
        html: svgFor(c.e, c.k, c.t, px) + (amb ? '<span class="fm-q">?</span>' : ""),
        iconSize: [px, px], iconAnchor: [px / 2 - off[0], px / 2 - off[1]],
        popupAnchor: [off[0], off[1] - px / 2]
      });
    }
    return iconCache[key];
  }
  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers(), counts = {}, n = children.length;
    children.forEach(function (m) { counts[m.options.fmColour] = (counts[m.options.fmColour] || 0) + 1; });
    var stops = [], at = 0;
    Object.keys(S.colours).forEach(function (k) {
      if (!counts[k]) return;
      var to = at + 100 * counts[k] / n;
      stops.push(S.colours[k].colour + " " + at.toFixed(1) + "% " + to.toFixed(1) + "%");
      at = to;
    });
    var px = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    return L.divIcon({
      className: "fm-cluster", iconSize: [px, px],
      html: '<div style="background:conic-gradient(' + stops.join(",") + ')"><span>' + n + "</span></div>"
    });
  }
  var cluster = L.markerClusterGroup({
    maxClusterRadius: 30, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    spiderfyDistanceMultiplier: 1.6, chunkedLoading: true, iconCreateFunction: clusterIcon
  });
  var groups = {}, markers = [], shapeOf = [], groupOf = [], byPlace = D.places.map(function () { return []; });
  D.groups.forEach(function (g) {
    groups[g[0]] = {sub: clustered ? L.featureGroup.subGroup(cluster) : L.featureGroup(),
                    shapes: L.featureGroup(), n: 0};
  });

  function drawShape(s, c) {
    var colour = colourOf(c), st = S.stances[c.t] || S.stances.asserted, dash = st.dash ? "7 5" : null, layer;
    if (s.k === "buffer" || s.k === "area") {
      layer = L.circle(s.pts[0], {radius: s.m, color: colour, weight: 1.5, dashArray: dash,
                                  fillColor: colour, fillOpacity: 0.12});
    } else if (s.k === "line") {
      layer = L.featureGroup([L.polyline(s.pts, {color: colour, weight: 3.5, dashArray: dash, opacity: 0.9}),
                              L.polyline(s.head, {color: colour, weight: 3.5, opacity: 0.9})]);
    } else {   // offset: from the named place to the point meant
      layer = L.polyline(s.pts, {color: colour, weight: 1.5, dashArray: "4 4"});
    }
    if (s.txt) layer.bindTooltip(el("span", null, s.txt), {sticky: true});
    return layer;
  }

  // popups pan clear of the title box (top left) and the legend (bottom right)
  var titleBox = document.getElementById("fm-title");
  var legendBox = document.getElementById(PRINT ? "fm-key" : "fm-legend");
  var popupOptions = {maxWidth: 440, minWidth: 300,
    autoPanPaddingTopLeft: [legendBox ? legendBox.getBoundingClientRect().right + 12 : 40,
                            titleBox ? titleBox.getBoundingClientRect().bottom + 12 : 40],
    autoPanPaddingBottomRight: [30, 30]};
  D.claims.forEach(function (c, i) {
    var side = groups[c.s] ? c.s : "third", g = groups[side], p = D.places[c.p];
    var m = L.marker([c.lat, c.lon], {
      icon: markerIcon(c, i), keyboard: false, riseOnHover: true, fmColour: c.k,
      title: p.n + ": " + c.e + " (" + c.c + ", " + c.t + ")"
    });
    m.bindPopup(function () { return popup(i); }, popupOptions);
    g.sub.addLayer(m);
    g.n += 1;
    markers.push(m);
    groupOf.push(side);
    byPlace[c.p].push(i);
    shapeOf.push(c.g >= 0 ? drawShape(D.shapes[c.g], c).addTo(g.shapes) : null);
  });
  var shown = D.claims.map(function () { return true; });          // what the filters show
  var shownAt = byPlace.map(function (ids) { return ids.length; });  // claims shown per place

  // --- popups: every claim at the place, the clicked one first
  function note(cls, text) { return el("div", "fm-note " + cls, text); }
  function popup(ci) {
    var c = D.claims[ci], p = D.places[c.p], root = el("div", "fm-popup");
    root.appendChild(el("h3", null, p.n));
    var where = [];
    if (p.o) where.push(p.o + " oblast");
    if (p.w) where.push("as written: " + p.w);
    where.push("confidence " + Number(p.cf).toFixed(2));
    where.push("precision: " + p.pr);
    root.appendChild(el("div", "fm-where", where.join(" · ")));
    if (p.st === "ambiguous") {
      var amb = note("fm-note-ambiguous", "Ambiguous name: drawn at the best guess. Other candidates:");
      if (p.alt) {
        var ul = el("ul");
        p.alt.forEach(function (a) { ul.appendChild(el("li", null, a[0] + ", " + a[1] + " oblast, " + a[2] + " raion")); });
        amb.appendChild(ul);
      }
      root.appendChild(amb);
    }
    if (p.why) root.appendChild(note("fm-note-contested", "Contested: " + p.why));
    if (p.ref) root.appendChild(note("fm-note-reference", "The place lies " + p.ref + " (" + D.reference.name + ")."));
    else if (D.no_reference) root.appendChild(note("fm-note-reference", "Reference: " + NO_REFERENCE + "."));
    var moved = placeChange[c.p];
    if (moved !== undefined) {
      var ch = D.control.changes[moved];
      root.appendChild(note("fm-note-control", "Control on this date: " + statusWords(ch.b) + " → " +
                            statusWords(ch.a) + (ch.rv ? " (a reversal)" : "")));
    }
    var ids = byPlace[c.p].filter(function (i) { return i !== ci; });
    ids.unshift(ci);
    if (ids.length > 1) {
      var per = {};
      ids.forEach(function (i) { var s = D.claims[i].s; per[s] = (per[s] || 0) + 1; });
      root.appendChild(el("div", "fm-summary", ids.length + " claims here: " + Object.keys(per).map(function (s) {
        return (groupName[s] || s) + " " + per[s];
      }).join(", ")));
    }
    var list = el("div", "fm-claims");
    ids.forEach(function (i) { list.appendChild(claimBlock(i, i === ci)); });
    root.appendChild(list);
    return root;
  }
  function claimBlock(i, isThis) {
    var c = D.claims[i], d = el("div", "fm-claim" + (isThis ? " fm-this" : ""));
    d.style.borderLeftColor = colourOf(c);
    var head = el("div", "fm-head");
    head.innerHTML = svgFor(c.e, c.k, c.t, 15);   // symbol table markup only
    head.appendChild(el("span", "fm-event", c.e));
    if (c.b && c.e !== "strike") head.appendChild(el("span", null, "→ " + c.b + " gains"));
    else if (c.e === "strike") head.appendChild(el("span", null, "no ground changes hands"));
    head.appendChild(el("span", "fm-stance", c.t));
    d.appendChild(head);
    d.appendChild(el("div", "fm-who", "claimed by " + c.c + " (" + (groupName[c.s] || c.s) + ")"));
    var q = el("blockquote");
    q.appendChild(document.createTextNode("“" + c.ev[0]));
    if (c.ev[1]) q.appendChild(el("mark", null, c.ev[1]));
    q.appendChild(document.createTextNode(c.ev[2] + "”"));
    d.appendChild(q);
    var r = D.reports[c.r], meta = [r[0] + ", " + r[1]];
    if (c.d && c.d !== r[1]) meta.push("event date " + c.d);
    if (c.g >= 0 && D.shapes[c.g].txt) meta.push("shape: " + D.shapes[c.g].txt);
    d.appendChild(el("div", "fm-meta", meta.join(" · ")));
    return d;
  }

  // --- control: the places whose asserted control changed on this date, each side's claimed area
  var NO_REFERENCE = "no reference for this date";
  var placeChange = {};
  D.control.changes.forEach(function (ch, i) {
    ch.cl.forEach(function (ci) { if (placeChange[D.claims[ci].p] === undefined) placeChange[D.claims[ci].p] = i; });
  });
  function ctlColour(status) { return (S.colours[S.control.colours[status]] || S.colours.none).colour; }
  function statusWords(status) { return S.control.statuses[status] || status; }
  function km(x) { return Number(x).toFixed(1) + " km"; }
  function verdictWords(v) {
    if (!v) return D.no_reference ? NO_REFERENCE : null;
    if (v.verdict === "inside") return "inside the assessed area (" + km(v.km) + " from its edge)";
    if (v.verdict === "outside") return "outside the assessed area by " + km(v.km);
    return v.verdict;
  }
  function changePopup(i) {
    var ch = D.control.changes[i], root = el("div", "fm-popup");
    root.appendChild(el("h3", null, ch.n));
    var head = el("div", "fm-ctl-head");
    head.appendChild(el("span", null, "Control: " + statusWords(ch.b) + " → "));
    var after = el("b", null, statusWords(ch.a));
    after.style.color = ctlColour(ch.a);
    head.appendChild(after);
    if (ch.rv) head.appendChild(el("span", "fm-reversal", "reversal"));
    root.appendChild(head);
    var v = verdictWords(ch.v);
    if (v) root.appendChild(note("fm-note-reference", "Against the reference" +
                                 (D.reference ? " (" + D.reference.name + ")" : "") + ": " + v + "."));
    root.appendChild(el("div", "fm-summary", "Moved by " + ch.cl.length + " claim(s):"));
    var list = el("div", "fm-claims");
    ch.cl.forEach(function (ci) { list.appendChild(claimBlock(ci, false)); });
    root.appendChild(list);
    return root;
  }
  function drawControl(overlays) {
    map.createPane("fm-areas").style.zIndex = 320;     // over the reference, under the claims
    map.createPane("fm-control").style.zIndex = 450;   // over the shapes, under the symbols
    var layer = L.layerGroup(), rings = [], marks = [];
    D.control.changes.forEach(function (ch, i) {
      var colour = ctlColour(ch.a), halo = null;
      if (ch.rv) {
        halo = L.circleMarker([ch.lat, ch.lon], {pane: "fm-control", radius: 17, color: colour, opacity: 0.35, weight: 10,
                                          fill: false, interactive: false, className: "fm-ctl-halo"}).addTo(layer);
      }
      var ring = L.circleMarker([ch.lat, ch.lon], {
        pane: "fm-control", radius: 15, color: colour, weight: 3.5, fillColor: colour, fillOpacity: 0.12,
        className: "fm-ctl fm-ctl-" + ch.a + (ch.rv ? " fm-ctl-reversal" : "")});
      ring.bindPopup(function () { return changePopup(i); }, popupOptions);
      ring.bindTooltip(el("span", null, ch.n + ": " + statusWords(ch.b) + " → " + statusWords(ch.a) +
                          (ch.rv ? " (reversal)" : "")), {sticky: true});
      ring.addTo(layer);
      rings.push(ring);
      marks.push(halo ? [halo, ring] : [ring]);
    });
    overlays[escHtml(S.control.layer) + " (" + D.control.changes.length + ")"] = layer;
    layer.addTo(map);
    D.control.areas.forEach(function (a) {
      var colour = ctlColour(a.side), label = S.control.areas[a.side] || a.side;
      var area = L.geoJSON(a.geo, {pane: "fm-areas", style: {color: colour, weight: 1.5, opacity: 0.8,
                                                             fillColor: colour, fillOpacity: 0.18}});
      area.bindTooltip(el("span", null, label + ": " + a.km2.toFixed(1) + " km² (" + a.places.join(", ") + ")" +
                          (a.beyond === null ? "" : "; " + a.beyond.toFixed(1) + " km² beyond the reference")),
                       {sticky: true});
      overlays[escHtml(label) + " (" + a.km2.toFixed(1) + " km²)"] = area;
      area.addTo(map);
    });
    return {layer: layer, rings: rings, marks: marks};
  }

  // --- contested places, reference, layer control
  var contested = L.layerGroup(), nContested = 0;
  D.places.forEach(function (p) {
    if (!p.why) return;
    nContested += 1;
    L.circleMarker([p.lat, p.lon], {radius: 19, color: S.contested.colour, weight: 2.5, dashArray: "5 4",
                                    fill: false, interactive: false}).addTo(contested);
  });
  var overlays = {"oblast and raion outlines": base.outlines};
  if (clustered) cluster.addTo(map);
  var centres = L.layerGroup().addTo(map), centreAt = {};
  Object.keys(atPoint).forEach(function (key) {   // where fanned-out claims really are
    if (clustered || atPoint[key].length < 2) return;
    var c = D.claims[atPoint[key][0]];
    centreAt[key] = L.circleMarker([c.lat, c.lon], {radius: 3, weight: 0, fillColor: "#222", fillOpacity: 0.9,
                                                     interactive: false}).addTo(centres);
  });
  // the claimant groups are not layers of the layer control: the filters (in the title box) show and
  // hide them, with the events, stances and least confidence
  D.groups.forEach(function (g) { L.layerGroup([groups[g[0]].sub, groups[g[0]].shapes]).addTo(map); });
  overlays["contested places (" + nContested + ")"] = contested;
  contested.addTo(map);
  if (D.reference) {
    var ref = L.geoJSON(D.reference.geojson, {pane: "fm-reference", interactive: false, style: {
      color: S.reference.colour, weight: 1, opacity: 0.7, fillColor: S.reference.colour, fillOpacity: 0.16}});
    overlays["reference: " + escHtml(D.reference.name)] = ref;
    ref.addTo(map);
  }
  var ctl = drawControl(overlays);
  var cities = drawCities();
  overlays["reference cities (" + cities.n + ")"] = cities.layer;
  var placeLabels = drawLabels();
  overlays["place names"] = placeLabels.layer;
  if (!PRINT) {
    L.control.layers(base.bases, overlays, {collapsed: false, position: "topright"}).addTo(map);
    // folium's plugins, inlined: full screen, and distances and areas measured on the map
    if (L.control.fullscreen) L.control.fullscreen({position: "topleft", title: "full screen"}).addTo(map);
    if (L.control.measure) {
      L.control.measure({position: "topleft", primaryLengthUnit: "kilometers", secondaryLengthUnit: "meters",
                         primaryAreaUnit: "sqmeters", activeColor: "#444", completedColor: "#222"}).addTo(map);
    }
  }
  L.control.scale({imperial: false, position: "bottomright"}).addTo(map);   // the legend is bottom left
  var filters = wireFilters(), search = PRINT ? null : searchControl(), minimap = PRINT ? null : miniMap();

  // --- first view: every claim, clear of the boxes on the map.  Each box is cleared along the
  // side that costs the view least (the title: a strip at the top; the tall legend: a strip
  // on the left; the print key: a strip at the bottom).
  fitLegend();
  var size = map.getSize(), pad = {l: 40, t: 40, r: 40, b: 40};
  [titleBox, document.querySelector(".leaflet-control-layers"), legendBox,
   document.querySelector(".leaflet-control-minimap")].forEach(function (box) {
    if (!box) return;
    var r = box.getBoundingClientRect(), o = map.getContainer().getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return;
    var left = r.left - o.left, top = r.top - o.top, right = r.right - o.left, bottom = r.bottom - o.top;
    var side = [["l", right + 20, size.x], ["r", size.x - left + 20, size.x],
                ["t", bottom + 10, size.y], ["b", size.y - top + 10, size.y]].map(function (s) {
      return {k: s[0], v: Math.min(s[1], s[2] * 0.45), cost: Math.max(0, s[1] - pad[s[0]]) / s[2]};
    });
    side.sort(function (a, b) { return a.cost - b.cost; });
    pad[side[0].k] = Math.max(pad[side[0].k], side[0].v);
  });
  if (D.bounds) {
    map.fitBounds(D.bounds, {paddingTopLeft: [pad.l, pad.t], paddingBottomRight: [pad.r, pad.b], maxZoom: 10,
                            animate: false});
  } else {
    map.setView([48.6, 31.3], 6);
  }
  base.zoomClass();
  placeLabels.layout();

  // --- reference cities (from the gazetteer): small grey dots and quiet names under the claims;
  // a city that is itself a claimed place is left to its claims' label
  function drawCities() {
    var citiesLayer = L.layerGroup();
    map.createPane("fm-cities").style.zIndex = 340;   // over the outlines, under areas and claims
    map.getPane("fm-cities").style.pointerEvents = "none";
    var claimed = {}, n = 0;
    D.places.forEach(function (p) { claimed[p.n] = true; });
    (D.cities || []).forEach(function (c) {
      if (claimed[c[0]]) return;
      n += 1;
      L.circleMarker([c[1], c[2]], {pane: "fm-cities", radius: c[3] ? 3.5 : 2.5, weight: 1, color: "#fff",
                                    fillColor: S.cities.colour, fillOpacity: 1, interactive: false}).addTo(citiesLayer);
      var span = el("span", null, c[0]);   // text only
      span.style.display = "inline-block";
      span.style.transform = "translate(6px, -50%)";
      L.marker([c[1], c[2]], {pane: "fm-cities", interactive: false, keyboard: false,
        icon: L.divIcon({className: "fm-label fm-city" + (c[3] ? " fm-city-centre" : ""), html: span,
                         iconSize: null})}).addTo(citiesLayer);
    });
    citiesLayer.addTo(map);
    function zoomClass() { map.getContainer().classList.toggle("fm-cities-named", map.getZoom() >= S.cities.min_zoom); }
    map.on("zoomend", zoomClass);
    zoomClass();
    return {n: n, layer: citiesLayer};
  }

  // --- place names: one permanent label per claimed place, beside its symbols, shown from
  // S.labels.min_zoom on (always in print mode).  Placed greedily, busiest place first: a label
  // tries the right, left, top and bottom of its place and is hidden if each would overlap a
  // label already placed; the basemap's oblast and raion names under a placed label give way.
  function drawLabels() {
    map.createPane("fm-place-labels").style.zIndex = 640;   // over the symbols (600)
    map.getPane("fm-place-labels").style.pointerEvents = "none";
    var layer = L.layerGroup(), items = [];
    D.places.forEach(function (p, pi) {
      if (!byPlace[pi].length) return;
      var span = el("span", "fm-plabel-text", p.n);   // text only
      var px = 0, at = {};
      byPlace[pi].forEach(function (i) {
        var c = D.claims[i];
        px = Math.max(px, sizeOf(p.cf));
        at[c.lat + "," + c.lon] = atPoint[c.lat + "," + c.lon].length;
      });
      var most = Math.max.apply(null, Object.keys(at).map(function (k) { return at[k]; }));
      var clear = (!clustered && most > 1 ? Math.max(15, most * 24 / (2 * Math.PI)) : 0) + px / 2 + 3;
      var m = L.marker([p.lat, p.lon], {pane: "fm-place-labels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "fm-plabel", html: span, iconSize: null})});
      m.addTo(layer);
      items.push({m: m, span: span, n: byPlace[pi].length, pi: pi, clear: Math.max(clear, 14)});
    });
    items.sort(function (a, b) { return b.n - a.n || a.pi - b.pi; });
    function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
    function gridOf(boxes, cell) {   // does a box overlap any of ``boxes``? (bucketed: many symbols stay fast)
      var g = {};
      function each(b, f) {
        for (var x = Math.floor(b[0] / cell); x <= Math.floor(b[2] / cell); x++)
          for (var y = Math.floor(b[1] / cell); y <= Math.floor(b[3] / cell); y++) f(x + "," + y);
      }
      boxes.forEach(function (b) { each(b, function (key) { (g[key] = g[key] || []).push(b); }); });
      return function (box) {
        var hit = false;
        each(box, function (key) { if (!hit && g[key]) hit = g[key].some(function (q) { return overlaps(box, q); }); });
        return hit;
      };
    }
    function layout() {
      if (!map.hasLayer(layer)) return;
      var show = PRINT || map.getZoom() >= S.labels.min_zoom, size = map.getSize(), placed = [];
      var origin = map.getContainer().getBoundingClientRect(), blocked = [], symbols = [];
      function boxesOf(list, into) {
        Array.prototype.forEach.call(list, function (e) {
          var b = e.getBoundingClientRect();
          if (b.width > 0 && b.height > 0) {
            into.push([b.left - origin.left, b.top - origin.top, b.right - origin.left, b.bottom - origin.top]);
          }
        });
      }
      boxesOf(document.querySelectorAll(".fm-box, .leaflet-control"), blocked);
      // the symbols on screen (claims and clusters): a name that can sit clear of them does
      if (show) boxesOf(map.getPane("markerPane").querySelectorAll(".leaflet-marker-icon"), symbols);
      var onSymbol = gridOf(symbols, 64);
      items.forEach(function (it) {
        it.span.style.visibility = "hidden";
        it.span.classList.remove("fm-placed");
        if (!show || !shownAt[it.pi]) return;
        var pt = map.latLngToContainerPoint(it.m.getLatLng());
        if (pt.x < 0 || pt.y < 0 || pt.x > size.x || pt.y > size.y) return;
        if (!it.w) { it.w = it.span.offsetWidth; it.h = it.span.offsetHeight; }
        var w = it.w, h = it.h, r = it.clear;
        // right, left, above, below, then the four corners
        var d = r * 0.75, tries = [[r, -h / 2], [-r - w, -h / 2], [-w / 2, -r - h], [-w / 2, r],
                                   [d, -d - h], [d, d], [-d - w, -d - h], [-d - w, d]], free = [], clear = null;
        for (var k = 0; k < tries.length; k++) {
          var box = [pt.x + tries[k][0], pt.y + tries[k][1], pt.x + tries[k][0] + w, pt.y + tries[k][1] + h];
          if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) continue;
          var pad = [box[0] - 2, box[1] - 1, box[2] + 2, box[3] + 1];
          if (placed.some(function (q) { return overlaps(pad, q); })) continue;
          if (blocked.some(function (q) { return overlaps(box, q); })) continue;
          free.push(k);
          if (!onSymbol(box)) { clear = k; break; }
        }
        // the first place clear of every symbol; else the first clear of names and boxes (a name
        // over a symbol is still better than no name)
        var at = clear !== null ? clear : free[0];
        if (at === undefined) return;
        var t = tries[at];
        placed.push([pt.x + t[0], pt.y + t[1], pt.x + t[0] + w, pt.y + t[1] + h]);
        it.span.style.left = t[0] + "px";
        it.span.style.top = t[1] + "px";
        it.span.style.visibility = "visible";
        it.span.classList.add("fm-placed");
      });
      var cityPlaced = [];   // reference cities, largest first, also give way to each other
      Array.prototype.forEach.call(map.getContainer().querySelectorAll(".fm-label"), function (e) {
        e.classList.remove("fm-yield");
        var city = e.classList.contains("fm-city");
        if (!placed.length && !city) return;
        var b = e.getBoundingClientRect();
        var box = [b.left - origin.left, b.top - origin.top, b.right - origin.left, b.bottom - origin.top];
        var under = function (q) { return overlaps(box, q); };
        if (placed.some(under) || (city && cityPlaced.some(under))) e.classList.add("fm-yield");
        else if (city) cityPlaced.push(box);
      });
    }
    map.on("zoomend moveend", layout);
    map.on("overlayadd", function (e) { if (e.layer === layer) layout(); });
    layer.addTo(map);
    return {layer: layer, layout: layout};
  }

  // the legend (bottom left) stops short of the title box (top left), however tall the title grows
  function fitLegend() {
    var legend = document.getElementById("fm-legend");
    if (!legend || PRINT || !titleBox) return;
    var room = window.innerHeight - titleBox.getBoundingClientRect().bottom - 10 - 24 - 14;   // gap, bottom, padding
    legend.style.maxHeight = Math.max(room, 60) + "px";
  }
  window.addEventListener("resize", fitLegend);
  if (titleBox && window.ResizeObserver && !PRINT) {   // the title grew or shrank (filters, search tips)
    new ResizeObserver(function () { fitLegend(); if (placeLabels) placeLabels.layout(); }).observe(titleBox);
  }

  // --- filters (the title box's "Filter the map"): claimant group, event, stance, least place confidence.
  // A claim the filters leave out loses its marker and its shape; a place with none shown, its name.
  function wireFilters() {
    var box = document.getElementById("fm-filters");
    if (!box || PRINT) return null;
    var sets = {};
    Array.prototype.forEach.call(box.querySelectorAll("fieldset[data-filter]"), function (f) {
      sets[f.getAttribute("data-filter")] = f;
    });
    var least = document.getElementById("fm-min-conf");
    function wanted(key) {
      var on = {};
      if (!sets[key]) return null;
      Array.prototype.forEach.call(sets[key].querySelectorAll("input[type=checkbox]"), function (b) {
        if (b.checked) on[b.getAttribute("data-value")] = true;
      });
      return on;
    }
    function apply() {
      var s = wanted("s"), e = wanted("e"), t = wanted("t"), min = least ? Number(least.value) : 0;
      var add = {}, drop = {}, n = 0;
      D.groups.forEach(function (g) { add[g[0]] = []; drop[g[0]] = []; });
      shownAt = byPlace.map(function () { return 0; });
      var atKey = {};
      D.claims.forEach(function (c, i) {
        var on = (!s || s[groupOf[i]]) && (!e || e[c.e]) && (!t || t[c.t]) && D.places[c.p].cf >= min;
        if (on) { n += 1; shownAt[c.p] += 1; atKey[c.lat + "," + c.lon] = true; }
        if (on === shown[i]) return;
        shown[i] = on;
        (on ? add : drop)[groupOf[i]].push(markers[i]);
        var g = groups[groupOf[i]];
        if (shapeOf[i]) { if (on) g.shapes.addLayer(shapeOf[i]); else g.shapes.removeLayer(shapeOf[i]); }
      });
      D.groups.forEach(function (g) {
        var sub = groups[g[0]].sub;
        if (drop[g[0]].length) { if (sub.removeLayers) sub.removeLayers(drop[g[0]]); else drop[g[0]].forEach(function (m) { sub.removeLayer(m); }); }
        if (add[g[0]].length) { if (sub.addLayers) sub.addLayers(add[g[0]]); else add[g[0]].forEach(function (m) { sub.addLayer(m); }); }
      });
      Object.keys(centreAt).forEach(function (key) {
        if (atKey[key]) centres.addLayer(centreAt[key]); else centres.removeLayer(centreAt[key]);
      });
      D.control.changes.forEach(function (ch, k) {   // a change whose claims are all left out: its ring too
        var any = ch.cl.some(function (ci) { return shown[ci]; });
        ctl.marks[k].forEach(function (m) { if (any) ctl.layer.addLayer(m); else ctl.layer.removeLayer(m); });
      });
      map.closePopup();
      var all = D.claims.length, counter = document.getElementById("fm-shown");
      var state = document.getElementById("fm-filter-state");
      if (counter) {
        counter.hidden = n === all;
        counter.textContent = " · showing " + n + " of " + all + " on the map";
      }
      if (state) state.textContent = n === all ? "" : "(" + n + " of " + all + " shown)";
      placeLabels.layout();
      return n;
    }
    box.addEventListener("change", apply);
    var reset = document.getElementById("fm-filter-reset");
    if (reset) reset.addEventListener("click", function () {
      Array.prototype.forEach.call(box.querySelectorAll("input[type=checkbox]"), function (b) { b.checked = true; });
      if (least) least.value = "0";
      apply();
    });
    return {apply: apply, shown: function () { return shown.filter(Boolean).length; }};
  }

  // --- search over the date's claimed places (folium's Search plugin, leaflet-search, inlined):
  // the displayed name and every spelling the reports wrote, case-blind, anywhere in the name.
  // Picking one opens its popup.  Tips are built as text (the plugin's own would use innerHTML).
  function searchControl() {
    var box = document.getElementById("fm-search");
    if (!box || !L.Control.Search) return null;
    var named = {};
    D.places.forEach(function (p) { named[p.n] = (named[p.n] || 0) + 1; });
    var records = {};
    D.places.forEach(function (p, pi) {
      if (!byPlace[pi].length) return;
      var key = named[p.n] > 1 && p.o ? p.n + " (" + p.o + ")" : p.n;
      if (records[key]) key += " #" + (pi + 1);
      var at = L.latLng(p.lat, p.lon);
      at.pi = pi;
      at.words = [p.n].concat(p.aka || []).map(function (w) { return String(w).toLowerCase(); });
      at.aka = (p.aka || []).join(", ");
      records[key] = at;
    });
    var control = new L.Control.Search({
      container: "fm-search", collapsed: false, autoType: false, initial: false, marker: false,
      textPlaceholder: "find a place…", textErr: "no claimed place of that name", textCancel: "clear",
      tooltipLimit: 40, delayType: 150,
      sourceData: function (text, done) { done(records); return {abort: function () {}}; },
      formatData: function (json) { return json; },
      filterData: function (text, all) {
        var q = String(text).trim().toLowerCase(), out = {};
        if (!q) return out;
        Object.keys(all).forEach(function (k) {
          if (k.toLowerCase().indexOf(q) >= 0 || all[k].words.some(function (w) { return w.indexOf(q) >= 0; })) out[k] = all[k];
        });
        return out;
      },
      buildTip: function (text, at) {
        var li = el("li", null, text);   // text only
        if (at.aka) li.appendChild(el("small", "fm-aka", " as written: " + at.aka));
        return li;
      },
      moveToLocation: function (at) {
        var pi = at.pi;
        var shownHere = byPlace[pi].some(function (i) { return shown[i]; });
        if (!shownHere && filters) {   // a place the filters hide: show every claim again, then open it
          var reset = document.getElementById("fm-filter-reset");
          if (reset) reset.click();
        }
        openPlace(pi);
      }
    });
    control.addTo(map);
    var input = box.querySelector("input");
    if (input) input.setAttribute("aria-label", "find a claimed place on this map");
    return control;
  }

  // --- a small overview map (folium's MiniMap plugin, Leaflet-MiniMap, inlined) on its own instance
  // of the offline outlines: the country and the oblast borders, drawn as SVG; no tiles, so offline.
  function miniMap() {
    if (!L.Control.MiniMap || !base.overview) return null;
    var control = new L.Control.MiniMap(base.overview(), {
      position: "bottomright", width: 170, height: 130, zoomLevelOffset: -4, toggleDisplay: true,
      minimized: false, collapsedWidth: 24, collapsedHeight: 24,
      aimingRectOptions: {color: "#b71c1c", weight: 1.5, fillOpacity: 0.08, interactive: false},
      shadowRectOptions: {color: "#000", weight: 1, opacity: 0, fillOpacity: 0, interactive: false},
      strings: {hideText: "hide the overview map", showText: "show the overview map"},
      mapOptions: {minZoom: 3}
    });
    control.addTo(map);
    return control;
  }

  function openPlace(pi) {
    var first = byPlace[pi].filter(function (i) { return shown[i]; })[0];   // a claim the filters show
    var m = markers[first === undefined ? byPlace[pi][0] : first];
    if (!m) return;
    if (first === undefined) { map.setView(m.getLatLng(), Math.max(map.getZoom(), 9), {animate: false}); return; }
    if (clustered) cluster.zoomToShowLayer(m, function () { m.openPopup(); });
    else { map.setView(m.getLatLng(), Math.max(map.getZoom(), 9), {animate: false}); m.openPopup(); }
  }
  Array.prototype.forEach.call(document.querySelectorAll(".fm-goto"), function (b) {
    b.addEventListener("click", function () { openPlace(Number(b.getAttribute("data-place"))); });
  });
  window.frontmap = {map: map, cluster: cluster, markers: markers, openPlace: openPlace, rings: ctl.rings,
                     filters: filters, search: search, minimap: minimap, shapes: shapeOf,
                     changes: D.control.changes.length, areas: D.control.areas.length,
                     claims: D.claims.length, places: D.places.length, contested: nContested,
                     clustered: clustered, readyMs: Math.round(performance.now())};
}
