"""Relations to areas: the shape a statement's place takes on the map, and its geo_precision.

``in``/``center`` keep the point; ``countryside`` (ريف X) is a ring around a town, without the
town; ``north``/``south``/``east``/``west`` and ``northeast``/``northwest``/``southeast``/``southwest`` (جنوب
غربي) are a sector on that side of a town (a quarter of the circle centred on the bearing), or the part
of a country's polygon on that side (a half; the quarter between two halves for a compound direction); ``near`` is a disc around the place. Areas are drawn with great-circle
distances and azimuths from the place on a sphere of the Earth's mean radius (within 0.5 % of the
ellipsoid: far finer than the areas' own precision; the same shapes as in a local azimuthal equidistant
projection, without building a projection per place) and stored in EPSG:4326.
geo_precision follows ACLED: 1 the place itself, 2 part of it or near it, 3 a larger region.
"""

from __future__ import annotations

import math

import numpy as np
from shapely.geometry import Point, Polygon, box

from gazetteer import Place

from .countries import country_shape

__all__ = ["town_radius_km", "area_for"]

_LARGE = frozenset({"continent", "region", "country", "admin1", "water", "terrain"})
_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}
#: How far the countryside, a side sector or "near" reaches beyond a town's own radius (km).
COUNTRYSIDE_KM, SECTOR_KM, NEAR_KM = 25.0, 25.0, 15.0


def town_radius_km(population: int | None) -> float:
    """Rough radius of a built-up area from its population (1.5 km for a village, ~15 km for 1M)."""
    return max(1.5, min(25.0, 1.5 * math.sqrt(max(population or 0, 1_000) / 10_000)))


#: Mean radius of the Earth (IUGG), metres.
EARTH_RADIUS_M = 6_371_008.8
#: Vertices of a full circle and of a side sector's arc.
_CIRCLE_STEPS, _SECTOR_STEPS = 256, 24


def _around(place: Place, azimuths, distances_m) -> list[tuple[float, float]]:
    """(lon, lat) of the points at the given azimuths (degrees from north) and geodesic distances
    from a place; longitudes kept continuous across the antimeridian."""
    theta = np.radians(np.asarray(azimuths, dtype=float))
    delta = np.asarray(distances_m, dtype=float) / EARTH_RADIUS_M  # angular distance
    phi, lam = math.radians(place.latitude), math.radians(place.longitude)
    lat = np.arcsin(np.clip(math.sin(phi) * np.cos(delta) + math.cos(phi) * np.sin(delta) * np.cos(theta), -1, 1))
    lon = lam + np.arctan2(np.sin(theta) * np.sin(delta) * math.cos(phi),
                           np.cos(delta) - math.sin(phi) * np.sin(lat))
    lats = np.degrees(lat)
    lons = place.longitude + (np.degrees(lon) - place.longitude + 180.0) % 360.0 - 180.0
    return list(zip(lons.tolist(), lats.tolist()))


def _circle(place: Place, radius_m: float) -> list[tuple[float, float]]:
    return _around(place, np.linspace(0.0, 360.0, _CIRCLE_STEPS, endpoint=False), radius_m)


def _sector(place: Place, radius_m: float, bearing: float, inner_m: float = 0.0) -> Polygon:
    """The quarter around ``bearing`` between ``inner_m`` and ``radius_m`` from the place."""
    azimuths = np.linspace(bearing - 45.0, bearing + 45.0, _SECTOR_STEPS + 1)
    outer = _around(place, azimuths, radius_m)
    inner = _around(place, azimuths[::-1], inner_m) if inner_m else [(place.longitude, place.latitude)]
    return Polygon(outer + inner)


def _side_of(geometry, bearing: float):
    """The part of a (WGS84) polygon on one side of its centre: a half for north/east/south/west, the
    quarter between two halves for northeast, southeast, southwest, northwest."""
    c = geometry.centroid
    minx, miny, maxx, maxy = geometry.bounds
    halves = {0.0: box(minx, c.y, maxx, maxy), 180.0: box(minx, miny, maxx, c.y),
              90.0: box(c.x, miny, maxx, maxy), 270.0: box(minx, miny, c.x, maxy)}
    if bearing in halves:
        return geometry.intersection(halves[bearing])
    north_south = 0.0 if bearing in (45.0, 315.0) else 180.0
    east_west = 90.0 if bearing in (45.0, 135.0) else 270.0
    return geometry.intersection(halves[north_south].intersection(halves[east_west]))


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
    if relation == "countryside":
        area = Polygon(_circle(place, radius + COUNTRYSIDE_KM * 1000.0), [_circle(place, radius)])
    elif relation in _BEARINGS:
        area = _sector(place, radius + SECTOR_KM * 1000.0, _BEARINGS[relation], inner_m=radius * 0.5)
    elif relation == "near":
        area = Polygon(_circle(place, radius + NEAR_KM * 1000.0))
    else:
        raise ValueError(f"Expected a relation among in, center, countryside, near and the eight directions; "
                         f"instead got: {relation!r}.")
    land = country_shape(place.country_code)
    if land is not None and relation != "near":
        clipped = area.intersection(land)  # the countryside of a coastal town is not the sea
        if not clipped.is_empty and clipped.area > 0.2 * area.area:
            area = clipped
    return area, (3 if large else 2)
