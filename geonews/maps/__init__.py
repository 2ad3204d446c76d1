"""Interactive maps of the statements frame that open offline (Leaflet via folium, every asset inlined)."""

from __future__ import annotations

__all__ = ["render_map"]


def render_map(frame, path=None, *, title: str | None = None) -> str:
    """Render the statements frame as one self-contained HTML page.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        One row per (statement, place) with the columns of ``geonews.schema.FRAME_COLUMNS``, in
        EPSG:4326 (another CRS is converted). Rows without a geometry are listed as unresolved.
    path : str or os.PathLike, optional
        Where to write the page. It is written atomically: a failure leaves no partial file.
    title : str, optional
        The map's title.

    Returns
    -------
    str
        The HTML page.
    """
    from geonews.maps.render import build_map, render_html, write_atomic

    html = render_html(build_map(frame, title=title))
    if path is not None:
        write_atomic(path, html)
    return html
