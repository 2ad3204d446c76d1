"""Arabic names from Unicode CLDR, through ``babel``: countries and regions, and the exemplar cities of the
time zones (Asia/Damascus دمشق), placed with the zones' coordinates from the IANA ``zone.tab`` that the
``tzdata`` package carries (public domain)."""

from __future__ import annotations

import re
from importlib import resources

__all__ = ["exemplar_cities", "territory_names"]

_COORDINATES = re.compile(r"([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?$")


def territory_names() -> dict[str, tuple[str, str]]:
    """Territory code (ISO2 or UN M49) -> (English name, Arabic name) for every CLDR territory."""
    from babel import Locale

    english, arabic = Locale("en").territories, Locale("ar").territories
    return {code: (english.get(code, code), arabic[code]) for code in sorted(arabic)}


def _degrees(sign: str, whole: str, minutes: str, seconds: str | None) -> float:
    value = int(whole) + int(minutes) / 60 + (int(seconds) / 3600 if seconds else 0.0)
    return round(-value if sign == "-" else value, 5)


def _zones() -> dict[str, tuple[str, float, float]]:
    """Zone id -> (country code, latitude, longitude) from tzdata's zone.tab."""
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, coordinates, zone = line.split("\t")[:3]
        m = _COORDINATES.match(coordinates)
        if m:
            lat = _degrees(m[1], m[2], m[3], m[4])
            lon = _degrees(m[5], m[6], m[7], m[8])
            out[zone] = (code, lat, lon)
    return out


def exemplar_cities() -> list[tuple[str, str, str, float, float]]:
    """(English name, Arabic name, country code, latitude, longitude) of each CLDR exemplar city with a
    time zone in zone.tab, sorted by zone id. The English name is CLDR's, else the zone id's last part."""
    from babel import Locale

    arabic, english = Locale("ar").time_zones, Locale("en").time_zones
    zones = _zones()
    out = []
    for zone in sorted(zones):
        name_ar = (arabic.get(zone) or {}).get("city")
        if not name_ar:
            continue
        name = (english.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        code, lat, lon = zones[zone]
        out.append((name, name_ar.strip(), code, lat, lon))
    return out
