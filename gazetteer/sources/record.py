"""The mutable build-time record every source fills in."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Record"]


@dataclass
class Record:
    """A place while the index is being built: names are gathered from several sources."""

    id: str
    name: str
    latitude: float
    longitude: float
    country_code: str | None
    feature: str
    population: int | None = None
    name_ar: str = ""
    #: whether name_ar was derived in Arabic letters from a Persian or Urdu spelling (shown, not matched)
    name_ar_derived: bool = False
    names_ar: set[str] = field(default_factory=set)
    names_latin: set[str] = field(default_factory=set)
    admin1: str = ""
    capital: bool = False
    radius_km: float = 0.0
