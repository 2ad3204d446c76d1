"""The claims layer: the statements frame's data blob and the script that draws and filters it."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geonews.maps.payload import Payload
from geonews.maps.safe import json_script

__all__ = ["CLUSTER_THRESHOLD", "ClaimsLayer"]

#: Above this many markers, markers cluster by proximity; at or below it only overlapping ones do.
CLUSTER_THRESHOLD = 50


class ClaimsLayer(MacroElement):
    """Markers (one per row with a geometry), areas, popups, filters and contested places.

    Parameters
    ----------
    payload : Payload
        The frame's data (:func:`geonews.maps.payload.build_payload`).
    fit_max_zoom : int
        Zoom limit when fitting the view to the data.

    Notes
    -----
    The page exposes the layer's API as ``window.geonewsMap`` (counts ``markers``, ``areas``,
    ``visible``; ``setPeriod``, ``setClaimVisible``, ``setSideVisible``, ``contested()``).
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

    def __init__(self, payload: Payload, fit_max_zoom: int = 9):
        super().__init__()
        self._name = "GeonewsClaims"
        self.data_id = f"{self.get_name()}_data"
        self.blob = json_script(payload.data, self.data_id)
        self.options = {"clusterThreshold": CLUSTER_THRESHOLD, "fitMaxZoom": fit_max_zoom}
