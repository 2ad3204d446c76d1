"""The project's curated table (``gazetteer/data/curated_places.csv``) and alias table
(``curated_aliases.csv``), for regions, areas, water, terrain and landmarks the other sources lack."""

from __future__ import annotations

from collections.abc import Iterator

from ..tables import load_table
from .record import Record

__all__ = ["places", "aliases"]


def _rows(name: str) -> tuple[dict[str, str], ...]:
    return load_table("gazetteer.data", name)


def places() -> Iterator[Record]:
    """Curated places, one per row."""
    for row in _rows("curated_places.csv"):
        names_ar = {row["name_ar"]} | {a for a in row["aliases_ar"].split("|") if a.strip()}
        names_latin = {row["name"]} | {a for a in row["aliases_en"].split("|") if a.strip()}
        yield Record(
            id=row["id"],
            name=row["name"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            country_code=row["country_code"] or None,
            feature=row["feature"],
            population=int(row["population"]) if row["population"] else None,
            name_ar=row["name_ar"],
            names_ar={n.strip() for n in names_ar},
            names_latin={n.strip() for n in names_latin},
            radius_km=float(row["radius_km"] or 0),
        )


def aliases() -> list[tuple[str, str]]:
    """(Arabic name, target key) pairs; targets look like ``country:SY`` or ``geonames:170063``."""
    return [(row["name_ar"].strip(), row["target"].strip()) for row in _rows("curated_aliases.csv")]
