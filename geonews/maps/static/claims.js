/* geonews map: the claims. Statements and their places live in typed arrays; a filter change recounts
   them in one pass, places below country level are clustered with supercluster and drawn as a few
   hundred DOM markers at most, areas are canvas outlines, country-level statements tint their country. */
(function () {
  "use strict";
  var geonews = window.geonews;

  var KIND_PLACE = 0;
  var KIND_COUNTRY = 1;
  var KIND_REGION = 2;

  function indexOfKey(list, key) {
    for (var i = 0; i < list.length; i++) if (list[i].key === key) return i;
    return -1;
  }

  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  /**
   * Draw the claims of the JSON blob `dataId` on `map`; return the API that filters and explains them.
   * options: {clusterRadius, clusterMaxZoom, placeZoom}
   */
  geonews.claims = function (map, dataId, options) {
    var ctx = geonews.context(map);
    var started = performance.now();
    var D = geonews.readJSON(dataId);
    var S = D.strings;
    var claims = D.claims;
    var sides = D.sides;
    var mods = D.modalities;
    var roles = D.roles;
    var days = D.days;
    var nClaims = claims.length;
    var nSides = sides.length;
    var nSt = D.statements.a.length;
    var nRows = D.rows.s.length;
    var nPl = D.places.lat.length;
    var nAreas = D.areas.length;

    var stClaim = Uint8Array.from(D.statements.c);
    var stSide = Uint16Array.from(D.statements.sd);
    var stMod = Uint8Array.from(D.statements.m);
    var stArticle = Int32Array.from(D.statements.a);
    var artDay = Int32Array.from(D.articles.d);
    var stDay = new Int32Array(nSt);
    for (var s0 = 0; s0 < nSt; s0++) stDay[s0] = artDay[stArticle[s0]];
    var rowSt = Int32Array.from(D.rows.s);
    var rowPl = Int32Array.from(D.rows.pl);
    var rowAr = Int32Array.from(D.rows.ar);
    var rowRole = Uint8Array.from(D.rows.ro);
    var plKind = Uint8Array.from(D.places.k);
    var plLat = Float64Array.from(D.places.lat);
    var plLon = Float64Array.from(D.places.lon);

    var CONTROL = indexOfKey(claims, "control");
    var ASSERTED = indexOfKey(mods, "asserted");
    var EVENT = indexOfKey(roles, "event");
    var UNKNOWN = indexOfKey(sides, "unknown");
    var MENTION = indexOfKey(claims, "mention");

    var state = {
      claimOn: claims.map(function (c) { return c.key !== "mention"; }),
      sideOn: sides.map(function () { return true; }),
      modOn: mods.map(function (m) { return m.key === "asserted"; }),
      roleOn: roles.map(function (r) { return r.key === "event"; }),
      from: 0,
      to: days.length - 1,
      actor: null, // folded actor text, or null
      actorLabel: null
    };

    var stVis = new Uint8Array(nSt);
    var rowVis = new Uint8Array(nRows);
    var plCount = new Int32Array(nPl);
    var plStrong = new Int32Array(nPl); // asserted statements at their event place
    var plClaim = new Int32Array(nPl * nClaims);
    var plSide = new Int32Array(nPl * nSides);
    var plMask = new Uint32Array(nPl);
    var contested = new Uint8Array(nPl);
    var arCount = new Int32Array(nAreas);
    var arSide = new Int32Array(nAreas * nSides);
    var regionCount = new Int32Array(nPl);
    var countryCounts = Object.create(null);
    var visible = { rows: 0, statements: 0, places: 0, countries: 0, regions: 0, areas: 0, contested: 0 };

    var actorFold = null; // statement -> folded actor text, made on first use
    function str(i) { return i >= 0 ? S[i] : null; }

    function inPeriod(day) {
      return day < 0 || (day >= state.from && day <= state.to);
    }

    function recount() {
      var i;
      var nVisSt = 0;
      for (i = 0; i < nSt; i++) {
        var on = state.claimOn[stClaim[i]] && state.sideOn[stSide[i]] && state.modOn[stMod[i]] && inPeriod(stDay[i]);
        if (on && state.actor !== null) on = actorFold[i].indexOf(state.actor) >= 0;
        stVis[i] = on ? 1 : 0;
        if (on) nVisSt += 1;
      }
      plCount.fill(0);
      plStrong.fill(0);
      plClaim.fill(0);
      plSide.fill(0);
      plMask.fill(0);
      arCount.fill(0);
      arSide.fill(0);
      regionCount.fill(0);
      countryCounts = Object.create(null);
      var cc = D.places.cc;
      var nVisRows = 0;
      for (i = 0; i < nRows; i++) {
        var st = rowSt[i];
        var p = rowPl[i];
        var kind = plKind[p];
        // contested: asserted control of one place below country level by two sides, within the period
        if (kind === KIND_PLACE && stClaim[st] === CONTROL && stMod[st] === ASSERTED && rowRole[i] === EVENT &&
            stSide[st] !== UNKNOWN && inPeriod(stDay[st])) {
          plMask[p] |= 1 << (stSide[st] % 32);
        }
        if (!stVis[st] || !state.roleOn[rowRole[i]]) {
          rowVis[i] = 0;
          continue;
        }
        rowVis[i] = 1;
        nVisRows += 1;
        if (kind === KIND_PLACE) {
          plCount[p] += 1;
          plClaim[p * nClaims + stClaim[st]] += 1;
          plSide[p * nSides + stSide[st]] += 1;
          if (stMod[st] === ASSERTED && rowRole[i] === EVENT) plStrong[p] += 1;
          var a = rowAr[i];
          if (a >= 0) {
            arCount[a] += 1;
            arSide[a * nSides + stSide[st]] += 1;
          }
        } else if (kind === KIND_COUNTRY) {
          var code = str(cc[p]);
          if (code) countryCounts[code] = (countryCounts[code] || 0) + 1;
        } else {
          regionCount[p] += 1;
        }
      }
      var nPlaces = 0;
      var nContested = 0;
      for (i = 0; i < nPl; i++) {
        contested[i] = popcount(plMask[i]) >= 2 ? 1 : 0;
        if (contested[i]) nContested += 1;
        if (plCount[i] > 0) nPlaces += 1;
      }
      var nRegions = 0;
      for (i = 0; i < nPl; i++) if (regionCount[i] > 0) nRegions += 1;
      var nAreasShown = 0;
      for (i = 0; i < nAreas; i++) if (arCount[i] > 0) nAreasShown += 1;
      visible = { rows: nVisRows, statements: nVisSt, places: nPlaces, countries: Object.keys(countryCounts).length,
        regions: nRegions, areas: nAreasShown, contested: nContested };
    }

    function dominant(counts, offset, n, skip) {
      var best = -1;
      var bestN = 0;
      for (var i = 0; i < n; i++) {
        var v = counts[offset + i];
        if (i === skip) continue;
        if (v > bestN) { best = i; bestN = v; }
      }
      if (best < 0 && skip >= 0 && counts[offset + skip] > 0) best = skip;
      return best;
    }
    function placeSide(p) { return dominant(plSide, p * nSides, nSides, UNKNOWN); }
    function placeClaim(p) {
      // the strongest claim present: control, advance, attack, diplomacy, then mention
      var best = dominant(plClaim, p * nClaims, nClaims, MENTION);
      return best;
    }
    function sideColor(i) { return i >= 0 ? geonews.color(sides[i].color, "#607d8b") : "#90a4ae"; }

    // -- clustering -----------------------------------------------------------------------------
    var index = null;
    function reindex() {
      var points = [];
      for (var p = 0; p < nPl; p++) {
        if (plKind[p] !== KIND_PLACE || plCount[p] === 0) continue;
        points.push({ type: "Feature", properties: { p: p }, geometry: { type: "Point", coordinates: [plLon[p], plLat[p]] } });
      }
      index = new window.Supercluster({
        radius: options.clusterRadius,
        extent: 256, // Leaflet's tile size: the radius is in screen pixels
        maxZoom: options.clusterMaxZoom,
        minPoints: 2,
        map: function (props) {
          var c = new Array(nClaims);
          for (var i = 0; i < nClaims; i++) c[i] = plClaim[props.p * nClaims + i];
          return { n: plCount[props.p], c: c, x: contested[props.p] };
        },
        reduce: function (acc, props) {
          acc.n += props.n;
          acc.x += props.x;
          for (var i = 0; i < nClaims; i++) acc.c[i] += props.c[i];
        }
      }).load(points);
    }

    // -- drawing --------------------------------------------------------------------------------
    map.createPane("geonews-areas").style.zIndex = 410;
    var areaRenderer = L.canvas({ pane: "geonews-areas", padding: 0.4, tolerance: 2 });
    var areaLayers = new Array(nAreas);
    var areaGroup = L.layerGroup().addTo(map);
    var markerGroup = L.layerGroup().addTo(map);
    var selected = { kind: null, id: null, areas: [] };
    var drawn = []; // what the last render drew, for tests and the bench

    function areaStyle(a, hover) {
      var side = dominant(arSide, a * nSides, nSides, UNKNOWN);
      var color = sideColor(side);
      var on = hover || selected.areas.indexOf(a) >= 0;
      return { color: color, weight: on ? 2.4 : 1.5, opacity: 0.9, fill: true, fillColor: color,
        fillOpacity: hover ? 0.2 : on ? 0.12 : 0, dashArray: null };
    }
    function areaLayer(a) {
      if (!areaLayers[a]) {
        var g = D.areas[a];
        var latlngs = L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === "MultiPolygon" ? 2 : 1);
        var layer = L.polygon(latlngs, L.extend({ renderer: areaRenderer, className: "geonews-area" }, areaStyle(a, false)));
        layer.on("mouseover", function () { layer.setStyle(areaStyle(a, true)); });
        layer.on("mouseout", function () { layer.setStyle(areaStyle(a, false)); });
        layer.on("click", function (e) {
          L.DomEvent.stop(e);
          if (ctx.story) ctx.story.openArea(a);
        });
        areaLayers[a] = layer;
      }
      return areaLayers[a];
    }
    function drawAreas() {
      for (var a = 0; a < nAreas; a++) {
        var on = arCount[a] > 0;
        var layer = areaLayers[a];
        if (on) {
          layer = areaLayer(a);
          layer.setStyle(areaStyle(a, false));
          if (!areaGroup.hasLayer(layer)) areaGroup.addLayer(layer);
        } else if (layer && areaGroup.hasLayer(layer)) {
          areaGroup.removeLayer(layer);
        }
      }
    }

    function glyph(claim, size, fg) {
      return geonews.iconSvg(claims[claim].icon, null, size, fg);
    }

    function placeIcon(p) {
      var side = placeSide(p);
      var claim = placeClaim(p);
      var color = sideColor(side);
      var fg = geonews.isLight(color) ? "#1f1f1f" : "#ffffff";
      var weak = plStrong[p] === 0;
      var regional = D.places.rg[p] === 1;
      var classes = ["geonews-place", "gn-p-" + p];
      if (weak) classes.push("gn-weak");
      if (regional) classes.push("gn-regional");
      if (contested[p]) classes.push("gn-contested");
      if (selected.kind === "place" && selected.id === p) classes.push("gn-selected");
      var n = plCount[p];
      var html = '<span class="gn-disc" style="background:' + color + ';color:' + fg + '">' +
        (claim >= 0 ? glyph(claim, 16, fg) : "") + "</span>";
      if (n > 1) html += '<b class="gn-n">' + geonews.escapeHtml(geonews.number(ctx, n)) + "</b>";
      if (contested[p]) html += '<i class="gn-x" aria-hidden="true">⚔</i>';
      return L.divIcon({ className: classes.join(" "), html: html, iconSize: [26, 26], iconAnchor: [13, 13] });
    }

    function clusterIcon(props) {
      var order = [];
      for (var i = 0; i < nClaims; i++) if (props.c[i] > 0 && i !== MENTION) order.push(i);
      order.sort(function (a, b) { return props.c[b] - props.c[a] || a - b; });
      if (!order.length && MENTION >= 0 && props.c[MENTION] > 0) order.push(MENTION);
      var split = order.slice(0, 2).map(function (i) {
        return '<i class="gn-split-' + geonews.escapeHtml(claims[i].key) + '">' + glyph(i, 11, "#37474f") +
          geonews.escapeHtml(geonews.number(ctx, props.c[i])) + "</i>";
      }).join("");
      var n = props.n;
      var width = Math.max(40, 12 + Math.min(order.length, 2) * 24);
      var html = '<div class="gn-cluster-box"><b>' +
        geonews.escapeHtml(geonews.number(ctx, n)) + "</b>" + '<span class="gn-split">' + split + "</span></div>";
      return L.divIcon({ className: "geonews-cluster", html: html, iconSize: [width, 38], iconAnchor: [width / 2, 19] });
    }

    // markers drawn now, by what they show: a redraw keeps those that did not change (DOM work is the cost)
    var live = new Map();

    function placeKey(p) {
      return "p" + p + ":" + plCount[p] + ":" + placeSide(p) + ":" + placeClaim(p) + ":" + (plStrong[p] > 0 ? 1 : 0) +
        ":" + contested[p] + ":" + (selected.kind === "place" && selected.id === p ? 1 : 0) + ":" + ctx.lang;
    }
    function clusterKey(f, props) {
      return "c" + f.geometry.coordinates[0].toFixed(5) + "," + f.geometry.coordinates[1].toFixed(5) + ":" + props.n +
        ":" + props.c.join(",") + ":" + props.x + ":" + ctx.lang;
    }
    function tipOnHover(marker, make, offset) {
      if (geonews.narrow(map)) return;
      marker.once("mouseover", function () {
        marker.bindTooltip(make, { direction: "top", offset: [0, offset] }).openTooltip();
      });
    }

    function render() {
      drawn = [];
      if (!index) return;
      var zoom = Math.round(map.getZoom());
      var b = map.getBounds().pad(0.25);
      var west = Math.max(-180, b.getWest());
      var east = Math.min(180, b.getEast());
      var items = index.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())], zoom);
      var next = new Map();
      items.forEach(function (f) {
        var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var props = f.properties;
        var key = props.cluster ? clusterKey(f, props) : placeKey(props.p);
        var marker = live.get(key);
        if (props.cluster) drawn.push({ cluster: true, n: props.n, x: props.x, id: props.cluster_id });
        else drawn.push({ cluster: false, n: plCount[props.p], p: props.p, contested: !!contested[props.p] });
        if (marker) {
          marker.geonews = props; // a cluster's id changes with the index
          live.delete(key);
          next.set(key, marker);
          return;
        }
        if (props.cluster) {
          marker = L.marker(ll, { icon: clusterIcon(props), keyboard: true, riseOnHover: true, title: "" });
          marker.on("click", function () { openCluster(marker.geonews.cluster_id, ll); });
          tipOnHover(marker, function () { return clusterTip(marker.geonews); }, -16);
        } else {
          var p = props.p;
          marker = L.marker(ll, { icon: placeIcon(p), keyboard: true, riseOnHover: true, title: "" });
          marker.on("click", function () { if (ctx.story) ctx.story.openPlace(p); });
          tipOnHover(marker, function () { return placeTip(p); }, -14);
        }
        marker.geonews = props;
        next.set(key, marker);
        markerGroup.addLayer(marker);
      });
      live.forEach(function (marker) { markerGroup.removeLayer(marker); });
      live = next;
    }

    function openCluster(id, ll) {
      var zoom = index.getClusterExpansionZoom(id);
      if (zoom <= options.clusterMaxZoom && zoom > map.getZoom()) {
        map.setView(ll, zoom);
        return;
      }
      var leaves = index.getLeaves(id, Infinity).map(function (f) { return f.properties.p; });
      if (ctx.story) ctx.story.openPlaces(leaves);
    }

    function placeName(p) {
      var na = str(D.places.na[p]);
      var n = str(D.places.n[p]);
      if (ctx.lang === "en") return n || na || api.writtenName(p) || "?";
      return na || api.writtenName(p) || "?";
    }

    function placeTip(p) {
      var claim = placeClaim(p);
      var side = placeSide(p);
      return geonews.el("div", { className: "geonews-tip" }, [
        geonews.el("b", { text: placeName(p) }),
        geonews.el("br"),
        geonews.el("small", { text: geonews.number(ctx, plCount[p]) + " " + geonews.t(ctx, "statements") +
          (claim >= 0 ? " · " + geonews.label(ctx, claims[claim]) : "") + (side >= 0 ? " · " + geonews.label(ctx, sides[side]) : "") }),
        contested[p] ? geonews.el("div", { className: "gn-tip-x", text: "⚔ " + geonews.t(ctx, "contested") }) : null
      ]);
    }
    function clusterTip(props) {
      var parts = [];
      for (var i = 0; i < nClaims; i++) {
        if (props.c[i] > 0) parts.push(geonews.label(ctx, claims[i]) + " " + geonews.number(ctx, props.c[i]));
      }
      return geonews.el("div", { className: "geonews-tip" }, [
        geonews.el("b", { text: geonews.number(ctx, props.n) + " " + geonews.t(ctx, "statements") }),
        geonews.el("br"),
        geonews.el("small", { text: parts.join(" · ") }),
        props.x ? geonews.el("div", { className: "gn-tip-x", text: "⚔ " + geonews.number(ctx, props.x) + " " + geonews.t(ctx, "contestedPlaces") }) : null
      ]);
    }

    var lastRefresh = 0;
    var steps = {};
    function refresh() {
      var t0 = performance.now();
      recount();
      var t1 = performance.now();
      reindex();
      var t2 = performance.now();
      drawAreas();
      var t3 = performance.now();
      render();
      var t4 = performance.now();
      if (ctx.basemap) ctx.basemap.setCountryCounts(countryCounts);
      var t5 = performance.now();
      geonews.notify(ctx);
      var t6 = performance.now();
      steps = { count: t1 - t0, cluster: t2 - t1, areas: t3 - t2, markers: t4 - t3, countries: t5 - t4, panel: t6 - t5 };
      lastRefresh = t6 - t0;
    }

    map.on("moveend", render);

    // -- the API --------------------------------------------------------------------------------
    var api = {
      map: map,
      data: D,
      ready: false,
      rows: nRows,
      statements: nSt,
      places: nPl,
      areas: nAreas,
      days: days,
      claims: claims.map(function (c) { return c.key; }),
      sides: sides.map(function (c) { return c.key; }),
      modalities: mods.map(function (c) { return c.key; }),
      roles: roles.map(function (c) { return c.key; }),
      state: state,
      timings: { parse: 0, first: 0, refresh: 0 },
      get visible() { return visible; },
      get countryCounts() { return countryCounts; },
      /** Milliseconds each step of the last filter change took. */
      get steps() { return steps; },
      str: str,
      placeName: placeName,
      sideColor: sideColor,
      kind: function (p) { return plKind[p]; },
      isContested: function (p) { return !!contested[p]; },
      contested: function () {
        var ids = [];
        for (var p = 0; p < nPl; p++) if (contested[p]) ids.push(str(D.places.id[p]) || String(p));
        return ids.sort();
      },
      rowVisible: function (r) { return rowVis[r] === 1; },
      statementVisible: function (s) { return stVis[s] === 1; },
      /** The name as written in the sentence of a row of place `p` (the first one). */
      writtenName: function (p) {
        for (var r = 0; r < nRows; r++) {
          if (rowPl[r] !== p) continue;
          var h0 = D.rows.h0[r];
          if (h0 >= 0) return (str(D.statements.x[rowSt[r]]) || "").slice(h0, D.rows.h1[r]);
          if (D.rows.pt[r] >= 0) return str(D.rows.pt[r]);
        }
        return null;
      },
      rowsWhere: function (test) {
        var out = [];
        for (var r = 0; r < nRows; r++) if (test(r)) out.push(r);
        return out;
      },
      rowsOfPlace: function (p) { return api.rowsWhere(function (r) { return rowPl[r] === p; }); },
      rowsOfArea: function (a) { return api.rowsWhere(function (r) { return rowAr[r] === a; }); },
      rowsOfCountry: function (code) {
        return api.rowsWhere(function (r) {
          var p = rowPl[r];
          return plKind[p] === KIND_COUNTRY && str(D.places.cc[p]) === code;
        });
      },
      rowPlace: function (r) { return rowPl[r]; },
      rowStatement: function (r) { return rowSt[r]; },
      rowDay: function (r) { return stDay[rowSt[r]]; },
      regions: function () {
        var out = [];
        for (var p = 0; p < nPl; p++) if (plKind[p] === KIND_REGION && regionCount[p] > 0) out.push([p, regionCount[p]]);
        return out.sort(function (a, b) { return b[1] - a[1]; });
      },
      placeCount: function (p) { return plCount[p]; },
      select: function (kind, id, areas) {
        selected = { kind: kind, id: id, areas: areas || [] };
        for (var a = 0; a < nAreas; a++) if (areaLayers[a]) areaLayers[a].setStyle(areaStyle(a, false));
        render();
      },
      setClaimVisible: function (key, on) { return api.set("claimOn", api.claims.indexOf(key), on); },
      setSideVisible: function (key, on) { return api.set("sideOn", api.sides.indexOf(key), on); },
      setModalityVisible: function (key, on) { return api.set("modOn", api.modalities.indexOf(key), on); },
      setRoleVisible: function (key, on) { return api.set("roleOn", api.roles.indexOf(key), on); },
      set: function (what, i, on) {
        if (i < 0) return lastRefresh;
        state[what][i] = !!on;
        refresh();
        return lastRefresh;
      },
      /** Show only articles dated from..to (YYYY-MM-DD, inclusive; null = open). Undated ones stay. */
      setPeriod: function (from, to) {
        state.from = from ? lowerBound(from) : 0;
        state.to = to ? lowerBound(to, true) : days.length - 1;
        refresh();
        return lastRefresh;
      },
      setPeriodIndex: function (from, to) {
        state.from = from;
        state.to = to;
        refresh();
        return lastRefresh;
      },
      /** Only statements whose actor (as written) holds `text` (folded); null shows every actor. */
      setActor: function (text) {
        if (text && !actorFold) {
          actorFold = new Array(nSt);
          for (var s = 0; s < nSt; s++) actorFold[s] = geonews.fold(str(D.statements.ac[s]) || "");
        }
        state.actor = text ? geonews.fold(text) : null;
        state.actorLabel = text || null;
        refresh();
        return lastRefresh;
      },
      refresh: refresh,
      render: render,
      drawn: function () { return drawn.slice(); },
      /** Fit the opening view: where most places below country level are, clear of the panel. */
      fit: function () {
        var view = D.view;
        var padding = ctx.panel ? ctx.panel.padding() : { topLeft: [20, 20], bottomRight: [20, 20] };
        if (!view) {
          map.setView([30, 30], 3, { animate: false });
          return;
        }
        map.fitBounds(view, { paddingTopLeft: padding.topLeft, paddingBottomRight: padding.bottomRight, animate: false,
          maxZoom: options.placeZoom });
      },
      /** Centre place `p` (zoomed in enough to see it alone) and open its story; resolves to its marker element. */
      focusPlace: function (p, open) {
        // the closest zoom from 8 on at which the place is drawn on its own, not in a cluster
        for (var z = Math.max(Math.round(map.getZoom()), 8); z <= options.clusterMaxZoom + 1; z++) {
          map.setView([plLat[p], plLon[p]], z, { animate: false });
          render();
          if (api.markerElement(p)) break;
        }
        if (open !== false && ctx.story) ctx.story.openPlace(p);
        return api.markerElement(p);
      },
      markerElement: function (p) {
        var found = null;
        markerGroup.eachLayer(function (m) {
          if (m.geonews && !m.geonews.cluster && m.geonews.p === p) found = m.getElement();
        });
        return found;
      },
      placeIndex: function (id) {
        for (var p = 0; p < nPl; p++) if (str(D.places.id[p]) === id) return p;
        return -1;
      }
    };

    function lowerBound(day, upper) {
      var lo = 0;
      var hi = days.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (upper ? days[mid] <= day : days[mid] < day) lo = mid + 1;
        else hi = mid;
      }
      return upper ? lo - 1 : lo;
    }

    ctx.claims = api;
    api.timings.parse = performance.now() - started;
    api.start = function () {
      refresh();
      api.fit();
      render();
      api.timings.first = performance.now() - started;
      api.timings.refresh = lastRefresh;
      api.ready = true;
    };
    ctx.langListeners.push(function () { render(); });
    return api;
  };
})();
