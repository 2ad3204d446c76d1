"""Prior ranking of places: what a news reader means by a bare name.

A place's prior grows with its feature class and its population; capitals get a bonus. Lookups
sort candidates by match tier first (exact, normalised, variant, fuzzy), then by this prior.
"""

from __future__ import annotations

import math

__all__ = ["FEATURE_BASE", "prior"]

#: Base prior per feature class; a city's comes from its population instead.
FEATURE_BASE = {
    "continent": 9.0,
    "country": 9.5,
    "region": 7.0,
    "water": 6.5,
    "landmark": 6.5,
    "terrain": 6.0,
    "admin1": 4.0,  # below the town an admin1 unit is usually named after (10k people and up)
    "admin2": 4.0,
}
CAPITAL_BONUS = 1.5


def prior(feature: str, population: int | None, capital: bool = False) -> float:
    """Prior score of a place: higher is what a bare name more likely means."""
    if feature == "city":
        score = math.log10(max(population or 0, 10))
    else:
        score = FEATURE_BASE.get(feature, 4.0)
    return score + (CAPITAL_BONUS if capital else 0.0)
