/* geonews map: layer control, time control, and the panels rendered by the page (legend, title, unresolved). */
(function () {
  "use strict";
  var geonews = window.geonews;

  /** The layer control: base layers (offline countries, optional online tiles) and the claim filters. */
  geonews.layerControl = function (map, options) {
    var ctx = geonews.context(map);
    var base = {};
    ctx.baseLayers.forEach(function (item) {
      var name = '<span class="gn-base">' + geonews.escapeHtml(item.name[0]);
      if (item.name[1]) name += ' <bdi class="gn-en" dir="ltr">' + geonews.escapeHtml(item.name[1]) + "</bdi>";
      base[name + "</span>"] = item.layer;
    });
    var overlays = {};
    ctx.overlays.forEach(function (item) {
      overlays[item.html] = item.layer;
    });
    var control = L.control.layers(base, overlays, {
      collapsed: options.collapsed,
      position: "topright",
      sortLayers: false
    }).addTo(map);
    control.getContainer().classList.add("geonews-layers");
    control.getContainer().setAttribute("dir", "rtl");
    return control;
  };

  /** A server-rendered panel (legend, unresolved places) as a control. */
  geonews.panel = function (map, elementId, position) {
    return geonews.domControl(map, elementId, position);
  };

  /** The title bar: static text from the page, and the live count of what is shown. */
  geonews.titleBar = function (map, elementId) {
    var ctx = geonews.context(map);
    var node = document.getElementById(elementId);
    if (!node) return;
    map.getContainer().appendChild(node);
    L.DomEvent.disableClickPropagation(node);
    node.hidden = false;
    var shown = node.querySelector(".gn-shown");
    var update = function (claims) {
      if (shown && claims) {
        shown.textContent = "المعروض: " + claims.visible.markers + " من " + claims.markers;
      }
    };
    ctx.listeners.push(update);
    update(ctx.claims);
  };

  /** The period filter: two sliders over the articles' days. */
  geonews.timeControl = function (map, elementId) {
    var ctx = geonews.context(map);
    var node = document.getElementById(elementId);
    if (!node) return null;
    var days = JSON.parse(node.getAttribute("data-days") || "[]");
    if (!days.length) return null;
    var from = node.querySelector("input.gn-from");
    var to = node.querySelector("input.gn-to");
    var fromLabel = node.querySelector(".gn-from-label");
    var toLabel = node.querySelector(".gn-to-label");
    var count = node.querySelector(".gn-time-count");
    var reset = node.querySelector("button.gn-reset");
    [from, to].forEach(function (input) {
      input.min = 0;
      input.max = days.length - 1;
      input.step = 1;
    });
    from.value = 0;
    to.value = days.length - 1;

    var pending = false;
    function apply(moved) {
      var a = Number(from.value);
      var b = Number(to.value);
      if (a > b) {
        if (moved === from) to.value = a;
        else from.value = b;
        a = Number(from.value);
        b = Number(to.value);
      }
      fromLabel.textContent = days[a];
      toLabel.textContent = days[b];
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        if (ctx.claims) ctx.claims.setPeriod(days[Number(from.value)], days[Number(to.value)]);
      });
    }
    from.addEventListener("input", function () { apply(from); });
    to.addEventListener("input", function () { apply(to); });
    reset.addEventListener("click", function () {
      from.value = 0;
      to.value = days.length - 1;
      apply(null);
    });
    ctx.listeners.push(function (claims) {
      if (count && claims) count.textContent = claims.visible.markers + " / " + claims.markers;
    });
    apply(null);
    return geonews.domControl(map, elementId, "bottomleft");
  };
})();
