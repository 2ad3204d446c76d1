"""The claims layer: the statements frame's data blob and the script that counts, clusters and draws it."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geonews.maps.payload import Payload
from geonews.maps.safe import json_script

__all__ = ["CLUSTER_MAX_ZOOM", "CLUSTER_RADIUS", "ClaimsLayer"]

#: Places closer than this many pixels are grouped (supercluster's radius).
CLUSTER_RADIUS = 64
#: Above this zoom every place is drawn on its own.
CLUSTER_MAX_ZOOM = 12


class ClaimsLayer(MacroElement):
    """Place markers and their clusters, areas as outlines, country tints, contested places.

    Parameters
    ----------
    payload : Payload
        The frame's data (:func:`geonews.maps.payload.build_payload`).
    place_zoom : int
        The closest zoom the opening view fits to.

    Notes
    -----
    The page exposes the layer's API as ``window.geonewsMap``: counts (``rows``, ``statements``, ``places``,
    ``visible``), filters (``setClaimVisible``, ``setSideVisible``, ``setModalityVisible``,
    ``setRoleVisible``, ``setPeriod``, ``setActor``), ``contested()``, ``focusPlace``, ``drawn()``, and
    ``timings`` (milliseconds to parse, to first draw, of the last filter change).
    """

    _template = Template("""
        {% macro html(this, kwargs) %}
        {{ this.blob }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        window.geonewsMap = geonews.claims({{ this._parent.get_name() }}, {{ this.data_id|tojson }},
            {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, payload: Payload, place_zoom: int = 10):
        super().__init__()
        self._name = "GeonewsClaims"
        self.data_id = f"{self.get_name()}_data"
        self.blob = json_script(payload.data, self.data_id)
        self.options = {"clusterRadius": CLUSTER_RADIUS, "clusterMaxZoom": CLUSTER_MAX_ZOOM, "placeZoom": place_zoom}
