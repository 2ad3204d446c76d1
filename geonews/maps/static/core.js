/* geonews map: shared helpers. Untrusted text is only ever written with textContent. */
(function () {
  "use strict";
  var geonews = (window.geonews = window.geonews || {});
  var contexts = [];

  /** Per-map registry: base layers, overlays and the claims layer's API. */
  geonews.context = function (map) {
    for (var i = 0; i < contexts.length; i++) {
      if (contexts[i].map === map) return contexts[i];
    }
    var ctx = { map: map, baseLayers: [], overlays: [], claims: null, listeners: [] };
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
      if (value === null || value === undefined) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "style") node.style.cssText = value;
      else node.setAttribute(key, String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };

  /** Escape text for the few places Leaflet takes HTML strings (layer control names). */
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

  /** An SVG path drawn white on a coloured disc (icons of claim types); path data is from the style table. */
  geonews.iconSvg = function (path, color, size) {
    var safePath = /^[MmLlHhVvCcSsQqTtAaZz0-9.,\s-]*$/.test(path) ? path : "";
    return (
      '<svg viewBox="0 0 24 24" width="' + size + '" height="' + size + '" aria-hidden="true">' +
      '<circle cx="12" cy="12" r="11" fill="' + geonews.color(color, "#607d8b") +
      '" stroke="#fff" stroke-width="1.6"/>' +
      '<path d="' + safePath + '" fill="#fff" transform="translate(4.2 4.2) scale(0.65)"/></svg>'
    );
  };

  /** Make a server-rendered element (hidden in the page body) a Leaflet control. */
  geonews.domControl = function (map, elementId, position) {
    var node = document.getElementById(elementId);
    if (!node) return null;
    var Control = L.Control.extend({
      onAdd: function () {
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        node.hidden = false;
        return node;
      },
      onRemove: function () {}
    });
    return new Control({ position: position }).addTo(map);
  };

  /** Call every listener registered for this map's claims layer (after each filter change). */
  geonews.notify = function (ctx) {
    ctx.listeners.forEach(function (fn) {
      fn(ctx.claims);
    });
  };
})();
