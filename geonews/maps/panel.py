"""The side panel of place mentions the map cannot draw (unresolved places), so none is lost."""

from __future__ import annotations

from geonews.maps.box import HtmlBox
from geonews.maps.payload import Payload, Unresolved
from geonews.maps.safe import escape

__all__ = ["UnresolvedPanel", "panel_html"]


def _item(entry: Unresolved) -> str:
    before, name, after = entry.sentence
    sentence = escape(before) + (f"<mark>{escape(name)}</mark>" if name else "") + escape(after)
    source = escape(entry.source or "")
    if entry.url:
        source = (f'<a href="{escape(entry.url)}" target="_blank" rel="noopener noreferrer nofollow">'
                  f'{source or escape(entry.url)}</a>')
    meta = " · ".join(part for part in (escape(entry.title or ""), escape(entry.date or ""), source) if part)
    return (
        f'<li><b class="gn-place">{escape(entry.place_text or "—")}</b> '
        f'<span class="gn-reason">{escape(entry.reason or "لم يُحدَّد موقعه · unresolved")}</span>'
        f'<q>{sentence}</q>'
        + (f'<div class="gn-src">{meta}</div>' if meta else "")
        + "</li>"
    )


def panel_html(payload: Payload, element_id: str) -> str:
    """The panel's HTML, every piece of article text escaped."""
    items = "".join(_item(entry) for entry in payload.unresolved)
    note = ""
    if payload.placeless:
        note = (f'<p class="gn-note">و{payload.placeless} تصريحاً بلا مكان مذكور · '
                f'{payload.placeless} statements name no place</p>')
    return (
        f'<div id="{element_id}" class="geonews-box geonews-panel" dir="rtl" lang="ar" hidden>'
        f'<details open><summary>أماكن لم يُحدَّد موقعها ({len(payload.unresolved)}) '
        '<small>unresolved places</small></summary>'
        f'<ol>{items}</ol>{note}</details></div>'
    )


class UnresolvedPanel(HtmlBox):
    """The unresolved places as a Leaflet control (place name, its sentence, the reason).

    Parameters
    ----------
    payload : Payload
        The map's data.
    position : str
        A Leaflet control corner.
    """

    def __init__(self, payload: Payload, position: str = "topleft"):
        super().__init__(lambda element_id: panel_html(payload, element_id), "GeonewsUnresolved", position)
