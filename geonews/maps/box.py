"""A box of HTML shown as a Leaflet control (the legend, the unresolved-places panel)."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

__all__ = ["HtmlBox"]


class HtmlBox(MacroElement):
    """Prepared, escaped HTML placed in a map corner by ``geonews.panel``.

    Parameters
    ----------
    html_for : callable
        ``html_for(element_id) -> str``: the box's HTML, with ``element_id`` as its id.
    name : str
        The element's name in the page.
    position : str
        A Leaflet control corner.
    """

    _template = Template("""
        {% macro html(this, kwargs) %}{{ this.html }}{% endmacro %}
        {% macro script(this, kwargs) %}
        geonews.panel({{ this._parent.get_name() }}, {{ this.element_id|tojson }}, {{ this.position|tojson }});
        {% endmacro %}
    """)

    def __init__(self, html_for, name: str, position: str):
        super().__init__()
        self._name = name
        self.element_id = f"{self.get_name()}_box"
        self.position = position
        self.html = html_for(self.element_id)
