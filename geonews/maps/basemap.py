"""The offline basemap: country polygons with Arabic names (tinted by the statements about a whole country),
town, city and water names, plus optional online tiles.

The polygons are the country shapes of :mod:`geonews.geometry.countries` (``geonews/data/countries.geojson``,
built by ``python -m geonews.geometry.build_countries`` from Natural Earth); the names come from the bundled
gazetteer (:mod:`geonews.maps.labels`). Online tile layers from ``xyzservices`` are only offered in the
panel; the page requests no tile unless the user switches one on.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

from branca.element import MacroElement
from folium.template import Template

from geonews.geometry.countries import countries_geojson
from geonews.maps.labels import basemap_labels
from geonews.maps.safe import json_script

__all__ = ["BASE_NAME", "Basemap", "basemap_geojson", "online_tiles"]

#: Name of the offline base layer in the layer control.
BASE_NAME = ("الدول (دون اتصال)", "countries, offline")
LAND = "#f4f1ea"
BORDER = "#a8a196"
#: Countries with statements about the whole country are tinted towards this colour (more, darker).
TINT = "#c9b48a"
#: xyzservices providers offered as optional online base layers (those needing no key).
ONLINE_PROVIDERS = (("OpenStreetMap.Mapnik", ("خريطة الشوارع (إنترنت)", "OSM, online")),
                    ("Esri.WorldImagery", ("صور فضائية (إنترنت)", "Esri, online")))


@lru_cache(maxsize=1)
def basemap_geojson() -> str:
    """The basemap GeoJSON text shipped with geonews."""
    return countries_geojson()


def online_tiles() -> list[dict]:
    """Optional online tile layers from ``xyzservices`` (empty when it is not installed)."""
    try:
        import xyzservices.providers as providers
    except ImportError:
        return []
    tiles = []
    for path, label in ONLINE_PROVIDERS:
        provider = providers
        try:
            for part in path.split("."):
                provider = provider[part]
            if provider.requires_token():
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                url = provider.build_url(fill_subdomain=False, scale_factor="{r}")
        except (KeyError, AttributeError, ValueError):
            continue
        if not url.startswith("https://"):
            continue
        subdomains = provider.get("subdomains", "abc")
        tiles.append({
            "name": list(label),
            "url": url,
            "attribution": provider.html_attribution,
            "maxZoom": int(provider.get("max_zoom", 19)),
            "subdomains": subdomains if isinstance(subdomains, str) else "".join(subdomains),
        })
    return tiles


class Basemap(MacroElement):
    """Draws the offline countries and names as the default base layer; registers online tiles as options.

    Parameters
    ----------
    view : [[south, west], [north, east]] or None
        The map's opening view: every town with a name near it is labelled (:func:`basemap_labels`).
    tiles : bool
        Offer the ``xyzservices`` online layers in the panel (never shown by default).
    """

    _template = Template("""
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.data_id }}">{{ this.geojson }}</script>
        {{ this.labels }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geonews.basemap({{ this._parent.get_name() }}, {{ this.data_id|tojson }}, {{ this.labels_id|tojson }},
            {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, view=None, tiles: bool = True):
        super().__init__()
        self._name = "GeonewsBasemap"
        self.data_id = f"{self.get_name()}_data"
        self.labels_id = f"{self.get_name()}_labels"
        text = basemap_geojson()
        if "<" in text:  # package data; JSON escapes keep it inert in a <script> element
            text = text.replace("<", "\\u003c")
        self.geojson = text
        self.labels = json_script(basemap_labels(view), self.labels_id)
        self.options = {
            "name": list(BASE_NAME),
            "attribution": "Natural Earth, GeoNames",
            "style": {"land": LAND, "border": BORDER, "tint": TINT},
            "tiles": online_tiles() if tiles else [],
        }
