/* frontmap: the offline basemap every page draws first: the country's fill, raion and oblast
 * borders and their labels (the JSON in #frontmap-outlines), and the choice between no tiles
 * and the optional online tiles.  Names are put into the page as text only. */
function frontmapBasemap(map, tiles, tilesName) {
  "use strict";
  var OUT = JSON.parse(document.getElementById("frontmap-outlines").textContent);
  map.createPane("fm-outlines").style.zIndex = 250;
  map.createPane("fm-reference").style.zIndex = 300;
  var labelPane = map.createPane("fm-labels");
  labelPane.style.zIndex = 350;
  labelPane.style.pointerEvents = "none";

  var OUTLINE_STYLE = {
    "country": {stroke: false, fill: true, fillColor: "#fbfaf5", fillOpacity: 1},
    "raion-border": {color: "#c9c6bd", weight: 0.8, fill: false},
    "oblast-border": {color: "#8d8a82", weight: 1.7, fill: false}
  };
  var outlineRenderer = L.canvas({pane: "fm-outlines", padding: 0.3});
  function outlineLayer(which) {
    return L.geoJSON(OUT, {
      filter: function (f) { return which.indexOf(f.properties.layer) >= 0; },
      style: function (f) { return OUTLINE_STYLE[f.properties.layer]; },
      renderer: outlineRenderer, interactive: false, pane: "fm-outlines"
    });
  }
  var countryFill = outlineLayer(["country"]);
  var outlines = L.layerGroup([outlineLayer(["raion-border", "oblast-border"])]);
  OUT.features.forEach(function (f) {
    var layer = f.properties.layer;
    if (layer !== "oblast-label" && layer !== "raion-label") return;
    var span = document.createElement("span");
    span.textContent = f.properties.name;
    span.style.display = "inline-block";
    span.style.transform = "translate(-50%, -50%)";
    L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {   // GeoJSON is [lon, lat]
      icon: L.divIcon({className: "fm-label fm-label-" + layer.split("-")[0], html: span, iconSize: null}),
      pane: "fm-labels", interactive: false, keyboard: false
    }).addTo(outlines);
  });
  function zoomClass() {
    map.getContainer().classList.toggle("fm-zoom-raions", map.getZoom() >= 8.5);
  }
  map.on("zoomend", zoomClass);

  var none = L.layerGroup();   // tiles: folium's TileLayer, not on the map until chosen
  var bases = {"no tiles (works offline)": none};
  bases[tilesName] = tiles;
  none.addTo(map);
  countryFill.addTo(map);
  outlines.addTo(map);
  map.on("baselayerchange", function (e) {   // the opaque country fill would hide the tiles
    if (e.layer === tiles) map.removeLayer(countryFill); else countryFill.addTo(map);
  });
  // the overview map's own layer (a layer is drawn on one map only): the country and oblast borders, in SVG
  function overview() {
    return L.geoJSON(OUT, {
      filter: function (f) { return f.properties.layer === "country" || f.properties.layer === "oblast-border"; },
      style: function (f) {
        return f.properties.layer === "country" ? {stroke: false, fill: true, fillColor: "#fbfaf5", fillOpacity: 1}
          : {color: "#8d8a82", weight: 0.8, fill: false};
      },
      interactive: false
    });
  }
  return {bases: bases, outlines: outlines, zoomClass: zoomClass, overview: overview};
}
