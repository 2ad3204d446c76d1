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

__all__ = ["figures", "find_quantities", "quantities", "victims"]

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,٫]\d+)?|[٠-٩]+(?:[.,٫][٠-٩]+)?|[۰-۹]+(?:[.,٫][۰-۹]+)?)(?![\w])")
#: Any digit (every digit _NUMBER takes is one): a text without one holds no figure.
_DIGIT = re.compile(r"\d")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
#: How far before a number a verb of killing makes it a count of the killed.
_KILL_REACH = 3
_FROM = "من"
_CASUALTY = {"kill_stem": "killed", "wound_stem": "wounded"}
#: The dual ending of a person noun in the nominative (جنديان، مدنيان); plural endings.
_DUAL = ("ان",)
_PLURAL = ("ين", "ون", "ات")


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
    """(index of its first token, figure) for each figure in ``text``: numerals (12، ٣٥، 4.5) and number
    words (خمس وعشرين), with a multiplier after them (ألف، مليون), the unit the words after them give,
    a verb of killing or wounding before them (the unit becomes ``killed`` or ``wounded``) and an
    approximation before them (أكثر من، ما لا يقل عن); and a single or dual person right after a verb of
    killing or wounding (قتل رجل: 1 killed; أصيب جنديان: 2 wounded).

    ``tokens``: the text's tokens when already made (their offsets start at ``offset``)."""
    out: list[tuple[int, Quantity]] = []
    numerals = lex.numerals
    if tokens is None:
        tokens, offset = lex.tokenize(text), 0
    if _DIGIT.search(text) is None and not lex.casualties.candidates(tokens):
        return out  # most sentences have no digit and no word of number or casualty (the tokens' flags tell)
    units, multipliers = lex.units, lex.multipliers
    norms = tokens.norms if hasattr(tokens, "norms") else [t.norm for t in tokens]
    numbers = _digit_numbers(text, tokens, offset)
    if not numerals.keys().isdisjoint(norms):
        numbers = sorted(numbers + _word_numbers(norms, numerals))
    counted = set()  # tokens some figure already covers
    for i, after_number, number in numbers:
        j, value = after_number, number
        if j < len(tokens) and norms[j] in multipliers:
            value *= multipliers[norms[j]]
            j += 1
        end = tokens[j - 1].end - offset
        unit = None
        after = _unit_after(tokens, j, units)
        if after is not None:
            unit, end = after[0], after[1] - offset
        first = _approximation_start(norms, i, lex)
        casualty = _casualty_before(tokens, first, lex)  # قتل ما لا يقل عن 14 مدنيا: the verb before the approximation
        if casualty is None and _death_after(norms, j + (after is not None), lex):
            casualty = "killed"  # لقي خمسة أشخاص مصرعهم
        if (unit is None or unit in lex.people_units) and casualty is not None:
            unit = casualty
        if unit is None:
            continue
        counted.update(range(first, j + 2))
        out.append((first, Quantity(value, unit, text[tokens[first].start - offset:end])))
    for k in units.candidates(tokens):  # قتل رجل، أصيب جنديان: one or two, with no number
        if k in counted or k == 0:
            continue
        hit = units.match(tokens, k)
        casualty = _casualty_before(tokens, k, lex, reach=1)
        if hit is None or casualty is None or (hit[1] not in lex.people_units and hit[1] != "people"):
            continue
        count = _singular_or_dual(norms[k])
        if count is not None:
            out.append((k - 1, Quantity(count, casualty, text[tokens[k - 1].start - offset:tokens[k].end - offset])))
    out.sort(key=lambda figure: figure[0])
    return out


def _digit_numbers(text: str, tokens, offset: int) -> list[tuple[int, int, float]]:
    """(first token, token after it, value) of each numeral written in digits."""
    out = []
    if _DIGIT.search(text) is None:
        return out
    starts = getattr(tokens, "starts", None) or [t.start for t in tokens]
    for m in _NUMBER.finditer(text):
        i = bisect.bisect_left(starts, m.start() + offset)  # the token the number starts, if one does
        if i < len(starts) and starts[i] == m.start() + offset:
            out.append((i, i + 1, _value(m.group())))
    return out


def _word_numbers(norms: list[str], numerals: dict[str, int]) -> list[tuple[int, int, float]]:
    """(first token, token after it, value) of each run of number words joined by و (خمس وعشرين: 25)."""
    out, i = [], 0
    while i < len(norms):
        if norms[i] not in numerals:
            i += 1
            continue
        j, value = i + 1, numerals[norms[i]]
        while j < len(norms) and norms[j][:1] == "و" and norms[j][1:] in numerals:
            value += numerals[norms[j][1:]]
            j += 1
        out.append((i, j, float(value)))
        i = j
    return out


def _death_after(norms: list[str], k: int, lex) -> bool:
    """Whether a word of death follows the people counted (… أشخاص مصرعهم، مدنيا حتفهم)."""
    return k < len(norms) and norms[k].startswith(lex.stems["death_noun"])


def _casualty_before(tokens: list[Token], i: int, lex, reach: int = _KILL_REACH) -> str | None:
    """``killed`` or ``wounded`` when a verb of killing or wounding stands within ``reach`` words before
    token ``i`` (the nearest decides: قتل رجل وأصيب 6), else ``None``."""
    for k in range(i - 1, max(-1, i - reach - 1), -1):
        hit = lex.casualties.match(tokens, k)
        if hit is not None and isinstance(hit[1], str):
            return _CASUALTY[hit[1]]
    return None


def _singular_or_dual(norm: str) -> int | None:
    """1 for a singular person noun (رجل، مدنيا), 2 for a dual (جنديان، مدنيين is plural: None)."""
    if norm.endswith(_DUAL):
        return 2
    if norm.endswith(_PLURAL):
        return None
    return 1


def _approximation_start(norms: list[str], i: int, lex) -> int:
    """Index of the first word of an approximation right before the number (أكثر من، نحو، ما لا يقل عن),
    else the number's."""
    if i >= 2 and norms[i - 1] == _FROM and norms[i - 2] in lex.grammar["comparative"]:
        return i - 2
    for length, phrases in lex.approximations:
        if i >= length and tuple(norms[i - length:i]) in phrases:
            return i - length
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



def victims(figures, lex) -> str | None:
    """Who a count of the killed or wounded counts, as written (وقتل سبعة مدنيين في القصف: «مدنيين»; أصيب جنديان:
    «جنديان»): the people noun in the first such figure, else ``None`` — a bare number (قتل 35) or a bare
    person word (شخص، أشخاص، رجل: unit ``people``) names no side."""
    units = lex.units
    for q in figures:
        if q.unit not in _CASUALTY.values():
            continue
        tokens = lex.tokenize(q.text)
        for k in units.candidates(tokens):
            hit = units.match(tokens, k)
            if hit is not None and hit[1] in lex.people_units and hit[1] != "people":
                return q.text[tokens[k].start:tokens[k + hit[0] - 1].end]
    return None
