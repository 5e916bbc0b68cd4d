/* frontmap: the time view.  The JSON in #frontmap-data holds every status change of the
 * control ledger once, in date order; show(i) replays them up to date i and draws each place
 * some claim has moved by then, in the colour of its status, the ones changed on that date
 * larger (a halo for a reversal), and that date's claimed areas.  The slider, the buttons and
 * the arrow keys step through the dates.  Report text is only ever put in as text. */
function frontmapTime(map, tiles) {
  "use strict";
  var D = JSON.parse(document.getElementById("frontmap-data").textContent);
  var S = D.symbols;
  var base = frontmapBasemap(map, tiles, D.tiles.name);
  map.createPane("fm-areas").style.zIndex = 320;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function escHtml(s) {   // for the layer control's labels, which Leaflet reads as HTML
    return String(s).replace(/[&<>"']/g, function (ch) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[ch];
    });
  }
  function words(status) { return S.statuses[status] || status; }

  var byDate = D.dates.map(function () { return []; });
  D.changes.forEach(function (ch, k) { byDate[ch[0]].push(k); });
  var areasOf = D.dates.map(function () { return []; });
  D.areas.forEach(function (a) { areasOf[a[0]].push(a); });

  var markers = L.layerGroup().addTo(map), areas = L.layerGroup().addTo(map);
  var slider = document.getElementById("fm-time-slider");
  var dateBox = document.getElementById("fm-time-date"), countBox = document.getElementById("fm-time-counts");
  var mapLink = document.getElementById("fm-time-map");
  var step = -1, timer = null, state = {};

  function popup(pi) {
    var k = state[pi], ch = D.changes[k], p = D.places[pi], root = el("div", "fm-popup");
    root.appendChild(el("h3", null, p[0]));
    if (p[3]) root.appendChild(el("div", "fm-where", p[3] + " oblast"));
    var head = el("div", "fm-ctl-head");
    head.appendChild(el("span", null, "On " + D.dates[step] + ": "));
    var now = el("b", null, words(ch[3]));
    now.style.color = S.colours[ch[3]];
    head.appendChild(now);
    head.appendChild(el("span", null, "since " + D.dates[ch[0]]));
    if (ch[4]) head.appendChild(el("span", "fm-reversal", "reversal"));
    root.appendChild(head);
    var history = el("ul", "fm-history");
    D.changes.forEach(function (c) {
      if (c[1] === pi && c[0] <= step) {
        history.appendChild(el("li", null, D.dates[c[0]] + ": " + words(c[2]) + " → " + words(c[3]) +
                                           (c[4] ? " (reversal)" : "")));
      }
    });
    root.appendChild(history);
    root.appendChild(el("div", "fm-summary", "Moved on " + D.dates[ch[0]] + " by:"));
    var list = el("div", "fm-claims");
    ch[5].forEach(function (ci) {
      var c = D.claims[ci], d = el("div", "fm-claim");
      d.appendChild(el("div", "fm-who", D.claimants[c[0]] + " (" + (S.groups[c[1]] || c[1]) + "): " +
                                        c[2] + ", " + c[3]));
      d.appendChild(el("div", "fm-meta", D.reports[c[4]]));
      list.appendChild(d);
    });
    root.appendChild(list);
    var more = el("a", null, "the evidence: " + D.dates[ch[0]] + "'s map");
    more.setAttribute("href", D.dates[ch[0]] + ".html");
    root.appendChild(more);
    return root;
  }

  function show(i) {
    i = Math.max(0, Math.min(D.dates.length - 1, Number(i)));
    step = i;
    slider.value = String(i);
    state = {};
    for (var d = 0; d <= i; d++) byDate[d].forEach(function (k) { state[D.changes[k][1]] = k; });
    markers.clearLayers();
    areas.clearLayers();
    var counts = {RU: 0, UA: 0, contested: 0}, changed = 0, reversals = 0;
    Object.keys(state).forEach(function (key) {
      var pi = Number(key), ch = D.changes[state[pi]], p = D.places[pi];
      var today = ch[0] === i, colour = S.colours[ch[3]] || "#6f6f6f";
      counts[ch[3]] = (counts[ch[3]] || 0) + 1;
      if (today) { changed += 1; reversals += ch[4]; }
      if (today && ch[4]) {
        L.circleMarker([p[1], p[2]], {radius: 13, color: colour, opacity: 0.4, weight: 8, fill: false,
                                      interactive: false, className: "fm-t-halo"}).addTo(markers);
      }
      var m = L.circleMarker([p[1], p[2]], {
        radius: today ? 9 : 6, color: today ? "#222" : colour, weight: today ? 2.5 : 1, fillColor: colour,
        fillOpacity: today ? 0.95 : 0.7, className: "fm-t fm-t-" + ch[3] + (today ? " fm-t-today" : "")});
      m.bindPopup(function () { return popup(pi); }, {maxWidth: 420, minWidth: 260});
      m.bindTooltip(el("span", null, p[0] + ": " + words(ch[3])), {sticky: true});
      m.addTo(markers);
    });
    areasOf[i].forEach(function (a) {
      var colour = S.colours[a[1]];
      L.geoJSON(a[4], {pane: "fm-areas", style: {color: colour, weight: 1.5, opacity: 0.8, fillColor: colour,
                                                 fillOpacity: 0.18}})
        .bindTooltip(el("span", null, (S.areas[a[1]] || a[1]) + ": " + a[2].toFixed(1) + " km² (" +
                                      a[3].join(", ") + ")"), {sticky: true})
        .addTo(areas);
    });
    dateBox.textContent = D.dates[i] + " (" + (i + 1) + " of " + D.dates.length + ")";
    countBox.textContent = words("RU") + " " + counts.RU + " · " + words("UA") + " " + counts.UA + " · " +
      words("contested") + " " + counts.contested + "; changed on this date " + changed +
      ", reversals " + reversals;
    mapLink.setAttribute("href", D.dates[i] + ".html");
    window.frontmap.step = i;
    window.frontmap.date = D.dates[i];
    window.frontmap.counts = {RU: counts.RU, UA: counts.UA, contested: counts.contested,
                              changed: changed, reversals: reversals};
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    document.getElementById("fm-time-play").textContent = "play";
  }
  slider.addEventListener("input", function () { stop(); show(slider.value); });
  document.getElementById("fm-time-prev").addEventListener("click", function () { stop(); show(step - 1); });
  document.getElementById("fm-time-next").addEventListener("click", function () { stop(); show(step + 1); });
  document.getElementById("fm-time-play").addEventListener("click", function () {
    if (timer !== null) { stop(); return; }
    if (step >= D.dates.length - 1) show(0);
    this.textContent = "pause";
    timer = setInterval(function () {
      if (step >= D.dates.length - 1) stop(); else show(step + 1);
    }, 900);
  });

  var overlays = {"oblast and raion outlines": base.outlines};
  overlays[escHtml("places by asserted control")] = markers;
  overlays[escHtml("areas newly claimed on the date")] = areas;
  L.control.layers(base.bases, overlays, {collapsed: false, position: "topright"}).addTo(map);
  L.control.scale({imperial: false, position: "bottomleft"}).addTo(map);
  if (D.bounds) {
    map.fitBounds(D.bounds, {paddingTopLeft: [40, 200], paddingBottomRight: [300, 40], maxZoom: 10});
  } else {
    map.setView([48.6, 31.3], 6);
  }
  base.zoomClass();
  window.frontmap = {map: map, show: show, markers: markers, dates: D.dates.length};
  show(D.dates.length - 1);
  window.frontmap.readyMs = Math.round(performance.now());
}
