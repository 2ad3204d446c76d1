/* geonews map: claims as markers and areas, popups, filters (claim type, side, period), contested places. */
(function () {
  "use strict";
  var geonews = window.geonews;
  var el = geonews.el;

  var UNIT_LABELS = {
    km2: "كم²",
    localities: "بلدة وقرية",
    killed: "قتيل",
    wounded: "جريح",
    people: "شخص",
    percent: "٪"
  };

  /**
   * Draw the claims of the JSON blob `dataId` on `map`; return the API that filters them.
   * options: {clusterThreshold, fitMaxZoom}
   */
  geonews.claims = function (map, dataId, options) {
    var ctx = geonews.context(map);
    var data = geonews.readJSON(dataId);
    var claims = data.claims;
    var sides = data.sides;
    var contestedSet = Object.create(null);
    var state = {
      claimOn: claims.map(function () { return true; }),
      sideOn: sides.map(function () { return true; }),
      from: null,
      to: null
    };
    var controlIndex = -1;
    claims.forEach(function (claim, i) {
      if (claim.key === "control") controlIndex = i;
    });

    map.createPane("geonews-areas").style.zIndex = 410;

    var many = data.rows.length > options.clusterThreshold;
    var cluster = L.markerClusterGroup({
      maxClusterRadius: many ? 60 : 16,
      chunkedLoading: true,
      chunkInterval: 120,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      removeOutsideVisibleBounds: true,
      iconCreateFunction: clusterIcon
    });
    var areaGroup = L.featureGroup();

    var items = data.rows.map(function (row, index) {
      var statement = data.statements[row.s];
      var article = data.articles[statement.a];
      var place = data.places[row.pl];
      var item = {
        index: index,
        row: row,
        place: place,
        id: place.id || null,
        statement: statement,
        article: article,
        claim: statement.c,
        side: statement.sd,
        day: article.day || null,
        contested: false,
        marker: null,
        area: null,
        shown: false
      };
      item.marker = L.marker(place.ll, { icon: markerIcon(item), riseOnHover: true, keyboard: true });
      item.marker.geonewsItem = item;
      item.marker.bindPopup(function () { return popup(item); }, popupOptions());
      item.marker.bindTooltip(function () { return tooltip(item); }, { direction: "top", offset: [0, -14] });
      if (typeof row.ar === "number") {
        item.area = areaLayer(item, data.areas[row.ar]);
      }
      return item;
    });

    function popupOptions() {
      // keep popups clear of the title bar at the top
      return { maxWidth: 380, minWidth: 260, className: "geonews-popup-wrap",
        autoPanPaddingTopLeft: [30, 90], autoPanPaddingBottomRight: [30, 30] };
    }

    function sideColor(item) {
      return geonews.color(sides[item.side].color, "#607d8b");
    }

    function markerIcon(item) {
      var claim = claims[item.claim];
      var classes = ["geonews-marker", "gn-claim-" + claim.key, "gn-side-" + item.side];
      if (item.contested) classes.push("geonews-contested");
      if (item.area || typeof item.row.ar === "number") classes.push("gn-has-area");
      var html = geonews.iconSvg(claim.icon, sideColor(item), 26);
      if (item.contested) html += '<span class="gn-flag" aria-hidden="true">⚔</span>';
      return L.divIcon({ className: classes.join(" "), html: html, iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12] });
    }

    function clusterIcon(group) {
      var markers = group.getAllChildMarkers();
      var perSide = {};
      var contested = false;
      markers.forEach(function (marker) {
        var item = marker.geonewsItem;
        perSide[item.side] = (perSide[item.side] || 0) + 1;
        if (item.contested) contested = true;
      });
      var n = markers.length;
      var stops = [];
      var at = 0;
      Object.keys(perSide).forEach(function (side) {
        var next = at + (perSide[side] / n) * 360;
        var color = geonews.color(sides[side].color, "#607d8b");
        stops.push(color + " " + at.toFixed(1) + "deg " + next.toFixed(1) + "deg");
        at = next;
      });
      var size = n < 10 ? 32 : n < 100 ? 38 : n < 1000 ? 46 : 54;
      return L.divIcon({
        className: "geonews-cluster" + (contested ? " geonews-contested" : ""),
        html: '<div class="gn-ring" style="background:conic-gradient(' + stops.join(",") + ')">' +
          '<span data-count="' + n + '">' + n + "</span></div>",
        iconSize: [size, size]
      });
    }

    function areaLayer(item, area) {
      var depth = area.type === "MultiPolygon" ? 2 : 1;
      var latlngs = L.GeoJSON.coordsToLatLngs(area.coordinates, depth);
      var uses = Math.max(1, area.k || 1);
      // weaker claims and vaguer areas are fainter; a mere mention is almost only an outline
      var mention = claims[item.claim].key === "mention";
      var unknown = sides[item.side].key === "unknown";
      var target = mention ? 0.04 : item.row.p >= 3 ? 0.1 : 0.22;
      if (unknown) target /= 2;
      // identical areas stack: keep their combined fill near the target
      var fill = 1 - Math.pow(1 - target, 1 / uses);
      var layer = L.polygon(latlngs, {
        pane: "geonews-areas",
        className: "geonews-area gn-claim-" + claims[item.claim].key + " gn-precision-" + (item.row.p || 0),
        color: sideColor(item),
        weight: mention ? 0.8 : 1.6,
        opacity: mention ? 0.5 : 0.85,
        dashArray: item.row.p >= 3 || mention ? "6 5" : null,
        fillColor: sideColor(item),
        fillOpacity: Math.max(fill, 0.005)
      });
      layer.geonewsItem = item;
      layer.bindPopup(function () { return popup(item); }, popupOptions());
      layer.bindTooltip(function () { return tooltip(item); }, { sticky: true, direction: "top" });
      return layer;
    }

    /** The place name as written in the sentence. */
    function written(item) {
      var hl = item.row.hl;
      return hl ? (item.statement.x || "").slice(hl[0], hl[1]) : item.row.pt || "";
    }

    function placeName(item) {
      var place = item.place;
      var parts = [];
      if (place.na) parts.push(el("b", { text: place.na }));
      if (place.na && place.n) parts.push(" · ");
      if (place.n) parts.push(el("bdi", { dir: "ltr", lang: "en", className: "gn-latin", text: place.n }));
      if (!parts.length) parts.push(el("b", { text: written(item) || "?" }));
      return parts;
    }

    function tooltip(item) {
      var claim = claims[item.claim];
      var side = sides[item.side];
      return el("div", { dir: "rtl", className: "geonews-tip" }, placeName(item).concat([
        el("br"),
        el("small", {}, [claim.ar + " ", el("bdi", { dir: "ltr", text: claim.en }), " — " + side.ar])
      ]));
    }

    function sentence(item) {
      var text = item.statement.x || "";
      var hl = item.row.hl;
      if (!hl) return el("blockquote", { className: "gn-sentence", text: text });
      return el("blockquote", { className: "gn-sentence" }, [
        text.slice(0, hl[0]),
        el("mark", { text: text.slice(hl[0], hl[1]) }),
        text.slice(hl[1])
      ]);
    }

    function field(label, children) {
      return [el("dt", { text: label }), el("dd", {}, children)];
    }

    function quantity(q) {
      var parts = [];
      if (q.v !== null && q.v !== undefined) {
        var unit = q.u ? UNIT_LABELS[q.u] || q.u : "";
        parts.push(el("bdi", { className: "gn-number", text: Number(q.v).toLocaleString("ar") + (unit ? " " + unit : "") }));
      }
      if (q.t) parts.push(el("span", { className: "gn-qtext", text: (parts.length ? " — " : "") + "«" + q.t + "»" }));
      return el("li", {}, parts);
    }

    function sourceLink(article) {
      var url = geonews.safeUrl(article.u);
      var label = article.s || (url ? url.replace(/^https?:\/\//i, "").split("/")[0] : null);
      if (!label) return null;
      if (!url) return el("span", { text: label });
      return el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow", text: label });
    }

    function competing(item) {
      var rows = items.filter(function (other) {
        return other.claim === controlIndex && other.id === item.id && inPeriod(other);
      });
      rows.sort(function (a, b) {
        return (a.day || "").localeCompare(b.day || "") || a.index - b.index;
      });
      var list = el("ol", { className: "gn-competing" }, rows.map(function (other) {
        var side = sides[other.side];
        var text = other.statement.x || "";
        if (text.length > 180) text = text.slice(0, 177) + "…";
        return el("li", {}, [
          el("span", { className: "gn-swatch", style: "background:" + geonews.color(side.color, "#607d8b") }),
          el("b", { text: side.ar + (other.statement.ac ? " (" + other.statement.ac + ")" : "") }),
          other.day ? el("bdi", { className: "gn-date", text: " " + other.day }) : null,
          el("div", { className: "gn-competing-text", text: text }),
          el("div", { className: "gn-competing-src" }, [
            other.article.t ? el("span", { text: other.article.t + " " }) : null,
            sourceLink(other.article)
          ])
        ]);
      }));
      return el("section", { className: "gn-contested-box" }, [
        el("h4", { text: "⚔ مكان متنازع عليه · contested place" }),
        el("p", { text: "ادعاءات سيطرة متنافسة في الفترة المعروضة:" }),
        list
      ]);
    }

    function popup(item) {
      var row = item.row;
      var st = item.statement;
      var art = item.article;
      var claim = claims[item.claim];
      var side = sides[item.side];
      var dl = el("dl", { className: "gn-fields" });
      var add = function (pair) { pair.forEach(function (node) { dl.appendChild(node); }); };

      if (st.sp) add(field("المتحدث", [st.sp]));
      if (st.ac || st.tg) {
        add(field("الفاعل ← الهدف", [
          el("span", { text: st.ac || "—" }),
          el("span", { className: "gn-arrow", text: " ← " }),
          el("span", { text: st.tg || "—" })
        ]));
      }
      add(field("الطرف", [
        el("span", { className: "gn-swatch", style: "background:" + sideColor(item) }),
        el("span", { text: side.ar + " · " }),
        el("bdi", { dir: "ltr", lang: "en", text: side.en })
      ]));
      if (st.q && st.q.length) add(field("الأرقام", [el("ul", { className: "gn-quantities" }, st.q.map(quantity))]));

      var relation = row.r && data.relations[row.r] ? data.relations[row.r] : null;
      var precision = row.p ? data.precisions[String(row.p)] : null;
      var ll = item.place.ll;
      var place = placeName(item).concat([
        el("div", { className: "gn-coords", dir: "ltr",
          text: ll[0].toFixed(4) + ", " + ll[1].toFixed(4) + (item.place.cc ? " · " + item.place.cc : "") })
      ]);
      if (relation) {
        place.push(el("div", { className: "gn-relation" }, [
          "العلاقة: " + relation[0] + " · ", el("bdi", { dir: "ltr", lang: "en", text: relation[1] })
        ]));
      }
      if (precision) {
        place.push(el("div", { className: "gn-relation" }, [
          "الدقة " + row.p + ": " + precision[0] + " · ", el("bdi", { dir: "ltr", lang: "en", text: precision[1] })
        ]));
      }
      add(field("المكان", place));
      add(field("المقال", [
        art.t ? el("div", { className: "gn-title", text: art.t }) : null,
        el("div", { className: "gn-meta" }, [
          art.d ? el("bdi", { className: "gn-date", text: art.d }) : null,
          art.d ? " · " : null,
          sourceLink(art)
        ])
      ]));

      return el("div", { className: "geonews-popup", dir: "rtl", lang: "ar" }, [
        el("div", { className: "gn-head" }, [
          el("span", { className: "gn-badge", style: "background:" + sideColor(item) }, [claim.ar]),
          el("span", { className: "gn-claim-en", dir: "ltr", lang: "en", text: claim.en })
        ]),
        sentence(item),
        dl,
        item.contested ? competing(item) : null
      ]);
    }

    function inPeriod(item) {
      if (!item.day) return true;
      if (state.from !== null && item.day < state.from) return false;
      if (state.to !== null && item.day > state.to) return false;
      return true;
    }

    function isVisible(item) {
      return state.claimOn[item.claim] && state.sideOn[item.side] && inPeriod(item);
    }

    function updateContested() {
      var perPlace = Object.create(null); // keys are untrusted ids: no prototype
      if (controlIndex >= 0) {
        items.forEach(function (item) {
          if (item.claim !== controlIndex || !item.id || !inPeriod(item)) return;
          var key = sides[item.side].key;
          if (key === "unknown") return;
          (perPlace[item.id] = perPlace[item.id] || Object.create(null))[key] = true;
        });
      }
      contestedSet = Object.create(null);
      Object.keys(perPlace).forEach(function (id) {
        if (Object.keys(perPlace[id]).length > 1) contestedSet[id] = true;
      });
      var changed = [];
      items.forEach(function (item) {
        var contested = item.claim === controlIndex && !!item.id && !!contestedSet[item.id] && inPeriod(item);
        if (contested !== item.contested) {
          item.contested = contested;
          item.marker.setIcon(markerIcon(item));
          if (item.shown) changed.push(item.marker);
        }
      });
      return changed;
    }

    var areaCount = items.filter(function (item) { return item.area; }).length;
    var api = {
      map: map,
      markers: items.length,
      areas: areaCount,
      visible: { markers: 0, areas: 0 },
      ready: false,
      days: data.days,
      claims: claims.map(function (c) { return c.key; }),
      sides: sides.map(function (s) { return s.key; }),
      contested: function () { return Object.keys(contestedSet).sort(); },
      /** Show only articles dated from..to (ISO days, inclusive; null = open). */
      setPeriod: function (from, to) {
        state.from = from || null;
        state.to = to || null;
        refresh();
      },
      setClaimVisible: function (key, on) {
        var i = api.claims.indexOf(key);
        if (i >= 0) { state.claimOn[i] = !!on; refresh(); }
      },
      setSideVisible: function (key, on) {
        var i = api.sides.indexOf(key);
        if (i >= 0) { state.sideOn[i] = !!on; refresh(); }
      },
      fit: fit,
      /** One summary per drawn row: claim, side, place id, contested, shown. */
      rows: function () {
        return items.map(function (item) {
          return { claim: claims[item.claim].key, side: sides[item.side].key, id: item.id,
            contested: item.contested, shown: item.shown, area: !!item.area };
        });
      },
      /** Centre row `index`'s marker and zoom or spiderfy until it is drawn; resolves to its element. */
      reveal: function (index) {
        var item = items[index];
        return new Promise(function (resolve, reject) {
          if (!item || !item.shown) {
            reject(new Error("row " + index + " is not shown"));
            return;
          }
          var marker = item.marker;
          var tries = 0;
          var step = function () {
            var element = marker.getElement();
            if (element && map.getBounds().contains(marker.getLatLng())) {
              resolve(element);
              return;
            }
            if (++tries > 12) {
              reject(new Error("row " + index + " could not be revealed"));
              return;
            }
            var parent = cluster.getVisibleParent(marker);
            if (parent && parent !== marker && parent.spiderfy &&
                (parent.getBounds().getNorthEast().equals(parent.getBounds().getSouthWest()) ||
                 map.getZoom() >= map.getMaxZoom())) {
              parent.spiderfy();
            } else {
              // centre it (clear of the panels at the sides), closer each time it is still in a cluster
              var zoom = parent && parent !== marker ? Math.min(map.getZoom() + 2, map.getMaxZoom()) : map.getZoom();
              map.setView(marker.getLatLng(), zoom, { animate: false });
            }
            window.setTimeout(step, 350); // markercluster animates its changes
          };
          map.closePopup();
          if (cluster._spiderfied) cluster.unspiderfy();
          map.setView(marker.getLatLng(), map.getZoom(), { animate: false });
          window.setTimeout(step, 350);
        });
      }
    };

    function refresh() {
      var changed = updateContested();
      var add = [];
      var remove = [];
      items.forEach(function (item) {
        var show = isVisible(item);
        if (show === item.shown) return;
        item.shown = show;
        (show ? add : remove).push(item.marker);
        if (item.area) {
          if (show) areaGroup.addLayer(item.area);
          else areaGroup.removeLayer(item.area);
        }
      });
      if (remove.length) cluster.removeLayers(remove);
      if (add.length) cluster.addLayers(add);
      if (changed.length) cluster.refreshClusters(changed);
      api.visible = counts();
      geonews.notify(ctx);
    }

    /** Markers and areas shown now (areas count only while the areas layer is on). */
    function counts() {
      var markers = 0;
      var areas = 0;
      var areasOn = map.hasLayer(areaGroup);
      items.forEach(function (item) {
        if (!item.shown) return;
        markers += 1;
        if (item.area && areasOn) areas += 1;
      });
      return { markers: markers, areas: areas };
    }

    /** Fit the view to the data, keeping it clear of the panels at the sides when they are there. */
    function fit(animate) {
      if (!data.bounds) {
        map.setView([30, 30], 3);
        return;
      }
      var box = map.getContainer();
      var size = map.getSize();
      var width = function (selector) {
        var node = box.querySelector(selector);
        return node ? node.offsetWidth : 0;
      };
      var left = Math.min(width(".leaflet-top.leaflet-left"), size.x * 0.3);
      var right = Math.min(Math.max(width(".leaflet-top.leaflet-right"), width(".leaflet-bottom.leaflet-right")), size.x * 0.3);
      map.fitBounds(data.bounds, {
        paddingTopLeft: [left + 20, 60],
        paddingBottomRight: [right + 20, 30],
        maxZoom: options.fitMaxZoom,
        animate: animate !== false
      });
    }

    // overlays for the layer control: one per claim type, one per side; toggling filters the claims
    claims.forEach(function (claim, i) {
      var layer = L.layerGroup().addTo(map);
      layer.geonewsFilter = { kind: "claim", index: i };
      ctx.overlays.push({
        html: '<span class="gn-overlay gn-overlay-claim' + (i === 0 ? " gn-first" : "") + '" data-claim="' + claim.key + '">' +
          geonews.iconSvg(claim.icon, "#455a64", 16) + " " + geonews.escapeHtml(claim.ar) +
          ' <bdi class="gn-en" dir="ltr">' + geonews.escapeHtml(claim.en) + "</bdi>" +
          ' <small><bdi dir="ltr">(' + claim.n + ")</bdi></small></span>",
        layer: layer
      });
    });
    sides.forEach(function (side, i) {
      var layer = L.layerGroup().addTo(map);
      layer.geonewsFilter = { kind: "side", index: i };
      ctx.overlays.push({
        html: '<span class="gn-overlay gn-overlay-side' + (i === 0 ? " gn-first" : "") + '" data-side="' + i + '">' +
          '<span class="gn-swatch" style="background:' + geonews.color(side.color, "#607d8b") + '"></span>' +
          geonews.escapeHtml(side.ar) +
          (side.en !== side.ar ? ' <bdi class="gn-en" dir="ltr">' + geonews.escapeHtml(side.en) + "</bdi>" : "") +
          ' <small><bdi dir="ltr">(' + side.n + ")</bdi></small></span>",
        layer: layer
      });
    });
    if (areaCount) {
      ctx.overlays.push({
        html: '<span class="gn-overlay gn-overlay-areas gn-first" data-areas="1"><span class="gn-area-swatch"></span>' +
          'المناطق <bdi class="gn-en" dir="ltr">areas</bdi> <small><bdi dir="ltr">(' + areaCount + ")</bdi></small></span>",
        layer: areaGroup
      });
    }
    function onOverlay(e) {
      if (e.layer === areaGroup) {
        api.visible = counts();
        geonews.notify(ctx);
        return;
      }
      var f = e.layer && e.layer.geonewsFilter;
      if (!f) return;
      var on = e.type === "overlayadd";
      if (f.kind === "claim") state.claimOn[f.index] = on;
      else state.sideOn[f.index] = on;
      refresh();
    }
    map.on("overlayadd overlayremove", onOverlay);

    areaGroup.addTo(map);
    cluster.addTo(map);
    ctx.claims = api;
    fit();
    refresh();
    // once every control is on the map, fit again around them; then the map is ready
    window.setTimeout(function () {
      fit(false);
      api.ready = true;
    }, 0);
    return api;
  };
})();
