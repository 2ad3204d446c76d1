"""``clauses``: where a sentence's clauses begin — after a comma, semicolon or colon, at a conjunction that
opens a clause (كما، بينما، حيث، لكن، في حين), a relative pronoun (الذي، التي), a complementizer (أن، بأن)
a word of comparison (على غرار، مماثلة) and a temporal preposition (بعد، قبل، منذ) (``grammar.csv`` kinds
``clause_break``, ``contrast``, ``relative``, ``complementizer``, ``comparison``, ``temporal``). The scope of a negation, a threat or a plan ends with
its clause (``modality``)."""

from __future__ import annotations

import functools
from itertools import compress, count

from ..document import Doc
from ..registry import component

__all__ = ["clauses", "clause_starts"]

#: Punctuation that ends a clause.
_PUNCTUATION = frozenset("،,؛:")


@component("clauses", requires=("sent.tokens",), sets=("sent.clause_starts",))
def clauses(doc: Doc) -> Doc:
    """Mark where each active sentence's clauses begin."""
    for sent in doc.active():
        sent.clause_starts = clause_starts(sent.tokens, doc.lexicons)
    return doc


def clause_starts(tokens, lex) -> list[int]:
    """Token indices that begin a new clause (the boundary token itself), in order."""
    return list(compress(count(), map(_boundaries(lex).__contains__, tokens.norms)))  # a scan in C


@functools.lru_cache(maxsize=4)
def _boundaries(lex) -> frozenset[str]:
    """The words and punctuation that begin a clause (made once per lexicons)."""
    g = lex.grammar
    return (g["clause_break"] | g["contrast"] | g["relative"] | g["complementizer"] | g["comparison"] | g["temporal"]
            | _PUNCTUATION)
