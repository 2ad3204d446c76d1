"""Candidate place-name spans in Arabic text: one pass over the words, clitics split off,
longest name wins, offsets mapped back to the original text.

No decision is taken here about whether a candidate is really a place (``recognize.py`` does
that); this module only finds every span whose normalised form is a gazetteer name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .normalize import DELETED_CHARS, fold_chars

__all__ = ["Candidate", "CandidateFinder", "CLITICS", "WORD"]

#: A word: letters and digits, no underscore (hashtags like #بيروت_مدينة split into words).
WORD = re.compile(r"[^\W_]+")
_DELETED = re.compile("[" + "".join(sorted(DELETED_CHARS)) + "]")
# Words after a name's first word, separated by a space or, in hashtags, an underscore.
_FOLLOWING = re.compile(r"(?:[ _][^\W_]+){1,6}")
_SEPARATOR = re.compile(r"[ _]")

#: Proclitics split off a name, longest first: conjunctions و ف, prepositions ب ك ل and their
#: combinations. "لل" stands for ل + ال (the alef of the article drops: للاذقية = ل + اللاذقية).
CLITICS = ("ولل", "فلل", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "و", "ف", "ب", "ك", "ل", "")
_ARTICLE_CLITICS = frozenset({"لل", "ولل", "فلل"})


@dataclass(slots=True)
class Candidate:
    """A span whose normalised form is a gazetteer name (folded-text offsets until mapped)."""

    start: int          # start of the name (after its clitics)
    end: int
    key: str            # the normalised name as indexed
    clitic: str         # clitics split off before the name ("" when none)
    word_start: int     # start of the first word, clitics included
    n_words: int
    prev: tuple[str, ...]  # up to two preceding words (folded), nearest last
    next: str           # the word right after the name (folded), or ""
    in_hashtag: bool = False  # joined by "_" to words outside the name (#امطار_الكويت)


class CandidateFinder:
    """Finds candidate spans for a set of normalised names (``keys``)."""

    def __init__(self, keys) -> None:
        first: dict[str, int] = {}
        # Multi-word names written without their spaces (ديرالزور) are found too.
        joined = {k.replace(" ", ""): k for k in keys if " " in k}
        self._joined = {j: k for j, k in joined.items() if j not in keys}
        for key in [*keys, *self._joined]:
            words = key.split(" ")
            if len(words) > 7 or not all(WORD.fullmatch(w) for w in words):
                continue
            if first.get(words[0], 0) < len(words):
                first[words[0]] = len(words)
        self._first = first
        self._keys = keys
        self._cache: dict[str, tuple] = {}

    def _analyses(self, word: str) -> tuple:
        """(clitic, stem, max words) for each way ``word`` can start a name, shortest clitic first."""
        out = []
        for clitic in reversed(CLITICS):
            if not word.startswith(clitic):
                continue
            stem = word[len(clitic):]
            if clitic in _ARTICLE_CLITICS:
                stem = "ال" + stem
            if len(stem) >= 2 and stem in self._first:
                out.append((clitic, stem, self._first[stem]))
        return tuple(out)

    def find(self, text: str) -> tuple[str, list[Candidate], callable]:
        """Folded text, its candidates (folded offsets), and a function mapping offsets back."""
        folded = fold_chars(text)
        candidates: list[Candidate] = []
        cache, keys = self._cache, self._keys
        if len(cache) > 400_000:
            cache.clear()
        prev2, prev1 = "", ""
        skip_until = -1
        for match in WORD.finditer(folded):
            word = match.group()
            analyses = cache.get(word)
            if analyses is None:
                analyses = cache[word] = self._analyses(word)
            start = match.start()
            if analyses and start >= skip_until:
                best = None
                following = None
                for clitic, stem, max_words in analyses:
                    if max_words > 1 and following is None:
                        tail = _FOLLOWING.match(folded, match.end())
                        following = _SEPARATOR.split(tail.group())[1:] if tail else []
                    for n in range(min(max_words, 1 + len(following or ())), 0, -1):
                        key = stem if n == 1 else " ".join([stem, *following[:n - 1]])
                        if n == 1 and key not in keys:
                            key = self._joined.get(key, key)
                        if key in keys:
                            if best is None or n > best[0]:
                                best = (n, clitic, key)
                            break
                if best is not None:
                    n, clitic, key = best
                    end = match.end() + (sum(len(w) + 1 for w in following[:n - 1]) if n > 1 else 0)
                    name_start = start + len(clitic) - (1 if clitic in _ARTICLE_CLITICS else 0)
                    after = _FOLLOWING.match(folded, end)
                    candidates.append(Candidate(
                        start=name_start, end=end, key=key, clitic=clitic, word_start=start, n_words=n,
                        prev=(prev2, prev1), next=_SEPARATOR.split(after.group(), 2)[1] if after else "",
                        in_hashtag=folded[start - 1:start] == "_" or folded[end:end + 1] == "_"))
                    skip_until = end
            prev2, prev1 = prev1, word
        return folded, candidates, _offset_mapper(text, folded)


def _offset_mapper(text: str, folded: str):
    """Map folded-text offsets to original offsets (identity when nothing was deleted)."""
    if len(folded) == len(text):
        return lambda i: i
    folded_positions = [m.start() - k for k, m in enumerate(_DELETED.finditer(text))]

    def to_original(i: int) -> int:
        return i + bisect.bisect_right(folded_positions, i)

    return to_original
