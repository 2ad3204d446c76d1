"""Value objects of the pipeline: a statement, the places it names and the figures it gives."""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer import Place

__all__ = ["Quantity", "PlaceRef", "Statement"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure a statement gives: ``value`` in ``unit`` (``"km2"``, ``"localities"``, ``"killed"`` …)."""

    value: float
    unit: str
    text: str

    def to_dict(self) -> dict:
        """The contract's ``{"value", "unit", "text"}``; integral values as ints."""
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as a statement uses it: the mention (article offsets), its place, the relation.

    ``geometry`` is a shapely geometry in EPSG:4326 (the point, or the area ``relation`` describes),
    or ``None`` when the place is unresolved; ``unresolved`` then says why.
    """

    text: str
    start: int
    end: int
    place: Place | None
    relation: str = "in"
    geo_precision: int = 1
    geometry: object = None
    unresolved: str | None = None
    role: str = "event"  # event | party | origin | mention (geonews.schema.ROLES)

    def to_dict(self) -> dict:
        """The contract's place object: Mention fields, Place fields, relation, geo_precision, role."""
        p = self.place
        return {
            "text": self.text, "start": self.start, "end": self.end,
            "id": p.id if p else None, "name": p.name if p else None, "name_ar": p.name_ar if p else None,
            "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
            "country_code": p.country_code if p else None, "feature": p.feature if p else None,
            "relation": self.relation, "geo_precision": self.geo_precision, "role": self.role,
            **({"unresolved": self.unresolved} if self.unresolved else {}),
        }


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence's claim: who says (``speaker``) who did (``actor``) what (``claim_type``) where."""

    article: str
    text: str
    start: int
    end: int
    speaker: str | None
    claim_type: str
    actor: str | None
    target: str | None
    places: tuple[PlaceRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    modality: str = "asserted"  # asserted | negated | denied | threat | planned | conditional
    # the article's metadata, as read
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    actor_side: str | None = None
    part: str = "text"  # text | title: the article field ``start`` and ``end`` index (geonews.schema.PARTS)

    def to_dict(self) -> dict:
        """The contract's statement object (``geonews extract`` JSON Lines)."""
        return {
            "article": self.article, "text": self.text, "start": self.start, "end": self.end, "part": self.part,
            "speaker": self.speaker, "claim_type": self.claim_type, "modality": self.modality, "actor": self.actor,
            "actor_side": self.actor_side, "target": self.target, "places": [p.to_dict() for p in self.places],
            "quantities": [q.to_dict() for q in self.quantities],
            "date": self.date, "title": self.title, "source": self.source, "url": self.url,
        }
