"""The gazetteer's value objects: :class:`Place` and :class:`Mention`."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

__all__ = ["FEATURES", "Place", "Mention"]

#: Feature classes a :class:`Place` may carry, broadest first.
FEATURES = ("continent", "region", "country", "admin1", "admin2", "city", "landmark", "water", "terrain")


@dataclass(frozen=True, slots=True, eq=False)
class Place:
    """A named place with a representative point (WGS84).

    Two places are equal when their ids are: the same place whatever spelling ``name_ar`` shows (a place
    found across scripts shows the Arabic name as the query wrote it when the index has none in Arabic
    letters).
    """

    id: str
    name: str
    name_ar: str
    latitude: float
    longitude: float
    country_code: str | None
    feature: str
    population: int | None = None

    def __post_init__(self) -> None:
        lat, lon = self.latitude, self.longitude
        if not (isinstance(lat, float) and math.isfinite(lat) and -90.0 <= lat <= 90.0):
            raise ValueError(f"Expected a latitude in [-90, 90] for {self.id!r}, instead got: {lat!r}.")
        if not (isinstance(lon, float) and math.isfinite(lon) and -180.0 <= lon <= 180.0):
            raise ValueError(f"Expected a longitude in [-180, 180] for {self.id!r}, instead got: {lon!r}.")
        if self.feature not in FEATURES:
            raise ValueError(f"Expected a feature in {FEATURES}, instead got: {self.feature!r}.")

    def __eq__(self, other) -> bool:
        if not isinstance(other, Place):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(self.id)

    def to_dict(self) -> dict:
        """The place as a plain dict (the contract's field names)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text: ``text[start:end] == mention.text``."""

    start: int
    end: int
    text: str
    place: Place | None

    def to_dict(self) -> dict:
        """The mention as a plain dict, its place nested (or ``None``)."""
        return {"start": self.start, "end": self.end, "text": self.text,
                "place": None if self.place is None else self.place.to_dict()}
