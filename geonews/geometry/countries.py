"""Country shapes: the asset ``geonews/data/countries.geojson`` (Natural Earth 10m admin-0, simplified, with
Arabic names; built by ``python -m geonews.geometry.build_countries``), read by the areas (the part of a
country on one side, the land a countryside is clipped to) and by the map's offline basemap.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import shapely
from shapely.geometry import shape

__all__ = ["COUNTRIES_FILE", "countries_geojson", "country_shape"]

#: The asset, in ``geonews/data``.
COUNTRIES_FILE = "countries.geojson"


def countries_geojson() -> str:
    """The asset's text (a GeoJSON FeatureCollection, one feature per country)."""
    return resources.files("geonews.data").joinpath(COUNTRIES_FILE).read_text(encoding="utf-8").strip()


@functools.lru_cache(maxsize=1)
def _country_geometries() -> dict[str, dict]:
    """Country code -> its GeoJSON geometry in the asset (parsed once; shapes are built on demand)."""
    try:
        data = json.loads(countries_geojson())
    except (FileNotFoundError, OSError, ValueError):
        return {}
    out = {}
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = props.get("iso_a2") or props.get("ISO_A2_EH") or props.get("iso")
        if code and feature.get("geometry"):
            out[code] = feature["geometry"]  # the last feature of a code, as ever
    return out


@functools.lru_cache(maxsize=None)  # one per country named
def country_shape(code: str | None):
    """A country's (simplified) polygon from the asset, or ``None``."""
    geometry = _country_geometries().get(code) if code else None
    return shapely.make_valid(shape(geometry)) if geometry else None
