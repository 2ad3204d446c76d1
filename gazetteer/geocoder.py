"""A geopy geocoder backed by the offline gazetteer: ``geopandas.tools.geocode(names,
provider=ArabicGeocoder)`` works with no network.

It takes the keyword arguments geopy users pass to Nominatim and honours those that make sense offline:
``exactly_one``, ``limit``, ``country_codes`` (one code or several), ``featuretype`` (``country``,
``state``, ``city``, ``settlement``) or this gazetteer's own ``feature``, ``language`` (``"ar"`` puts the
Arabic name first in the address, anything else the Latin one), ``viewbox`` with ``bounded=True``; and
for ``reverse``, ``max_km``. ``timeout`` and the options about what a web service sends back
(``addressdetails``, ``extratags``, ``namedetails``, ``geometry``, ``zoom``) are accepted and change
nothing: the answer is computed here, whole.
"""

from __future__ import annotations

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from .errors import QueryError
from .gazetteer import REVERSE_MAX_KM, Gazetteer
from .place import Place

__all__ = ["ArabicGeocoder", "FEATURE_TYPES"]

#: Nominatim's ``featuretype`` values -> the feature classes they mean here.
FEATURE_TYPES = {"country": ("country",), "state": ("admin1",), "city": ("city",),
                 "settlement": ("city", "admin2", "admin1")}
#: Options a web geocoder takes about what it sends back; nothing to change offline.
_ACCEPTED = frozenset({"addressdetails", "extratags", "namedetails", "geometry", "zoom"})


def _location(place: Place, language=False) -> Location:
    arabic_first = isinstance(language, str) and language.lower().startswith("ar")
    names = (place.name_ar, place.name) if arabic_first or not language else (place.name, place.name_ar)
    address = ", ".join(part for part in (*names, place.country_code) if part)
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

    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, limit: int | None = None,
                language=False, country_codes=None, featuretype: str | None = None, feature=None,
                viewbox=None, bounded: bool = False, **options):
        """Location(s) for a place name, or ``None`` when nothing matches.

        ``query`` may also be a dict of Nominatim's structured query; its ``city``, ``state`` or ``country``
        (the first given, most specific first) is the name.
        """
        _check_options(options)
        if isinstance(query, dict):
            query = next((query[k] for k in ("city", "county", "state", "country") if query.get(k)), None)
        features = _feature_filter(featuretype, feature)
        if features is not None and not features:
            return None
        if exactly_one and viewbox is None:  # as Gazetteer.geocode: silent on a name far-apart places share
            place = self.gazetteer.geocode(query, country=country_codes or None, feature=features)
            return None if place is None else _location(place, language)
        places = self.gazetteer.lookup(query, limit=max(limit or 10, 1) if viewbox is None else 1000,
                                       country=country_codes or None, feature=features)
        if viewbox is not None and bounded:
            places = [p for p in places if _inside(p, viewbox)]
        if limit is not None:
            places = places[:limit]
        if exactly_one:
            return _location(places[0], language) if places else None
        return [_location(p, language) for p in places[:limit or 10]] or None

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, language=False,
                max_km: float | None = REVERSE_MAX_KM, **options):
        """The nearest populated place to ``query`` (a ``Point``, ``(lat, lon)`` or ``"lat, lon"``), or
        ``None`` when none lies within ``max_km``."""
        _check_options(options)
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise QueryError(f"Expected a point as (lat, lon), instead got: {query!r}.") from exc
        place = self.gazetteer.reverse(point.latitude, point.longitude, max_km=max_km)
        if place is None:
            return None
        location = _location(place, language)
        return location if exactly_one else [location]


def _check_options(options: dict) -> None:
    unknown = sorted(set(options) - _ACCEPTED)
    if unknown:
        raise TypeError(f"ArabicGeocoder got unexpected keyword arguments: {unknown!r}")


def _feature_filter(featuretype, feature):
    if featuretype is None:
        return feature
    kinds = FEATURE_TYPES.get(str(featuretype).lower())
    if kinds is None:
        raise QueryError(f"Expected a featuretype among {sorted(FEATURE_TYPES)}, instead got: {featuretype!r}.")
    if feature is None:
        return kinds
    wanted = {feature} if isinstance(feature, str) else set(feature)
    return tuple(k for k in kinds if k in wanted)  # may be empty: nothing is both


def _inside(place: Place, viewbox) -> bool:
    """Whether a place lies in a Nominatim viewbox: two points ``[(lat, lon), (lat, lon)]`` in any order."""
    try:
        first, second = (Point(p) for p in viewbox)
    except (TypeError, ValueError) as exc:
        raise QueryError(f"Expected a viewbox of two (lat, lon) points, instead got: {viewbox!r}.") from exc
    south, north = sorted((first.latitude, second.latitude))
    west, east = sorted((first.longitude, second.longitude))
    return south <= place.latitude <= north and west <= place.longitude <= east
