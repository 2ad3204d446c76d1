/* geonews map: the offline basemap (countries with their names, tinted by country-level statements;
   town, city and water names that thin out by population as one zooms out) and optional online tiles. */
(function () {
  "use strict";
  var geonews = window.geonews;
  var el = geonews.el;

  /** Minimum population of a town labelled at each zoom (more of them as one zooms in). */
  function minPopulation(zoom) {
    if (zoom < 4) return 3000000;
    if (zoom < 5) return 1000000;
    if (zoom < 6) return 300000;
    if (zoom < 7) return 100000;
    if (zoom < 8) return 25000;
    if (zoom < 9) return 8000;
    if (zoom < 10) return 2000;
    return 0;
  }
  var MAX_LABELS = 260;

  /**
   * Draw the basemap of the JSON blobs `countriesId` (GeoJSON) and `labelsId` (towns and water);
   * register the optional online tile layers (added only when the user picks one).
   */
  geonews.basemap = function (map, countriesId, labelsId, options) {
    var ctx = geonews.context(map);
    var data = geonews.readJSON(countriesId);
    var towns = geonews.readJSON(labelsId) || { na: [], n: [], lat: [], lon: [], pop: [], w: [] };
    var style = options.style;
    var counts = Object.create(null); // country code -> country-level statements shown
    var maxCount = 0;
    var onCountry = null;

    map.createPane("geonews-land").style.zIndex = 150;
    var labelPane = map.createPane("geonews-labels");
    labelPane.style.zIndex = 380;
    labelPane.style.pointerEvents = "none";
    var countPane = map.createPane("geonews-counts");
    countPane.style.zIndex = 590;

    function tint(code) {
      var n = code ? counts[code] || 0 : 0;
      if (!n) return style.land;
      var share = maxCount > 1 ? Math.log(1 + n) / Math.log(1 + maxCount) : 1;
      return mix(style.land, style.tint, 0.08 + 0.32 * share);
    }

    var land = L.geoJSON(data, {
      renderer: L.canvas({ pane: "geonews-land", padding: 0.3 }),
      attribution: options.attribution,
      style: function (feature) {
        var code = (feature.properties || {}).iso;
        return { color: style.border, weight: 0.8, fillColor: tint(code), fillOpacity: 1, opacity: 1 };
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties || {};
        layer.on("click", function (e) {
          if (p.iso && counts[p.iso] && onCountry) {
            L.DomEvent.stop(e);
            onCountry(p.iso);
          }
        });
      }
    });

    // country labels: names (by Natural Earth's label rank) and, where statements are about the whole
    // country, their count (clickable: it lists them)
    var countries = [];
    (data.features || []).forEach(function (feature) {
      var p = feature.properties || {};
      if (!p.label) return;
      countries.push({ code: p.iso, ar: p.name_ar, en: p.name_en, lat: p.label[1], lon: p.label[0],
        minZoom: typeof p.min_label === "number" ? p.min_label : 5 });
    });

    var labelGroup = L.layerGroup();
    var countGroup = L.layerGroup();

    function boxOf(point, width, height) {
      return [point.x - width / 2, point.y - height / 2, point.x + width / 2, point.y + height / 2];
    }
    function overlaps(box, boxes) {
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i];
        if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) return true;
      }
      return false;
    }
    function textWidth(text, px) {
      return Math.max(24, String(text).length * px * 0.58) + 8;
    }

    function updateLabels() {
      labelGroup.clearLayers();
      countGroup.clearLayers();
      var zoom = map.getZoom();
      var bounds = map.getBounds().pad(0.05);
      var english = ctx.lang === "en";
      var taken = [];
      // the map's own markers and panels are above the labels; labels only avoid each other
      countries.forEach(function (c) {
        var n = c.code ? counts[c.code] || 0 : 0;
        if (!bounds.contains([c.lat, c.lon])) return;
        var name = english ? c.en || c.ar : c.ar;
        var showName = name && c.minZoom <= zoom - 0.3;
        if (!showName && !n) return;
        var point = map.latLngToContainerPoint([c.lat, c.lon]);
        var box = boxOf(point, textWidth(name || "", 12), n ? 38 : 18);
        if (overlaps(box, taken)) return;
        taken.push(box);
        if (showName || n) {
          labelGroup.addLayer(L.marker([c.lat, c.lon], {
            icon: L.divIcon({ className: "geonews-country-label", html: '<span dir="auto">' + geonews.escapeHtml(name || "") + "</span>",
              iconSize: null }),
            pane: "geonews-labels", interactive: false, keyboard: false
          }));
        }
        if (n) {
          var pill = L.marker([c.lat, c.lon], {
            icon: L.divIcon({
              className: "geonews-country-count",
              html: '<button type="button" dir="' + (english ? "ltr" : "rtl") + '" data-country="' +
                geonews.escapeHtml(c.code) + '"><b>' + geonews.escapeHtml(geonews.number(ctx, n)) + "</b> " +
                geonews.escapeHtml(geonews.t(ctx, n === 1 ? "aboutCountry1" : "aboutCountry")) + "</button>",
              iconSize: null
            }),
            pane: "geonews-counts", keyboard: false, title: ""
          });
          pill.on("click", function () { if (onCountry) onCountry(c.code); });
          countGroup.addLayer(pill);
        }
      });
      // towns and cities, the largest first, then water
      var threshold = minPopulation(zoom);
      var shown = 0;
      for (var i = 0; i < towns.lat.length && shown < MAX_LABELS; i++) {
        var water = towns.w[i] === 1;
        var pop = towns.pop[i];
        if (!water && pop < threshold) continue;
        if (water && zoom < (towns.z ? towns.z[i] : 4)) continue;
        var lat = towns.lat[i];
        var lon = towns.lon[i];
        if (!bounds.contains([lat, lon])) continue;
        var text = english ? towns.n[i] || "" : towns.na[i] || "";
        if (!text) continue; // a place without a name in this language gets no label
        var at = map.latLngToContainerPoint([lat, lon]);
        var size = water ? 12 : pop >= 1000000 ? 13 : pop >= 100000 ? 12 : 11;
        var labelBox = boxOf(L.point(at.x, at.y - (water ? 0 : 9)), textWidth(text, size), size + 6);
        if (overlaps(labelBox, taken)) continue;
        taken.push(labelBox);
        shown += 1;
        labelGroup.addLayer(L.marker([lat, lon], {
          icon: L.divIcon({
            className: water ? "geonews-water-label" : "geonews-town-label gn-town-" + (pop >= 1000000 ? "l" : pop >= 100000 ? "m" : "s"),
            html: water ? '<span dir="auto">' + geonews.escapeHtml(text) + "</span>"
              : '<i></i><span dir="auto">' + geonews.escapeHtml(text) + "</span>",
            iconSize: null
          }),
          pane: "geonews-labels", interactive: false, keyboard: false
        }));
      }
    }
    map.on("moveend zoomend", updateLabels);
    ctx.langListeners.push(updateLabels);

    var offline = L.layerGroup([land, labelGroup, countGroup]);
    offline.addTo(map);
    ctx.baseLayers.push({ name: options.name, layer: offline, offline: true });

    (options.tiles || []).forEach(function (tile) {
      var layer = L.tileLayer(tile.url, {
        attribution: tile.attribution,
        maxZoom: tile.maxZoom || 19,
        subdomains: tile.subdomains || "abc"
      });
      // labels and country counts stay over an online layer
      ctx.baseLayers.push({ name: tile.name, layer: L.layerGroup([layer, labelGroup, countGroup]) });
    });

    var api = {
      /** Country code -> statements about the whole country now shown; restyles the tints and counts. */
      setCountryCounts: function (byCode) {
        var before = counts;
        counts = byCode;
        var changed = Object.keys(before).length !== Object.keys(counts).length;
        maxCount = 0;
        Object.keys(counts).forEach(function (code) {
          maxCount = Math.max(maxCount, counts[code]);
          if (before[code] !== counts[code]) changed = true;
        });
        if (!changed) return;
        // restyle only the countries whose tint changed (each restyle redraws the canvas under it)
        land.eachLayer(function (layer) {
          var fill = tint((layer.feature.properties || {}).iso);
          if (layer.options.fillColor !== fill) layer.setStyle({ fillColor: fill });
        });
        updateLabels();
      },
      onCountry: function (fn) { onCountry = fn; },
      countryName: function (code) {
        for (var i = 0; i < countries.length; i++) {
          if (countries[i].code === code) return ctx.lang === "en" ? countries[i].en || countries[i].ar : countries[i].ar;
        }
        return code;
      },
      countryBounds: function (code) {
        var found = null;
        land.eachLayer(function (layer) {
          if (layer.feature && layer.feature.properties && layer.feature.properties.iso === code) found = layer.getBounds();
        });
        return found;
      },
      labelsShown: function () {
        return Array.from(map.getContainer().querySelectorAll(".geonews-town-label span")).map(function (s) {
          return s.textContent;
        });
      },
      update: updateLabels
    };
    ctx.basemap = api;
    map.whenReady(updateLabels);
    return api;
  };

  function mix(a, b, share) {
    var pa = parse(a);
    var pb = parse(b);
    var out = pa.map(function (v, i) { return Math.round(v + (pb[i] - v) * share); });
    return "#" + out.map(function (v) { return (v < 16 ? "0" : "") + v.toString(16); }).join("");
  }
  function parse(hex) {
    hex = geonews.color(hex, "#cccccc").slice(1);
    if (hex.length === 3) hex = hex[0] + hex[0] + hex[1] + hex[1] + hex[2] + hex[2];
    return [0, 2, 4].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
  }
  geonews.mixColor = mix;
  geonews.el = el;
})();
