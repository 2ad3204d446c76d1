"""Country and region names in Arabic and English from Unicode CLDR, through ``babel``."""

from __future__ import annotations

__all__ = ["territory_names"]


def territory_names() -> dict[str, tuple[str, str]]:
    """Territory code (ISO2 or UN M49) -> (English name, Arabic name) for every CLDR territory."""
    from babel import Locale

    english, arabic = Locale("en").territories, Locale("ar").territories
    return {code: (english.get(code, code), arabic[code]) for code in sorted(arabic)}
