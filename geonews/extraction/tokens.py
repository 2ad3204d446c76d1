"""Tokens of an article: words and the punctuation that matters, with text offsets and normal forms.

An article is tokenised once (:func:`tokenize`) and each sentence takes its slice (:func:`token_slice`).
Given the :class:`~geonews.extraction.matcher.WordFlags` of a set of matchers, every token also carries
their flags (one bit per matcher an entry of which may start at that word), so each matcher looks only
where its bit is set.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import os
import re
import warnings
from typing import NamedTuple

from gazetteer import normalize

__all__ = ["Token", "Tokens", "compiled_parts", "norms_of", "positions", "token_index", "token_slice", "tokenize"]

_MARKS = "\u064b-\u065f\u0670\u0640"
#: A number with decimals, a word (letters with the marks inside or around them: written as runs, which the
#: regex engine takes far faster than one alternation per character), a percent sign, a quote, a comma or colon.
_TOKEN = re.compile(rf"\d+(?:[.,٫]\d+)+|[^\W_]+(?:[{_MARKS}]+[^\W_]*)*|[{_MARKS}]+(?:[^\W_]+[{_MARKS}]*)*"
                    r"|[%٪«»\"“”،,:؛]")  # the one-character tokens as one class: one test where no token starts
_SPLIT = re.compile(f"({_TOKEN.pattern})")
_MEMO_SIZE = 100_000  # words remembered


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
    entry of which may start there (``flags``, set by the :class:`~geonews.extraction.matcher.WordFlags`
    named in ``flagged_by``; ``None`` when the tokens were made without). ``active`` lists the indices of
    the tokens with any bit set (a fifth of them) and ``active_flags`` their flags: matchers scan only those."""

    __slots__ = ("norms", "starts", "ends", "flags", "flagged_by", "active", "active_flags")


class _Norms(dict):
    """Word as written -> its normal form, computed on first sight (tokenize's memo)."""

    def __missing__(self, word: str) -> str:
        norm = self[word] = normalize(word) or word
        return norm


_NORMS = _Norms()


def compiled_parts(names: tuple[str, ...], what: str, instead: str) -> tuple | None:
    """The objects ``names`` of the compiled module ``_splitwords``, unless the environment variable
    ``GEONEWS_COMPILED`` is ``0`` (then ``None``: the caller runs its Python reference, the same results); not
    built: ``None``, with a warning that the compiled ``what`` (its verb included: "token split is") is missing
    and ``instead`` runs."""
    if os.environ.get("GEONEWS_COMPILED", "1").strip() in ("0", ""):
        return None
    try:
        module = importlib.import_module(f"{__package__}._splitwords")
        return tuple(getattr(module, name) for name in names)
    except (ImportError, AttributeError):
        warnings.warn(f"geonews: the compiled {what} not built (run `pip install -e .` or `make map`); {instead}",
                      RuntimeWarning, stacklevel=3)
        return None


def _compiled_split():
    """The compiled tokeniser and its table of words seen (``_splitwords.pyx``: the split, the normal forms and the tokens in one walk
    over the characters), unless ``GEONEWS_COMPILED`` is ``0`` (then the regex split here, the reference: the
    same tokens); not built: the regex split, with a warning."""
    return compiled_parts(("tokens_of", "WordTable"), "token split is",
                          "tokenize() runs the regex split, slower, same tokens")


_tokens_of, _WordTable = _compiled_split() or (None, None)


def tokenize(text: str, offset: int = 0, flags=None) -> Tokens:
    """Words and the punctuation that matters (quotes, commas, colons) with text offsets (plus ``offset``),
    flagged by ``flags`` (a :class:`~geonews.extraction.matcher.WordFlags`) when given."""
    if len(_NORMS) >= _MEMO_SIZE:  # bounded, so a long run's memory stays flat
        _NORMS.clear()
    if _tokens_of is not None:
        pairs = table = None
        if flags is not None:
            pairs = flags.words()  # word -> (normal form, flags): one look-up
            table = flags.token_table  # the words seen, found from the text's characters (each a string once)
            if table is None:
                table = flags.token_table = _WordTable()
        made, norms, starts, ends, bits, active, active_flags = _tokens_of(
            text, offset, _NORMS, _NORMS.__getitem__, Token, pairs, None if pairs is None else pairs.__getitem__,
            table)
        out = Tokens(made)
        out.norms, out.starts, out.ends = norms, starts, ends
        out.flagged_by = flags
        if flags is None:
            out.flags = [0] * len(norms)
            _index_active(out)
        else:  # the flags, and the tokens with any, made in the same walk
            out.flags, out.active, out.active_flags = bits, active, active_flags
        return out
    # One split gives the words and the text between them; their lengths give the offsets. No match
    # objects and no Python loop: this runs over every article.
    pieces = _SPLIT.split(text)
    words = pieces[1::2]
    bounds = list(itertools.accumulate(map(len, pieces), initial=offset))
    starts, ends = bounds[1::2], bounds[2::2]  # (starts ends with the text's end: no bisection finds it)
    norms = list(map(_NORMS.__getitem__, words))
    # tuple.__new__(Token, fields) builds each token in C (Token(...) would run a Python __new__)
    out = Tokens(map(tuple.__new__, itertools.repeat(Token), zip(starts, ends, words, norms)))
    out.norms, out.starts, out.ends = norms, starts, ends
    out.flagged_by = flags
    out.flags = flags.of(norms) if flags is not None else [0] * len(norms)
    _index_active(out)
    return out


def _index_active(tokens: Tokens) -> None:
    """Set ``tokens.active`` and ``tokens.active_flags`` from ``tokens.flags`` (two scans in C)."""
    flags = tokens.flags
    tokens.active = list(itertools.compress(itertools.count(), flags))
    tokens.active_flags = list(filter(None, flags))


def positions(norms: list[str], words, start: int = 0) -> list[int]:
    """Indices (counted from ``start``) of the normal forms that are in ``words`` (a set, or a dict's
    keys), in order: tested all at once in C first, as most sentences hold none of a small set."""
    if words.isdisjoint(norms):
        return []
    return list(itertools.compress(itertools.count(start), map(words.__contains__, norms)))


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
    out.flagged_by = tokens.flagged_by
    _index_active(out)
    return out


def token_index(tokens: Tokens, position: int) -> int:
    """Index of the first token ending after text offset ``position`` (``len(tokens)`` when none does)."""
    return bisect.bisect_right(tokens.ends, position)  # token ends increase along the text
