"""``quantities``: the figures a sentence gives — Arabic and Arabic-Indic numerals, ألف/مليون multipliers
(``number_words.csv``), "أكثر من" / "نحو" before them, and the unit the words after them give
(``units.csv``); a number of people right after a verb of killing counts the killed. A number without a
known unit is left out."""

from __future__ import annotations

import bisect
import re

from geonews.model import Quantity

from ..document import Doc
from ..registry import component
from ..tokens import Token

__all__ = ["figures", "find_quantities", "quantities"]

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,٫]\d+)?|[٠-٩]+(?:[.,٫][٠-٩]+)?|[۰-۹]+(?:[.,٫][۰-۹]+)?)(?![\w])")
#: Any digit (every digit _NUMBER takes is one): a text without one holds no figure.
_DIGIT = re.compile(r"\d")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
#: How far before a number a verb of killing makes it a count of the killed.
_KILL_REACH = 3
_FROM = "من"


@component("quantities", requires=("sent.tokens",), sets=("sent.quantities",))
def quantities(doc: Doc) -> Doc:
    """Find each sentence's figures, with the token each starts at."""
    for sent in doc.active():
        sent.quantities = figures(sent.text, doc.lexicons, sent.tokens, sent.start)
        if doc.trace is not None:
            for _, q in sent.quantities:
                doc.note("quantities", sent, q.text, f"{q.value:g} {q.unit}")
    return doc


def _value(raw: str) -> float:
    text = raw.translate(_DIGITS).replace(",", ".")
    return float(text)


def find_quantities(text: str, lex) -> list[Quantity]:
    """Figures in ``text`` with their units; a number without a known unit is left out."""
    return [q for _, q in figures(text, lex)]


def figures(text: str, lex, tokens: list[Token] | None = None, offset: int = 0) -> list[tuple[int, Quantity]]:
    """(index of its first token, figure) for each figure in ``text``.

    ``tokens``: the text's tokens when already made (their offsets start at ``offset``)."""
    out: list[tuple[int, Quantity]] = []
    if _DIGIT.search(text) is None:  # most sentences have no digit, so no figure: a cheap search first
        return out
    units, multipliers = lex.units, lex.multipliers
    if tokens is None:
        tokens, offset = lex.tokenize(text), 0
    starts = getattr(tokens, "starts", None) or [t.start for t in tokens]
    for m in _NUMBER.finditer(text):
        i = bisect.bisect_left(starts, m.start() + offset)  # the token the number starts, if one does
        if i == len(starts) or starts[i] != m.start() + offset:
            continue
        value = _value(m.group())
        j = i + 1
        if j < len(tokens) and tokens[j].norm in multipliers:
            value *= multipliers[tokens[j].norm]
            j += 1
        end = tokens[j - 1].end - offset
        unit = None
        after = _unit_after(tokens, j, units)
        if after is not None:
            unit, end = after[0], after[1] - offset
        if (unit is None or unit in lex.people_units) and _killed_before(tokens, i, lex):
            unit = "killed"
        if unit is None:
            continue
        first = _approximation_start(tokens, i, lex)
        out.append((first, Quantity(value, unit, text[tokens[first].start - offset:end])))
    return out


def _killed_before(tokens: list[Token], i: int, lex) -> bool:
    """A killing verb within three words before the number (تمكنوا من قتل أكثر من 25)."""
    stems = tuple(lex.grammar["kill_stem"])
    return any(tokens[k].norm.lstrip("وف").startswith(stems) for k in range(max(0, i - _KILL_REACH), i))


def _approximation_start(tokens: list[Token], i: int, lex) -> int:
    """Index of the first word of "أكثر من" / "نحو" / "حوالي" before the number, else the number's."""
    if i >= 2 and tokens[i - 1].norm == _FROM and tokens[i - 2].norm in lex.grammar["comparative"]:
        return i - 2
    if i >= 1 and tokens[i - 1].norm in lex.grammar["approximation"]:
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
        if tokens[k].norm != _FROM:
            return None
    return None

