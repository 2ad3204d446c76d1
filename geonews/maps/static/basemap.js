/* geonews map: the offline basemap (country polygons with Arabic names) and optional online tiles. */
(function () {
  "use strict";
  var geonews = window.geonews;

  /**
   * Draw the countries of the JSON blob `dataId` as the default base layer; register the optional
   * online tile layers (never added unless the user picks one in the layer control).
   */
  geonews.basemap = function (map, dataId, options) {
    var ctx = geonews.context(map);
    var data = geonews.readJSON(dataId);
    var style = options.style;

    map.createPane("geonews-land").style.zIndex = 150;
    var labelPane = map.createPane("geonews-labels");
    labelPane.style.zIndex = 380;
    labelPane.style.pointerEvents = "none";

    var land = L.geoJSON(data, {
      renderer: L.canvas({ pane: "geonews-land", padding: 0.3 }),
      attribution: options.attribution,
      style: function () {
        return {
          color: style.border,
          weight: 0.8,
          fillColor: style.land,
          fillOpacity: 1,
          opacity: 1
        };
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties || {};
        layer.bindTooltip(
          geonews.el("div", { dir: "rtl", className: "geonews-country-tip" }, [
            geonews.el("b", { text: p.name_ar || p.name_en || "" }),
            p.name_en ? geonews.el("span", { dir: "ltr", lang: "en", text: " · " + p.name_en }) : null
          ]),
          { sticky: true, direction: "top", offset: [0, -8], opacity: 0.92 }
        );
      }
    });

    var labels = [];
    (data.features || []).forEach(function (feature) {
      var p = feature.properties || {};
      if (!p.label || !p.name_ar) return;
      var icon = L.divIcon({
        className: "geonews-country-label",
        html: "<span>" + geonews.escapeHtml(p.name_ar) + "</span>",
        iconSize: null
      });
      labels.push({
        minZoom: typeof p.min_label === "number" ? p.min_label : 5,
        marker: L.marker([p.label[1], p.label[0]], {
          icon: icon,
          pane: "geonews-labels",
          interactive: false,
          keyboard: false
        })
      });
    });
    var labelGroup = L.layerGroup();
    function updateLabels() {
      var zoom = map.getZoom();
      labels.forEach(function (item) {
        var show = item.minZoom <= zoom - 0.3; // Natural Earth label ranks: fewer, larger countries first
        if (show && !labelGroup.hasLayer(item.marker)) labelGroup.addLayer(item.marker);
        else if (!show && labelGroup.hasLayer(item.marker)) labelGroup.removeLayer(item.marker);
      });
    }
    map.on("zoomend", updateLabels);

    var offline = L.layerGroup([land, labelGroup]);
    offline.addTo(map);
    map.whenReady(updateLabels);
    ctx.baseLayers.push({ name: options.name, layer: offline });

    (options.tiles || []).forEach(function (tile) {
      var layer = L.tileLayer(tile.url, {
        attribution: tile.attribution,
        maxZoom: tile.maxZoom || 19,
        subdomains: tile.subdomains || "abc"
      });
      ctx.baseLayers.push({ name: tile.name, layer: layer });
    });
    return offline;
  };
})();
