"""The geopy protocol: ArabicGeocoder with geopy and geopandas."""

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer import ArabicGeocoder


def test_is_a_geopy_geocoder():
    assert issubclass(ArabicGeocoder, Geocoder)


def test_geocode_returns_location_with_place_raw():
    location = ArabicGeocoder().geocode("منبج")
    assert isinstance(location, Location)
    assert abs(location.latitude - 36.53) < 0.1 and abs(location.longitude - 37.95) < 0.1
    assert location.raw["name"] == "Manbij" and location.raw["country_code"] == "SY"
    assert set(location.raw) >= {"id", "name", "name_ar", "latitude", "longitude", "country_code",
                                 "feature", "population"}


def test_geocode_many_and_none():
    coder = ArabicGeocoder()
    many = coder.geocode("حماة", exactly_one=False)
    assert isinstance(many, list) and len(many) >= 1
    assert coder.geocode("ززززززززز") is None


def test_reverse():
    coder = ArabicGeocoder()
    assert coder.reverse((36.53, 37.95)).raw["name"] == "Manbij"
    assert coder.reverse("36.53, 37.95", exactly_one=False)[0].raw["name"] == "Manbij"
    with pytest.raises(ValueError):
        coder.reverse("not a point")


def test_geopandas_geocode():
    from geopandas.tools import geocode

    frame = geocode(["منبج", "حمص"], provider=ArabicGeocoder)
    assert len(frame) == 2
    assert frame.crs.to_epsg() == 4326
    assert abs(frame.geometry.iloc[0].y - 36.53) < 0.1
    assert abs(frame.geometry.iloc[1].x - 36.72) < 0.1


def test_nominatim_keyword_arguments():
    coder = ArabicGeocoder()
    assert coder.geocode("طرابلس", country_codes="lb").raw["country_code"] == "LB"
    assert coder.geocode("طرابلس", country_codes=["ly"], timeout=5, addressdetails=True).raw["country_code"] == "LY"
    assert coder.geocode("حلب", featuretype="state").raw["feature"] == "admin1"
    assert coder.geocode("حلب", language="en").address.startswith("Aleppo")
    assert coder.geocode("حلب", language="ar").address.startswith("حلب")
    assert coder.geocode({"city": "حمص", "country": "سوريا"}).raw["name"] == "Homs"
    lebanon = [(33.0, 35.0), (35.0, 37.0)]
    assert coder.geocode("طرابلس", viewbox=lebanon, bounded=True).raw["country_code"] == "LB"
    assert len(coder.geocode("حماة", exactly_one=False, limit=2)) <= 2
    with pytest.raises(TypeError):
        coder.geocode("حلب", no_such_option=1)


def test_reverse_has_a_distance_limit():
    coder = ArabicGeocoder()
    assert coder.reverse((0.5, -150.0)) is None
    assert coder.reverse((0.5, -150.0), max_km=None) is not None


def test_exactly_one_is_silent_on_a_name_far_apart_places_share():
    geocoder = ArabicGeocoder()
    assert geocoder.geocode("الجفر") is None                      # Saudi Arabia and Jordan, neither dominant
    assert len(geocoder.geocode("الجفر", exactly_one=False)) >= 2  # both listed
    assert geocoder.geocode("الجفر", country_codes="jo").raw["country_code"] == "JO"
