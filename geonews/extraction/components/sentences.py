"""Sentence segmentation for Arabic (and Latin-script) news that keeps character offsets.

>>> [s.text for s in split_sentences("قال «هذا 4.5 كم.» ثم غادر. هل عاد؟ نعم")]
['قال «هذا 4.5 كم.» ثم غادر.', 'هل عاد؟', 'نعم']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.tables import load_table

from ..document import Doc, Sent
from ..registry import component
from ..tokens import compiled_parts, token_slice

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "sentences", "split_sentences"]

# One pass over the only characters that matter: runs of sentence ends (. ! ? ؟ ؛ … ۔, with any closing
# bracket right after them), line breaks, and quotation marks. Each match first skips the ordinary text
# before its token in one tight loop (3-5 times faster than searching for the token); group 1 is the
# token, empty at the end of the text.
_ENDS = ".!?\u061f\u061b\u2026\u06d4"
_OTHERS = "\n\r\u00ab\u00bb\u201c\u201d\""
_TOKENS = re.compile(f"[^{_ENDS}{_OTHERS}]*([{_ENDS}]+[)\\]]*|[{_OTHERS}]|\\Z)")
_INITIALS = re.compile(r"[A-Z]\.|[A-Za-z]\.(?:[A-Za-z]\.)+")  # J.  U.S.  e.g.  a.m.
_OPENERS = "([{\u00ab\u201c\"'"
_LOOK_BACK = 16  # longer than any abbreviation
#: The longest a sentence may be, in characters: text that runs on without an end (a scraped page with no
#: punctuation, one "sentence" of a million words) is cut into pieces of at most this length at a space, so
#: that the work each sentence takes stays bounded and the whole stays linear in the text. The longest
#: sentence of the 1,306 ANT development articles has 848 characters (145 words).
MAX_SENTENCE_CHARS = 2000
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"\S")


def _python_marks(text: str) -> list[tuple[int, int]]:
    """The characters that may end a sentence or open or close a quotation, in order, as (start, end) spans:
    group 1 of each match of :data:`_TOKENS` before the empty one at the end of the text (the reference of
    the compiled ``_splitwords.sentence_marks``)."""
    out = []
    for match in _TOKENS.finditer(text):
        begin, end = match.span(1)
        if begin == end:
            break
        out.append((begin, end))
    return out


def _compiled_marks():
    """The compiled scan of the marks (``_splitwords.sentence_marks``), unless the environment variable
    ``GEONEWS_COMPILED`` is ``0`` (then :func:`_python_marks`, the reference: the same spans); not built: the
    reference, with a warning."""
    parts = compiled_parts(("sentence_marks",), "sentence marks are",
                           "split_sentences() runs the regex, slower, same sentences")
    return _python_marks if parts is None else parts[0]


_marks = _compiled_marks()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``article_text[start:end] == text``, without surrounding whitespace."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(row["word"].lower() for row in load_table("geonews.data", "abbreviations.csv"))


def _keeps_going(text: str, i: int) -> bool:
    """Whether the single ``.`` at ``text[i]`` is not a sentence end (decimal, abbreviation, initial)."""
    before, after = text[i - 1:i], text[i + 1:i + 2]
    if before.isdigit() and after.isdigit():  # 4.5  ٤.٥
        return True
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():  # U.S  example.com
        return True
    words = text[max(0, i - _LOOK_BACK):i + 1].split()
    token = words[-1].lstrip(_OPENERS) if words else ""
    if len(token) == 2 and token[0].isalpha() and after.isalpha():  # the first dot of أ.د. or ق.م.
        return True
    return token.lower() in _abbreviations() or _INITIALS.fullmatch(token) is not None


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    start += len(piece) - len(piece.lstrip())
    end = start + len(stripped)
    while end - start > MAX_SENTENCE_CHARS:  # cut at the last space that keeps the piece within the bound
        cut = start + MAX_SENTENCE_CHARS
        spaces = [m.start() for m in _SPACE.finditer(text, start + MAX_SENTENCE_CHARS // 2, cut + 1)]
        if spaces:
            cut = spaces[-1]
        part = text[start:cut].rstrip()
        sentences.append(Sentence(start, start + len(part), part))
        start = _WORD.search(text, cut, end).start()  # the next piece starts at the next word (never a copy of the rest)
    sentences.append(Sentence(start, end, text[start:end]))


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences, keeping their offsets.

    Parameters
    ----------
    text : str
        An article's text.

    Returns
    -------
    list of Sentence
        In order, non-overlapping, none empty. A sentence ends after a run of ``.`` ``!`` ``?`` ``؟``
        ``؛`` ``…`` (the run, and a closing bracket right after it, belong to it) or at a line break;
        one longer than :data:`MAX_SENTENCE_CHARS` is cut into pieces no longer than that, at the last
        space before the bound (at the bound itself in a word that long).

    Notes
    -----
    A ``.`` does not end a sentence between digits (4.5), between Latin letters or digits
    (example.com), after an abbreviation listed in ``geonews/data/abbreviations.csv`` (Dr., etc., د.),
    after a single capital letter (J. Kerry) or inside dotted initials (U.S., أ.د.). Nothing ends a
    sentence inside a quotation (« », “ ”, or a pair of ``"``): it ends at the first end after the quote
    closes. A quotation still open at a line break is closed there, so it never swallows the next line.
    """
    sentences: list[Sentence] = []
    start = 0
    guillemets = curly = 0
    straight = False
    for begin, end in _marks(text):
        char = text[begin]
        if char == "\n" or char == "\r":
            _add(sentences, text, start, begin)
            start = end
            guillemets = curly = 0
            straight = False
        elif char == "\u00ab":
            guillemets += 1
        elif char == "\u00bb":
            guillemets -= guillemets > 0
        elif char == "\u201c":
            curly += 1
        elif char == "\u201d":
            curly -= curly > 0
        elif char == '"':
            straight = not straight
        elif guillemets or curly or straight:
            continue
        elif char == "." and (end - begin == 1 or text[begin + 1] in ")]") and _keeps_going(text, begin):
            continue
        else:
            _add(sentences, text, start, end)
            start = end
    _add(sentences, text, start, len(text))
    return sentences


@component("sentences", requires=("doc.tokens",), sets=("doc.sents", "sent.tokens"))
def sentences(doc: Doc) -> Doc:
    """Split the article into sentences, each with its slice of the article's tokens."""
    doc.sents = [Sent(k, s.start, s.end, s.text, token_slice(doc.tokens, s.start, s.end))
                 for k, s in enumerate(split_sentences(doc.text))]
    return doc
