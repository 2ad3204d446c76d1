"""Figures in a sentence: Arabic and Arabic-Indic numerals, ألف/مليون multipliers, "أكثر من",
and the unit the words around them give (``units.csv``)."""

from __future__ import annotations

import bisect
import re

from .lexicons import Token, load_lexicons, tokenize
from geonews.model import Quantity

__all__ = ["find_quantities"]

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,٫]\d+)?|[٠-٩]+(?:[.,٫][٠-٩]+)?|[۰-۹]+(?:[.,٫][۰-۹]+)?)(?![\w])")
#: Any digit (every digit _NUMBER takes is one): a text without one holds no figure.
_DIGIT = re.compile(r"\d")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_MULTIPLIERS = {"الف": 1_000, "الاف": 1_000, "االاف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000,
                "مليار": 1_000_000_000, "مليارات": 1_000_000_000}
_APPROX = {"نحو", "حوالي", "قرابه", "زهاء"}
_VICTIMS = {"fighters", "people", "civilians", "soldiers", "children"}
_KILL_VERBS = ("قتل", "مقتل", "اغتيال")


def _value(raw: str) -> float:
    text = raw.translate(_DIGITS).replace(",", ".")
    return float(text)


def find_quantities(text: str, tokens: list[Token] | None = None, offset: int = 0) -> list[Quantity]:
    """Figures in ``text`` with their units; a number without a known unit is left out.

    ``tokens``: the text's tokens when already made (their offsets start at ``offset``)."""
    out: list[Quantity] = []
    if _DIGIT.search(text) is None:  # most sentences have no digit, so no figure: a cheap search first
        return out
    units = load_lexicons().units
    if tokens is None:
        tokens, offset = tokenize(text), 0
    starts = getattr(tokens, "starts", None) or [t.start for t in tokens]
    for m in _NUMBER.finditer(text):
        i = bisect.bisect_left(starts, m.start() + offset)  # the token the number starts, if one does
        if i == len(starts) or starts[i] != m.start() + offset:
            continue
        value = _value(m.group())
        j = i + 1
        if j < len(tokens) and tokens[j].norm in _MULTIPLIERS:
            value *= _MULTIPLIERS[tokens[j].norm]
            j += 1
        start, end = m.start(), tokens[j - 1].end - offset
        unit = None
        after = _unit_after(tokens, j, units)
        if after is not None:
            unit, end = after[0], after[1] - offset
        if (unit is None or unit in _VICTIMS) and _killed_before(tokens, i):
            unit = "killed"
        if unit is None:
            continue
        start = tokens[_approximation_start(tokens, i)].start - offset
        out.append(Quantity(value, unit, text[start:end]))
    return out


def _killed_before(tokens: list[Token], i: int) -> bool:
    """A killing verb within three words before the number (تمكنوا من قتل أكثر من 25)."""
    return any(tokens[k].norm.lstrip("وف").startswith(_KILL_VERBS) for k in range(max(0, i - 3), i))


def _approximation_start(tokens: list[Token], i: int) -> int:
    """Index of the first word of "أكثر من" / "نحو" / "حوالي" before the number, else the number's."""
    if i >= 2 and tokens[i - 1].norm == "من" and tokens[i - 2].norm in ("اكثر", "اقل"):
        return i - 2
    if i >= 1 and tokens[i - 1].norm in _APPROX:
        return i - 1
    return i


def _unit_after(tokens: list[Token], j: int, units) -> tuple[str, int] | None:
    """The unit right after the number, allowing "من" between (25 من عناصر)."""
    for k in (j, j + 1):
        if k >= len(tokens):
            return None
        hit = units.match(tokens, k)
        if hit is not None:
            n, unit = hit
            return unit, tokens[k + n - 1].end
        if tokens[k].norm != "من":
            return None
    return None
