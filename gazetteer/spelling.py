"""Which differences between two spellings of a name are Arabic spelling variation, and how many.

A fuzzy match is only a proposal (rapidfuzz finds the names a few edits away); it is accepted when every
edit between the two normalised spellings is one that Arabic writers make for the same name:

* a long vowel letter ا و ي inserted or dropped inside a word, neither first nor last (واشنطون), but
  not one vowel letter written for another (نانتشونغ is not نانتشانغ);
* a space inserted or dropped inside the name (ديرالزور، حفرالباطن);
* a letter doubled or undoubled (the shadda written out or not);
* an alef inserted or dropped at the start of a word (اسطنبول، سطنبول);
* a swap inside a transliteration class, after a word's first letter: {غ ج ك ق} for g, {ت ط}، {س ص ث}،
  {ز ذ ظ}، {ه ح}، {د ض}, and ن for م before ب (the assimilation in اسطمبول);
* the final ـيا written ـية (ه once normalised) after ي.

The first letter of a word is never edited but for an initial alef. :func:`spelling_distance` counts the
fewest such edits (a Levenshtein distance in which every other edit is forbidden) and gives ``None`` when
more than ``limit`` are needed or any other edit is. Latin-script names get the same treatment with their
own classes (:func:`latin_spelling_distance`): vowels, doubled letters, spaces and hyphens, c/k/q, s/z, i/y.
"""

from __future__ import annotations

__all__ = ["LONG_NAME", "latin_spelling_distance", "max_edits", "spelling_distance"]

_ARABIC_VOWELS = frozenset("\u0627\u0648\u064a")  # ا و ي
_ARABIC_CLASSES = ("\u063a\u062c\u0643\u0642", "\u062a\u0637", "\u0633\u0635\u062b", "\u0632\u0630\u0638",
                   "\u0647\u062d", "\u062f\u0636")  # غجكق، تط، سصث، زذظ، هح، دض
_ARABIC_CLASS = {ch: k for k, letters in enumerate(_ARABIC_CLASSES) for ch in letters}
_ALEF, _YEH, _HEH, _NOON, _MEEM, _BEH = "\u0627", "\u064a", "\u0647", "\u0646", "\u0645", "\u0628"

_LATIN_VOWELS = frozenset("aeiouy")
_LATIN_CLASSES = ("ckq", "sz", "iy", "aeiou")
_LATIN_CLASS = {}
for _k, _letters in enumerate(_LATIN_CLASSES):
    for _ch in _letters:
        _LATIN_CLASS.setdefault(_ch, set()).add(_k)

#: A name of at least this many letters (spaces not counted) may differ by two edits; a shorter one by one.
LONG_NAME = 8


def max_edits(key: str) -> int:
    """How many spelling edits a name of this length may take: 1, or 2 for a long name."""
    return 2 if len(key.replace(" ", "")) >= LONG_NAME else 1


def _word_starts(text: str) -> list[bool]:
    return [i == 0 or text[i - 1] == " " for i in range(len(text))]


def _arabic_swap(a: str, b: str, i: int, j: int, x: str, y: str) -> bool:
    """Whether ``x`` (at ``a[i]``) may be written ``y`` (at ``b[j]``)."""
    cx = _ARABIC_CLASS.get(x)
    if cx is not None and cx == _ARABIC_CLASS.get(y):
        return True
    if {x, y} == {_NOON, _MEEM}:  # ن written م before ب (اسطنبول، اسطمبول)
        return i + 1 < len(a) and j + 1 < len(b) and a[i + 1] == _BEH and b[j + 1] == _BEH
    if {x, y} == {_ALEF, _HEH}:  # final ـيا / ـية
        return (i == len(a) - 1 and j == len(b) - 1 and i > 0 and j > 0 and a[i - 1] == _YEH and b[j - 1] == _YEH)
    return False


def _arabic_gap(text: str, i: int, starts: list[bool]) -> bool:
    """Whether ``text[i]`` may be left out (or put in) as a spelling variant."""
    ch = text[i]
    if ch == " ":
        return 0 < i < len(text) - 1
    if starts[i]:
        return ch == _ALEF  # an initial alef
    if ch == text[i - 1]:
        return True  # a doubled letter
    return ch in _ARABIC_VOWELS and i + 1 < len(text) and text[i + 1] != " "  # a medial long vowel


def _latin_swap(a: str, b: str, i: int, j: int, x: str, y: str) -> bool:
    return bool(_LATIN_CLASS.get(x, set()) & _LATIN_CLASS.get(y, set()))


def _latin_gap(text: str, i: int, starts: list[bool]) -> bool:
    ch = text[i]
    if ch in " -":
        return 0 < i < len(text) - 1
    if starts[i]:
        return False
    return ch in _LATIN_VOWELS or ch == text[i - 1] or (ch == "h" and text[i - 1] not in _LATIN_VOWELS)


def _distance(a: str, b: str, limit: int, swap, gap) -> int | None:
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return None
    starts_a, starts_b = _word_starts(a), _word_starts(b)
    over = limit + 1
    # row[j]: fewest allowed edits turning a[:i] into b[:j] (over = forbidden or too many)
    row = [0] * (len(b) + 1)
    for j in range(1, len(b) + 1):
        row[j] = row[j - 1] + 1 if row[j - 1] < over and gap(b, j - 1, starts_b) else over
    for i in range(1, len(a) + 1):
        x = a[i - 1]
        drop_x = gap(a, i - 1, starts_a)
        new = [row[0] + 1 if row[0] < over and drop_x else over]
        for j in range(1, len(b) + 1):
            y = b[j - 1]
            best = over
            if x == y:
                best = row[j - 1]
            elif not (starts_a[i - 1] or starts_b[j - 1]) and swap(a, b, i - 1, j - 1, x, y):
                best = row[j - 1] + 1
            if drop_x and row[j] + 1 < best:
                best = row[j] + 1
            if new[j - 1] + 1 < best and gap(b, j - 1, starts_b):
                best = new[j - 1] + 1
            new.append(min(best, over))
        if min(new) >= over:
            return None
        row = new
    return row[-1] if row[-1] <= limit else None


def _vowel_for_vowel(a: str, b: str, vowels) -> bool:
    """Whether ``a`` and ``b`` differ by one vowel letter written for another (a drop and an insertion)."""
    from rapidfuzz.distance import Levenshtein

    ops = Levenshtein.editops(a, b)
    return any(op.tag == "replace" and a[op.src_pos] in vowels and b[op.dest_pos] in vowels for op in ops)


def spelling_distance(a: str, b: str, limit: int | None = None) -> int | None:
    """The fewest Arabic spelling edits between two normalised spellings, or ``None`` when they differ by
    more than ``limit`` (by default :func:`max_edits` of the shorter) or by an edit that is no spelling
    variation.

    >>> spelling_distance("واشنطون", "واشنطن")
    1
    >>> spelling_distance("اوستا", "اوغستا") is None   # a letter added: another name
    True
    """
    if limit is None:
        limit = max_edits(min(a, b, key=len))
    edits = _distance(a, b, limit, _arabic_swap, _arabic_gap)
    if edits is not None and edits >= 2 and _vowel_for_vowel(a, b, _ARABIC_VOWELS):
        return None
    return edits


def latin_spelling_distance(a: str, b: str, limit: int | None = None) -> int | None:
    """:func:`spelling_distance` for folded Latin names (:func:`gazetteer.normalize.latin_key`).

    >>> latin_spelling_distance("moskva", "moskwa") is None
    True
    >>> latin_spelling_distance("aleppo", "alepo")
    1
    """
    if limit is None:
        limit = max_edits(min(a, b, key=len))
    return _distance(a, b, limit, _latin_swap, _latin_gap)
