"""Relations to areas: the shape a statement's place takes on the map, and its geo_precision.

``in``/``center`` keep the point; ``countryside`` (ريف X) is a ring around a town, without the
town; ``north``/``south``/``east``/``west`` are a sector on that side of a town, or the part of a
country's polygon on that side; ``near`` is a disc around the place. Areas are built in a local
azimuthal equidistant projection (metres) centred on the place and stored in EPSG:4326.
geo_precision follows ACLED: 1 the place itself, 2 part of it or near it, 3 a larger region.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, Polygon, box, shape

from gazetteer import Place

__all__ = ["town_radius_km", "area_for", "country_shape"]

_LARGE = frozenset({"continent", "region", "country", "admin1", "water", "terrain"})
_BEARINGS = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
#: How far the countryside, a side sector or "near" reaches beyond a town's own radius (km).
COUNTRYSIDE_KM, SECTOR_KM, NEAR_KM = 25.0, 25.0, 15.0


def town_radius_km(population: int | None) -> float:
    """Rough radius of a built-up area from its population (1.5 km for a village, ~15 km for 1M)."""
    return max(1.5, min(25.0, 1.5 * math.sqrt(max(population or 0, 1_000) / 10_000)))


@functools.lru_cache(maxsize=1024)  # ~30 kB each
def _to_wgs(lat: float, lon: float):
    """From the local azimuthal equidistant frame centred on (lat, lon), in metres, to WGS84 (x, y).

    Only this direction is built: areas are drawn around (0, 0), the place itself, so the forward
    transformer was never used (building a transformer is most of the cost of an area)."""
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs")
    return Transformer.from_crs(local, 4326, always_xy=True).transform


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, object]:
    try:
        path = resources.files("geonews.data").joinpath("basemap.geojson")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return {}
    out = {}
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = props.get("iso_a2") or props.get("ISO_A2_EH") or props.get("iso")
        if code and feature.get("geometry"):
            out[code] = shapely.make_valid(shape(feature["geometry"]))
    return out


def country_shape(code: str | None):
    """A country's (simplified) polygon from the basemap, or ``None``."""
    return _countries().get(code) if code else None


def _sector(radius_m: float, bearing: float, inner_m: float = 0.0) -> Polygon:
    steps = 24
    angles = [math.radians(bearing - 45 + 90 * k / steps) for k in range(steps + 1)]
    outer = [(radius_m * math.sin(a), radius_m * math.cos(a)) for a in angles]
    inner = [(inner_m * math.sin(a), inner_m * math.cos(a)) for a in reversed(angles)] if inner_m else [(0, 0)]
    return Polygon(outer + inner)


def _side_of(geometry, bearing: float):
    """The part of a (WGS84) polygon on one side of its centre."""
    c = geometry.centroid
    minx, miny, maxx, maxy = geometry.bounds
    half = {0.0: box(minx, c.y, maxx, maxy), 180.0: box(minx, miny, maxx, c.y),
            90.0: box(c.x, miny, maxx, maxy), 270.0: box(minx, miny, c.x, maxy)}[bearing]
    return geometry.intersection(half)


def area_for(place: Place, relation: str, extent_km: float | None = None) -> tuple[object, int]:
    """(geometry in EPSG:4326, geo_precision) for a place under a relation."""
    point = Point(place.longitude, place.latitude)
    large = place.feature in _LARGE
    if relation in ("in", "center"):
        return point, (3 if large and relation == "in" else 1)
    if relation in _BEARINGS and place.feature == "country":
        polygon = country_shape(place.country_code)
        if polygon is not None:
            return _side_of(polygon, _BEARINGS[relation]), 3
    radius = (extent_km or (60.0 if large else town_radius_km(place.population))) * 1000.0
    to_wgs = _to_wgs(place.latitude, place.longitude)
    if relation == "countryside":
        local = Point(0, 0).buffer(radius + COUNTRYSIDE_KM * 1000.0, 64).difference(Point(0, 0).buffer(radius, 64))
    elif relation in _BEARINGS:
        local = _sector(radius + SECTOR_KM * 1000.0, _BEARINGS[relation], inner_m=radius * 0.5)
    elif relation == "near":
        local = Point(0, 0).buffer(radius + NEAR_KM * 1000.0, 64)
    else:
        raise ValueError(f"Expected a relation among in, center, countryside, north, south, east, west, near; "
                         f"instead got: {relation!r}.")
    area = shapely.transform(local, lambda xy: np.column_stack(to_wgs(xy[:, 0], xy[:, 1])))
    land = country_shape(place.country_code)
    if land is not None and relation != "near":
        clipped = area.intersection(land)  # the countryside of a coastal town is not the sea
        if not clipped.is_empty and clipped.area > 0.2 * area.area:
            area = clipped
    return area, (3 if large else 2)
