"""Longest match of lexicon entries along a sentence's tokens, and the word flags that tell each matcher
where an entry may start.

Entries are word sequences; a trailing ``*`` on a one-word entry matches any ending (سيطر* matches
سيطرت، سيطرة). Words are compared in normal form (``gazetteer.normalize``) after attached clitics
(و ف, then ب ل ك ال لل) are tried off (:func:`~geonews.extraction.tokens.forms`).
"""

from __future__ import annotations

import bisect
import itertools

import functools

from gazetteer.morphology import word_forms
from gazetteer import normalize

from .tokens import Token, norms_of

__all__ = ["Matcher", "WordFlags"]

_MEMO_SIZE = 100_000  # words remembered per matcher, and per flag table


class Matcher:
    """Longest match of lexicon entries at a position in a token list.

    Lookups are indexed: the longest entry each first word starts (so most words try no multi-word
    key at all), and a bounded per-word memo of that and of the one-word and prefix (``*``) match.
    A matcher that belongs to a :class:`WordFlags` has a bit in the flags of the tokens made with it:
    where its bit is off, no entry starts, and nothing is looked up.
    """

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
        #: first word -> the words after it of each multi-word entry it starts -> payload
        self._rests: dict[str, dict[tuple[str, ...], object]] = {}
        for key, payload in self._exact.items():
            if len(key) > 1:
                self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
                self._rests.setdefault(key[0], {})[key[1:]] = payload
        #: prefix stem -> its rank in file order (the first stem in file order wins, as it always has)
        self._prefix_rank = {stem: rank for rank, stem in enumerate(self._prefix)}
        self._prefix_payloads = list(self._prefix.values())
        self._prefix_lengths = sorted({len(stem) for stem in self._prefix})
        self._firsts = frozenset(key[0] for key in self._exact)
        self._memo: dict[str, tuple] = {}  # word -> _entry(word)
        self.bit = 0  # set by the WordFlags the matcher joins
        self.flags: WordFlags | None = None
        #: what the ``flagged_by`` of tokens made with this matcher's flags is: its WordFlags once it has
        #: joined one; before, an object no tokens name (tokens made without flags name ``None``)
        self._owner: object = object()
        self._has_bit = self.bit.__and__

    @property
    def first_words(self) -> frozenset[str]:
        """First words of the multi-word and one-word entries (normal form)."""
        return self._firsts

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Stems of the ``*`` entries (normal form), in file order."""
        return tuple(self._prefix)

    def match_exact_first(self, tokens: list[Token]) -> bool:
        """Whether an entry starts with ``tokens[0]`` as it is, no clitic split off."""
        word = tokens[0].norm
        return word in self._firsts or any(word.startswith(p) for p in self._prefix)

    def candidates(self, tokens: list[Token], start: int = 0, stop: int | None = None) -> list[int]:
        """Indices (within ``start:stop``) at which :meth:`match` may find an entry, in order (every other
        index finds none).

        A scan over a sentence tries :meth:`match` only at these: most words start no entry.
        """
        if start == 0 and stop is None and getattr(tokens, "flagged_by", None) is self._owner:  # a whole sentence
            return list(itertools.compress(tokens.active, map(self._has_bit, tokens.active_flags)))  # in C
        size = len(tokens)
        stop = size if stop is None else min(stop, size)
        try:
            own = tokens.flagged_by is self._owner
        except AttributeError:  # a plain list of tokens
            own = False
        if not own:  # tokens without this matcher's bit (a plain list, or other flags)
            return list(range(start, stop))
        active, flags = tokens.active, tokens.active_flags  # only tokens with some bit set can match
        if start > 0 or stop < size:
            lo = bisect.bisect_left(active, start)
            hi = bisect.bisect_left(active, stop, lo)
            active, flags = active[lo:hi], flags[lo:hi]
        return list(itertools.compress(active, map(self._has_bit, flags)))  # in C

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
        """The tokens' flags when they hold this matcher's bit (tokens made with its WordFlags)."""
        owner = getattr(tokens, "flagged_by", None)
        return tokens.flags if owner is not None and owner is self.flags else None

    def match(self, tokens: list[Token], i: int) -> tuple[int, object] | None:
        """(number of tokens, payload) of the longest entry starting at ``tokens[i]``, or ``None``."""
        # the test of _flags inline (this runs ~20 times a sentence): no entry starts where the bit is off
        try:
            if tokens.flagged_by is self._owner and not tokens.flags[i] & self.bit:
                return None  # (the common case)
        except AttributeError:  # a plain list of tokens
            pass
        word = tokens[i].norm
        entry = self._memo.get(word)
        if entry is None:
            entry = self._entry(word)
        top, rests, single = entry
        if top:
            norms = norms_of(tokens)
            for n in range(min(top, len(tokens) - i), 1, -1):
                rest = tuple(norms[i + 1:i + n])
                for after in rests:
                    payload = after.get(rest)
                    if payload is not None:
                        return n, payload
        return single

    def _entry(self, word: str) -> tuple[int, tuple[dict, ...], tuple[int, object] | None]:
        """What ``match`` needs to know of one word: the longest multi-word entry any of its forms
        starts (0 for none), the entries' later words of each form that starts some (in the forms'
        order), and its one-word or prefix match. Remembered."""
        first_forms = forms(word)
        top = max((self._longest.get(f, 0) for f in first_forms), default=0)
        rests = tuple(self._rests[f] for f in first_forms if f in self._rests)
        entry = (top, rests, self._match_one(first_forms))
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


@functools.lru_cache(maxsize=65_536)
def forms(norm: str) -> tuple[str, ...]:
    """A word's forms with its clitics tried off (``word_forms``), and after لل (ل + ال) the bare word too
    (للجيش -> الجيش، جيش): entries are listed bare or with the article."""
    out = word_forms(norm)
    if norm.lstrip("وف").startswith("لل"):
        out += tuple(f[2:] for f in out if f.startswith("ال") and len(f) > 4 and f[2:] not in out)
    return out


class WordFlags:
    """Normal form -> the bits of every matcher of a set an entry of which may start at it.

    Matcher k of the set owns bit ``1 << k``. One lookup per token (computed on first sight of a word,
    remembered in a bounded memo) tells every matcher where to look; tokens made with these flags
    (``tokenize(text, flags=...)``) carry them.
    """

    def __init__(self, matchers: list[Matcher]) -> None:
        self.matchers = tuple(matchers)
        firsts: dict[str, int] = {}
        stems: dict[str, int] = {}
        for k, matcher in enumerate(self.matchers):
            if matcher.flags is not None:
                raise ValueError("Expected matchers that belong to no other WordFlags, instead got one that does.")
            matcher.bit, matcher.flags, matcher._owner = 1 << k, self, self
            matcher._has_bit = matcher.bit.__and__
            for word in matcher.first_words:
                firsts[word] = firsts.get(word, 0) | matcher.bit
            for stem in matcher.prefixes:
                stems[stem] = stems.get(stem, 0) | matcher.bit
        by_head: dict[str, list[tuple[str, int]]] = {}
        for stem, bits in stems.items():
            by_head.setdefault(stem[:2], []).append((stem, bits))
        self._firsts = firsts
        self._stems_by_head = {head: tuple(pairs) for head, pairs in by_head.items()}
        self._memo = _Memo(self._compute)
        self._words = _Memo(self._word)  # word as written -> (normal form, flags)
        self._values: dict[int, int] = {}  # flags -> the one object of that value
        #: the compiled tokeniser's table of the words seen with these flags (set by ``tokens.tokenize``)
        self.token_table = None

    def of(self, norms: list[str]) -> list[int]:
        """The flags of each normal form."""
        return list(map(self.memo().__getitem__, norms))  # in C; a word never seen is computed once

    def memo(self) -> dict[str, int]:
        """Normal form -> its flags, computed on first look-up (``__getitem__``): what :meth:`of` reads, for a
        tokeniser that looks the flags up as it makes the tokens."""
        if len(self._memo) >= _MEMO_SIZE:  # bounded, so a long run's memory stays flat
            self._memo.clear()
        return self._memo

    def words(self) -> dict[str, tuple[str, int]]:
        """Word as written -> (its normal form, its flags), computed on first look-up (``__getitem__``): a
        tokeniser's one look-up per token for both."""
        if len(self._words) >= _MEMO_SIZE:  # bounded, so a long run's memory stays flat
            self._words.clear()
        return self._words

    def _word(self, word: str) -> tuple[str, int]:
        norm = normalize(word) or word  # as tokenize() normalises
        return norm, self.memo()[norm]

    def _compute(self, norm: str) -> int:
        flags = 0
        for f in forms(norm):
            flags |= self._firsts.get(f, 0)
            for head in (f[:2], f[:1]):  # most words begin with no stem's first two letters (or one-letter stem)
                for stem, bits in self._stems_by_head.get(head, ()):
                    if f.startswith(stem):
                        flags |= bits
        return self._values.setdefault(flags, flags)  # one object per value: few, so they stay in the caches


class _Memo(dict):
    """A dict that computes (and keeps) the value of a key it lacks."""

    __slots__ = ("compute",)

    def __init__(self, compute) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value
