"""The cue lexicons of ``geonews/data`` (claim cues, negators, reporting verbs, units, relations,
actors), normalised once, and a small matcher over a sentence's words.

Entries are word sequences; a trailing ``*`` on a one-word entry matches any ending (سيطر* matches
سيطرت، سيطرة). Words are compared in normal form (``gazetteer.normalize``) after attached clitics
(و ف, then ب ل ك ال لل) are tried off.

An article is tokenised once (:func:`tokenize`) and each sentence takes its slice (:func:`token_slice`).
Every token carries flags: one bit per matcher an entry of which may start at that word, so each
matcher looks only where its bit is set.
"""

from __future__ import annotations

import bisect
import csv
import functools
import itertools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

from gazetteer import normalize

__all__ = ["Token", "Tokens", "tokenize", "token_slice", "norms_of", "forms", "Matcher", "Actor", "Lexicons", "load_lexicons"]

_MARKS = "\u064b-\u065f\u0670\u0640"
#: A number with decimals, a word (letters with the marks inside or around them: written as runs, which the
#: regex engine takes far faster than one alternation per character), a percent sign, a quote, a comma or colon.
_TOKEN = re.compile(rf"\d+(?:[.,٫]\d+)+|[^\W_]+(?:[{_MARKS}]+[^\W_]*)*|[{_MARKS}]+(?:[^\W_]+[{_MARKS}]*)*"
                    r"|[%٪«»\"“”،,:؛]")  # the one-character tokens as one class: one test where no token starts
_CONJ = ("و", "ف")
_MEMO_SIZE = 100_000  # words remembered per matcher
_PROCLITICS = ("بال", "وال", "فال", "كال", "لل", "ال", "ب", "ل", "ك")
_PROCLITICS_BY_LETTER = {c: tuple(p for p in _PROCLITICS if p[0] == c) for c in {p[0] for p in _PROCLITICS}}


class Token(NamedTuple):
    """A word (or quote/comma mark) of a text: offsets into the text, its normal form.

    A named tuple (immutable, and the cheapest value to build: a sentence makes dozens)."""

    start: int
    end: int
    text: str
    norm: str


class Tokens(list):
    """A list of :class:`Token` that also holds, as lists for scans and bisections in C, their normal
    forms (``norms``), text offsets (``starts``, ``ends``) and, per token, the bits of the matchers an
    entry of which may start there (``flags``; only the first ``flagged`` matchers made have their bits
    set: a matcher made later scans without them). ``active`` lists the indices of the tokens with any
    bit set (a fifth of them) and ``active_flags`` their flags: matchers scan only those."""

    __slots__ = ("norms", "starts", "ends", "flags", "flagged", "active", "active_flags")


class _Norms(dict):
    """Word as written -> its normal form, computed on first sight (tokenize's memo)."""

    def __missing__(self, word: str) -> str:
        norm = self[word] = normalize(word) or word
        return norm


_NORMS = _Norms()


class _Flags(dict):
    """Normal form -> the bits (:attr:`Matcher.bit`) of every matcher an entry of which may start at it.

    One lookup per token tells every matcher where to look; computed on first sight of a word."""

    def __missing__(self, norm: str) -> int:
        firsts, stems_by_head = _flag_index(len(Matcher.registry))
        flags = 0
        for f in forms(norm):
            flags |= firsts.get(f, 0)
            for head in (f[:2], f[:1]):  # most words begin with no stem's first two letters (or one-letter stem)
                for stem, bits in stems_by_head.get(head, ()):
                    if f.startswith(stem):
                        flags |= bits
        self[norm] = flags
        return flags


@functools.lru_cache(maxsize=1)
def _flag_index(n_matchers: int) -> tuple[dict[str, int], dict[str, tuple[tuple[str, int], ...]]]:
    """Over the first ``n_matchers`` matchers: first word of an entry -> bits of the matchers that have
    one, and the first two letters of a prefix stem (its one letter, for a stem that short) -> (stem, bits
    of the matchers that have it) for each such stem."""
    firsts: dict[str, int] = {}
    stems: dict[str, int] = {}
    for matcher in Matcher.registry[:n_matchers]:
        for word in matcher._firsts:
            firsts[word] = firsts.get(word, 0) | matcher.bit
        for stem in matcher._prefix:
            stems[stem] = stems.get(stem, 0) | matcher.bit
    by_head: dict[str, list[tuple[str, int]]] = {}
    for stem, bits in stems.items():
        by_head.setdefault(stem[:2], []).append((stem, bits))
    return firsts, {head: tuple(pairs) for head, pairs in by_head.items()}


_FLAGS = _Flags()
_SPLIT = re.compile(f"({_TOKEN.pattern})")


def tokenize(text: str, offset: int = 0) -> Tokens:
    """Words and the punctuation that matters (quotes, commas, colons) with text offsets."""
    if len(_NORMS) >= _MEMO_SIZE:  # bounded, so a long run's memory stays flat
        _NORMS.clear()
    if len(_FLAGS) >= _MEMO_SIZE:
        _FLAGS.clear()
    # One split gives the words and the text between them; their lengths give the offsets. No match
    # objects and no Python loop: this runs over every article.
    pieces = _SPLIT.split(text)
    words = pieces[1::2]
    bounds = list(itertools.accumulate(map(len, pieces), initial=offset))
    norms = list(map(_NORMS.__getitem__, words))
    # tuple.__new__(Token, fields) builds each token in C (Token(...) would run a Python __new__)
    starts, ends = bounds[1::2], bounds[2::2]
    out = Tokens(map(tuple.__new__, itertools.repeat(Token), zip(starts, ends, words, norms)))
    out.norms, out.starts, out.ends = norms, starts, ends
    out.flags = list(map(_FLAGS.__getitem__, norms))
    out.flagged = len(Matcher.registry)
    _index_active(out)
    return out


def _index_active(tokens: Tokens) -> None:
    """Set ``tokens.active`` and ``tokens.active_flags`` from ``tokens.flags`` (two scans in C)."""
    flags = tokens.flags
    tokens.active = list(itertools.compress(itertools.count(), flags))
    tokens.active_flags = list(filter(None, flags))


def norms_of(tokens: list[Token]) -> list[str]:
    """The tokens' normal forms: the list :func:`tokenize` keeps, or one made for a plain list of tokens."""
    norms = getattr(tokens, "norms", None)
    return [t.norm for t in tokens] if norms is None else norms


def token_slice(tokens: Tokens, start: int, end: int) -> Tokens:
    """The tokens lying within text offsets [start, end) (a sentence of an article's tokens)."""
    i = bisect.bisect_left(tokens.starts, start)
    j = bisect.bisect_right(tokens.ends, end, lo=i)
    out = Tokens(tokens[i:j])
    out.norms, out.starts, out.ends = tokens.norms[i:j], tokens.starts[i:j], tokens.ends[i:j]
    out.flags = tokens.flags[i:j]
    out.flagged = tokens.flagged
    _index_active(out)
    return out


@functools.lru_cache(maxsize=200_000)
def forms(word: str) -> tuple[str, ...]:
    """A normalised word with its clitics tried off, the word itself first."""
    out = [word]
    bases = [word] + [word[1:] for c in _CONJ if word.startswith(c) and len(word) > 2]
    for base in bases:
        if base not in out:
            out.append(base)
        for p in _PROCLITICS_BY_LETTER.get(base[:1], ()):  # only those starting with its first letter
            if base.startswith(p) and len(base) - len(p) >= 2:
                rest = base[len(p):]
                if p == "لل":
                    rest = "ال" + rest
                if rest not in out:
                    out.append(rest)
    return tuple(out)


class Matcher:
    """Longest match of lexicon entries at a position in a token list.

    Lookups are indexed: the longest entry each first word starts (so most words try no multi-word
    key at all), and a bounded per-word memo of that and of the one-word and prefix (``*``) match.
    Each matcher has a bit in the tokens' ``flags`` (see :func:`tokenize`): where its bit is off, no
    entry starts, and nothing is looked up.
    """

    #: Every matcher made, in order: matcher k owns bit 1 << k of the token flags.
    registry: list["Matcher"] = []

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
        #: first word -> length of the longest multi-word entry it starts
        self._longest: dict[str, int] = {}
        for key in self._exact:
            if len(key) > 1:
                self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        #: prefix stem -> its rank in file order (the first stem in file order wins, as it always has)
        self._prefix_rank = {stem: rank for rank, stem in enumerate(self._prefix)}
        self._prefix_payloads = list(self._prefix.values())
        self._prefix_lengths = sorted({len(stem) for stem in self._prefix})
        self._firsts = frozenset(key[0] for key in self._exact)
        self._memo: dict[str, tuple] = {}  # word -> _entry(word)
        self.index = len(Matcher.registry)
        self.bit = 1 << self.index
        Matcher.registry.append(self)
        _FLAGS.clear()  # flags computed before this matcher existed lack its bit


    def match_exact_first(self, tokens: list[Token]) -> bool:
        """Whether an entry starts with ``tokens[0]`` as it is, no clitic split off."""
        word = tokens[0].norm
        return word in self._firsts or any(word.startswith(p) for p in self._prefix)

    def candidates(self, tokens: list[Token], start: int = 0, stop: int | None = None) -> list[int]:
        """Indices (within ``start:stop``) at which :meth:`match` may find an entry, in order (every other
        index finds none).

        A scan over a sentence tries :meth:`match` only at these: most words start no entry.
        """
        stop = len(tokens) if stop is None else min(stop, len(tokens))
        if self._flags(tokens) is None:  # tokens without this matcher's bit (a plain list, or made before it)
            return list(range(start, stop))
        active, flags = tokens.active, tokens.active_flags  # only tokens with some bit set can match
        if start > 0 or stop < len(tokens):
            lo = bisect.bisect_left(active, start)
            hi = bisect.bisect_left(active, stop, lo)
            active, flags = active[lo:hi], flags[lo:hi]
        return list(itertools.compress(active, map(self.bit.__and__, flags)))  # in C

    def scan(self, tokens: list[Token], masked=frozenset()) -> list[tuple[int, int, object]]:
        """(index, number of tokens, payload) of the longest entries along a sentence, left to right,
        not overlapping, none starting at a ``masked`` index."""
        out, i = [], 0
        for j in self.candidates(tokens):  # the other positions match nothing
            if j < i or j in masked:
                continue
            hit = self.match(tokens, j)
            if hit is not None:
                out.append((j, *hit))
                i = j + hit[0]
        return out

    def _flags(self, tokens: list[Token]) -> list[int] | None:
        """The tokens' flags when they hold this matcher's bit (tokens made after the matcher)."""
        return tokens.flags if getattr(tokens, "flagged", 0) > self.index else None

    def match(self, tokens: list[Token], i: int) -> tuple[int, object] | None:
        """(number of tokens, payload) of the longest entry starting at ``tokens[i]``, or ``None``."""
        flags = self._flags(tokens)
        if flags is not None and not flags[i] & self.bit:
            return None  # no entry starts at this word (the common case)
        word = tokens[i].norm
        entry = self._memo.get(word)
        if entry is None:
            entry = self._entry(word)
        top, first_forms, single = entry
        if top:
            exact = self._exact
            norms = norms_of(tokens)
            for n in range(min(top, len(tokens) - i), 1, -1):
                rest = tuple(norms[i + 1:i + n])
                for f in first_forms:
                    payload = exact.get((f, *rest))
                    if payload is not None:
                        return n, payload
        return single

    def _entry(self, word: str) -> tuple[int, tuple[str, ...], tuple[int, object] | None]:
        """What ``match`` needs to know of one word: the longest multi-word entry any of its forms
        starts (0 for none), its forms, and its one-word or prefix match. Remembered."""
        first_forms = forms(word)
        top = max((self._longest.get(f, 0) for f in first_forms), default=0)
        entry = (top, first_forms if top else (), self._match_one(first_forms))
        if len(self._memo) >= _MEMO_SIZE:  # bounded, so a long run's memory stays flat
            self._memo.clear()
        self._memo[word] = entry
        return entry

    def _match_one(self, first_forms: tuple[str, ...]) -> tuple[int, object] | None:
        for f in first_forms:
            payload = self._exact.get((f,))
            if payload is not None:
                return 1, payload
        rank_of = self._prefix_rank
        for f in first_forms:
            ranks = [rank_of[f[:k]] for k in self._prefix_lengths if k <= len(f) and f[:k] in rank_of]
            if ranks:
                return 1, self._prefix_payloads[min(ranks)]
        return None


@dataclass(frozen=True, slots=True)
class Actor:
    """An armed or political actor from ``actors.csv``."""

    id: str
    name_ar: str
    name_en: str
    side: str


@dataclass(frozen=True)
class Lexicons:
    """Every geonews lexicon as a matcher."""

    claims: Matcher        # -> claim type
    negators: Matcher      # -> claim types it cancels ("all" or "control"), a few words before a cue
    name_heads: Matcher    # -> True (right before a cue, the cue is part of a name: ساحة التحرير)
    non_territory: Matcher  # -> True (an object after a cue that is not territory)
    reporting: Matcher     # -> kind: verb | phrase | continuation
    supporters: Matcher    # -> True (a place after it backs or hosts an actor: المدعومة من روسيا)
    units: Matcher         # -> unit
    relations: Matcher     # -> (relation, geo_precision)
    actors: Matcher        # -> Actor
    actors_by_id: dict = field(compare=False)  # actor id -> Actor (not hashed: the matchers identify it)


def rows(name: str) -> list[dict]:
    """The rows of a CSV file in ``geonews/data``, comment lines (``# …``) left out."""
    with resources.files("geonews.data").joinpath(name).open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if not next(iter(row.values()), "").startswith("#")]


@functools.lru_cache(maxsize=None)
def load_lexicons() -> Lexicons:
    """Read every lexicon once per process."""
    actors, by_id = [], {}
    for row in rows("actors.csv"):
        actor = by_id[row["id"]] = Actor(row["id"], row["name_ar"], row["name_en"], row["side"])
        actors += [(name, actor) for name in [row["name_ar"], *row["aliases_ar"].split("|")] if name.strip()]
    negators = rows("claim_negators.csv")

    def words_at(position: str, payload=lambda r: True) -> Matcher:
        return Matcher([(r["word"], payload(r)) for r in negators if r["position"] == position])

    return Lexicons(
        claims=Matcher([(r["cue"], r["claim_type"]) for r in rows("claim_cues.csv")]),
        negators=words_at("before", lambda r: r["applies_to"]),
        name_heads=words_at("name"),
        non_territory=words_at("after"),
        supporters=words_at("supporter"),
        reporting=Matcher([(r["cue"], r["kind"]) for r in rows("reporting.csv")]),
        units=Matcher([(r["word"], r["unit"]) for r in rows("units.csv")]),
        relations=Matcher([(r["cue"], (r["relation"], int(r["geo_precision"]))) for r in rows("relations.csv")]),
        actors=Matcher(actors),
        actors_by_id=by_id,
    )


@functools.lru_cache(maxsize=None)
def speech_words() -> dict[str, frozenset[str]]:
    """``speech.csv`` by kind (stop, opener, statement_noun, locative …), normalised."""
    out: dict[str, set[str]] = {}
    for row in rows("speech.csv"):
        out.setdefault(row["kind"], set()).add(normalize(row["word"]))
    return {k: frozenset(v) for k, v in out.items()}
