"""The layer control: base layers (offline countries, optional online tiles) and claim filters."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

__all__ = ["LayerControl"]


class LayerControl(MacroElement):
    """One overlay per claim type and one per actor side; unchecking one hides its claims.

    Add it after the basemap and the claims layer: it lists what they registered.

    Parameters
    ----------
    collapsed : bool
        Show the control folded (it opens on hover) instead of open.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        geonews.layerControl({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, collapsed: bool = False):
        super().__init__()
        self._name = "GeonewsLayerControl"
        self.options = {"collapsed": bool(collapsed)}
