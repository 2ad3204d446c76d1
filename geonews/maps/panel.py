"""The one panel (title, search, filters that are the legend, period, larger regions, unresolved places,
base map) and the place stories; adding it last starts the map."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geonews.maps.payload import Payload, Unresolved
from geonews.maps.safe import json_script

__all__ = ["Panel", "panel_data"]


def _unresolved(entry: Unresolved) -> dict:
    item = {"p": entry.place_text, "x": list(entry.sentence), "r": entry.reason, "t": entry.title, "d": entry.date,
            "s": entry.source, "u": entry.url}
    return {key: value for key, value in item.items() if value is not None}


def panel_data(payload: Payload, title: str) -> dict:
    """What the panel shows besides the claims: the title, the unresolved places, the placeless count."""
    return {"title": title, "unresolved": [_unresolved(e) for e in payload.unresolved], "placeless": payload.placeless}


class Panel(MacroElement):
    """The panel and the story sheet; its script draws the claims and fits the view, so add it last.

    Parameters
    ----------
    payload : Payload
        The map's data.
    title : str
        The map's title (shown as text, never as markup).
    """

    _template = Template("""
        {% macro html(this, kwargs) %}{{ this.blob }}{% endmacro %}
        {% macro script(this, kwargs) %}
        geonews.start({{ this._parent.get_name() }}, {{ this.data_id|tojson }}, {});
        {% endmacro %}
    """)

    def __init__(self, payload: Payload, title: str):
        super().__init__()
        self._name = "GeonewsPanel"
        self.data_id = f"{self.get_name()}_data"
        self.blob = json_script(panel_data(payload, title), self.data_id)
