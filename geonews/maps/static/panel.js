/* geonews map: the one panel — title, search, the filters that are also the legend, the period, larger
   regions, unresolved places and the base map — collapsible, closed by default on a phone. */
(function () {
  "use strict";
  var geonews = window.geonews;
  var el = geonews.el;

  /** Read the page's UI strings and language before anything else draws. */
  geonews.setup = function (map, stringsId) {
    var ctx = geonews.context(map);
    ctx.strings = geonews.readJSON(stringsId) || {};
    geonews.setLanguage(ctx, "ar");
    map.getContainer().setAttribute("dir", "ltr"); // Leaflet lays out its panes left to right
    map.getContainer().classList.add("geonews-map");
    if (!geonews.narrow(map)) L.control.zoom({ position: "bottomright" }).addTo(map); // pinch on a phone
    // a metric scale in the reader's language ("٣٠٠ كم")
    var Scale = L.Control.Scale.extend({
      _updateScale: function (scale, text, ratio) {
        var m = /^([\d.]+) (k?m)$/.exec(text);
        if (m) text = geonews.number(ctx, Number(m[1])) + " " + geonews.t(ctx, m[2] === "km" ? "unitKm" : "unitM");
        L.Control.Scale.prototype._updateScale.call(this, scale, text, ratio);
      }
    });
    var scale = new Scale({ imperial: false, position: "bottomleft" }).addTo(map);
    ctx.langListeners.push(function () { scale._update(); });
  };

  geonews.panel = function (map, dataId, options) {
    var ctx = geonews.context(map);
    var api = ctx.claims;
    var D = api.data;
    var info = geonews.readJSON(dataId) || {};
    var t = function (key) { return geonews.t(ctx, key); };
    var container = map.getContainer();

    var panel = el("aside", { className: "geonews-panel", "aria-label": "" });
    var header = el("header", { className: "gn-panel-head" });
    var toggle = el("button", { type: "button", className: "gn-toggle", "aria-expanded": "true" });
    var langButton = el("button", { type: "button", className: "gn-lang" });
    var titleBox = el("div", { className: "gn-head-text" });
    var h1 = el("h1", { dir: "auto", text: info.title || "" });
    var summary = el("div", { className: "gn-summary" });
    titleBox.appendChild(h1);
    titleBox.appendChild(summary);
    header.appendChild(toggle);
    header.appendChild(titleBox);
    header.appendChild(langButton);
    var body = el("div", { className: "gn-panel-body" });
    panel.appendChild(header);
    panel.appendChild(body);
    container.appendChild(panel);
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);

    var open = !geonews.narrow(map);
    function setOpen(value) {
      open = value;
      panel.classList.toggle("gn-closed", !open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? "▴" : "☰";
      toggle.setAttribute("aria-label", open ? t("closePanel") : t("openPanel"));
      toggle.title = open ? t("closePanel") : t("openPanel");
      if (open && geonews.narrow(map) && ctx.story && ctx.story.open) ctx.story.close();
    }
    toggle.addEventListener("click", function () { setOpen(!open); });
    langButton.addEventListener("click", function () {
      geonews.setLanguage(ctx, ctx.lang === "en" ? "ar" : "en");
    });

    // -- search -----------------------------------------------------------------------------------
    var searchBox = el("div", { className: "gn-search" });
    var search = el("input", { type: "search", className: "gn-search-input", autocomplete: "off", spellcheck: "false" });
    var results = el("ul", { className: "gn-results", hidden: "hidden" });
    var chip = el("div", { className: "gn-chip", hidden: "hidden" });
    searchBox.appendChild(search);
    searchBox.appendChild(results);
    searchBox.appendChild(chip);
    body.appendChild(searchBox);

    var placeKeys = null;
    var actorKeys = null;
    function buildSearch() {
      placeKeys = [];
      for (var p = 0; p < D.places.lat.length; p++) {
        var text = [api.str(D.places.na[p]), api.str(D.places.n[p]), api.writtenName(p)].filter(Boolean).join(" ");
        placeKeys.push(" " + geonews.fold(text) + " ");
      }
      var seen = Object.create(null);
      actorKeys = [];
      D.statements.ac.forEach(function (i) {
        if (i < 0 || seen[i]) return;
        seen[i] = true;
        actorKeys.push([i, geonews.fold(api.str(i))]);
      });
      // a side's names find its actors too
      D.sides.forEach(function (side) {
        actorKeys.push([-1, geonews.fold(side.ar + " " + side.en), side]);
      });
    }
    function runSearch() {
      var q = geonews.fold(search.value);
      results.textContent = "";
      if (q.length < 2) { results.hidden = true; return; }
      if (!placeKeys) buildSearch();
      var found = [];
      for (var p = 0; p < placeKeys.length && found.length < 8; p++) {
        if (placeKeys[p].indexOf(q) >= 0 && (api.kind(p) !== 0 || api.placeCount(p) >= 0)) found.push(p);
      }
      found.sort(function (a, b) { return placeKeys[a].indexOf(" " + q) >= 0 ? -1 : placeKeys[b].indexOf(" " + q) >= 0 ? 1 : 0; });
      found.forEach(function (p) {
        var item = el("li", {}, [el("button", { type: "button", className: "gn-result gn-result-place" }, [
          el("span", { className: "gn-result-kind", text: t(api.kind(p) === 1 ? "country" : api.kind(p) === 2 ? "region" : "place") }),
          el("b", { text: api.placeName(p) })
        ])]);
        item.firstChild.addEventListener("click", function () {
          results.hidden = true;
          var kind = api.kind(p);
          if (kind === 0) api.focusPlace(p, true);
          else if (kind === 1) { ctx.story.openCountry(api.str(D.places.cc[p])); }
          else ctx.story.openRegion(p);
        });
        results.appendChild(item);
      });
      var actors = actorKeys.filter(function (a) { return a[1].indexOf(q) >= 0; }).slice(0, 5);
      actors.forEach(function (a) {
        var label = a[0] >= 0 ? api.str(a[0]) : geonews.label(ctx, a[2]);
        var item = el("li", {}, [el("button", { type: "button", className: "gn-result gn-result-actor" }, [
          el("span", { className: "gn-result-kind", text: t("actor") }), el("b", { dir: "auto", text: label })
        ])]);
        item.firstChild.addEventListener("click", function () {
          results.hidden = true;
          if (a[0] >= 0) api.setActor(label);
          else {
            api.sides.forEach(function (key) { api.setSideVisible(key, key === a[2].key); });
            syncChecks();
          }
        });
        results.appendChild(item);
      });
      if (!found.length && !actors.length) results.appendChild(el("li", { className: "gn-none", text: t("noMatch") }));
      results.hidden = false;
    }
    var searchTimer = null;
    search.addEventListener("input", function () {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(runSearch, 120);
    });
    search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var first = results.querySelector("button");
        if (first) first.click();
      }
    });

    function drawChip() {
      chip.textContent = "";
      if (!api.state.actorLabel) { chip.hidden = true; return; }
      var clear = el("button", { type: "button", className: "gn-chip-clear", text: "✕", "aria-label": t("clearActor") });
      clear.addEventListener("click", function () { api.setActor(null); });
      chip.appendChild(el("span", { text: t("actor") + ": " }));
      chip.appendChild(el("b", { dir: "rtl", lang: "ar", text: api.state.actorLabel }));
      chip.appendChild(clear);
      chip.hidden = false;
    }

    // -- filters, which are the legend ----------------------------------------------------------
    var checks = [];
    function section(key, extra) {
      var box = el("section", { className: "gn-section gn-section-" + key });
      var h = el("h2", { "data-t": key });
      box.appendChild(h);
      if (extra) box.appendChild(extra);
      body.appendChild(box);
      return box;
    }
    function checkList(box, items, what, swatch) {
      var list = el("ul", { className: "gn-checks" });
      var present = items.filter(function (item) { return item.n > 0; }).length;
      if (what !== "claimOn" && what !== "sideOn" && present <= 1) box.hidden = true; // nothing to choose
      items.forEach(function (item, i) {
        if (item.n === 0 && !api.state[what][i]) {
          item._name = item._count = el("span");
          return;
        }
        var input = el("input", { type: "checkbox" });
        input.checked = api.state[what][i];
        input.addEventListener("change", function () { api.set(what, i, input.checked); });
        checks.push({ input: input, what: what, i: i });
        var name = el("span", { className: "gn-name" });
        var label = el("label", { "data-key": item.key }, [input, swatch(item, i), name,
          el("small", { className: "gn-count" })]);
        list.appendChild(el("li", {}, [label]));
        item._name = name;
        item._count = label.lastChild;
      });
      box.appendChild(list);
      return list;
    }
    function syncChecks() {
      checks.forEach(function (c) { c.input.checked = api.state[c.what][c.i]; });
    }

    var claimBox = section("claimType");
    checkList(claimBox, D.claims, "claimOn", function (claim) {
      var icon = el("span", { className: "gn-icon" });
      icon.innerHTML = geonews.iconSvg(claim.icon, "#455a64", 18); // path checked by safePath; no article text
      return icon;
    });
    var sideBox = section("side");
    checkList(sideBox, D.sides, "sideOn", function (side) {
      return el("span", { className: "gn-swatch", style: "background:" + geonews.color(side.color, "#607d8b") });
    });
    var modBox = section("modality");
    checkList(modBox, D.modalities, "modOn", function (mod) {
      return el("span", { className: "gn-mod-swatch" + (mod.key === "asserted" ? "" : " gn-weak") });
    });
    var roleBox = section("role");
    checkList(roleBox, D.roles, "roleOn", function (role) {
      return el("span", { className: "gn-mod-swatch" + (role.key === "event" ? "" : " gn-weak") });
    });

    // -- period ---------------------------------------------------------------------------------
    var days = D.days;
    var period = null;
    if (days.length > 1) {
      period = section("period");
      var hist = el("div", { className: "gn-hist" });
      var from = el("input", { type: "range", className: "gn-from", min: "0", max: String(days.length - 1), step: "1" });
      var to = el("input", { type: "range", className: "gn-to", min: "0", max: String(days.length - 1), step: "1" });
      from.value = "0";
      to.value = String(days.length - 1);
      var fromLabel = el("span", { className: "gn-from-label" });
      var toLabel = el("span", { className: "gn-to-label" });
      var reset = el("button", { type: "button", className: "gn-reset" });
      period.appendChild(hist);
      period.appendChild(el("div", { className: "gn-range-row" }, [el("span", { className: "gn-range-name", "data-t": "from" }), from, fromLabel]));
      period.appendChild(el("div", { className: "gn-range-row" }, [el("span", { className: "gn-range-name", "data-t": "to" }), to, toLabel]));
      period.appendChild(el("div", { className: "gn-range-foot" }, [el("small", { className: "gn-note", "data-t": "undatedStay" }), reset]));
      drawHistogram(hist);
      var pending = false;
      var apply = function (moved) {
        var a = Number(from.value);
        var b = Number(to.value);
        if (a > b) {
          if (moved === from) to.value = String(a);
          else from.value = String(b);
        }
        labelPeriod();
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(function () {
          pending = false;
          api.setPeriodIndex(Number(from.value), Number(to.value));
        });
      };
      var labelPeriod = function () {
        fromLabel.textContent = geonews.date(ctx, days[Number(from.value)], "short");
        toLabel.textContent = geonews.date(ctx, days[Number(to.value)], "short");
        from.setAttribute("aria-valuetext", fromLabel.textContent);
        to.setAttribute("aria-valuetext", toLabel.textContent);
      };
      from.addEventListener("input", function () { apply(from); });
      to.addEventListener("input", function () { apply(to); });
      reset.addEventListener("click", function () {
        from.value = "0";
        to.value = String(days.length - 1);
        apply(null);
      });
      period._label = labelPeriod;
      period._reset = reset;
      period._from = from;
      period._to = to;
    }

    function drawHistogram(box) {
      var n = days.length;
      var bins = Math.min(60, n);
      var counts = new Array(bins).fill(0);
      var first = Date.parse(days[0]);
      var span = Math.max(1, Date.parse(days[n - 1]) - first);
      for (var r = 0; r < api.rows; r++) {
        var d = api.rowDay(r);
        if (d < 0) continue;
        var b = Math.min(bins - 1, Math.floor(((Date.parse(days[d]) - first) / span) * bins));
        counts[b] += 1;
      }
      var top = Math.max.apply(null, counts) || 1;
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 " + bins + " 20");
      svg.setAttribute("preserveAspectRatio", "none");
      svg.setAttribute("aria-hidden", "true");
      counts.forEach(function (c, i) {
        var h = (c / top) * 20;
        var rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", String(i + 0.1));
        rect.setAttribute("width", "0.8");
        rect.setAttribute("y", String(20 - h));
        rect.setAttribute("height", String(h));
        svg.appendChild(rect);
      });
      box.appendChild(svg);
    }

    // -- symbols ----------------------------------------------------------------------------------
    var symbols = section("symbols");
    var symbolList = el("ul", { className: "gn-symbols" });
    [["symCluster", "gn-sym-cluster"], ["symPlace", "gn-sym-place"], ["symRegional", "gn-sym-regional"],
      ["symWeak", "gn-sym-weak"], ["symContested", "gn-sym-contested"], ["symArea", "gn-sym-area"],
      ["symCountry", "gn-sym-country"]].forEach(function (item) {
      symbolList.appendChild(el("li", {}, [el("span", { className: "gn-sym " + item[1] }), el("span", { "data-t": item[0] })]));
    });
    symbols.appendChild(symbolList);

    // -- larger regions, unresolved, base map --------------------------------------------------
    var regionsBox = el("details", { className: "gn-details gn-regions" });
    var regionsSummary = el("summary");
    var regionsList = el("ul");
    regionsBox.appendChild(regionsSummary);
    regionsBox.appendChild(el("p", { className: "gn-note", "data-t": "regionsExplain" }));
    regionsBox.appendChild(regionsList);
    body.appendChild(regionsBox);
    function drawRegions() {
      var regions = api.regions();
      regionsBox.hidden = !regions.length;
      regionsSummary.textContent = t("regions") + " (" + geonews.number(ctx, regions.length) + ")";
      regionsList.textContent = "";
      regions.forEach(function (item) {
        var button = el("button", { type: "button", className: "gn-linkish" }, [
          el("b", { text: api.placeName(item[0]) }), " · " + geonews.number(ctx, item[1])
        ]);
        button.addEventListener("click", function () { ctx.story.openRegion(item[0]); });
        regionsList.appendChild(el("li", {}, [button]));
      });
    }

    var unresolved = info.unresolved || [];
    var reasons = [];
    // the extraction's reason is English: the Arabic view says "not located", the English one why
    function reasonNode(reason) {
      var node = el("span", { className: "gn-reason" });
      reasons.push([node, reason || null]);
      return node;
    }
    var unresolvedBox = null;
    if (unresolved.length || info.placeless) {
      unresolvedBox = el("details", { className: "gn-details gn-unresolved" });
      var unresolvedSummary = el("summary");
      unresolvedBox.appendChild(unresolvedSummary);
      var list = el("ol");
      unresolved.forEach(function (u) {
        var quote = el("q", { dir: "rtl", lang: "ar" }, [u.x[0], u.x[1] ? el("mark", { text: u.x[1] }) : null, u.x[2]]);
        var url = geonews.safeUrl(u.u);
        var meta = [];
        if (u.d) meta.push(el("time", { dateTime: u.d, text: geonews.date(ctx, u.d) || u.d }));
        if (u.s || url) {
          if (meta.length) meta.push(" · ");
          meta.push(url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow", dir: "auto", text: u.s || url })
            : el("bdi", { text: u.s }));
        }
        list.appendChild(el("li", {}, [
          el("b", { className: "gn-place", dir: "rtl", lang: "ar", text: u.p || "—" }), " ",
          reasonNode(u.r),
          quote,
          u.t ? el("div", { className: "gn-src", dir: "rtl", text: u.t }) : null,
          meta.length ? el("div", { className: "gn-src" }, meta) : null
        ]));
      });
      unresolvedBox.appendChild(list);
      if (info.placeless) unresolvedBox.appendChild(el("p", { className: "gn-note gn-placeless" }));
      body.appendChild(unresolvedBox);
      unresolvedBox._summary = unresolvedSummary;
    }

    var baseBox = null;
    if (ctx.baseLayers.length > 1) {
      baseBox = section("baseMap");
      var baseList = el("ul", { className: "gn-checks" });
      ctx.baseLayers.forEach(function (item, i) {
        var input = el("input", { type: "radio", name: "gn-base-" + L.stamp(map), value: String(i) });
        input.checked = !!item.offline;
        input.addEventListener("change", function () {
          ctx.baseLayers.forEach(function (other) { if (map.hasLayer(other.layer)) map.removeLayer(other.layer); });
          map.addLayer(item.layer);
          if (item.layer.bringToBack) item.layer.bringToBack();
        });
        var name = el("span", { className: "gn-name" });
        baseList.appendChild(el("li", {}, [el("label", { "data-base": String(i) }, [input, name])]));
        item._name = name;
      });
      baseBox.appendChild(baseList);
    }

    // -- words in the reader's language, and the live counts ------------------------------------
    function words() {
      panel.setAttribute("dir", ctx.lang === "en" ? "ltr" : "rtl");
      panel.setAttribute("lang", ctx.lang);
      panel.setAttribute("aria-label", t("panel"));
      langButton.textContent = ctx.lang === "en" ? "عربي" : "English";
      langButton.setAttribute("lang", ctx.lang === "en" ? "ar" : "en");
      langButton.title = t("switchLanguage");
      search.placeholder = t("searchPlaceholder");
      search.setAttribute("aria-label", t("searchPlaceholder"));
      panel.querySelectorAll("[data-t]").forEach(function (node) {
        var key = node.getAttribute("data-t");
        if (key) {
          var first = node.firstChild;
          if (first && first.nodeType === 3) first.textContent = t(key);
          else node.insertBefore(document.createTextNode(t(key)), first);
        }
      });
      D.claims.forEach(function (c) { c._name.textContent = geonews.label(ctx, c); });
      D.sides.forEach(function (c) { c._name.textContent = geonews.label(ctx, c); });
      D.modalities.forEach(function (c) { c._name.textContent = geonews.label(ctx, c); });
      D.roles.forEach(function (c) { c._name.textContent = geonews.label(ctx, c); });
      [D.claims, D.sides, D.modalities, D.roles].forEach(function (items) {
        items.forEach(function (c) { c._count.textContent = geonews.number(ctx, c.n); });
      });
      if (period) {
        period._label();
        period._reset.textContent = t("wholePeriod");
        period._from.setAttribute("aria-label", t("from"));
        period._to.setAttribute("aria-label", t("to"));
      }
      reasons.forEach(function (item) {
        item[0].textContent = ctx.lang === "en" && item[1] ? item[1] : t("unresolvedReason");
      });
      if (unresolvedBox) {
        unresolvedBox._summary.textContent = t("unresolved") + " (" + geonews.number(ctx, unresolved.length) + ")";
        var note = unresolvedBox.querySelector(".gn-placeless");
        if (note) note.textContent = geonews.number(ctx, info.placeless) + " " + t("placeless");
      }
      ctx.baseLayers.forEach(function (item) { if (item._name) item._name.textContent = geonews.label(ctx, item.name); });
      setOpen(open);
      counts();
      drawRegions();
      drawChip();
      if (search.value) runSearch();
    }
    function counts() {
      var v = api.visible;
      summary.textContent = geonews.number(ctx, v.statements) + " " + t("statementsShown") + " · " +
        geonews.number(ctx, v.places) + " " + t("placesShown") +
        (v.countries ? " · " + geonews.number(ctx, v.countries) + " " + t("countriesShown") : "") +
        (v.contested ? " · ⚔ " + geonews.number(ctx, v.contested) : "");
    }
    ctx.listeners.push(function () { counts(); drawRegions(); drawChip(); });
    ctx.langListeners.push(words);

    var ui = {
      element: panel,
      get isOpen() { return open; },
      open: function () { setOpen(true); },
      close: function () { setOpen(false); },
      /** Map padding that keeps the view clear of the panel (and of the top bar on a phone). */
      padding: function () {
        var size = map.getSize();
        if (geonews.narrow(map)) return { topLeft: [12, header.offsetHeight + 16], bottomRight: [12, 12] };
        var width = open ? panel.offsetWidth : 0;
        return { topLeft: [20, open ? 20 : header.offsetHeight + 20], bottomRight: [Math.min(width + 24, size.x * 0.45), 20] };
      }
    };
    ctx.panel = ui;
    words();
    return ui;
  };

  /** Build the story and the panel, draw the claims, fit the opening view: the map is then ready. */
  geonews.start = function (map, panelDataId, options) {
    var ctx = geonews.context(map);
    geonews.story(map, options || {});
    geonews.panel(map, panelDataId, options || {});
    ctx.claims.start();
  };
})();
