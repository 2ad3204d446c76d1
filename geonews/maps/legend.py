"""The legend: claim type icons, side colours, areas and contested places."""

from __future__ import annotations

from geonews.maps.box import HtmlBox
from geonews.maps.payload import Payload
from geonews.maps.safe import escape
from geonews.maps.styles import is_color

__all__ = ["Legend", "icon_svg"]


def icon_svg(path: str, color: str, size: int = 18) -> str:
    """A claim-type icon as inline SVG: the path drawn white on a disc of ``color``."""
    color = color if is_color(color) else "#607d8b"
    return (f'<svg viewBox="0 0 24 24" width="{size}" height="{size}" aria-hidden="true">'
            f'<circle cx="12" cy="12" r="11" fill="{color}" stroke="#fff" stroke-width="1.6"/>'
            f'<path d="{escape(path)}" fill="#fff" transform="translate(4.2 4.2) scale(0.65)"/></svg>')


def legend_html(payload: Payload, element_id: str) -> str:
    """The legend's HTML (every label escaped)."""
    data = payload.data
    claims = "".join(
        f'<li>{icon_svg(c["icon"], "#455a64")}<span>{escape(c["ar"])}</span>'
        f'<span class="gn-en" dir="ltr">{escape(c["en"])}</span></li>'
        for c in data["claims"]
    )
    sides = "".join(
        f'<li><span class="gn-swatch" style="background:{s["color"] if is_color(s["color"]) else "#607d8b"}"></span>'
        f'<span>{escape(s["ar"])}</span><span class="gn-en" dir="ltr">{escape(s["en"])}</span></li>'
        for s in data["sides"]
    )
    symbols = []
    if payload.areas:
        symbols.append('<li><span class="gn-area-swatch"></span><span>منطقة (ريف، جنوب، شمال…)</span>'
                       '<span class="gn-en" dir="ltr">area</span></li>')
        symbols.append('<li><span class="gn-area-swatch gn-dashed"></span><span>منطقة أوسع (دقة 3)</span>'
                       '<span class="gn-en" dir="ltr">larger region</span></li>')
    symbols.append('<li><span class="gn-contested-swatch"></span><span>مكان متنازع عليه</span>'
                   '<span class="gn-en" dir="ltr">contested</span></li>')
    return (
        f'<div id="{element_id}" class="geonews-box geonews-legend" dir="rtl" lang="ar" hidden>'
        '<details open><summary>دليل الخريطة <small>legend</small></summary>'
        f'<h5>نوع الادعاء · claim type</h5><ul>{claims}</ul>'
        f'<h5>الطرف · side</h5><ul>{sides}</ul>'
        f'<h5>رموز · symbols</h5><ul class="gn-one-col">{"".join(symbols)}</ul>'
        '</details></div>'
    )


class Legend(HtmlBox):
    """The legend as a Leaflet control.

    Parameters
    ----------
    payload : Payload
        The map's data; only the claim types and sides present are listed.
    position : str
        A Leaflet control corner.
    """

    def __init__(self, payload: Payload, position: str = "bottomright"):
        super().__init__(lambda element_id: legend_html(payload, element_id), "GeonewsLegend", position)
