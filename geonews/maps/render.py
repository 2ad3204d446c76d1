"""Assemble the map: a folium map without online assets, the basemap, the claims, the panel and the stories."""

from __future__ import annotations

from pathlib import Path

from geonews.files import replacing
from geonews.maps.assets import InlineAssets
from geonews.maps.basemap import Basemap
from geonews.maps.claims import ClaimsLayer
from geonews.maps.panel import Panel
from geonews.maps.payload import build_payload
from geonews.maps.strings import PageSetup

__all__ = ["DEFAULT_TITLE", "MAX_ZOOM", "build_map", "render_html", "write_atomic"]

MAX_ZOOM = 18
DEFAULT_TITLE = "خريطة الادعاءات"


def build_map(frame, *, title: str | None = None, online_tiles: bool = True):
    """A ``folium.Map`` of the statements frame whose page needs no network.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        One row per (statement, place), columns of ``geonews.schema.FRAME_COLUMNS`` (``modality`` and
        ``role`` read when present).
    title : str, optional
        Shown at the top of the panel and as the page title.
    online_tiles : bool
        Offer online tile layers (``xyzservices``) in the panel; never shown by default.

    Returns
    -------
    folium.Map
    """
    import folium

    payload = build_payload(frame)
    title = title or DEFAULT_TITLE
    fmap = folium.Map(location=None, tiles=None, zoom_start=2, control_scale=False, prefer_canvas=False,
                      zoom_control=False, maxZoom=MAX_ZOOM, minZoom=2, worldCopyJump=True)
    # change the instance's lists, never the class's (that would change every later folium map)
    fmap.default_js = []
    fmap.default_css = []
    fmap.get_root().header.add_child(InlineAssets(title), name="geonews_assets")
    fmap.get_root().header.add_child(
        folium.Element('<meta name="viewport" content="width=device-width, initial-scale=1.0">'), name="viewport")

    PageSetup().add_to(fmap)
    Basemap(view=payload.data["view"], tiles=online_tiles).add_to(fmap)
    ClaimsLayer(payload).add_to(fmap)
    Panel(payload, title).add_to(fmap)
    return fmap


def render_html(fmap) -> str:
    """The map's complete HTML page."""
    html = fmap.get_root().render()
    return html.replace("<html>", '<html lang="ar">', 1)


def write_atomic(path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder (:func:`geonews.files.replacing`)."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
