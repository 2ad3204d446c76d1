"""A geopy geocoder backed by the offline gazetteer: ``geopandas.tools.geocode(names,
provider=ArabicGeocoder)`` works with no network."""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .errors import QueryError
from .gazetteer import Gazetteer
from .place import Place

__all__ = ["ArabicGeocoder"]


def _location(place: Place) -> Location:
    address = ", ".join(part for part in (place.name_ar, place.name, place.country_code) if part)
    return Location(address, (place.latitude, place.longitude), place.to_dict())


class ArabicGeocoder(Geocoder):
    """Geocode Arabic and Latin place names offline.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer to use; the bundled one by default.
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder` (nothing here uses the network).
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()

    def geocode(self, query, *, exactly_one: bool = True, limit: int | None = None):
        """Location(s) for a place name, or ``None`` when nothing matches."""
        if exactly_one:
            place = self.gazetteer.geocode(query)
            return None if place is None else _location(place)
        places = self.gazetteer.lookup(query, limit=limit or 10)
        return [_location(p) for p in places] or None

    def reverse(self, query, *, exactly_one: bool = True):
        """The nearest populated place to ``query`` (a ``Point``, ``(lat, lon)`` or ``"lat, lon"``)."""
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise QueryError(f"Expected a point as (lat, lon), instead got: {query!r}.") from exc
        place = self.gazetteer.reverse(point.latitude, point.longitude)
        if place is None:
            return None
        location = _location(place)
        return location if exactly_one else [location]
