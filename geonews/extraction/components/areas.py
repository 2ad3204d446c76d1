"""``areas``: each place's shape on the map and its geo_precision (:func:`geonews.geometry.areas.area_for`:
a point, a ring for ريف, a sector for جنوبي, part of a country for شمال سورية), as the
:class:`~geonews.model.PlaceRef` a statement holds. A place the gazetteer could not resolve keeps its
mention, with no geometry and the reason."""

from __future__ import annotations

import functools

from geonews.geometry.areas import area_for
from geonews.model import PlaceRef

from ..document import Doc
from ..registry import component

__all__ = ["areas", "place_ref"]

#: area_for, remembered: news names the same places again and again, and building an area (geodesic
#: points, a polygon, a clip to land) costs far more than the lookup. Geometries are immutable, so shared.
_area_for = functools.lru_cache(maxsize=4096)(area_for)


@component("areas", requires=("sent.places",), sets=("place.ref",))
def areas(doc: Doc) -> Doc:
    """Make every place's reference with its area."""
    gz = doc.gazetteer
    for sent in doc.active():
        for use in sent.places:
            use.ref = place_ref(use.text, use.start, use.end, use.place, use.relation, gz, use.role)
    return doc


def place_ref(text, start, end, place, relation, gazetteer, role: str = "event") -> PlaceRef:
    """A statement's place: the mention (article offsets), the place, the relation's area and precision, its role."""
    if place is None:
        return PlaceRef(text, start, end, None, relation, 3, None, "not in the gazetteer", role)
    geometry, precision = _area_for(place, relation, gazetteer.extent_km(place))
    return PlaceRef(text, start, end, place, relation, precision, geometry, None, role)
