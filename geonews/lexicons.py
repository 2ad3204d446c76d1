"""The cue lexicons of ``geonews/data`` (claim cues, negators, reporting verbs, units, relations,
actors), normalised once, and a small matcher over a sentence's words.

Entries are word sequences; a trailing ``*`` on a one-word entry matches any ending (سيطر* matches
سيطرت، سيطرة). Words are compared in normal form (``gazetteer.normalize``) after attached clitics
(و ف, then ب ل ك ال لل) are tried off.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from gazetteer import normalize

__all__ = ["Token", "tokenize", "forms", "Matcher", "Actor", "Lexicons", "load_lexicons"]

_MARKS = "\u064b-\u065f\u0670\u0640"
_TOKEN = re.compile(rf"\d+(?:[.,٫]\d+)+|(?:[^\W_]|[{_MARKS}])+|%|٪|[«»\"“”]|[،,:؛]")
_CONJ = ("و", "ف")
_PROCLITICS = ("بال", "وال", "فال", "كال", "لل", "ال", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class Token:
    """A word (or quote/comma mark) of a text: offsets into the text, its normal form."""

    start: int
    end: int
    text: str
    norm: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words and the punctuation that matters (quotes, commas, colons) with text offsets."""
    return [Token(m.start() + offset, m.end() + offset, m.group(), normalize(m.group()) or m.group())
            for m in _TOKEN.finditer(text)]


@functools.lru_cache(maxsize=200_000)
def forms(word: str) -> tuple[str, ...]:
    """A normalised word with its clitics tried off, the word itself first."""
    out = [word]
    bases = [word] + [word[1:] for c in _CONJ if word.startswith(c) and len(word) > 2]
    for base in bases:
        if base not in out:
            out.append(base)
        for p in _PROCLITICS:
            if base.startswith(p) and len(base) - len(p) >= 2:
                rest = base[len(p):]
                if p == "لل":
                    rest = "ال" + rest
                if rest not in out:
                    out.append(rest)
    return tuple(out)


class Matcher:
    """Longest match of lexicon entries at a position in a token list."""

    def __init__(self, entries: list[tuple[str, object]]) -> None:
        self._exact: dict[tuple[str, ...], object] = {}
        self._prefix: dict[str, object] = {}
        self._max = 1
        for phrase, payload in entries:
            words = tuple(normalize(w) for w in phrase.replace("*", " *").split() if w != "*")
            if not words:
                continue
            if phrase.endswith("*") and len(words) == 1:
                self._prefix.setdefault(words[0], payload)
            else:
                self._exact.setdefault(words, payload)
                self._max = max(self._max, len(words))

    def match_exact_first(self, tokens: list[Token]) -> bool:
        """Whether an entry starts with ``tokens[0]`` as it is, no clitic split off."""
        word = tokens[0].norm
        return any(key[0] == word for key in self._exact) or any(word.startswith(p) for p in self._prefix)

    def match(self, tokens: list[Token], i: int) -> tuple[int, object] | None:
        """(number of tokens, payload) of the longest entry starting at ``tokens[i]``, or ``None``."""
        first_forms = forms(tokens[i].norm)
        for n in range(min(self._max, len(tokens) - i), 1, -1):
            rest = tuple(t.norm for t in tokens[i + 1:i + n])
            for f in first_forms:
                payload = self._exact.get((f, *rest))
                if payload is not None:
                    return n, payload
        for f in first_forms:
            payload = self._exact.get((f,))
            if payload is not None:
                return 1, payload
        for f in first_forms:
            for stem, payload in self._prefix.items():
                if f.startswith(stem):
                    return 1, payload
        return None


@dataclass(frozen=True, slots=True)
class Actor:
    """An armed or political actor from ``actors.csv``."""

    id: str
    name_ar: str
    name_en: str
    side: str
    color: str


@dataclass(frozen=True)
class Lexicons:
    """Every geonews lexicon as a matcher."""

    claims: Matcher        # -> claim type
    negators: Matcher      # -> True (a word that cancels a cue a few words after it)
    non_territory: Matcher  # -> True (an object after a cue that is not territory)
    reporting: Matcher     # -> kind: verb | phrase | continuation
    units: Matcher         # -> unit
    relations: Matcher     # -> (relation, geo_precision)
    actors: Matcher        # -> Actor


def _rows(name: str) -> list[dict]:
    with resources.files("geonews.data").joinpath(name).open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if not next(iter(row.values()), "").startswith("#")]


@functools.lru_cache(maxsize=None)
def load_lexicons() -> Lexicons:
    """Read every lexicon once per process."""
    actors = []
    for row in _rows("actors.csv"):
        actor = Actor(row["id"], row["name_ar"], row["name_en"], row["side"], row["color"])
        actors += [(name, actor) for name in [row["name_ar"], *row["aliases_ar"].split("|")] if name.strip()]
    return Lexicons(
        claims=Matcher([(r["cue"], r["claim_type"]) for r in _rows("claim_cues.csv")]),
        negators=Matcher([(r["word"], True) for r in _rows("claim_negators.csv") if r["position"] == "before"]),
        non_territory=Matcher([(r["word"], True) for r in _rows("claim_negators.csv") if r["position"] == "after"]),
        reporting=Matcher([(r["cue"], r["kind"]) for r in _rows("reporting.csv")]),
        units=Matcher([(r["word"], r["unit"]) for r in _rows("units.csv")]),
        relations=Matcher([(r["cue"], (r["relation"], int(r["geo_precision"]))) for r in _rows("relations.csv")]),
        actors=Matcher(actors),
    )
