/* geonews map: a place's story. Clicking a place, a country's count, an area or a crowded cluster opens
   a sheet (beside the panel on a wide screen, a bottom sheet on a phone) that lists its statements
   over time, newest first (who claimed what, from which source), with a small timeline of claims per
   side, and, for a contested place, who claimed to control it and when. */
(function () {
  "use strict";
  var geonews = window.geonews;
  var el = geonews.el;
  var PAGE = 40;
  var UNIT_KEYS = { km2: "unitKm2", localities: "unitLocalities", killed: "unitKilled", wounded: "unitWounded",
    people: "unitPeople", percent: "unitPercent", strikes: "unitStrikes" };

  geonews.story = function (map, options) {
    var ctx = geonews.context(map);
    var api = ctx.claims;
    var D = api.data;
    var str = api.str;
    var t = function (key) { return geonews.t(ctx, key); };
    var current = null; // {kind, id, rows, title}

    var sheet = el("section", { className: "geonews-sheet", role: "dialog", "aria-modal": "false", hidden: "hidden" });
    var head = el("header", { className: "gn-sheet-head" });
    var title = el("h2", { className: "gn-sheet-title" });
    var sub = el("div", { className: "gn-sheet-sub" });
    var close = el("button", { type: "button", className: "gn-close" });
    close.textContent = "✕";
    head.appendChild(el("div", { className: "gn-sheet-titles" }, [title, sub]));
    head.appendChild(close);
    var body = el("div", { className: "gn-sheet-body" });
    sheet.appendChild(head);
    sheet.appendChild(body);
    map.getContainer().appendChild(sheet);
    L.DomEvent.disableClickPropagation(sheet);
    L.DomEvent.disableScrollPropagation(sheet);
    close.addEventListener("click", function () { hide(); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !sheet.hidden) hide();
    });

    function hide() {
      sheet.hidden = true;
      current = null;
      api.select(null, null, []);
      map.getContainer().classList.remove("gn-sheet-open");
    }

    function byDateDesc(rows) {
      return rows.slice().sort(function (a, b) {
        var da = api.rowDay(a);
        var db = api.rowDay(b);
        if (da !== db) return db - da; // undated (-1) last
        return a - b;
      });
    }

    function show(kind, id, rows, heading, areas) {
      current = { kind: kind, id: id, rows: rows, heading: heading, limit: PAGE };
      api.select(kind, id, areas || []);
      if (ctx.panel && geonews.narrow(map)) ctx.panel.close();
      draw();
      sheet.hidden = false;
      map.getContainer().classList.add("gn-sheet-open");
      body.scrollTop = 0;
    }

    function draw() {
      if (!current) return;
      close.setAttribute("aria-label", t("close"));
      close.title = t("close");
      sheet.setAttribute("dir", ctx.lang === "en" ? "ltr" : "rtl");
      sheet.setAttribute("lang", ctx.lang);
      var shown = byDateDesc(current.rows.filter(api.rowVisible));
      var hidden = current.rows.length - shown.length;
      title.textContent = current.heading();
      sub.textContent = geonews.number(ctx, shown.length) + " " + t("statements") +
        (hidden ? " · " + geonews.number(ctx, hidden) + " " + t("hiddenByFilters") : "");
      body.textContent = "";
      if (current.kind === "place" && api.isContested(current.id)) body.appendChild(contestedBox(current.id));
      if (shown.length) body.appendChild(timeline(shown));
      var list = el("ol", { className: "gn-story" });
      shown.slice(0, current.limit).forEach(function (r) { list.appendChild(entry(r)); });
      body.appendChild(list);
      if (shown.length > current.limit) {
        var more = el("button", { type: "button", className: "gn-more",
          text: t("more") + " (" + geonews.number(ctx, shown.length - current.limit) + ")" });
        more.addEventListener("click", function () {
          current.limit += PAGE * 2;
          var top = body.scrollTop;
          draw();
          body.scrollTop = top;
        });
        body.appendChild(more);
      }
      if (!shown.length) body.appendChild(el("p", { className: "gn-empty", text: t("nothingShown") }));
    }

    function sideOf(r) { return D.statements.sd[api.rowStatement(r)]; }
    function claimOf(r) { return D.statements.c[api.rowStatement(r)]; }

    function badge(r) {
      var c = claimOf(r);
      var claim = D.claims[c];
      var color = api.sideColor(sideOf(r));
      var fg = geonews.isLight(color) ? "#1f1f1f" : "#ffffff";
      var node = el("span", { className: "gn-badge", style: "background:" + color + ";color:" + fg });
      node.innerHTML = geonews.iconSvg(claim.icon, null, 13, fg); // path checked by safePath; no article text
      node.appendChild(document.createTextNode(" " + geonews.label(ctx, claim)));
      return node;
    }

    function sentence(r) {
      var s = api.rowStatement(r);
      var text = str(D.statements.x[s]) || "";
      var h0 = D.rows.h0[r];
      var h1 = D.rows.h1[r];
      if (h0 < 0) return el("blockquote", { className: "gn-sentence", dir: "rtl", lang: "ar", text: text });
      return el("blockquote", { className: "gn-sentence", dir: "rtl", lang: "ar" }, [
        text.slice(0, h0), el("mark", { text: text.slice(h0, h1) }), text.slice(h1)
      ]);
    }

    function sourceLine(article) {
      var titleText = str(D.articles.t[article]);
      var source = str(D.articles.s[article]);
      var url = geonews.safeUrl(str(D.articles.u[article]));
      var label = source || (url ? url.replace(/^https?:\/\//i, "").split("/")[0] : null);
      var parts = [];
      if (titleText) parts.push(el("span", { className: "gn-title", dir: "auto", text: titleText }));
      if (label) {
        if (parts.length) parts.push(" · ");
        parts.push(url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow", dir: "auto", text: label })
          : el("bdi", { text: label }));
      }
      return el("div", { className: "gn-src" }, parts);
    }

    function quantity(q) {
      var parts = [];
      if (q.v !== null && q.v !== undefined) {
        var unit = q.u ? (UNIT_KEYS[q.u] ? t(UNIT_KEYS[q.u]) : null) : "";
        parts.push(el("bdi", { className: "gn-number", text: geonews.number(ctx, Number(q.v)) + (unit ? " " + unit : "") }));
      }
      if (q.t) parts.push(el("span", { className: "gn-qtext", dir: "rtl", text: (parts.length ? " — " : "") + "«" + q.t + "»" }));
      return el("li", {}, parts);
    }

    function entry(r) {
      var s = api.rowStatement(r);
      var st = D.statements;
      var day = api.rowDay(r);
      var article = st.a[s];
      var side = D.sides[st.sd[s]];
      var mod = D.modalities[st.m[s]];
      var role = D.roles[D.rows.ro[r]];
      var head = el("div", { className: "gn-entry-head" }, [
        day >= 0 ? el("time", { dateTime: D.days[day], text: geonews.date(ctx, D.days[day]) }) : el("span", { className: "gn-undated", text: t("undated") }),
        badge(r),
        mod.key !== "asserted" ? el("span", { className: "gn-tag gn-mod-" + mod.key, text: geonews.label(ctx, mod) }) : null,
        role.key !== "event" ? el("span", { className: "gn-tag gn-role", text: geonews.label(ctx, role) }) : null
      ]);
      var who = [el("span", { className: "gn-swatch", style: "background:" + api.sideColor(st.sd[s]) }),
        el("b", { text: geonews.label(ctx, side) })];
      var actor = str(st.ac[s]);
      var target = str(st.tg[s]);
      if (actor && ctx.lang !== "en") who.push(" · ", el("span", { dir: "rtl", text: actor }));
      else if (actor) who.push(" · ", el("span", { dir: "rtl", lang: "ar", text: actor }));
      if (target) who.push(el("span", { className: "gn-arrow", text: ctx.lang === "en" ? " → " : " ← " }), el("span", { dir: "rtl", lang: "ar", text: target }));
      var lines = [head, el("div", { className: "gn-who" }, who)];
      var speaker = str(st.sp[s]);
      if (speaker) lines.push(el("div", { className: "gn-speaker" }, [t("accordingTo") + " ", el("span", { dir: "rtl", lang: "ar", text: speaker })]));
      var relation = D.rows.r[r] >= 0 ? D.relations[D.rows.r[r]] : null;
      var p = api.rowPlace(r);
      if (current.kind !== "place" || (relation && relation[0] !== "in")) {
        lines.push(el("div", { className: "gn-where", text: (relation && relation[0] !== "in" ? (ctx.lang === "en" ? relation[2] : relation[1]) + " " : "") +
          api.placeName(p) + precisionNote(D.rows.p[r]) }));
      }
      lines.push(sentence(r));
      if (st.q[s] && st.q[s].length) lines.push(el("ul", { className: "gn-quantities" }, st.q[s].map(quantity)));
      lines.push(sourceLine(article));
      var li = el("li", { className: "gn-entry" + (mod.key !== "asserted" ? " gn-weak" : "") }, lines);
      return li;
    }

    function precisionNote(p) {
      var label = D.precisions[String(p)];
      return p >= 2 && label ? " (" + (ctx.lang === "en" ? label[1] : label[0]) + ")" : "";
    }

    /** Claims of control, advance and attack per side, by month (or quarter over four years), as bars. */
    function timeline(rows) {
      var keys = ["control", "advance", "attack"];
      var wanted = D.claims.map(function (c) { return keys.indexOf(c.key) >= 0; });
      var dated = rows.filter(function (r) { return api.rowDay(r) >= 0 && wanted[claimOf(r)]; });
      var box = el("figure", { className: "gn-timeline" });
      if (dated.length < 2) return box;
      var month = function (r) { var d = D.days[api.rowDay(r)]; return (+d.slice(0, 4)) * 12 + (+d.slice(5, 7)) - 1; };
      var first = Infinity;
      var last = -Infinity;
      dated.forEach(function (r) { var m = month(r); if (m < first) first = m; if (m > last) last = m; });
      var step = last - first > 48 ? 3 : 1;
      var bins = Math.floor((last - first) / step) + 1;
      var per = [];
      for (var i = 0; i < bins; i++) per.push({});
      var top = 0;
      dated.forEach(function (r) {
        var b = Math.floor((month(r) - first) / step);
        var sd = sideOf(r);
        per[b][sd] = (per[b][sd] || 0) + 1;
      });
      per.forEach(function (bin) {
        var total = 0;
        Object.keys(bin).forEach(function (k) { total += bin[k]; });
        if (total > top) top = total;
      });
      var width = 320;
      var height = 54;
      var bw = width / bins;
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 " + width + " " + (height + 14));
      svg.setAttribute("width", "100%");
      svg.setAttribute("class", "gn-timeline-svg");
      svg.setAttribute("direction", "ltr"); // anchors are geometric; bars run right to left in Arabic
      svg.setAttribute("role", "img");
      var rtl = ctx.lang !== "en";
      per.forEach(function (bin, b) {
        var y = height;
        Object.keys(bin).sort().forEach(function (sd) {
          var h = (bin[sd] / top) * (height - 4);
          var rect = document.createElementNS(ns, "rect");
          var x = rtl ? width - (b + 1) * bw : b * bw;
          rect.setAttribute("x", (x + bw * 0.1).toFixed(1));
          rect.setAttribute("width", Math.max(1, bw * 0.8).toFixed(1));
          rect.setAttribute("y", (y - h).toFixed(1));
          rect.setAttribute("height", h.toFixed(1));
          rect.setAttribute("fill", api.sideColor(+sd));
          var tip = document.createElementNS(ns, "title");
          tip.textContent = geonews.label(ctx, D.sides[+sd]) + ": " + geonews.number(ctx, bin[sd]);
          rect.appendChild(tip);
          svg.appendChild(rect);
          y -= h;
        });
      });
      var label = function (m, anchorStart) {
        var text = document.createElementNS(ns, "text");
        var year = Math.floor(m / 12);
        var mon = (m % 12) + 1;
        text.textContent = geonews.date(ctx, year + "-" + (mon < 10 ? "0" : "") + mon + "-01", "month");
        var atStart = anchorStart !== rtl;
        text.setAttribute("x", atStart ? "0" : String(width));
        text.setAttribute("y", String(height + 12));
        text.setAttribute("text-anchor", atStart ? "start" : "end");
        text.setAttribute("class", "gn-axis");
        svg.appendChild(text);
      };
      label(first, true);
      if (last !== first) label(last, false);
      box.appendChild(el("figcaption", { text: t("timelineCaption") }));
      box.appendChild(svg);
      return box;
    }

    function contestedBox(p) {
      var rows = api.rowsOfPlace(p).filter(function (r) {
        var s = api.rowStatement(r);
        return D.claims[D.statements.c[s]].key === "control" && D.modalities[D.statements.m[s]].key === "asserted" &&
          D.roles[D.rows.ro[r]].key === "event" && D.sides[D.statements.sd[s]].key !== "unknown" && inPeriod(api.rowDay(r));
      });
      var bySide = {};
      rows.forEach(function (r) {
        var sd = sideOf(r);
        var day = api.rowDay(r);
        var e = bySide[sd] || (bySide[sd] = { n: 0, first: null, last: null });
        e.n += 1;
        if (day >= 0) {
          if (e.first === null || day < e.first) e.first = day;
          if (e.last === null || day > e.last) e.last = day;
        }
      });
      var items = Object.keys(bySide).map(function (sd) {
        var e = bySide[sd];
        var when = e.first === null ? t("undated") : e.first === e.last ? geonews.date(ctx, D.days[e.first])
          : geonews.date(ctx, D.days[e.first]) + " – " + geonews.date(ctx, D.days[e.last]);
        return el("li", {}, [
          el("span", { className: "gn-swatch", style: "background:" + api.sideColor(+sd) }),
          el("b", { text: geonews.label(ctx, D.sides[+sd]) }),
          " · " + geonews.number(ctx, e.n) + " " + t("controlClaims") + " · ",
          el("span", { className: "gn-when", text: when })
        ]);
      });
      return el("section", { className: "gn-contested-box" }, [
        el("h3", { text: "⚔ " + t("contestedPlace") }),
        el("p", { text: t("contestedExplain") }),
        el("ul", {}, items)
      ]);
    }

    function inPeriod(day) {
      return day < 0 || (day >= api.state.from && day <= api.state.to);
    }

    var story = {
      get open() { return !sheet.hidden; },
      get kind() { return current ? current.kind : null; },
      element: sheet,
      openPlace: function (p) {
        var rows = api.rowsOfPlace(p);
        var areas = [];
        rows.forEach(function (r) { var a = D.rows.ar[r]; if (a >= 0 && areas.indexOf(a) < 0) areas.push(a); });
        show("place", p, rows, function () { return api.placeName(p); }, areas);
        if (geonews.narrow(map)) keepVisible([D.places.lat[p], D.places.lon[p]]);
      },
      openCountry: function (code) {
        show("country", code, api.rowsOfCountry(code), function () {
          return (ctx.basemap ? ctx.basemap.countryName(code) : code) + " — " + t("wholeCountry");
        });
      },
      openRegion: function (p) {
        show("region", p, api.rowsOfPlace(p), function () { return api.placeName(p); });
      },
      openArea: function (a) {
        var rows = api.rowsOfArea(a);
        var p = rows.length ? api.rowPlace(rows[0]) : -1;
        show("area", a, rows, function () {
          var r = rows[0];
          var relation = r !== undefined && D.rows.r[r] >= 0 ? D.relations[D.rows.r[r]] : null;
          return (relation ? (ctx.lang === "en" ? relation[2] : relation[1]) + " " : "") + (p >= 0 ? api.placeName(p) : "");
        }, [a]);
      },
      openPlaces: function (places) {
        var set = {};
        places.forEach(function (p) { set[p] = true; });
        var rows = api.rowsWhere(function (r) { return set[api.rowPlace(r)] === true; });
        show("places", places, rows, function () {
          return geonews.number(ctx, places.length) + " " + t("placesHere");
        });
      },
      close: hide,
      redraw: draw,
      entries: function () {
        return Array.from(body.querySelectorAll(".gn-entry time")).map(function (n) { return n.getAttribute("datetime"); });
      }
    };

    function keepVisible(ll) {
      // on a phone the sheet covers the lower part: keep the place in the part above it
      window.requestAnimationFrame(function () {
        var size = map.getSize();
        var sheetTop = size.y - sheet.offsetHeight;
        var point = map.latLngToContainerPoint(ll);
        if (point.y > sheetTop - 40) map.panBy([0, point.y - sheetTop / 2], { animate: false });
      });
    }

    if (ctx.basemap) ctx.basemap.onCountry(function (code) { story.openCountry(code); });
    ctx.listeners.push(function () { if (current) draw(); });
    ctx.langListeners.push(function () { if (current) draw(); });
    ctx.story = story;
    return story;
  };
})();
