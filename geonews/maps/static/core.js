/* geonews map: shared helpers. Untrusted text is only ever written with textContent. */
(function () {
  "use strict";
  var geonews = (window.geonews = window.geonews || {});
  var contexts = [];

  /** Per-map registry: base layers, the basemap, the claims layer's API, the UI strings, listeners. */
  geonews.context = function (map) {
    for (var i = 0; i < contexts.length; i++) {
      if (contexts[i].map === map) return contexts[i];
    }
    var ctx = { map: map, baseLayers: [], basemap: null, claims: null, strings: {}, lang: "ar", listeners: [],
      langListeners: [] };
    contexts.push(ctx);
    return ctx;
  };

  /** Parse the JSON of a <script type="application/json"> element. */
  geonews.readJSON = function (id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  };

  /** Create an element: el("span", {className: "x", dir: "rtl", text: "..."}, [children]). */
  geonews.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    attrs = attrs || {};
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "style") node.style.cssText = value;
      else node.setAttribute(key, String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "" || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };

  /** Escape text for the few places Leaflet takes HTML strings (div icons). */
  geonews.escapeHtml = function (text) {
    return String(text === null || text === undefined ? "" : text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  };

  /** An http(s) URL, or null. */
  geonews.safeUrl = function (url) {
    return typeof url === "string" && /^https?:\/\/[^\s<>"'`\\]+$/i.test(url) ? url : null;
  };

  /** A CSS hex colour, or the fallback. */
  geonews.color = function (value, fallback) {
    return typeof value === "string" && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : fallback;
  };

  /** Whether text drawn on `color` should be dark (the colour is light) rather than white. */
  geonews.isLight = function (color) {
    var hex = geonews.color(color, "#607d8b").slice(1);
    if (hex.length === 3) hex = hex[0] + hex[0] + hex[1] + hex[1] + hex[2] + hex[2];
    var channel = function (i) {
      var c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    var luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    return luminance > 0.3;
  };

  /** An SVG path from the style table, checked to hold only path commands and numbers. */
  geonews.safePath = function (path) {
    return /^[MmLlHhVvCcSsQqTtAaZz0-9.,\s-]*$/.test(path || "") ? path : "";
  };

  /** A claim-type glyph: the path drawn in `fg` on a disc of `color` (omitted when null). */
  geonews.iconSvg = function (path, color, size, fg) {
    var disc = color
      ? '<circle cx="12" cy="12" r="11" fill="' + geonews.color(color, "#607d8b") + '" stroke="#fff" stroke-width="1.6"/>'
      : "";
    var scale = color ? ' transform="translate(4.2 4.2) scale(0.65)"' : "";
    return (
      '<svg viewBox="0 0 24 24" width="' + size + '" height="' + size + '" aria-hidden="true">' + disc +
      '<path d="' + geonews.safePath(path) + '" fill="' + geonews.color(fg, "#ffffff") + '"' + scale + "/></svg>"
    );
  };

  /** The UI string `key` in the page's language (strings come from the page's data). */
  geonews.t = function (ctx, key) {
    var entry = ctx.strings[key];
    if (!entry) return key;
    return ctx.lang === "en" ? entry[1] : entry[0];
  };

  /** A label pair [ar, en] or an object {ar, en} in the page's language (English falls back to Arabic). */
  geonews.label = function (ctx, item) {
    if (!item) return "";
    var ar = Array.isArray(item) ? item[0] : item.ar;
    var en = Array.isArray(item) ? item[1] : item.en;
    return ctx.lang === "en" ? en || ar || "" : ar || "";
  };

  var numberFormats = {};
  /** A number in the reader's language (Arabic-Indic digits in Arabic). */
  geonews.number = function (ctx, value) {
    var lang = ctx.lang === "en" ? "en" : "ar";
    if (!numberFormats[lang]) numberFormats[lang] = new Intl.NumberFormat(lang === "en" ? "en-GB" : "ar-u-nu-arab");
    return numberFormats[lang].format(value);
  };

  var dateFormats = {};
  /** A YYYY-MM-DD day as a date in the reader's language ("٦ مايو ٢٠١٨", "6 May 2018"). */
  geonews.date = function (ctx, day, style) {
    if (!day) return "";
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    if (!m) return "";
    var lang = ctx.lang === "en" ? "en-GB" : "ar-u-nu-arab";
    var key = lang + (style || "long");
    if (!dateFormats[key]) {
      var options = style === "month" ? { month: "short", year: "numeric", timeZone: "UTC" }
        : { day: "numeric", month: style === "short" ? "short" : "long", year: "numeric", timeZone: "UTC" };
      dateFormats[key] = new Intl.DateTimeFormat(lang, options);
    }
    return dateFormats[key].format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  };

  var FOLD = [
    [/[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c-\u200f]/g, ""],
    [/[\u0622\u0623\u0625\u0671]/g, "\u0627"],
    [/\u0649/g, "\u064A"],
    [/\u0629/g, "\u0647"],
    [/\u0624/g, "\u0648"],
    [/\u0626/g, "\u064A"],
    [/[\u06CC]/g, "\u064A"],
    [/[\u06A9]/g, "\u0643"]
  ];
  /** Text folded for search: Arabic letter variants and marks, Latin case and accents. */
  geonews.fold = function (text) {
    var out = String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    FOLD.forEach(function (rule) { out = out.replace(rule[0], rule[1]); });
    return out.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  };

  /** Switch the page's language; listeners re-render what they wrote. */
  geonews.setLanguage = function (ctx, lang) {
    ctx.lang = lang === "en" ? "en" : "ar";
    var root = ctx.map.getContainer();
    root.setAttribute("data-lang", ctx.lang);
    document.documentElement.setAttribute("lang", ctx.lang);
    ctx.langListeners.forEach(function (fn) { fn(ctx.lang); });
  };

  /** Call every listener registered for this map's claims layer (after each filter change). */
  geonews.notify = function (ctx) {
    ctx.listeners.forEach(function (fn) {
      fn(ctx.claims);
    });
  };

  /** Whether the map is laid out for a narrow (phone) screen (read once, then on each resize: reading
   * the layout between DOM changes would force the browser to lay the page out again). */
  geonews.narrow = function (map) {
    if (map._geonewsNarrow === undefined) {
      var update = function () { map._geonewsNarrow = map.getSize().x < 700; };
      update();
      map.on("resize", update);
    }
    return map._geonewsNarrow;
  };
})();
