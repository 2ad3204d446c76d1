"""Areas: drawn at the right distances and sides around their place."""

from __future__ import annotations

import dataclasses

import pytest
from pyproj import Geod
from shapely.geometry import Point

from geonews.geometry.areas import COUNTRYSIDE_KM, NEAR_KM, area_for, town_radius_km

WGS84 = Geod(ellps="WGS84")


@pytest.mark.parametrize("name", ["منبج", "اللاذقية", "موسكو", "ريكيافيك", "كيب تاون"])
def test_areas_are_at_their_distance_on_the_ellipsoid(gz, name):
    place = gz.geocode(name)
    radius_km = town_radius_km(place.population)
    near, precision = area_for(place, "near")
    assert precision == 2
    lons, lats = near.exterior.coords.xy
    _, _, metres = WGS84.inv([place.longitude] * len(lons), [place.latitude] * len(lats), lons, lats)
    expected = (radius_km + NEAR_KM) * 1000
    assert all(abs(m - expected) / expected < 0.005 for m in metres)  # the sphere is within 0.5 %


def test_countryside_is_a_ring_without_the_town(gz):
    place = gz.geocode("منبج")
    ring, _ = area_for(place, "countryside")
    assert not ring.contains(Point(place.longitude, place.latitude))
    outer = (town_radius_km(place.population) + COUNTRYSIDE_KM) * 1000
    lon, lat, _ = WGS84.fwd(place.longitude, place.latitude, 90, outer * 0.9)
    assert ring.contains(Point(lon, lat))


@pytest.mark.parametrize(("side", "azimuth"), [("north", 0), ("east", 90), ("south", 180), ("west", 270)])
def test_side_sectors_lie_on_their_side(gz, side, azimuth):
    place = gz.geocode("حلب")
    sector, _ = area_for(place, side)
    lon, lat, _ = WGS84.fwd(place.longitude, place.latitude, azimuth, 20_000)
    assert sector.contains(Point(lon, lat))
    lon, lat, _ = WGS84.fwd(place.longitude, place.latitude, (azimuth + 180) % 360, 20_000)
    assert not sector.contains(Point(lon, lat))


def test_an_area_across_the_antimeridian_stays_in_one_piece(gz):
    place = dataclasses.replace(gz.geocode("سوفا"), longitude=179.95)  # Suva (Fiji) moved onto the line
    disc, _ = area_for(place, "near")
    minx, _, maxx, _ = disc.bounds
    assert maxx > 180 and maxx - minx < 2  # one piece past 180°, not a band around the globe


@pytest.mark.parametrize(("relation", "dy", "dx"), [("northeast", 1, 1), ("northwest", 1, -1), ("southeast", -1, 1),
                                                    ("southwest", -1, -1)])
def test_compound_direction_sector_of_a_town(gz, relation, dy, dx):
    aleppo = gz.geocode("حلب")
    area, precision = area_for(aleppo, relation)
    c = area.centroid
    assert precision == 2
    assert (c.y - aleppo.latitude) * dy > 0 and (c.x - aleppo.longitude) * dx > 0


@pytest.mark.parametrize(("relation", "dy", "dx"), [("northeast", 1, 1), ("southwest", -1, -1)])
def test_compound_direction_quarter_of_a_country(gz, relation, dy, dx):
    syria = gz.geocode("سوريا")
    area, precision = area_for(syria, relation)
    full_north, _ = area_for(syria, "north" if dy > 0 else "south")
    assert precision == 3 and area.area < full_north.area  # a quarter, not the half
    assert area.within(full_north.buffer(1e-9))
