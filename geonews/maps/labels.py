"""Names for the offline basemap: towns and cities from the bundled gazetteer (through its public API), by
population, and seas, lakes and rivers (the gazetteer's water features) at their points.

A place without an Arabic name gets no label in the Arabic view (and its Latin name in the English one).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["REGION_MARGIN", "WORLD_MIN_POPULATION", "arabic_label", "basemap_labels"]

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")

#: Towns this large are labelled everywhere in the world (the world view and the way to the data).
WORLD_MIN_POPULATION = 300_000
#: Degrees around the map's opening view in which every town with a name is labelled (when zoomed in).
REGION_MARGIN = 3.0
#: At most this many towns of the region (the largest kept), so a map stays small.
REGION_MAX = 9000
#: Zoom from which a water feature is named, by its extent in km.
_WATER_ZOOMS = ((800, 3), (300, 4), (100, 6), (30, 7), (0, 8))


@lru_cache(maxsize=1)
def _gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer()


def arabic_label(name: str | None) -> str | None:
    """``name`` when it is written in Arabic script with no Latin letter, else ``None`` (no Arabic label)."""
    if not name or _LATIN_LETTER.search(name) or not _ARABIC_LETTER.search(name):
        return None
    return name.strip() or None


def _water_zoom(extent_km: float | None) -> int:
    extent = extent_km or 0.0
    return next(zoom for limit, zoom in _WATER_ZOOMS if extent >= limit)


def basemap_labels(view: list[list[float]] | None) -> dict:
    """The labels' columns: ``na`` Arabic name, ``n`` Latin name, ``lat``, ``lon``, ``pop`` (0 unknown),
    ``w`` (1 water), ``z`` (the zoom from which water is named); water first, then towns largest first.

    Parameters
    ----------
    view : [[south, west], [north, east]] or None
        The map's opening view: towns of every size are labelled within :data:`REGION_MARGIN` of it.
    """
    gz = _gazetteer()
    chosen: dict[str, object] = {}
    for place in gz.places("city", min_population=WORLD_MIN_POPULATION):
        if arabic_label(place.name_ar):
            chosen[place.id] = place
    if view is not None:
        (south, west), (north, east) = view
        box = (max(-90.0, south - REGION_MARGIN), max(-180.0, west - REGION_MARGIN),
               min(90.0, north + REGION_MARGIN), min(180.0, east + REGION_MARGIN))
        regional = [p for p in gz.places("city", bbox=box) if arabic_label(p.name_ar)]
        for place in regional[:REGION_MAX]:
            chosen.setdefault(place.id, place)
    water = [p for p in gz.places("water") if arabic_label(p.name_ar)]
    water.sort(key=lambda p: (-(gz.extent_km(p) or 0.0), p.id))
    towns = sorted(chosen.values(), key=lambda p: (-(p.population or 0), p.id))
    out = {"na": [], "n": [], "lat": [], "lon": [], "pop": [], "w": [], "z": []}
    for place in water + towns:
        is_water = place.feature == "water"
        out["na"].append(arabic_label(place.name_ar))
        out["n"].append(place.name or "")
        out["lat"].append(round(place.latitude, 4))
        out["lon"].append(round(place.longitude, 4))
        out["pop"].append(0 if is_water else int(place.population or 0))
        out["w"].append(int(is_water))
        out["z"].append(_water_zoom(gz.extent_km(place)) if is_water else 0)
    return out
