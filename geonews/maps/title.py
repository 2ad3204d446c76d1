"""The title bar: the map's title, what it holds, and how much of it is shown."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geonews.maps.payload import Payload
from geonews.maps.safe import escape

__all__ = ["DEFAULT_TITLE", "TitleBar"]

DEFAULT_TITLE = "geonews · خريطة الادعاءات"


class TitleBar(MacroElement):
    """A box at the top centre of the map.

    Parameters
    ----------
    payload : Payload
        The map's data (for the counts).
    title : str
        The title (escaped here).
    """

    _template = Template("""
        {% macro html(this, kwargs) %}{{ this.html }}{% endmacro %}
        {% macro script(this, kwargs) %}
        geonews.titleBar({{ this._parent.get_name() }}, {{ this.element_id|tojson }});
        {% endmacro %}
    """)

    def __init__(self, payload: Payload, title: str = DEFAULT_TITLE):
        super().__init__()
        self._name = "GeonewsTitle"
        self.element_id = f"{self.get_name()}_box"
        data = payload.data
        places = len({data["places"][row["pl"]].get("id") or row["pl"] for row in data["rows"]})
        summary = (f'{payload.markers} ادعاءً في {places} مكاناً · {len(data["articles"])} مقالاً'
                   f' · {len(payload.unresolved)} غير محدد')
        self.html = (
            f'<div id="{self.element_id}" class="geonews-box geonews-title" dir="rtl" lang="ar" hidden>'
            f'<h1>{escape(title)}</h1><div class="gn-sub">{escape(summary)} · <span class="gn-shown"></span></div>'
            "</div>"
        )
